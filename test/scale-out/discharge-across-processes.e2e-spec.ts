import Redis from 'ioredis';
import { Role } from '../../src/common/domain/role.enum';
import { runEnvironment } from '../setup/test-env';
import { ensureBuilt } from '../utils/app-process';
import { TEST_REDIS_URL } from '../utils/environment';
import { member, Member } from '../utils/factories';
import { waitFor } from '../utils/wait-for';
import { ApiProcess, scaleOutEnv, startApiProcess } from './scale-out-processes';

const ME = '{ me { id } }';
const DISCHARGE = `mutation($id: ID!) { dischargeMember(memberId: $id) { id } }`;
const ERASE = `mutation($id: ID!) { eraseMember(memberId: $id) { id } }`;

/**
 * API processes cache the members they serve and skip the discharge check while they hear the
 * announcements on Redis: a discharge (or erasure) through one process must still refuse the
 * member's very next request on another. Real processes from dist/, sharing PostgreSQL and Redis.
 */
describe('scale-out: discharge through one API process, refused at once by another', () => {
  const prefix = `${runEnvironment().redisPrefix}-discharge`;
  const env = scaleOutEnv(prefix);
  const apis: ApiProcess[] = [];
  let redis: Redis;
  let admin: Member;

  beforeAll(async () => {
    ensureBuilt();
    redis = new Redis(TEST_REDIS_URL);
    apis.push(...(await Promise.all([startApiProcess(env), startApiProcess(env)])));
    // Both processes subscribed, so API 1 serves its cached members without asking the database.
    await waitFor('both processes to hear announcements', async () => {
      const [, subscribers] = (await redis.pubsub('NUMSUB', `${prefix}:member-access-changed`)) as [string, number];
      return subscribers >= 2;
    });
    admin = await member(apis[1], Role.ADMIN, 'cluster-discharge-admin');
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled(apis.map((api) => api.process.stop()));
    redis?.disconnect();
  });

  /** A member who has been using API 1, so it has them cached. */
  async function regularOfApi1(label: string): Promise<Member> {
    const client = await member(apis[0], Role.CLIENT, label);
    for (let i = 0; i < 3; i++) expect((await apis[0].gql(ME, {}, client.token)).errors).toBeUndefined();
    return client;
  }

  it('should refuse, on API 1, the next request of a member discharged through API 2', async () => {
    const client = await regularOfApi1('cluster-discharged');
    expect((await apis[1].gql(DISCHARGE, { id: client.id }, admin.token)).errors).toBeUndefined();
    expect((await apis[0].gql(ME, {}, client.token)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DISCHARGED' });
  });

  it('should refuse, on API 1, the next request of a member erased through API 2', async () => {
    const client = await regularOfApi1('cluster-erased');
    expect((await apis[1].gql(ERASE, { id: client.id }, admin.token)).errors).toBeUndefined();
    expect((await apis[0].gql(ME, {}, client.token)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DISCHARGED' });
  });
});
