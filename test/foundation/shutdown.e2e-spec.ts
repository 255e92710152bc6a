import { Client } from 'pg';
import { waitFor } from '../utils/wait-for';
import { startAppProcess } from '../utils/app-process';
import { startTestApp } from '../helpers/test-app';
import { runEnvironment } from '../setup/test-env';
import { TEST_JWT_SECRET, TEST_REDIS_URL } from '../utils/environment';

/**
 * Shutdown is bounded. A query that never returns (behind a transaction nothing ends, as behind
 * the embedded database's deadlock) keeps the worker's sweeper, and so every shutdown hook after
 * it, from finishing. Closing must give up after SHUTDOWN_GRACE_SECONDS, and a process told to
 * stop must stop: Nest's signal handler waits for the hooks and ignores any further signal.
 */
describe('foundation: shutdown does not hang on a query that never returns', () => {
  /** Whether some query of this run's database waits on a lock (asked outside any transaction: inside one, pg_stat_activity is a snapshot). */
  async function someoneWaitsOnALock(query: (sql: string) => Promise<Array<{ waiting: number }>>): Promise<boolean> {
    const [{ waiting }] = await query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    return waiting > 0;
  }

  it('should fail close() after the grace period while the escalation sweeper waits on a lock nobody releases', async () => {
    const app = await startTestApp({ role: 'all', env: { SHUTDOWN_GRACE_SECONDS: '1', TIMER_SWEEP_SECONDS: '1' } });
    const held = app.dataSource.createQueryRunner();
    await held.startTransaction();
    await held.query('LOCK TABLE escalations IN ACCESS EXCLUSIVE MODE');
    try {
      await waitFor('the sweeper to wait on the lock', () => someoneWaitsOnALock((sql) => app.dataSource.query(sql)));
      await expect(app.close()).rejects.toThrow('shutdown did not finish within 1 s');
    } finally {
      // Releasing the lock lets the sweep, and then the pending close, finish.
      await held.rollbackTransaction();
      await held.release();
    }
    await waitFor('the app to finish closing', () => !app.dataSource.isInitialized);
  });

  it('should exit 1 on SIGTERM after the grace period while the escalation sweeper waits on a lock nobody releases', async () => {
    const app = await startAppProcess(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        DATABASE_URL: runEnvironment().databaseUrl,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: `${runEnvironment().redisPrefix}-shutdown`,
        JWT_SECRET: TEST_JWT_SECRET,
        TOXICITY_REQUIRED: 'false',
        TIMER_SWEEP_SECONDS: '1',
        SHUTDOWN_GRACE_SECONDS: '2',
      },
      { preload: ['test/helpers/stuck-transaction.preload.cjs'] },
    );
    const observer = new Client({ connectionString: runEnvironment().databaseUrl });
    await observer.connect();
    try {
      await waitFor('the sweeper to wait on the lock', () => someoneWaitsOnALock(async (sql) => (await observer.query<{ waiting: number }>(sql)).rows));
      expect(await app.stop('SIGTERM', 15_000)).toBe(1);
      expect(app.output()).toContain('shutdown did not finish in time');
    } finally {
      await observer.end();
      await app.stop('SIGKILL').catch(() => undefined);
    }
  }, 90_000);
});
