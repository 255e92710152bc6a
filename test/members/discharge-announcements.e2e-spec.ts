import Redis from 'ioredis';
import { RunningApp, startApp } from '../../src/bootstrap';
import { Role } from '../../src/common/domain/role.enum';
import { AppConfig } from '../../src/config/app-config';
import { createRootLogger } from '../../src/logging/logger';
import { MemberAccessChanges } from '../../src/members/member-access-changes';
import { countStatements } from '../helpers/statement-counter';
import { startTestApp, TestApp, testEnv } from '../helpers/test-app';
import { TEST_REDIS_URL } from '../utils/environment';
import { member, Member } from '../utils/factories';
import { waitFor } from '../utils/wait-for';

const ME = '{ me { id } }';
const DISCHARGE = `mutation($id: ID!) { dischargeMember(memberId: $id) { id } }`;

/**
 * A cached member is served without a discharge check only while the process hears discharge
 * announcements. These tests discharge members straight in the database (as if the announcement
 * were lost) to show when the process still asks the database, and count the statements saved.
 */
describe('members: discharge announcements and the per-request fallback', () => {
  let app: TestApp;
  let admin: Member;
  let changes: MemberAccessChanges;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
    changes = app.running.app.get(MemberAccessChanges);
    admin = await member(app, Role.ADMIN, 'announce-admin');
    await waitFor('the process to hear announcements', () => changes.listening);
  });

  afterAll(async () => app.close());

  /** The fewest statements a request sent over a few runs: the app's own timers may add some to any one run. */
  async function fewestStatements(token: string): Promise<number> {
    const counts: number[] = [];
    for (let run = 0; run < 5; run++) {
      counts.push(
        await countStatements(async () => {
          const res = await app.gql(ME, {}, token);
          if (res.errors) throw new Error(JSON.stringify(res.errors));
        }),
      );
    }
    return Math.min(...counts);
  }

  const dischargeInDatabase = (memberId: string) => app.dataSource.query(`UPDATE members SET discharged_at = now() WHERE id = $1`, [memberId]);

  it('should refuse a cached member at once when discharged', async () => {
    const client = await member(app, Role.CLIENT, 'announce-cached');
    await fewestStatements(client.token);
    expect((await app.gql(DISCHARGE, { id: client.id }, admin.token)).errors).toBeUndefined();
    expect((await app.gql(ME, {}, client.token)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DISCHARGED' });
  });

  // Last: the process stops listening for good.
  it('should send one statement fewer for a cached member while it hears announcements, and check the database on every request while it cannot', async () => {
    const client = await member(app, Role.CLIENT, 'announce-unheard');
    const listening = await fewestStatements(client.token);
    await changes.stopListening();
    expect(changes.listening).toBe(false);
    // The same request as every request was sent before: with the discharge check.
    expect(await fewestStatements(client.token)).toBe(listening + 1);

    await dischargeInDatabase(client.id);
    expect((await app.gql(ME, {}, client.token)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DISCHARGED' });
  });
});

describe('members: discharge announcements across a reconnect', () => {
  let app: TestApp;
  let changes: MemberAccessChanges;
  let redis: Redis;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
    changes = app.running.app.get(MemberAccessChanges);
    redis = new Redis(TEST_REDIS_URL);
    await waitFor('the process to hear announcements', () => changes.listening);
  });

  afterAll(async () => {
    redis?.disconnect();
    await app.close();
  });

  it('should check members cached before a reconnect against the database once more (announcements may have been missed)', async () => {
    const client = await member(app, Role.CLIENT, 'announce-reconnect');
    expect((await app.gql(ME, {}, client.token)).errors).toBeUndefined();

    // Cut the subscriber's connection from the Redis side, as an outage or a failover would.
    const name = `${app.config.redis.prefix}:member-access`;
    const clients = String(await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
    const id = clients
      .split('\n')
      .find((line) => line.includes(` name=${name} `))
      ?.match(/^id=(\d+)/)?.[1];
    expect(id).toBeDefined();
    await redis.call('CLIENT', 'KILL', 'ID', id!);
    await waitFor('the subscriber to notice', () => !changes.listening);
    await waitFor('the subscriber to be back', () => changes.listening, { timeoutMs: 10_000 });

    // Discharged while nobody could be told: the entry cached before the reconnect is not trusted.
    await app.dataSource.query(`UPDATE members SET discharged_at = now() WHERE id = $1`, [client.id]);
    expect((await app.gql(ME, {}, client.token)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DISCHARGED' });
  });
});

describe('members: a worker process, which serves no requests, does not subscribe', () => {
  let worker: RunningApp;

  beforeAll(async () => {
    worker = await startApp('worker', AppConfig.fromEnv(testEnv()), createRootLogger('silent'));
  });

  afterAll(async () => worker?.close());

  it('should leave the announcements unsubscribed in a worker (the channel opens once per process, so a first listener here is heard)', async () => {
    const changes = worker.app.get(MemberAccessChanges);
    let started = false;
    // Had the worker subscribed at start-up, listen() would ignore this listener and it would never hear it started.
    changes.listen({
      listeningStarted: () => (started = true),
      listeningStopped: () => undefined,
      memberChanged: () => undefined,
      everyoneChanged: () => undefined,
    });
    await waitFor('the test listener to be subscribed', () => started);
  });
});

describe('members: one process that is both API and worker (npm start)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'all' });
  });

  afterAll(async () => app?.close());

  it('should subscribe to the announcements, since it serves requests', async () => {
    const changes = app.running.app.get(MemberAccessChanges);
    await waitFor('the process to hear announcements', () => changes.listening);
  });
});
