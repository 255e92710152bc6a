import { Role } from '../../src/common/domain/role.enum';
import { probeDelivery, publishCaseChanged, subscribe, wsClient } from '../helpers/realtime';
import { waitFor } from '../utils/wait-for';
import { captureLogs, CapturedLogs } from '../helpers/captured-logs';
import { startTestApp, TestApp } from '../helpers/test-app';
import { GraphqlResponse } from '../utils/graphql';
import { assignToSpace, member, Member, postInThread, postWithCase, space, uniqueSub } from '../utils/factories';

type Page = { edges: Array<{ cursor: string; node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const cursor = (values: unknown): string => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

const UUID = '6f1c1c36-2b5e-4a8f-9d3e-0c6a1b2d3e4f';
const DASHES = '-'.repeat(36);
const TS = '2020-01-01 00:00:00.123456+00';
/** Dates JavaScript parses but PostgreSQL cannot hold, or that the server never prints. */
const BAD_TIMESTAMPS = [
  '1',
  '2020-01-01',
  '+275760-09-13T00:00:00.000Z',
  '2020-01-01T00:00:00.000Z',
  '2020-13-45 25:61:61+00',
  '2020-02-30 00:00:00+00',
  'now',
];

/** Cursors a client could forge for a list keyed (timestamp, id). */
function forgedTimestampCursors(): string[] {
  return [
    cursor(['2020-01-01', 'not-a-uuid']),
    cursor([TS, DASHES]),
    cursor([TS, 'ffffffff-ffff-ffff-ffff-fffffffffffff']),
    ...BAD_TIMESTAMPS.map((at) => cursor([at, UUID])),
    cursor([TS]),
    cursor([TS, UUID, 1]),
    cursor([1, UUID]),
    cursor({ at: TS, id: UUID }),
    cursor([TS, `${UUID}\u0000`]),
    `${cursor([TS, UUID])}==`,
    'not a cursor',
    '',
  ];
}

/** And for the moderation queue, keyed (priority rank, due, opened, id). */
function forgedQueueCursors(): string[] {
  return [
    cursor([1, TS, TS, DASHES]),
    ...BAD_TIMESTAMPS.flatMap((at) => [cursor([1, at, TS, UUID]), cursor([1, TS, at, UUID])]),
    cursor([9, TS, TS, UUID]),
    cursor([1.5, TS, TS, UUID]),
    cursor(['1', TS, TS, UUID]),
    cursor([1, TS, TS]),
    cursor([1, TS, TS, 'not-a-uuid']),
  ];
}

describe('client mistakes answer BAD_USER_INPUT, and nothing is logged as an error', () => {
  let app: TestApp;
  let logs: CapturedLogs;
  let spaceId: string;
  let admin: Member;
  let clinician: Member;
  let client: Member;

  /** Every page of a list, following endCursor; fails on any error. */
  async function allPages(query: string, variables: Record<string, unknown>, token: string, field: string): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res: GraphqlResponse<Record<string, Page>> = await app.gql<Record<string, Page>>(query, { ...variables, after }, token);
      expect(res.errors).toBeUndefined();
      const page: Page = res.data![field];
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) return ids;
      after = page.pageInfo.endCursor;
    }
    throw new Error('the list did not end');
  }

  function expectNothingLogged(...clientText: string[]): void {
    expect(logs.errors()).toEqual([]);
    const text = logs.text();
    for (const fragment of clientText) expect(text).not.toContain(fragment);
  }

  beforeAll(async () => {
    logs = captureLogs();
    app = await startTestApp({ role: 'api', logger: logs.logger });
    spaceId = await space(app.dataSource, { name: 'Hygiene' });
    admin = await member(app, Role.ADMIN, 'admin');
    clinician = await member(app, Role.CLINICIAN, 'clinician');
    client = await member(app, Role.CLIENT, 'client');
  });

  afterAll(async () => app.close());

  beforeEach(() => logs.clear());

  describe('forged cursors', () => {
    const lists: Array<{ name: string; query: string; variables: () => Record<string, unknown>; token: () => string; cursors: () => string[] }> = [
      {
        name: 'notifications',
        query: 'query ($after: String) { notifications(first: 2, after: $after) { edges { node { id } } } }',
        variables: () => ({}),
        token: () => client.token,
        cursors: forgedTimestampCursors,
      },
      {
        name: 'escalations',
        query: 'query ($after: String) { escalations(first: 2, after: $after) { edges { node { id } } } }',
        variables: () => ({}),
        token: () => clinician.token,
        cursors: forgedTimestampCursors,
      },
      {
        name: 'clientRiskTimeline',
        query: 'query ($memberId: ID!, $after: String) { clientRiskTimeline(memberId: $memberId, first: 2, after: $after) { edges { node { id } } } }',
        variables: () => ({ memberId: client.id }),
        token: () => clinician.token,
        cursors: forgedTimestampCursors,
      },
      {
        name: 'moderationQueue',
        query: 'query ($after: String) { moderationQueue(first: 2, after: $after) { edges { node { id } } } }',
        variables: () => ({}),
        token: () => admin.token,
        cursors: () => [...forgedQueueCursors(), ...forgedTimestampCursors()],
      },
      {
        name: 'threads',
        query: 'query ($spaceId: ID!, $after: String) { threads(spaceId: $spaceId, first: 2, after: $after) { edges { node { id } } } }',
        variables: () => ({ spaceId }),
        token: () => admin.token,
        cursors: forgedTimestampCursors,
      },
      {
        name: 'auditEvents',
        query: 'query ($after: String) { auditEvents(first: 2, after: $after) { edges { node { id } } } }',
        variables: () => ({}),
        token: () => admin.token,
        cursors: () => [
          cursor([1]),
          cursor(['-1']),
          cursor(['01']),
          cursor(['9999999999999999999']),
          cursor(['99999999999999999999']),
          cursor(['1e3']),
          cursor([UUID]),
          ...forgedTimestampCursors(),
        ],
      },
    ];

    it.each(lists.map((list) => [list.name, list] as const))('should refuse every forged cursor on %s with BAD_USER_INPUT', async (_name, list) => {
      for (const after of list.cursors()) {
        const res = await app.gql<Record<string, unknown>>(list.query, { ...list.variables(), after }, list.token());
        expect({ after, status: res.status, code: res.errors?.[0]?.extensions?.code }).toEqual({ after, status: 200, code: 'BAD_USER_INPUT' });
        expect(res.errors?.[0]?.message).toBe('after is not a cursor from this list.');
        expect(res.data?.[list.name] ?? null).toBeNull();
      }
      expectNothingLogged('not-a-uuid', DASHES, '275760');
    });

    it("should refuse a thread's posts cursor that is not a sequence number", async () => {
      const { threadId } = await postInThread(app.dataSource, spaceId, client.id);
      const query = 'query ($id: ID!, $after: String) { thread(id: $id) { posts(first: 2, after: $after) { edges { node { id } } } } }';
      for (const after of [cursor(['-1']), cursor(['1.5']), cursor([1]), cursor([UUID]), cursor(['1', '2']), 'x']) {
        const res = await app.gql(query, { id: threadId, after }, admin.token);
        expect({ after, code: res.errors?.[0]?.extensions?.code }).toEqual({ after, code: 'BAD_USER_INPUT' });
      }
      expectNothingLogged();
    });

    it('should page notifications completely when they were written within one millisecond', async () => {
      const reader = await member(app, Role.CLIENT, 'reader');
      const expected: string[] = [];
      for (let i = 9; i >= 1; i--) {
        const [row]: Array<{ id: string }> = await app.dataSource.query(
          `INSERT INTO notifications (member_id, kind, title, body, created_at) VALUES ($1, 'POST_PUBLISHED', 't', 'b', $2::timestamptz) RETURNING id`,
          [reader.id, `2030-01-01 00:00:00.12345${i}+00`],
        );
        expected.push(row.id);
      }
      const ids = await allPages(
        'query ($after: String) { notifications(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        {},
        reader.token,
        'notifications',
      );
      expect(ids).toEqual(expected);
    });

    it('should page escalations and a risk timeline completely with the cursors it hands out', async () => {
      const subject = await member(app, Role.CLIENT, 'subject');
      const { postId } = await postInThread(app.dataSource, spaceId, subject.id);
      const escalations: string[] = [];
      const signals: string[] = [];
      for (let i = 5; i >= 1; i--) {
        const at = `2100-01-01 00:00:00.00000${i}+00`;
        const [esc]: Array<{ id: string }> = await app.dataSource.query(
          `INSERT INTO escalations (dedupe_key, subject_id, post_id, trigger, severity, ack_due_at, created_at) VALUES ($1, $2, $3, 'MANUAL', 'ELEVATED', now() + interval '1 day', $4::timestamptz) RETURNING id`,
          [uniqueSub('esc'), subject.id, postId, at],
        );
        escalations.push(esc.id);
        const [signal]: Array<{ id: string }> = await app.dataSource.query(
          `INSERT INTO risk_signals (subject_id, post_id, revision, level, created_at) VALUES ($1, $2, $3, 'LOW', $4::timestamptz - interval '1 day') RETURNING id`,
          [subject.id, postId, i, at],
        );
        signals.push(signal.id);
      }
      const listed = await allPages(
        'query ($after: String) { escalations(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        {},
        clinician.token,
        'escalations',
      );
      expect(listed.filter((id) => escalations.includes(id))).toEqual(escalations);
      const timeline = await allPages(
        'query ($memberId: ID!, $after: String) { clientRiskTimeline(memberId: $memberId, first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { memberId: subject.id },
        clinician.token,
        'clientRiskTimeline',
      );
      expect(timeline).toEqual([...escalations, ...signals]);
    });
  });

  describe('characters PostgreSQL text cannot store', () => {
    it('should keep a member whose token name and cohort carry a NUL, on this and every later request', async () => {
      const sub = uniqueSub('nul-name');
      for (const name of ['Sky\u0000Blue', '\u0000', 'River\u0007\u202e']) {
        const token = await app.token(sub, Role.CLIENT, { name, cohort: 'co\u0000hort' });
        for (let i = 0; i < 2; i++) {
          const res = await app.gql<{ me: { id: string; displayName: string } }>('{ me { id displayName } }', {}, token);
          expect(res.errors).toBeUndefined();
          // eslint-disable-next-line no-control-regex
          expect(res.data?.me.displayName).not.toMatch(/[\u0000-\u001f\u202e]/);
        }
      }
      const [row]: Array<{ display_name: string; cohort: string }> = await app.dataSource.query(`SELECT display_name, cohort FROM members WHERE sub = $1`, [
        sub,
      ]);
      // A client is shown by the generated pseudonym, never the token's name; the cohort is kept without the NUL.
      expect(row.cohort).toBe('cohort');
      // eslint-disable-next-line no-control-regex
      expect(row.display_name).not.toMatch(/Sky\W*Blue|[\u0000-\u001f\u202e]/);
      expect(['Sky', 'Blue', 'River']).not.toContain(row.display_name);
      const again = await app.gql<{ me: { displayName: string } }>('{ me { displayName } }', {}, await app.token(sub, Role.CLIENT, { name: 'Sky\u0000Blue' }));
      expect(again.data?.me.displayName).toBe(row.display_name);
      expectNothingLogged('Sky');
    });

    it('should refuse a token whose subject carries a NUL with UNAUTHENTICATED', async () => {
      const res = await app.gql('{ me { id } }', {}, await app.token(`${uniqueSub('nul-sub')}\u0000`, Role.CLIENT));
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expectNothingLogged();
    });

    it('should answer every text input with a NUL with BAD_USER_INPUT or store it without the NUL, never INTERNAL_SERVER_ERROR', async () => {
      const author = await member(app, Role.CLIENT, 'nul-author');
      const peer = await member(app, Role.PEER_SPECIALIST, 'nul-peer');
      await assignToSpace(app.dataSource, spaceId, peer.id);
      const nul = 'nulmarker\u0000text';
      const created = await app.gql<{ createThread: { id: string; firstPost: { id: string } } }>(
        'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id firstPost { id } } }',
        { input: { spaceId, title: nul, body: nul } },
        author.token,
      );
      expect(created.errors).toBeUndefined();
      const threadId = created.data!.createThread.id;
      const postId = created.data!.createThread.firstPost.id;
      const [stored]: Array<{ body_text: string; title: string }> = await app.dataSource.query(
        `SELECT p.body_text, t.title FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1`,
        [postId],
      );
      expect(stored.title).toBe('nulmarkertext');
      expect(stored.body_text).toContain('nulmarkertext');
      expect(stored.body_text).not.toContain('\u0000');
      // Published, so a reply to it is accepted (screening is not what this test is about).
      await app.dataSource.query(`UPDATE posts SET status = 'PUBLISHED' WHERE id = $1`, [postId]);

      const [kase]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO moderation_cases (post_id, space_id, subject_id, reasons, priority, priority_rank, due_at) VALUES ($1, $2, $3, ARRAY['TOXICITY'], 'HIGH', 1, now() + interval '1 hour') RETURNING id`,
        [postId, spaceId, author.id],
      );
      const [esc]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO escalations (dedupe_key, subject_id, post_id, trigger, severity, ack_due_at) VALUES ($1, $2, $3, 'MANUAL', 'ELEVATED', now() + interval '1 day') RETURNING id`,
        [uniqueSub('nul-esc'), author.id, postId],
      );
      // Post text, titles and report reasons are stored without the NUL; staff notes and ids are refused.
      const expected: Record<string, string[] | undefined> = {
        createReply: undefined,
        editPost: undefined,
        reportPost: undefined,
        addCaseNote: ['BAD_USER_INPUT'],
        escalateCase: ['BAD_USER_INPUT'],
        resolveCase: ['BAD_USER_INPUT'],
        acknowledgeEscalation: ['BAD_USER_INPUT'],
        resolveEscalation: ['BAD_USER_INPUT'],
        setWatchedWord: undefined,
        post: ['BAD_USER_INPUT'],
      };
      const attempts: Array<[string, string, Record<string, unknown>, string]> = [
        ['createReply', 'mutation ($input: CreateReplyInput!) { createReply(input: $input) { id } }', { input: { threadId, body: nul } }, author.token],
        ['editPost', 'mutation ($input: EditPostInput!) { editPost(input: $input) { id } }', { input: { postId, body: nul, title: nul } }, author.token],
        ['reportPost', 'mutation ($input: ReportPostInput!) { reportPost(input: $input) }', { input: { postId, reason: nul } }, peer.token],
        ['addCaseNote', 'mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }', { input: { caseId: kase.id, note: nul } }, peer.token],
        ['escalateCase', 'mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { id } }', { input: { caseId: kase.id, note: nul } }, peer.token],
        [
          'resolveCase',
          'mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { id } }',
          { input: { caseId: kase.id, decision: 'REMOVE', note: nul } },
          peer.token,
        ],
        [
          'acknowledgeEscalation',
          'mutation ($id: ID!, $note: String) { acknowledgeEscalation(id: $id, note: $note) { id } }',
          { id: esc.id, note: nul },
          clinician.token,
        ],
        [
          'resolveEscalation',
          'mutation ($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { id } }',
          { input: { escalationId: esc.id, outcome: 'NO_ACTION_NEEDED', note: nul } },
          clinician.token,
        ],
        [
          'setWatchedWord',
          'mutation ($input: AddWatchedWordInput!) { setWatchedWord(input: $input) { id term } }',
          { input: { term: nul, action: 'FLAG' } },
          admin.token,
        ],
        ['post', 'query ($id: ID!) { post(id: $id) { id } }', { id: `${postId}\u0000` }, author.token],
      ];
      for (const [name, query, variables, token] of attempts) {
        const res = await app.gql(query, variables, token);
        expect({ name, status: res.status, errors: res.errors?.map((e) => e.extensions?.code) }).toEqual({ name, status: 200, errors: expected[name] });
      }
      expectNothingLogged('nulmarker');
    });

    it('should store a watched word typed with a NUL as the word without it, or refuse it', async () => {
      const res = await app.gql<{ setWatchedWord: { term: string } }>(
        'mutation ($input: AddWatchedWordInput!) { setWatchedWord(input: $input) { term } }',
        { input: { term: 'bram\u0000ble', action: 'FLAG' } },
        admin.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.setWatchedWord.term).toBe('bramble');
      const empty = await app.gql(
        'mutation ($input: AddWatchedWordInput!) { setWatchedWord(input: $input) { term } }',
        { input: { term: '\u0000\u0000', action: 'FLAG' } },
        admin.token,
      );
      expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expectNothingLogged('bram');
    });
  });

  describe('mistakes over the WebSocket', () => {
    let consoleError: jest.SpyInstance;

    beforeEach(() => {
      consoleError = jest.spyOn(console, 'error');
    });

    afterEach(() => consoleError.mockRestore());

    it.each([
      ['an unknown field', 'subscription { moderationQueueChanged { nope } }', 'BAD_USER_INPUT'],
      ['a syntax error', 'subscription { moderationQueueChanged { id ', 'BAD_USER_INPUT'],
      ['a query, which is served over HTTP only', '{ me { id displayName } }', 'BAD_USER_INPUT'],
      [
        'a document nested deeper than the query limits',
        `subscription { moderationQueueChanged { post { ${'thread { firstPost { '.repeat(8)}id${' } }'.repeat(8)} } } }`,
        'BAD_USER_INPUT',
      ],
    ])('should answer %s with a coded error and keep the socket', async (_what, query, code) => {
      const socket = wsClient(app.url, admin.token);
      const bad = subscribe(socket, query);
      const error = await waitFor('the error', () => bad.errors[0]);
      expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code }) })]);
      // The same socket still works: a coded refusal is not a broken connection.
      const good = subscribe<{ moderationQueueChanged: { id: string } }>(socket, 'subscription { moderationQueueChanged { id } }');
      const { caseId } = await postWithCase(app.dataSource, spaceId, (await member(app, Role.CLIENT, 'probe-author')).id);
      await probeDelivery(good, publishCaseChanged(app, { caseId, spaceId }), (e) => e.moderationQueueChanged.id === caseId, 'an event on the same socket');
      expect(good.errors).toEqual([]);
      good.dispose();
      await socket.dispose();
      expectNothingLogged('nope');
      expect(consoleError).not.toHaveBeenCalled();
    });

    it('should answer an operation name the document does not have with BAD_USER_INPUT', async () => {
      const socket = wsClient(app.url, admin.token);
      const errors: unknown[] = [];
      socket.subscribe(
        { query: 'subscription Changes { moderationQueueChanged { id } }', operationName: 'Other' },
        { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined },
      );
      const error = await waitFor('the error', () => errors[0]);
      expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      await socket.dispose();
      expectNothingLogged();
      expect(consoleError).not.toHaveBeenCalled();
    });

    it('should answer variables of the wrong type with BAD_USER_INPUT', async () => {
      const socket = wsClient(app.url, admin.token);
      const errors: unknown[] = [];
      socket.subscribe(
        {
          query: 'subscription ($n: Int) { moderationQueueChanged { id post { thread { posts(first: $n) { edges { node { id } } } } } } }',
          variables: { n: 'many' },
        },
        { next: (value) => errors.push(...(value.errors ?? [])), error: (e) => errors.push(e), complete: () => undefined },
      );
      const error = await waitFor('the error', () => errors[0]);
      expect(JSON.stringify(error)).toContain('BAD_USER_INPUT');
      await socket.dispose();
      expectNothingLogged('many');
      expect(consoleError).not.toHaveBeenCalled();
    });
  });
});
