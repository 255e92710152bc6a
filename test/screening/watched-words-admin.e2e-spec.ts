import { Role } from '../../src/common/domain/role.enum';
import { startTestApp, TestApp } from '../helpers/test-app';
import { uniqueSub } from '../utils/factories';
import { waitFor } from '../utils/wait-for';

const SET = `mutation($input: AddWatchedWordInput!) { setWatchedWord(input: $input) { id term action } }`;
const LIST = `{ watchedWords { id term action } }`;

function waitForStatus(app: TestApp, postId: string, token: string): Promise<string> {
  return waitFor(
    `post ${postId} to be screened`,
    async () => {
      const res = await app.gql<{ post: { status: string } | null }>(`query($id: ID!) { post(id: $id) { status } }`, { id: postId }, token);
      const status = res.data?.post?.status;
      return status !== 'PENDING' && status;
    },
    { timeoutMs: 10_000, intervalMs: 100 },
  );
}

describe('watched words: admins keep the list, the worker holds what it names', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'all' });
  });

  afterAll(async () => app.close());

  it('should let an admin set, list and remove a word, each audited, and refuse everyone else', async () => {
    const admin = await app.token(uniqueSub('admin'), Role.ADMIN);
    const set = await app.gql<{ setWatchedWord: { id: string; term: string; action: string } }>(
      SET,
      { input: { term: '  Gr1mwood  ', action: 'FLAG' } },
      admin,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data?.setWatchedWord).toMatchObject({ term: 'grimwood', action: 'FLAG' });
    const changed = await app.gql<{ setWatchedWord: { id: string; action: string } }>(SET, { input: { term: 'grimwood', action: 'HOLD' } }, admin);
    expect(changed.data?.setWatchedWord).toEqual({ id: set.data!.setWatchedWord.id, term: 'grimwood', action: 'HOLD' });
    const list = await app.gql<{ watchedWords: Array<{ term: string }> }>(LIST, {}, admin);
    expect(list.data?.watchedWords.filter((w) => w.term === 'grimwood')).toHaveLength(1);

    for (const role of [Role.CLIENT, Role.PEER_SPECIALIST, Role.CLINICIAN]) {
      const token = await app.token(uniqueSub('not-admin'), role);
      expect((await app.gql(LIST, {}, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await app.gql(SET, { input: { term: 'x', action: 'HOLD' } }, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await app.gql(SET, { input: { term: '   ', action: 'HOLD' } }, admin)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'term',
    });

    const removed = await app.gql<{ removeWatchedWord: boolean }>(
      `mutation($id: ID!) { removeWatchedWord(id: $id) }`,
      { id: set.data!.setWatchedWord.id },
      admin,
    );
    expect(removed.data?.removeWatchedWord).toBe(true);
    const again = await app.gql(`mutation($id: ID!) { removeWatchedWord(id: $id) }`, { id: set.data!.setWatchedWord.id }, admin);
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [{ count }] = await app.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_events WHERE target_id = $1 AND action IN ('watched_word.set', 'watched_word.removed')`,
      [set.data!.setWatchedWord.id],
    );
    expect(count).toBe(3);
  });

  it('should hold a post that uses a HOLD word, even spaced out, once the worker sees the list', async () => {
    const admin = await app.token(uniqueSub('admin'), Role.ADMIN);
    expect((await app.gql(SET, { input: { term: 'thornapple', action: 'HOLD' } }, admin)).errors).toBeUndefined();
    // Workers cache the list briefly; this worker shares the process, so drop its copy.
    const { WatchedWordsCache } = await import('../../src/screening/watched-words.cache');
    app.running.app.get(WatchedWordsCache).invalidate();

    const client = await app.token(uniqueSub('client'), Role.CLIENT);
    const { spaces } = (await app.gql<{ spaces: Array<{ id: string }> }>('{ spaces { id } }', {}, client)).data!;
    const created = await app.gql<{ createThread: { firstPost: { id: string } } }>(
      `mutation($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }`,
      { input: { spaceId: spaces[0].id, title: 'Garden', body: 'They keep growing t h o r n a p p l e by the fence.' } },
      client,
    );
    expect(await waitForStatus(app, created.data!.createThread.firstPost.id, client)).toBe('HELD');
  });
});
