import { getIntrospectionQuery } from 'graphql';
import pino from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RunningApp, startApp } from '../../src/bootstrap';
import { Role } from '../../src/common/domain/role.enum';
import { AppConfig } from '../../src/config/app-config';
import { probeDelivery, publishCaseChanged, subscribe, wsClient } from '../helpers/realtime';
import { waitFor } from '../utils/wait-for';
import { countStatements } from '../helpers/statement-counter';
import { testEnv } from '../helpers/test-app';
import { assignToSpace, member, postWithCase, space } from '../utils/factories';

interface Answer<T> {
  status: number;
  data: T | null | undefined;
  errors: Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
}

/** A running API whose log lines at warn and above are kept, so a test can say nothing was logged as an error. */
interface LoggedApp {
  running: RunningApp;
  url: string;
  dataSource: DataSource;
  logged: Array<{ level: number; msg: string }>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string, operationName?: string): Promise<Answer<T>>;
}

async function startLoggedApp(env: Record<string, string> = {}): Promise<LoggedApp> {
  const logged: LoggedApp['logged'] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line) as { level: number; msg: string }) });
  const running = await startApp('api', AppConfig.fromEnv(testEnv(env)), logger);
  const url = running.graphqlUrl!;
  const http = request(url.replace(/\/graphql$/, ''));
  return {
    running,
    url,
    dataSource: running.app.get(DataSource),
    logged,
    async gql<T>(query: string, variables?: Record<string, unknown>, token?: string, operationName?: string) {
      let req = http.post('/graphql').set('content-type', 'application/json');
      if (token) req = req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables, operationName });
      const body = res.body as { data?: T | null; errors?: Answer<T>['errors'] };
      return { status: res.status, data: body.data, errors: body.errors };
    },
  };
}

/** The tester's query: every thread of a page, each post of each, each post's thread, and its posts again, `aliases` times. */
const NESTED_POSTS = 'edges { node { posts { edges { node { thread { posts { edges { node { id body } } } } } } } } }';
const aliasAttack = (aliases: number) =>
  `query($spaceId: ID!) { ${Array.from({ length: aliases }, (_, i) => `a${i}: threads(spaceId: $spaceId, first: 100) { ${NESTED_POSTS} }`).join(' ')} }`;

const POST_FIELDS =
  'id body status createdAt editedAt statusNote revision author { id displayName } reactions { kind count } viewerReactions quotedPost { id }';

describe('query limits: cost, batched lists and subscriptions', () => {
  let app: LoggedApp;
  let spaceId: string;
  let client: { token: string; id: string };
  let peer: { token: string; id: string };

  async function newSpace(): Promise<string> {
    return space(app.dataSource, { name: 'Limits' });
  }

  /** `threads` published threads in the space, each with `replies` published replies, written straight to the tables. */
  async function seedThreads(
    inSpace: string,
    threads: number,
    replies: number,
    body = 'Some days are heavier than others, and that is okay.',
  ): Promise<string[]> {
    const rows: Array<{ id: string }> = await app.dataSource.query(
      `INSERT INTO threads (space_id, author_id, title, last_activity_at)
       SELECT $1, $2, 'Seeded thread ' || g, now() - make_interval(secs => g) FROM generate_series(1, $3) g RETURNING id`,
      [inSpace, client.id, threads],
    );
    const ids = rows.map((r) => r.id);
    await app.dataSource.query(
      `INSERT INTO posts (thread_id, space_id, author_id, status, body_html, body_text)
       SELECT t.id, $2, $3, 'PUBLISHED', '<p>' || $5 || '</p>', $5 FROM unnest($1::uuid[]) WITH ORDINALITY t(id, n) CROSS JOIN generate_series(0, $4) r ORDER BY t.n, r`,
      [ids, inSpace, client.id, replies, body],
    );
    await app.dataSource.query(
      `UPDATE threads t SET first_post_id = (SELECT p.id FROM posts p WHERE p.thread_id = t.id ORDER BY p.seq LIMIT 1) WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    return ids;
  }

  beforeAll(async () => {
    app = await startLoggedApp();
    spaceId = await newSpace();
    client = await member(app, Role.CLIENT, 'limits-client');
    peer = await member(app, Role.PEER_SPECIALIST, 'limits-peer');
    await assignToSpace(app.dataSource, spaceId, peer.id);
    await seedThreads(spaceId, 120, 3);
  });

  afterAll(async () => {
    await app.running.close();
  });

  it("should refuse the tester's alias and nested-list attack as a client, with a cost error and nothing run", async () => {
    // As many aliases as allowed, and one: each copy alone already costs far more than the limit.
    for (const aliases of [15, 1]) {
      const res = await app.gql(aliasAttack(aliases), { spaceId }, client.token);
      expect(res.status).toBe(400);
      expect(res.data ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/costs? .*more than/i);
    }
    // The tester's 18 copies are refused before they are costed.
    const original = await app.gql(aliasAttack(18), { spaceId }, client.token);
    expect(original.status).toBe(400);
    expect(original.errors?.[0].message).toMatch(/aliases/i);
  });

  it('should cost a page size given as a variable at its value, not at the default', async () => {
    const query = `query($spaceId: ID!, $n: Int) { threads(spaceId: $spaceId, first: $n) { edges { node { posts(first: $n) { edges { node { id body } } } } } } }`;
    const refused = await app.gql(query, { spaceId, n: 100 }, client.token);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(/costs? .*more than/i);
    // The same document with small pages is fine: the variables decide, per request.
    const small = await app.gql<{ threads: { edges: unknown[] } }>(query, { spaceId, n: 5 }, client.token);
    expect(small.errors).toBeUndefined();
    expect(small.data?.threads.edges).toHaveLength(5);
    // Apollo keeps the validated document now: the next request's variables are costed all the same.
    const again = await app.gql(query, { spaceId, n: 100 }, client.token);
    expect(again.status).toBe(400);
    expect(again.errors?.[0].message).toMatch(/costs? .*more than/i);
  });

  it('should cost a post body by the text it may hold, so pages of long posts cannot be asked for by the thousand', async () => {
    const bodies = (posts: number) =>
      `query($spaceId: ID!) { threads(spaceId: $spaceId, first: 100) { edges { node { posts(first: ${posts}) { edges { node { id body } } } } } } }`;
    const refused = await app.gql(bodies(24), { spaceId }, client.token);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].message).toMatch(/costs? .*more than/i);
    const fine = await app.gql<{ threads: { edges: unknown[] } }>(bodies(4), { spaceId }, client.token);
    expect(fine.errors).toBeUndefined();
    expect(fine.data?.threads.edges).toHaveLength(100);
  });

  it('should multiply plain lists nested in lists, so a staff member cannot fan out through them', async () => {
    const nested = 'authorRecentCases { authorRecentCases { authorRecentCases { id threadContext { id body } } } }';
    const res = await app.gql(`{ moderationQueue(first: 100) { edges { node { id ${nested} } } } }`, {}, peer.token);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/costs? .*more than/i);
  });

  it('should answer a thread page of 50 posts with authors and reactions, and a list page of 100 threads', async () => {
    const [threadId] = await seedThreads(spaceId, 1, 60);
    const thread = await app.gql<{ thread: { posts: { edges: unknown[] } } }>(
      `query($id: ID!) { thread(id: $id) { id title status replyCount lastActivityAt author { id displayName } space { id name }
         posts(first: 50) { edges { cursor node { ${POST_FIELDS} thread { id title } } } pageInfo { hasNextPage endCursor } } } }`,
      { id: threadId },
      client.token,
    );
    expect(thread.errors).toBeUndefined();
    expect(thread.data?.thread.posts.edges).toHaveLength(50);

    const list = await app.gql<{ threads: { edges: unknown[] } }>(
      `query($spaceId: ID!) { threads(spaceId: $spaceId, first: 100) { edges { cursor node { id title status replyCount lastActivityAt createdAt
         author { id displayName } firstPost { ${POST_FIELDS} } } } pageInfo { hasNextPage endCursor } } }`,
      { spaceId },
      client.token,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.threads.edges).toHaveLength(100);
  });

  it('should answer a moderation queue page of 50 cases with their posts, evidence and notes', async () => {
    const threads = await seedThreads(spaceId, 50, 0);
    await app.dataSource.query(`UPDATE posts SET status = 'HELD', held_reason = 'TOXICITY' WHERE thread_id = ANY($1::uuid[])`, [threads]);
    await app.dataSource.query(
      `INSERT INTO moderation_cases (post_id, space_id, subject_id, reasons, priority, priority_rank, due_at)
       SELECT p.id, p.space_id, p.author_id, ARRAY['TOXICITY'], 'HIGH', 1, now() + interval '30 minutes' FROM posts p WHERE p.thread_id = ANY($1::uuid[])`,
      [threads],
    );
    const res = await app.gql<{ moderationQueue: { edges: unknown[] } }>(
      `{ moderationQueue(first: 50) { counts { status priority count } edges { cursor node { id priority status reasons dueAt openedAt reportCount leaseExpiresAt
           assignee { id displayName } author { id displayName }
           post { id body status createdAt heldReason thread { id title } reactions { kind count } }
           evidence { crisisLevel crisisEvidence reasons toxicity watchedWordHits }
           notes { id body createdAt author { displayName } } } } pageInfo { hasNextPage endCursor } } }`,
      {},
      peer.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.moderationQueue.edges).toHaveLength(50);
  });

  it('should read Thread.posts for a whole page of threads in the same number of statements, however many threads', async () => {
    const ownSpace = await newSpace();
    await seedThreads(ownSpace, 40, 3);
    const query = `query($spaceId: ID!, $n: Int) { threads(spaceId: $spaceId, first: $n) { edges { node { id posts(first: 3) { edges { node { id body author { displayName } } } } } } } }`;
    const run = (n: number) =>
      countStatements(async () => {
        const res = await app.gql<{ threads: { edges: Array<{ node: { posts: { edges: unknown[] } } }> } }>(query, { spaceId: ownSpace, n }, client.token);
        expect(res.errors).toBeUndefined();
        expect(res.data?.threads.edges).toHaveLength(n);
        expect(res.data?.threads.edges.every((e) => e.node.posts.edges.length === 3)).toBe(true);
      });
    const few = await run(5);
    const many = await run(40);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(6);
  });

  it('should apply the same limits to subscription documents on the WebSocket', async () => {
    const socket = wsClient(app.url, peer.token);
    try {
      const costly = subscribe(
        socket,
        'subscription { moderationQueueChanged { id post { thread { posts(first: 100) { edges { node { thread { posts(first: 100) { edges { node { id body } } } } } } } } } } }',
      );
      const deep = subscribe(socket, `subscription { moderationQueueChanged { post { ${'thread { firstPost { '.repeat(6)}id${' } }'.repeat(6)} } } }`);
      const fine = subscribe<{ moderationQueueChanged: { id: string } }>(socket, 'subscription { moderationQueueChanged { id status post { id } } }');
      await waitFor('both subscriptions to be refused', () => costly.errors.length > 0 && deep.errors.length > 0);
      // The accepted one receives an event of the peer's space, so it was granted and runs under the same limits.
      const { caseId } = await postWithCase(app.dataSource, spaceId, (await member(app, Role.CLIENT, 'probe-author')).id);
      await probeDelivery(
        fine,
        publishCaseChanged(app, { caseId, spaceId }),
        (e) => e.moderationQueueChanged.id === caseId,
        'an event on the accepted subscription',
      );
      for (const refused of [costly, deep]) {
        // A refusal before the subscription starts arrives as graphql-ws's error event (a list of errors).
        const [error] = refused.errors.flat() as Array<{ message: string; extensions?: { code?: string } }>;
        expect(error.extensions?.code).toBe('BAD_USER_INPUT');
        expect(refused.events).toEqual([]);
      }
      expect((costly.errors.flat()[0] as { message: string }).message).toMatch(/costs? .*more than/i);
      expect((deep.errors.flat()[0] as { message: string }).message).toMatch(/depth/i);
      expect(fine.errors).toEqual([]);
      costly.dispose();
      deep.dispose();
      fine.dispose();
    } finally {
      await socket.dispose();
    }
  });

  it('should answer an operationName the document does not have as a client error, logging nothing as an error', async () => {
    const errorsBefore = app.logged.filter((l) => l.level >= 50).length;
    const res = await app.gql('query Known { me { id } }', {}, client.token, 'Unknown');
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/Unknown/);
    const many = await app.gql('query A { me { id } } query B { me { displayName } }', {}, client.token);
    expect(many.status).toBe(400);
    expect(many.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(app.logged.filter((l) => l.level >= 50).length).toBe(errorsBefore);
  });

  it('should let the standard introspection query through in development and serve a GraphQL IDE on GET /graphql', async () => {
    const res = await app.gql<{ __schema: { types: unknown[] } }>(getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    expect(res.data?.__schema.types.length).toBeGreaterThan(20);
    const ide = await request(app.url.replace(/\/graphql$/, ''))
      .get('/graphql')
      .set('accept', 'text/html');
    expect(ide.status).toBe(200);
    expect(ide.headers['content-type']).toMatch(/text\/html/);
    expect(ide.text).toMatch(/graphiql/i);
    // Its scripts come from a CDN and it starts with an inline script: no policy in development.
    expect(ide.headers['content-security-policy']).toBeUndefined();
  });
});

describe('query limits in production', () => {
  let app: LoggedApp;

  beforeAll(async () => {
    app = await startLoggedApp({
      NODE_ENV: 'production',
      // Never fetched: these requests are refused before any token is looked at.
      JWT_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
      JWT_ISSUER: 'https://idp.example.org/',
      JWT_AUDIENCE: 'between-sessions',
      METRICS_PORT: '0',
    });
  });

  afterAll(async () => {
    await app.running.close();
  });

  it('should refuse introspection and serve no IDE', async () => {
    const res = await app.gql(getIntrospectionQuery());
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ide = await request(app.url.replace(/\/graphql$/, ''))
      .get('/graphql')
      .set('accept', 'text/html');
    expect(ide.text).not.toMatch(/graphiql|<html/i);
  });

  it('should give no field suggestions', async () => {
    const res = await app.gql('{ mee { id } }');
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/Cannot query field "mee"/);
    expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|"me"/);
  });

  it('should keep the cost limit before anything is authenticated', async () => {
    const res = await app.gql(aliasAttack(1), { spaceId: '00000000-0000-0000-0000-000000000000' });
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/costs? .*more than/i);
  });

  it('should send a content security policy that lets pages reach the identity provider', async () => {
    const res = await request(app.url.replace(/\/graphql$/, '')).get('/health/live');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/connect-src 'self' https:\/\/idp\.example\.org(;|$)/);
  });

  it('should serve /metrics on the metrics port only', async () => {
    const publicAnswer = await request(app.url.replace(/\/graphql$/, '')).get('/metrics');
    expect(publicAnswer.status).toBe(404);
    expect(publicAnswer.text).not.toMatch(/process_cpu|# HELP/);
    expect(app.running.metricsPort).toEqual(expect.any(Number));
    const metrics = await request(`http://127.0.0.1:${app.running.metricsPort}`).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/# HELP/);
  });
});
