import { exportJWK, generateKeyPair } from 'jose';
import { SignJWT } from 'jose';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { buildSchema, getNamedType, isEnumType, isLeafType, isNonNullType, isScalarType } from 'graphql';
import { HeldReason, PostStatus } from '../../src/common/domain/post-status.enum';
import { Role } from '../../src/common/domain/role.enum';
import { PostLifecycleService } from '../../src/forum/post-lifecycle.service';
import { SharedThreadPages, threadPageCacheReadsTotal } from '../../src/forum/shared-thread-pages';
import { createReply, publishedReply, publishedThread, screen } from '../forum/forum-fixtures';
import { subscribe, wsClient } from '../helpers/realtime';
import { captureLogs } from '../helpers/captured-logs';
import { startTestApp, TestApp } from '../helpers/test-app';
import { assignToSpace, insertEscalation, Member, member, postWithCase, space } from '../utils/factories';
import { GraphqlResponse } from '../utils/graphql';
import { waitFor } from '../utils/wait-for';

/**
 * A fifth outside review, after access-matrix, new-surface, third- and fourth-review attacks: the
 * shared thread-page cache (what a page read shows beside its posts, paging, quotes), hostile
 * strings in the text fields the earlier reviews did not send them to, and what error messages
 * tell about the schema in production, where introspection is off. The space's `archived` flag on
 * a thread page and the production suggestions failed before their fixes; the rest guard what was
 * found sound.
 */

const SHARED_DATA_DIR = process.env.SHARED_DATA_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'data');
const BLNS_PATH = join(SHARED_DATA_DIR, 'blns', 'blns.json');
const BLNS: string[] = existsSync(BLNS_PATH) ? (JSON.parse(readFileSync(BLNS_PATH, 'utf8')) as string[]) : [];
/** What no error may carry: a stack frame, a driver's words, SQL. */
const LEAKY_ERROR =
  /\bat [\w.<>]+ \(|node_modules|QueryFailedError|\bSELECT\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|violates|syntax error at|relation "|column "/i;

const codeOf = (res: GraphqlResponse<unknown>) => res.errors?.[0]?.extensions?.code;

describe('authorization: fifth review attacks', () => {
  let app: TestApp;
  let spaceA: string;
  let spaceB: string;
  let peerA: Member;
  let admin: Member;
  let author: Member;
  let reader: Member;
  /** Everything the app logs while this file attacks it, at debug level. */
  const logs = captureLogs('debug');

  beforeAll(async () => {
    // The page cache on, for a minute: only PostgreSQL's change notices can make a change show.
    // Pages with more than two reactions hold none of them: each viewer's own are read apart and kept.
    app = await startTestApp({ role: 'api', env: { THREAD_PAGE_CACHE_MS: '60000', THREAD_PAGE_CACHE_REACTIONS: '2' }, logger: logs.logger });
    await waitFor('the page cache to listen', () => app.running.app.get(SharedThreadPages).listening, { timeoutMs: 10_000 });
    spaceA = await space(app.dataSource, { name: 'Fifth review A' });
    spaceB = await space(app.dataSource, { name: 'Fifth review B' });
    peerA = await member(app, Role.PEER_SPECIALIST, 'fifth-peer-a');
    admin = await member(app, Role.ADMIN, 'fifth-admin');
    author = await member(app, Role.CLIENT, 'fifth-author');
    reader = await member(app, Role.CLIENT, 'fifth-reader');
    await assignToSpace(app.dataSource, spaceA, peerA.id);
  }, 60_000);

  afterAll(async () => app?.close());

  describe('a thread page read in one statement (and through the cache)', () => {
    const PAGE = `query ($id: ID!, $after: String) { thread(id: $id) { id space { id archived archivedAt }
      posts(first: 2, after: $after) { edges { cursor node { id status body quotedPost { id body } } } pageInfo { hasNextPage endCursor } } } }`;
    const ALONE = `query ($id: ID!) { thread(id: $id) { id space { id archived archivedAt } } }`;
    interface Page {
      thread: {
        space: { id: string; archived: boolean; archivedAt: string | null };
        posts: { edges: Array<{ cursor: string; node: { id: string; status: string; body: string | null; quotedPost: { id: string } | null } }> };
      } | null;
    }

    it("should say whether the thread's space is archived exactly as the space itself does, before and after archiving", async () => {
      const open = await space(app.dataSource, { name: 'Fifth review open' });
      const thread = await publishedThread(app, author, open);
      for (const who of [reader, peerA, admin]) {
        const alone = await app.gql<Page>(ALONE, { id: thread.id }, who.token);
        const withPage = await app.gql<Page>(PAGE, { id: thread.id }, who.token);
        expect(alone.errors).toBeUndefined();
        expect(withPage.errors).toBeUndefined();
        // Read twice: the second may be a cache hit.
        const again = await app.gql<Page>(PAGE, { id: thread.id }, who.token);
        expect([withPage.data?.thread?.space, again.data?.thread?.space]).toEqual([
          { id: open, archived: false, archivedAt: null },
          { id: open, archived: false, archivedAt: null },
        ]);
        expect(alone.data?.thread?.space).toEqual({ id: open, archived: false, archivedAt: null });
      }

      expect((await app.gql('mutation ($id: ID!) { archiveSpace(id: $id) { id } }', { id: open }, admin.token)).errors).toBeUndefined();
      // The archive's notice reaches the cache a moment after it commits.
      const shown = await waitFor(
        'the page to show the archive',
        async () => {
          const res = await app.gql<Page>(PAGE, { id: thread.id }, reader.token);
          return res.data?.thread?.space.archived ? res.data.thread.space : null;
        },
        { timeoutMs: 2_000, intervalMs: 20 },
      );
      expect(shown.archivedAt).toEqual(expect.any(String));
      const alone = await app.gql<Page>(ALONE, { id: thread.id }, reader.token);
      expect(alone.data?.thread?.space).toEqual(shown);
    });

    it("should page past a held reply and a forged cursor without showing it to another client, while its author and the space's peer see it", async () => {
      const thread = await publishedThread(app, author, spaceA);
      const before = await publishedReply(app, author, thread.id, 'First reply, shared.');
      const held = await createReply(app, author, thread.id, 'Second reply, held for a peer.');
      await screen(app, held.id, 1, HeldReason.TOXICITY);
      const after = await publishedReply(app, author, thread.id, 'Third reply, shared.');
      const ids = (res: GraphqlResponse<Page>) => res.data?.thread?.posts.edges.map((e) => e.node.id) ?? [];

      // Page one, twice (a miss, then a hit), then page two by its cursor.
      const first = await app.gql<Page>(PAGE, { id: thread.id }, reader.token);
      expect(ids(first)).toEqual([thread.firstPost.id, before.id]);
      expect(ids(await app.gql<Page>(PAGE, { id: thread.id }, reader.token))).toEqual([thread.firstPost.id, before.id]);
      const cursor = first.data!.thread!.posts.edges[1].cursor;
      for (let i = 0; i < 2; i++) expect(ids(await app.gql<Page>(PAGE, { id: thread.id, after: cursor }, reader.token))).toEqual([after.id]);

      // A cursor made up to start just before the held reply (its seq one below) still skips it.
      const [{ seq }]: Array<{ seq: string }> = await app.dataSource.query(`SELECT seq::text FROM posts WHERE id = $1`, [held.id]);
      const forged = Buffer.from(JSON.stringify([String(BigInt(seq) - 1n)])).toString('base64url');
      const forgedPage = await app.gql<Page>(PAGE, { id: thread.id, after: forged }, reader.token);
      expect(ids(forgedPage)).toEqual([after.id]);
      expect(ids(await app.gql<Page>(PAGE, { id: thread.id, after: forged }, author.token))).toEqual([held.id, after.id]);
      expect(JSON.stringify(forgedPage)).not.toContain(held.id);
      expect(JSON.stringify(forgedPage)).not.toContain('held for a peer');

      // Its author and the space's peer read it on the same page (not the shared one).
      expect(ids(await app.gql<Page>(PAGE, { id: thread.id, after: cursor }, author.token))).toEqual([held.id, after.id]);
      expect(ids(await app.gql<Page>(PAGE, { id: thread.id, after: cursor }, peerA.token))).toEqual([held.id, after.id]);
      // And the reader, after them, still not.
      expect(ids(await app.gql<Page>(PAGE, { id: thread.id, after: cursor }, reader.token))).toEqual([after.id]);
    });

    it('should not keep a removed reply on a page cached under another spelling of the thread id', async () => {
      const thread = await publishedThread(app, author, spaceA);
      const reply = await publishedReply(app, author, thread.id, 'A reply about to be removed.');
      const shouting = thread.id.toUpperCase();
      const ids = async (id: string) => (await app.gql<Page>(PAGE, { id }, reader.token)).data?.thread?.posts.edges.map((e) => e.node.id) ?? [];
      for (let i = 0; i < 2; i++) expect(await ids(shouting)).toEqual([thread.firstPost.id, reply.id]);
      const lifecycle = app.running.app.get(PostLifecycleService);
      await app.dataSource.transaction((manager) => lifecycle.transition(manager, { postId: reply.id, from: [PostStatus.PUBLISHED], to: PostStatus.REMOVED }));
      // The notice names the id as PostgreSQL prints it; the cache's max age is a minute here.
      await waitFor('the removal to show', async () => !(await ids(shouting)).includes(reply.id), { timeoutMs: 2_000, intervalMs: 20 });
      expect(await ids(thread.id)).toEqual([thread.firstPost.id]);
    });

    it('should give each viewer of a page too rich in reactions to hold them only their own, and forget them when they change', async () => {
      const thread = await publishedThread(app, author, spaceA);
      const reply = await publishedReply(app, author, thread.id, 'Small wins today.');
      const fans = await Promise.all(['fifth-fan-1', 'fifth-fan-2', 'fifth-fan-3', 'fifth-fan-4'].map((label) => member(app, Role.CLIENT, label)));
      const kinds = ['HEART', 'HUG', 'THANKS'];
      for (const [i, kind] of kinds.entries())
        expect(
          (await app.gql('mutation ($i: ReactInput!) { react(input: $i) { id } }', { i: { postId: reply.id, kind } }, fans[i].token)).errors,
        ).toBeUndefined();
      const REACTIONS = `query ($id: ID!) { thread(id: $id) { posts(first: 5) { edges { node { id reactions { kind count } viewerReactions } } } } }`;
      const mine = async (who: Member) => {
        const res = await app.gql<{ thread: { posts: { edges: Array<{ node: { id: string; reactions: unknown[]; viewerReactions: string[] } }> } } }>(
          REACTIONS,
          { id: thread.id },
          who.token,
        );
        const node = res.data?.thread.posts.edges.find((e) => e.node.id === reply.id)?.node;
        return { counts: node?.reactions.length, viewer: node?.viewerReactions };
      };
      await waitFor('all three reactions to show', async () => (await mine(fans[3])).counts === 3, { timeoutMs: 2_000, intervalMs: 20 });
      // Twice each, in turns: the second read is served what the first kept.
      const readApart = async () =>
        (await threadPageCacheReadsTotal.get()).values.filter((v) => v.labels.reason === 'own_reactions_read').reduce((sum, v) => sum + v.value, 0);
      const before = await readApart();
      for (let round = 0; round < 2; round++)
        for (const [i, fan] of fans.entries()) expect(await mine(fan)).toEqual({ counts: 3, viewer: i < 3 ? [kinds[i]] : [] });
      // The rich-page path ran: the viewers' own reactions were read apart (once each, at most).
      expect(await readApart()).toBeGreaterThan(before);
      expect((await readApart()) - before).toBeLessThanOrEqual(fans.length);

      expect(
        (await app.gql('mutation ($i: ReactInput!) { unreact(input: $i) { id } }', { i: { postId: reply.id, kind: 'HEART' } }, fans[0].token)).errors,
      ).toBeUndefined();
      await waitFor('the unreaction to show', async () => (await mine(fans[0])).viewer?.length === 0, { timeoutMs: 2_000, intervalMs: 20 });
      expect(await mine(fans[1])).toEqual({ counts: 2, viewer: ['HUG'] });
      expect(await mine(fans[3])).toEqual({ counts: 2, viewer: [] });
    });

    it('should stop showing a quoted post on a cached page once a moderator removes it', async () => {
      const thread = await publishedThread(app, author, spaceA);
      const quoted = await publishedReply(app, author, thread.id, 'Words someone will quote.');
      const quoting = await app.gql<{ createReply: { id: string } }>(
        'mutation ($input: CreateReplyInput!) { createReply(input: $input) { id } }',
        { input: { threadId: thread.id, body: 'Same for me.', quotePostId: quoted.id } },
        reader.token,
      );
      expect(quoting.errors).toBeUndefined();
      await screen(app, quoting.data!.createReply.id, 1, 'PUBLISH');
      const QUOTES = `query ($id: ID!) { thread(id: $id) { posts(first: 10) { edges { node { id quotedPost { id body } } } } } }`;
      const quoteSeen = async (who: Member) => {
        const res = await app.gql<{ thread: { posts: { edges: Array<{ node: { id: string; quotedPost: { id: string } | null } }> } } }>(
          QUOTES,
          { id: thread.id },
          who.token,
        );
        return res.data?.thread.posts.edges.find((e) => e.node.id === quoting.data!.createReply.id)?.node.quotedPost?.id ?? null;
      };
      expect(await quoteSeen(reader)).toBe(quoted.id);
      expect(await quoteSeen(reader)).toBe(quoted.id);

      const lifecycle = app.running.app.get(PostLifecycleService);
      await app.dataSource.transaction((manager) => lifecycle.transition(manager, { postId: quoted.id, from: [PostStatus.PUBLISHED], to: PostStatus.REMOVED }));
      const other = await member(app, Role.CLIENT, 'fifth-other');
      await waitFor('the quote to go', async () => (await quoteSeen(reader)) === null, { timeoutMs: 2_000, intervalMs: 20 });
      expect(await quoteSeen(other)).toBeNull();
      const page = await app.gql(QUOTES, { id: thread.id }, other.token);
      expect(JSON.stringify(page)).not.toContain(quoted.id);
      expect(JSON.stringify(page)).not.toContain('Words someone will quote');
    });

    it("should not serve a thread of another cohort's space, or another space's held first post, from a page another viewer cached", async () => {
      const cohortSpace = await space(app.dataSource, { cohort: 'fifth-winter' });
      const insider = await member(app, Role.CLIENT, 'fifth-winter', { cohort: 'fifth-winter' });
      const cohortThread = await publishedThread(app, insider, cohortSpace);
      // Cached by the insider and by staff reading the same page.
      for (const who of [insider, insider, admin]) expect((await app.gql<Page>(PAGE, { id: cohortThread.id }, who.token)).data?.thread).not.toBeNull();
      const outsider = await app.gql<Page>(PAGE, { id: cohortThread.id }, reader.token);
      expect(outsider.errors).toBeUndefined();
      expect(outsider.data?.thread).toBeNull();

      // A client outside the cohort cannot reply there either.
      expect(await createReply(app, author, cohortThread.id).catch(() => null)).toBeNull();

      // A held opening in space B, read by its author and by staff (bypassing or caching): never served to others.
      const held = await app.gql<{ createThread: { id: string; firstPost: { id: string } } }>(
        'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id firstPost { id } } }',
        { input: { spaceId: spaceB, title: 'A hard week', body: 'Not sure I should say this here.' } },
        author.token,
      );
      expect(held.errors).toBeUndefined();
      await screen(app, held.data!.createThread.firstPost.id, 1, HeldReason.TOXICITY);
      for (const who of [author, admin, author]) expect((await app.gql<Page>(PAGE, { id: held.data!.createThread.id }, who.token)).data?.thread).not.toBeNull();
      for (const who of [reader, peerA]) {
        const res = await app.gql<Page>(PAGE, { id: held.data!.createThread.id }, who.token);
        expect([res.errors, res.data?.thread]).toEqual([undefined, null]);
      }
    });
  });

  describe('every root field with hostile scalar arguments', () => {
    /** Values a well-formed request may carry that no field should answer with a server error. */
    const HOSTILE: Record<string, unknown[]> = {
      ID: ['x', '-1', '\u0000', '1'.repeat(10_000), '00000000-0000-0000-0000-00000000000g', "' OR 1=1 --"],
      String: ['\u0000', 'a\uD800b', '', 'x'.repeat(100_000), '%_\\'],
      Int: [-1, 0, 2_147_483_647, -2_147_483_648],
      DateTime: ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00.000Z'],
      Boolean: [true],
    };

    it('should answer every query and mutation whose arguments are scalars, for every role, with data or a client error', async () => {
      const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
      const clinician = await member(app, Role.CLINICIAN, 'fifth-fuzz-clinician');
      const roles: Member[] = [reader, peerA, clinician, admin];
      const unexpected: string[] = [];
      let sent = 0;
      for (const [operation, type] of [
        ['query', schema.getQueryType()],
        ['mutation', schema.getMutationType()],
      ] as const) {
        for (const field of Object.values(type!.getFields())) {
          const args = field.args.map((arg) => ({ arg, named: getNamedType(arg.type) }));
          // Input objects are attacked by the other tests; a required one cannot be left out here.
          if (args.some(({ arg, named }) => !isScalarType(named) && !isEnumType(named) && isNonNullType(arg.type))) continue;
          const scalars = args.filter(({ named }) => isScalarType(named) || isEnumType(named));
          const declared = scalars.map(({ arg }) => `$${arg.name}: ${String(arg.type)}`).join(', ');
          const passed = scalars.map(({ arg }) => `${arg.name}: $${arg.name}`).join(', ');
          const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
          const document = `${operation}${declared ? ` (${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
          const rounds = Math.max(1, ...scalars.map(({ named }) => (isEnumType(named) ? 1 : (HOSTILE[named.name]?.length ?? 1))));
          for (let round = 0; round < rounds; round++) {
            const variables: Record<string, unknown> = {};
            for (const { arg, named } of scalars) {
              const values = isEnumType(named) ? [named.getValues()[0].value] : (HOSTILE[named.name] ?? ['x']);
              variables[arg.name] = values[round % values.length];
            }
            for (const who of roles) {
              const res = await app.gql(document, variables, who.token);
              sent++;
              const code = codeOf(res);
              if (res.status >= 500 || code === 'INTERNAL_SERVER_ERROR' || (res.errors && LEAKY_ERROR.test(JSON.stringify(res.errors))))
                unexpected.push(`${field.name} ${JSON.stringify(variables).slice(0, 80)} -> ${res.status} ${String(code)}`);
            }
          }
        }
      }
      expect(sent).toBeGreaterThan(200);
      expect(unexpected).toEqual([]);
    }, 180_000);
  });

  describe('hostile strings in the other text fields', () => {
    it('should refuse or store a NUL, a lone surrogate and control characters in every free-text argument, never answer INTERNAL_SERVER_ERROR', async () => {
      const clinician = await member(app, Role.CLINICIAN, 'fifth-clinician');
      const subject = await member(app, Role.CLIENT, 'fifth-subject');
      const strings = ['a\u0000b', '\u0000', 'a\uD800b', '\u0007\u001b[31m', '\uFEFF\u202E'];
      const zero = '00000000-0000-0000-0000-000000000000';
      const unexpected: string[] = [];
      for (const text of strings) {
        const held = await postWithCase(app.dataSource, spaceA, subject.id, { status: 'HELD', text: 'held words' });
        const escalationId = await insertEscalation(app.dataSource, subject.id, { postId: held.postId });
        const thread = await publishedThread(app, author, spaceA);
        const operations: Array<[string, string, Record<string, unknown>, Member]> = [
          [
            'createSpace',
            'mutation ($i: CreateSpaceInput!) { createSpace(input: $i) { id } }',
            { i: { name: `n${text}`, description: text, cohort: text } },
            admin,
          ],
          ['setWatchedWord', 'mutation ($i: AddWatchedWordInput!) { setWatchedWord(input: $i) { id } }', { i: { term: `zq${text}zq`, action: 'FLAG' } }, admin],
          ['inviteMember', 'mutation ($s: String!) { inviteMember(sub: $s) }', { s: text }, admin],
          ['setStaffPagingEmail', 'mutation ($e: String, $m: ID!) { setStaffPagingEmail(email: $e, memberId: $m) }', { e: text, m: clinician.id }, admin],
          ['previewScreening', 'query ($t: String!) { previewScreening(text: $t) { crisisLevel } }', { t: text }, admin],
          ['exportAuditEventsCsv', 'mutation ($a: String) { exportAuditEventsCsv(filter: { action: $a }) { rowCount } }', { a: text }, admin],
          ['escalateCase', 'mutation ($i: EscalateCaseInput!) { escalateCase(input: $i) { id } }', { i: { caseId: held.caseId, note: text } }, peerA],
          [
            'escalateCase, an escape in the document',
            'mutation ($c: ID!) { escalateCase(input: { caseId: $c, note: "a\\ud800b" }) { id } }',
            { c: held.caseId },
            peerA,
          ],
          [
            'resolveCase',
            'mutation ($i: ResolveCaseInput!) { resolveCase(input: $i) { id } }',
            { i: { caseId: held.caseId, decision: 'KEEP_HELD', note: text } },
            peerA,
          ],
          [
            'acknowledgeEscalation',
            'mutation ($id: ID!, $n: String) { acknowledgeEscalation(id: $id, note: $n) { id } }',
            { id: escalationId, n: text },
            clinician,
          ],
          [
            'recordOutreach',
            'mutation ($id: ID!, $n: String!) { recordOutreach(escalationId: $id, input: { channel: PHONE, note: $n }) { id } }',
            { id: escalationId, n: text },
            clinician,
          ],
          [
            'resolveEscalation',
            'mutation ($i: ResolveEscalationInput!) { resolveEscalation(input: $i) { id } }',
            { i: { escalationId, outcome: 'FALSE_ALARM', note: text } },
            clinician,
          ],
          [
            'createThread',
            'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
            { i: { spaceId: spaceA, title: `t${text}`, body: `b${text}` } },
            reader,
          ],
          ['createReply', 'mutation ($i: CreateReplyInput!) { createReply(input: $i) { id } }', { i: { threadId: thread.id, body: text } }, reader],
          ['reportPost', 'mutation ($i: ReportPostInput!) { reportPost(input: $i) }', { i: { postId: thread.firstPost.id, reason: text } }, reader],
          ['thread by id', 'query ($id: ID!) { thread(id: $id) { id } }', { id: `${zero.slice(0, 35)}${text}` }, reader],
          ['threads cursor', 'query ($a: String) { threads(spaceId: "' + spaceA + '", after: $a) { edges { node { id } } } }', { a: text }, reader],
        ];
        for (const [name, query, variables, who] of operations) {
          const res = await app.gql(query, variables, who.token);
          const code = codeOf(res);
          if (res.status >= 500 || code === 'INTERNAL_SERVER_ERROR' || (res.errors && LEAKY_ERROR.test(JSON.stringify(res.errors))))
            unexpected.push(`${name} ${JSON.stringify(text)} -> ${res.status} ${String(code)} ${res.errors?.[0]?.message ?? ''}`);
        }
      }
      // Watched words made here would flag other files' posts: gone again.
      await app.dataSource.query(`DELETE FROM watched_words WHERE term LIKE 'zq%zq'`).catch(() => undefined);
      expect(unexpected).toEqual([]);
    }, 120_000);

    it(`should answer ${BLNS.length ? 'every blns string' : 'the project corpus'} in space fields, case and escalation notes, outreach, reports, searches, filters and invites with a refusal or a plain answer, never a server error`, async () => {
      const naughty = [...new Set([...BLNS, '\u0000', 'x'.repeat(100_000), '\uD800', "'; DROP TABLE members;--", '${jndi:ldap://x}', '{{7*7}}'])];
      const target = await space(app.dataSource, { name: 'Fifth review strings' });
      const caseOf = await postWithCase(app.dataSource, spaceA, author.id, { status: 'HELD', text: 'held words' });
      const reported = (await publishedThread(app, author, target)).firstPost.id;
      const clinician = await member(app, Role.CLINICIAN, 'fifth-blns-clinician');
      const escalationId = await insertEscalation(app.dataSource, author.id, { postId: caseOf.postId });
      const operations: Array<[string, string, (s: string) => Record<string, unknown>, Member]> = [
        ['updateSpace', 'mutation ($i: UpdateSpaceInput!) { updateSpace(input: $i) { id } }', (s) => ({ i: { id: target, description: s } }), admin],
        ['updateSpace cohort', 'mutation ($i: UpdateSpaceInput!) { updateSpace(input: $i) { id } }', (s) => ({ i: { id: target, cohort: s, name: s } }), admin],
        ['addCaseNote', 'mutation ($i: AddCaseNoteInput!) { addCaseNote(input: $i) { id } }', (s) => ({ i: { caseId: caseOf.caseId, note: s } }), peerA],
        ['reportPost', 'mutation ($i: ReportPostInput!) { reportPost(input: $i) }', (s) => ({ i: { postId: reported, reason: s } }), reader],
        ['members search', 'query ($s: String) { members(filter: { search: $s }) { edges { node { id } } } }', (s) => ({ s }), admin],
        [
          'audit filter',
          'query ($a: String, $t: String) { auditEvents(filter: { action: $a, targetId: $t }) { edges { node { id } } } }',
          (s) => ({ a: s, t: s }),
          admin,
        ],
        ['revokeInvite', 'mutation ($s: String!) { revokeInvite(sub: $s) }', (s) => ({ s }), admin],
        ['escalateCase', 'mutation ($i: EscalateCaseInput!) { escalateCase(input: $i) { id } }', (s) => ({ i: { caseId: caseOf.caseId, note: s } }), peerA],
        [
          'recordOutreach',
          'mutation ($id: ID!, $n: String!) { recordOutreach(escalationId: $id, input: { channel: MESSAGE, note: $n }) { id } }',
          (s) => ({ id: escalationId, n: s }),
          clinician,
        ],
        ['setMyPagingEmail', 'mutation ($s: String) { setMyPagingEmail(email: $s) }', (s) => ({ s }), admin],
      ];
      const unexpected: string[] = [];
      const leaky: string[] = [];
      let answered = 0;
      // The operations at once, one lane each, except those writing the same row (the space, the
      // case), which share one: within a lane the strings go one request at a time, in order, as
      // before, so nothing races itself. One request at a time in all took twice as long.
      const SAME_ROW_AS: Record<string, string> = { 'updateSpace cohort': 'updateSpace', escalateCase: 'addCaseNote' };
      const lanes = new Map<string, typeof operations>();
      for (const operation of operations) {
        const lane = SAME_ROW_AS[operation[0]] ?? operation[0];
        lanes.set(lane, [...(lanes.get(lane) ?? []), operation]);
      }
      await Promise.all(
        [...lanes.values()].map(async (lane) => {
          for (const input of naughty) {
            for (const [name, query, variables, who] of lane) {
              const res = await app.gql(query, variables(input), who.token);
              answered++;
              const code = codeOf(res);
              if (res.status >= 500 || code === 'INTERNAL_SERVER_ERROR')
                unexpected.push(`${name} ${JSON.stringify(input.slice(0, 40))} -> ${res.status} ${String(code)}`);
              if (res.errors && (LEAKY_ERROR.test(JSON.stringify(res.errors)) || /stacktrace|"stack"/i.test(JSON.stringify(res.errors))))
                leaky.push(`${name}: ${JSON.stringify(res.errors).slice(0, 200)}`);
            }
          }
        }),
      );
      // Every string was sent to every operation, and each answer checked.
      expect(answered).toBe(naughty.length * operations.length);
      expect(unexpected).toEqual([]);
      expect(leaky).toEqual([]);
      // The space kept a plain name and the case its notes: the strings went in as data.
      const [row]: Array<{ name: string }> = await app.dataSource.query(`SELECT name FROM spaces WHERE id = $1`, [target]);
      expect(typeof row.name).toBe('string');
    }, 300_000);
  });

  // Last: what every test above made the app log.
  describe('logs', () => {
    it('should have logged no unexpected error and none of the posts, notes or hostile strings sent above, at debug level', () => {
      expect(logs.errors().map((r) => r.msg)).toEqual([]);
      const text = logs.text();
      const sent = [
        'Second reply, held for a peer',
        'Words someone will quote',
        'held words',
        'Not sure I should say this here',
        'DROP TABLE members',
        'jndi:ldap',
      ];
      expect(sent.filter((words) => text.includes(words))).toEqual([]);
      // The requests themselves were logged (so the words could have been).
      expect(logs.records.filter((r) => r.msg === 'request completed').length).toBeGreaterThan(10);
    });
  });
});

/** A local OpenID provider's keys, so a production app can verify a token (foundation/identity-provider-tokens does the same). */
async function startKeyServer(audience: string): Promise<{ issuer: string; sign(sub: string, role: Role): Promise<string>; close(): Promise<void> }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'fifth-key', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration')
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    else if (req.url === '/jwks') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    sign: (sub, role) =>
      new SignJWT({ sub, role })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'fifth-key' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('authorization: fifth review, what production errors say about the schema', () => {
  const AUDIENCE = 'urn:between-sessions:api';
  let provider: Awaited<ReturnType<typeof startKeyServer>>;
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    provider = await startKeyServer(AUDIENCE);
    app = await startTestApp({
      role: 'api',
      env: { NODE_ENV: 'production', OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: 'between-sessions-web', OIDC_RESOURCE: AUDIENCE, METRICS_PORT: '0' },
    });
    token = await provider.sign(`fifth-prod-${Date.now()}`, Role.PEER_SPECIALIST);
    expect((await app.gql('{ me { id } }', {}, token)).errors).toBeUndefined();
  });

  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  /** Names of the schema a caller did not write, which suggestions would tell them. */
  const SUGGESTED = /Did you mean|Suggestion hidden|"HEART"|"HUG"|"first"|"title"|"Thread"|"moderationQueueChanged"|"ModerationCase"/;

  it('should name no enum value, argument, input field, type or field the caller did not write, over HTTP', async () => {
    const probes: Array<[string, Record<string, unknown>]> = [
      ['mutation { react(input: { postId: "00000000-0000-0000-0000-000000000000", kind: HEARTS }) { id } }', {}],
      ['mutation ($k: ReactionKind!) { react(input: { postId: "00000000-0000-0000-0000-000000000000", kind: $k }) { id } }', { k: 'HEARTT' }],
      ['{ threads(spaceId: "00000000-0000-0000-0000-000000000000", frist: 1) { totalCount } }', {}],
      [
        'mutation ($i: CreateThreadInput!) { createThread(input: $i) { id } }',
        { i: { spaceId: '00000000-0000-0000-0000-000000000000', title: 'x', body: 'y', titel: 'x' } },
      ],
      ['query ($t: Thred) { me { id } }', {}],
      ['{ thread(id: "00000000-0000-0000-0000-000000000000") { titl } }', {}],
    ];
    const told: string[] = [];
    for (const [query, variables] of probes) {
      const res = await app.gql(query, variables, token);
      expect(res.errors?.length).toBeGreaterThan(0);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      if (SUGGESTED.test(JSON.stringify(res.errors))) told.push(`${query.slice(0, 60)} -> ${res.errors![0].message}`);
    }
    expect(told).toEqual([]);
  });

  it('should answer batched, cross-site, oversize and malformed requests with a client error in the GraphQL shape, never a 5xx or a stack', async () => {
    const http = request(app.url.replace(/\/graphql$/, ''));
    const json = (body: string) => http.post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send(body);
    const answers: Array<[string, request.Response]> = [
      ['batched', await json(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]))],
      [
        'text/plain mutation',
        await http
          .post('/graphql')
          .set('content-type', 'text/plain')
          .send(JSON.stringify({ query: 'mutation { setMyPseudonym(displayName: "Csrf Otter") { id } }' })),
      ],
      ['form mutation', await http.post('/graphql').type('form').send({ query: 'mutation { setMyPseudonym(displayName: "Csrf Otter") { id } }' })],
      ['GET without preflight', await http.get('/graphql').query({ query: '{ me { id } }' }).set('authorization', `Bearer ${token}`)],
      [
        'GET mutation',
        await http.get('/graphql').query({ query: 'mutation { setMyPseudonym(displayName: "Get Otter") { id } }' }).set('apollo-require-preflight', 'true'),
      ],
      ['oversize', await json(JSON.stringify({ query: '{ me { id } }', variables: { x: 'x'.repeat(5_000_000) } }))],
      ['malformed', await json('{"query": "{ me { id } }"')],
      ['query not a string', await json(JSON.stringify({ query: 42 }))],
      ['variables not an object', await json(JSON.stringify({ query: '{ me { id } }', variables: 'x' }))],
      ['deeply nested variables', await json(`{"query":"{ me { id } }","variables":{"x":${'['.repeat(5_000)}${']'.repeat(5_000)}}}`)],
      ['no query', await json('{}')],
    ];
    const wrong = answers
      .filter(
        ([, res]) => res.status < 400 || res.status >= 500 || LEAKY_ERROR.test(res.text) || /stacktrace|"stack"/i.test(res.text) || res.text.includes('<html'),
      )
      .map(([name, res]) => `${name} -> ${res.status} ${res.text.slice(0, 120)}`);
    expect(wrong).toEqual([]);
    // None of the refused mutations ran.
    const me = await app.gql<{ me: { displayName: string } }>('{ me { displayName } }', {}, token);
    expect(me.data?.me.displayName).not.toMatch(/Otter/);
  });

  it('should name no field or type on the WebSocket either', async () => {
    const client = wsClient(app.url, token);
    try {
      const typo = subscribe(client, 'subscription { moderationQueueChangd { id } }');
      const typeTypo = subscribe(client, 'subscription { moderationQueueChanged { ... on ModerationCas { id } } }');
      await waitFor('both refusals', () => typo.errors.length > 0 && typeTypo.errors.length > 0, { timeoutMs: 5_000 });
      const said = JSON.stringify([...typo.errors, ...typeTypo.errors]);
      expect(said).toMatch(/moderationQueueChangd/);
      expect(said).not.toMatch(SUGGESTED);
    } finally {
      await client.dispose();
    }
  });
});
