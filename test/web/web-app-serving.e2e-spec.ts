import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_MEMBERS } from '../../src/dev-sign-in/demo-members';
import { startTestApp, TestApp } from '../helpers/test-app';

/** A stand-in for `dist/web` (WEB_APP_DIR), so these tests need no web build: the serving rules are what is tested. */
function fakeWebBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bs-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body></body></html>');
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log("app")');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('the web app served by the API (development)', () => {
  let app: TestApp;
  let http: ReturnType<typeof request>;
  let dir: string;

  beforeAll(async () => {
    dir = fakeWebBuild();
    app = await startTestApp({ role: 'api', env: { WEB_APP_DIR: dir } });
    http = request(app.url.replace(/\/graphql$/, ''));
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should serve index.html at / and at every app route, never cached, with the strict content security policy', async () => {
    for (const path of ['/', '/spaces/1234', '/threads/abc', '/help']) {
      const res = await http.get(path).set('accept', 'text/html,application/xhtml+xml');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('/assets/app-abc123.js');
      expect(res.headers['cache-control']).toBe('no-store');
      const csp = res.headers['content-security-policy'];
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(csp).toMatch(/connect-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    }
  });

  it('should cache hashed assets for a year and answer a missing asset with 404, not the app', async () => {
    const asset = await http.get('/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const missing = await http.get('/assets/gone-999.js').set('accept', 'text/html');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('app-abc123');
  });

  it('should leave the server paths alone: GraphiQL on GET /graphql (no CSP in development), health, JSON requests', async () => {
    const ide = await http.get('/graphql').set('accept', 'text/html');
    expect(ide.status).toBe(200);
    expect(ide.text).toMatch(/graphiql/i);
    expect(ide.headers['content-security-policy']).toBeUndefined();
    const live = await http.get('/health/live').set('accept', 'text/html');
    expect(live.body).toEqual({ status: 'ok' });
    const json = await http.get('/spaces/1234').set('accept', 'application/json');
    expect(json.status).toBe(404);
  });

  it('should list the demo members and sign in as one with a token the API accepts', async () => {
    const members = await http.get('/auth/dev/members');
    expect(members.status).toBe(200);
    expect(members.headers['cache-control']).toBe('no-store');
    expect((members.body as Array<{ sub: string; role: string }>).map((m) => m.role)).toEqual(
      expect.arrayContaining(['CLIENT', 'PEER_SPECIALIST', 'CLINICIAN', 'ADMIN']),
    );
    expect((members.body as Array<{ sub: string }>).map((m) => m.sub)).toEqual(DEMO_MEMBERS.map((m) => m.sub));

    const signIn = await http.post('/auth/dev/sign-in').set('content-type', 'application/json').send({ sub: 'demo-client-sky' });
    expect(signIn.status).toBe(200);
    const { token, expiresAt } = signIn.body as { token: string; expiresAt: string };
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await app.gql<{ me: { displayName: string; role: string } }>('{ me { displayName role } }', {}, token);
    // A client is shown by a generated pseudonym, never by the token's name (issue #17).
    expect(me.data?.me).toEqual({ displayName: expect.stringMatching(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{1,2}$/), role: 'CLIENT' });
  });

  it('should refuse to sign in as anyone but a demo member', async () => {
    const res = await http.post('/auth/dev/sign-in').set('content-type', 'application/json').send({ sub: 'someone-else' });
    expect(res.status).toBe(400);
    expect(res.body).not.toHaveProperty('token');
  });

  it('should give anyone the crisis resources, signed in or not, even with a broken token', async () => {
    const anonymous = await app.gql<{ crisisResources: string }>('{ crisisResources }');
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?.crisisResources).toMatch(/988/);
    const broken = await app.gql<{ crisisResources: string }>('{ crisisResources }', {}, 'not-a-token');
    expect(broken.data?.crisisResources).toMatch(/988/);
    // Public means this one field: the rest still needs a session.
    const me = await app.gql('{ crisisResources me { id } }');
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the web app in production', () => {
  let app: TestApp;
  let http: ReturnType<typeof request>;
  let dir: string;

  beforeAll(async () => {
    dir = fakeWebBuild();
    app = await startTestApp({
      role: 'api',
      env: {
        NODE_ENV: 'production',
        PUBLIC_BASE_URL: 'https://forum.example.org',
        WEB_APP_DIR: dir,
        // Never fetched here: nothing below verifies a token.
        JWT_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
        JWT_ISSUER: 'https://idp.example.org/realms/program',
        JWT_AUDIENCE: 'between-sessions',
        CRISIS_RESOURCES: 'Call the program line at 555-0100, or call or text 988.',
      },
    });
    http = request(app.url.replace(/\/graphql$/, ''));
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should have no development sign-in at all: 404 for every route of it', async () => {
    expect((await http.get('/auth/dev/members')).status).toBe(404);
    const signIn = await http.post('/auth/dev/sign-in').set('content-type', 'application/json').send({ sub: 'demo-admin-sam' });
    expect(signIn.status).toBe(404);
    expect(signIn.body).not.toHaveProperty('token');
    // Not the app's index.html either: /auth is the server's.
    expect((await http.get('/auth/dev/members').set('accept', 'text/html')).status).toBe(404);
  });

  it("should let the app's pages reach the identity provider and upgrade insecure requests", async () => {
    const res = await http.get('/').set('accept', 'text/html');
    expect(res.status).toBe(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/connect-src 'self' https:\/\/idp\.example\.org(;|$)/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/upgrade-insecure-requests/);
  });

  it("should serve the program's own crisis resources", async () => {
    const res = await app.gql<{ crisisResources: string }>('{ crisisResources }');
    expect(res.data?.crisisResources).toBe('Call the program line at 555-0100, or call or text 988.');
  });
});
