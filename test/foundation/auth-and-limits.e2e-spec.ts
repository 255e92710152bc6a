import { SignJWT } from 'jose';
import { createSecretKey } from 'node:crypto';
import request from 'supertest';
import { signDevToken } from '../../src/common/auth/dev-token';
import { Role } from '../../src/common/domain/role.enum';
import { startTestApp, TestApp } from '../helpers/test-app';
import { uniqueSub } from '../utils/factories';
import { TEST_JWT_SECRET } from '../utils/environment';

const ME = '{ me { id role displayName } }';

describe('foundation: authentication, errors and limits over HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('should answer me with the role of a valid token, creating the member on first sight', async () => {
    for (const role of Object.values(Role)) {
      const token = await app.token(uniqueSub('me'), role);
      const res = await app.gql<{ me: { id: string; role: string } }>(ME, {}, token);
      expect(res.errors).toBeUndefined();
      expect(res.data?.me.role).toBe(role);
    }
  });

  it('should keep the same member for the same subject and show only a pseudonym', async () => {
    const sub = uniqueSub('stable');
    const first = await app.gql<{ me: { id: string; displayName: string } }>(ME, {}, await app.token(sub, Role.CLIENT));
    const second = await app.gql<{ me: { id: string; displayName: string } }>(ME, {}, await app.token(sub, Role.CLIENT));
    expect(second.data?.me.id).toBe(first.data?.me.id);
    expect(first.data?.me.displayName).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d+$/);
    expect(JSON.stringify(first.data)).not.toContain(sub);
  });

  it('should refuse a missing token with UNAUTHENTICATED', async () => {
    const res = await app.gql(ME);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should refuse bad signatures, expired tokens and unknown roles with the same code', async () => {
    const wrongKey = await signDevToken('another-secret-another-secret-0123456789', { sub: uniqueSub('x'), role: Role.CLIENT });
    const expired = await new SignJWT({ role: Role.CLIENT })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(uniqueSub('expired'))
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(createSecretKey(Buffer.from(TEST_JWT_SECRET)));
    const unknownRole = await signDevToken(TEST_JWT_SECRET, { sub: uniqueSub('x'), role: 'SUPERUSER' });
    const noneAlg = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', role: 'ADMIN', exp: 9999999999 })).toString('base64url')}.`;
    for (const token of [wrongKey, expired, unknownRole, noneAlg, 'not-a-jwt']) {
      const res = await app.gql(ME, {}, token);
      expect(res.status).toBeLessThan(500);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data?.me ?? null).toBeNull();
    }
  });

  it('should refuse a 2 MB document without a 5xx', async () => {
    const token = await app.token(uniqueSub('big'), Role.CLIENT);
    const query = `{ me { id } } # ${'x'.repeat(2 * 1024 * 1024)}`;
    const res = await app.gql(query, {}, token);
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should refuse a document longer than the document limit even when the body is small enough', async () => {
    const token = await app.token(uniqueSub('long'), Role.CLIENT);
    const res = await app.gql(`{ me { id } } # ${'y'.repeat(30_000)}`, {}, token);
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/too large/);
  });

  it('should refuse a query 30 levels deep', async () => {
    const token = await app.token(uniqueSub('deep'), Role.CLIENT);
    // A thread's first post's thread's first post...: 30 levels of objects, no list to cost much.
    const query = `{ thread(id: "00000000-0000-0000-0000-000000000000") { ${'firstPost { thread { '.repeat(14)}id${' } }'.repeat(14)} } }`;
    const res = await app.gql(query, {}, token);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/depth/);
  });

  it('should refuse a query with 20 aliases', async () => {
    const token = await app.token(uniqueSub('alias'), Role.CLIENT);
    const query = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const res = await app.gql(query, {}, token);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/aliases/i);
  });

  it('should refuse a small document of too many tokens', async () => {
    const token = await app.token(uniqueSub('tokens'), Role.CLIENT);
    // 3,000 repeats of one field: 9 KB, within the document limit, cheap once merged, but each token is parsed.
    const res = await app.gql(`{ me { ${'id '.repeat(3_000)}} }`, {}, token);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/tokens/i);
  });

  it('should refuse a document of too many directives', async () => {
    const token = await app.token(uniqueSub('directives'), Role.CLIENT);
    const res = await app.gql(`{ me { ${'... @include(if: true) { id } '.repeat(60)}} }`, {}, token);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/directives/i);
  });

  it('should answer malformed JSON and syntax errors with BAD_USER_INPUT and no stack', async () => {
    const raw = await request(app.url.replace(/\/graphql$/, ''))
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": ');
    expect(raw.status).toBe(400);
    expect(raw.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const syntax = await app.gql('{ me { id ', {}, await app.token(uniqueSub('syntax'), Role.CLIENT));
    expect(syntax.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(syntax.errors)).not.toMatch(/stacktrace|at .*\.js/);
  });

  it('should tell every cache not to store a GraphQL answer, errors or not', async () => {
    const base = request(app.url.replace(/\/graphql$/, ''));
    const token = await app.token(uniqueSub('no-store'), Role.CLIENT);
    const answered = await base.post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send({ query: ME });
    expect(answered.body.errors).toBeUndefined();
    expect(answered.headers['cache-control']).toBe('no-store');
    const refused = await base.post('/graphql').set('content-type', 'application/json').send({ query: ME });
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('should refuse variables of the wrong shape with BAD_USER_INPUT, naming the variable and showing no internals', async () => {
    const token = await app.token(uniqueSub('variables'), Role.CLIENT);
    const REPLY = 'mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }';
    const cases: Array<Record<string, unknown> | undefined> = [
      undefined,
      { input: null },
      { input: { threadId: 5 } },
      { input: { threadId: 'x', body: 'y', extra: 1 } },
      { input: 'text' },
    ];
    for (const variables of cases) {
      const res = await app.gql(REPLY, variables, token);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/\$input/);
      expect(JSON.stringify(res.errors)).not.toMatch(/stack|at .*\.js|graphql-jit/);
    }
    const post = await app.gql('query($id: ID!) { post(id: $id) { id } }', { id: { nested: true } }, token);
    expect(post.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should answer a resolver error with its code and path, the rest of the answer intact', async () => {
    const token = await app.token(uniqueSub('partial'), Role.CLIENT);
    const res = await app.gql<{ me: { id: string }; thread: unknown }>('{ me { id } thread(id: "not-an-id") { id } }', {}, token);
    expect(res.data?.me.id).toEqual(expect.any(String));
    expect(res.data?.thread).toBeNull();
    expect(res.errors).toEqual([
      { message: 'id is not a valid id.', path: ['thread'], locations: [{ line: 1, column: 13 }], extensions: { code: 'BAD_USER_INPUT', field: 'id' } },
    ]);
  });

  it('should refuse a cross-site simple request (CSRF prevention)', async () => {
    const res = await request(app.url.replace(/\/graphql$/, '')).get('/graphql?query=%7B__typename%7D');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/CSRF|preflight/i);
  });

  it('should report PostgreSQL and Redis by name on /health/ready, and /health/live', async () => {
    const base = request(app.url.replace(/\/graphql$/, ''));
    const live = await base.get('/health/live');
    expect(live.status).toBe(200);
    const ready = await base.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.postgres.status).toBe('up');
    expect(ready.body.checks.redis.status).toBe('up');
  });

  it('should not serve /metrics on the public port', async () => {
    const res = await request(app.url.replace(/\/graphql$/, '')).get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/# HELP/);
  });

  it('should send nosniff and no x-powered-by, on GraphQL answers and the rest', async () => {
    const base = request(app.url.replace(/\/graphql$/, ''));
    const token = await app.token(uniqueSub('headers'), Role.CLIENT);
    const answers = [
      await base.post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send({ query: ME }),
      await base.post('/graphql').set('content-type', 'application/json').send('{"query": '),
      await base.get('/health/live'),
      await base.get('/no-such-page'),
    ];
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});
