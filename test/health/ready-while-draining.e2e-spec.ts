import http from 'node:http';
import { HttpDrain } from '../../src/health/http-drain';
import { startTestApp, TestApp } from '../helpers/test-app';

/** One GET over the given keep-alive agent: a load balancer's probe reuses its connection. */
function get(agent: http.Agent, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('/health/ready while the API drains', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should answer 503 once shutdown has begun, so a load balancer stops sending', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const url = app.url.replace(/\/graphql$/, '/health/ready');
    expect((await get(agent, url)).status).toBe(200);
    // The first step of SIGTERM's shutdown: the listener closes, kept-alive connections get a moment.
    const draining = app.running.app.get(HttpDrain).onModuleDestroy();
    const probe = await get(agent, url);
    expect(probe).toEqual({ status: 503, body: JSON.stringify({ status: 'draining' }) });
    agent.destroy();
    await draining;
  });
});
