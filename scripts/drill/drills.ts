/**
 * The fault drills of `npm run drill`. Each starts real API and worker processes (and, for the
 * drills that stop a server, a private Redis or PostgreSQL), injects its fault while clients
 * post, waits for recovery and reads the ledger from PostgreSQL. `ok` is false when anything
 * was lost, duplicated or published unscreened, or the drill's own promise was broken.
 *
 * The drills shorten the worker's job lock and outbox sweep timing (DRILL_TIMINGS) so recovery
 * takes seconds rather than minutes; the recovery paths are the production ones.
 */
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { BenchEnvironment, EnvironmentOptions, startEnvironment } from '../bench/environment';
import { ROOT } from '../../test/utils/app-process';
import { startPrivatePostgres, startPrivateRedis } from '../../test/utils/private-services';
import { openQueue } from '../../test/utils/queue-jobs';
import { waitFor } from '../../test/utils/wait-for';
import { QueueName } from '../../src/queue/queue.types';
import { SAFE_BODIES, withDatabase } from '../bench/scenarios';
import { DrillLedger, readLedger, unscreenedReplies } from './ledger';
import { postReplies, reportPosting } from './posting';
import { cleanExit, reportRollingPosting, rollingRestart } from './rolling-restart';

export interface DrillOptions {
  /** Posts to write (each drill has the number as default). */
  posts?: number;
  /** redis-outage: seconds Redis stays down (default 60). */
  outageSeconds?: number;
  /** classifier-fail: how the toxicity phase fails (default throw). */
  mode?: 'throw' | 'hang';
  /** worker-kill: how many times the worker is killed (default 3). */
  kills?: number;
  /** rolling-restart: posts per second while the processes restart (default 100). */
  rate?: number;
}

export type DrillResult = DrillLedger & { drill: string; ok: boolean; problems: string[] } & Record<string, unknown>;

const DRILL_TIMINGS = { SCREENING_LOCK_MS: '10000', SCREENING_SWEEP_AFTER_MS: '3000', SCREENING_SWEEP_EVERY_MS: '1000' };
const RECOVERY_TIMEOUT_MS = 180_000;

function body(drill: string, i: number, text = SAFE_BODIES[i % SAFE_BODIES.length]): string {
  return `${text} [${drill} ${i}]`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every reply in the thread has a screening (or the timeout); returns how long it took. */
async function waitRecovered(env: BenchEnvironment, timeoutMs = RECOVERY_TIMEOUT_MS): Promise<{ recovered: boolean; ms: number }> {
  const started = Date.now();
  try {
    await waitFor('every reply to be screened', async () => (await unscreenedReplies(env.databaseUrl, env.threadId)) === 0, {
      timeoutMs,
      intervalMs: 250,
      retryErrors: true,
    });
    return { recovered: true, ms: Date.now() - started };
  } catch {
    return { recovered: false, ms: Date.now() - started };
  }
}

function verdict(drill: string, ledger: DrillLedger, extra: Record<string, unknown>, problems: string[]): DrillResult {
  if (ledger.lost) problems.push(`${ledger.lost} accepted posts lost (${ledger.missing} missing, ${ledger.unscreened} unscreened)`);
  if (ledger.duplicated) problems.push(`${ledger.duplicated} duplicates`);
  if (ledger.publishedUnscreened) problems.push(`${ledger.publishedUnscreened} published unscreened`);
  return { drill, ok: problems.length === 0, ...ledger, ...extra, problems };
}

async function withEnvironment<T>(options: EnvironmentOptions, run: (env: BenchEnvironment) => Promise<T>): Promise<T> {
  const env = await startEnvironment({ ...options, extraEnv: { ...DRILL_TIMINGS, ...options.extraEnv } });
  try {
    return await run(env);
  } finally {
    await env.close();
  }
}

function screeningQueue(env: BenchEnvironment): Queue {
  return openQueue(QueueName.SCREENING, String(env.env.REDIS_URL), env.prefix);
}

export const DRILLS: Record<string, (options: DrillOptions) => Promise<DrillResult>> = {
  /** kill -9 the worker at random moments while posts are screened; restart it each time. */
  async 'worker-kill'(options) {
    const posts = options.posts ?? 1_000;
    const kills = options.kills ?? 3;
    return withEnvironment({ label: 'drill-worker-kill', members: 16, worker: true }, async (env) => {
      let posting = true;
      const killedAt: number[] = [];
      const started = Date.now();
      const killer = (async () => {
        for (let k = 0; k < kills; k++) {
          // A random moment while there is work in flight.
          await sleep(500 + Math.random() * 2_000);
          if (!posting && (await unscreenedReplies(env.databaseUrl, env.threadId)) === 0) break;
          await env.worker?.stop('SIGKILL');
          killedAt.push(Date.now() - started);
          await sleep(200);
          env.startWorker({ quiet: true });
        }
      })();
      // Spread over at least 8 s, so a shortened drill still has screening in flight when the kills land.
      const outcomes = await postReplies(env, { count: posts, concurrency: 16, perSecond: Math.max(10, posts / 8), text: (i) => body('worker-kill', i) });
      posting = false;
      await killer;
      const recovery = await waitRecovered(env);
      const posted = reportPosting(outcomes);
      const ledger = await readLedger(env.databaseUrl, env.threadId, posted.acceptedIds);
      const problems = recovery.recovered ? [] : ['not every post was screened in time'];
      return verdict(
        'worker-kill',
        ledger,
        { kills: killedAt.length, killedAtMs: killedAt, recoveredAfterLastPostMs: recovery.ms, posting: { ...posted, acceptedIds: undefined } },
        problems,
      );
    });
  },

  /** Redis (a private one) down while posts are created: no 5xx, and all screened once it is back. */
  async 'redis-outage'(options) {
    const posts = options.posts ?? 500;
    const outageMs = (options.outageSeconds ?? 60) * 1000;
    const redis = await startPrivateRedis();
    try {
      return await withEnvironment({ label: 'drill-redis-outage', members: 8, worker: true, redisUrl: redis.url }, async (env) => {
        const leadMs = 2_000;
        // Paced so posting runs before, through and after the outage.
        const perSecond = posts / ((leadMs + outageMs + 3_000) / 1000);
        let down: { from: number; to: number } | null = null;
        const outage = (async () => {
          await sleep(leadMs);
          const from = Date.now();
          await redis.stop();
          await sleep(outageMs);
          await redis.start();
          down = { from, to: Date.now() };
        })();
        const outcomes = await postReplies(env, { count: posts, concurrency: 8, perSecond, text: (i) => body('redis-outage', i) });
        await outage;
        const recovery = await waitRecovered(env);
        const recoveredAt = Date.now();
        const window = down as { from: number; to: number } | null;
        const during = window ? outcomes.filter((o) => o.at >= window.from && o.at <= window.to) : [];
        const posted = reportPosting(outcomes);
        const ledger = await readLedger(env.databaseUrl, env.threadId, posted.acceptedIds);
        const problems = recovery.recovered ? [] : ['not every post was screened in time'];
        if (posted.http5xx) problems.push(`${posted.http5xx} answers with HTTP 5xx`);
        if (posted.acceptedIds.length !== posts) problems.push(`${posts - posted.acceptedIds.length} posts refused`);
        return verdict(
          'redis-outage',
          ledger,
          {
            outageSeconds: outageMs / 1000,
            postsDuringOutage: during.length,
            acceptedDuringOutage: during.filter((o) => o.postId).length,
            createReplyDuringOutageMs: reportPosting(during).latencyMs,
            posting: { ...posted, acceptedIds: undefined },
            allScreenedAfterRedisBackMs: window && recovery.recovered ? recoveredAt - window.to : null,
          },
          problems,
        );
      });
    } finally {
      await redis.destroy();
    }
  },

  /** A private PostgreSQL restarted while posts are created: every acknowledged post exists and is screened. */
  async 'pg-restart'(options) {
    const posts = options.posts ?? 500;
    const pg = await startPrivatePostgres();
    try {
      return await withEnvironment({ label: 'drill-pg-restart', members: 8, worker: true, pgAdminUrl: pg.adminUrl }, async (env) => {
        let restartMs = 0;
        const restart = (async () => {
          await sleep(2_000);
          restartMs = await pg.restart();
        })();
        const outcomes = await postReplies(env, { count: posts, concurrency: 8, perSecond: 50, text: (i) => body('pg-restart', i) });
        await restart;
        const recovery = await waitRecovered(env);
        const posted = reportPosting(outcomes);
        const ledger = await readLedger(env.databaseUrl, env.threadId, posted.acceptedIds);
        const problems = recovery.recovered ? [] : ['not every post was screened in time'];
        return verdict(
          'pg-restart',
          ledger,
          { restartMs, refusedWhileDown: posted.refused, http5xx: posted.http5xx, posting: { ...posted, acceptedIds: undefined } },
          problems,
        );
      });
    } finally {
      await pg.destroy();
    }
  },

  /** The toxicity phase throws (or hangs) on every crisis post: all HELD with an URGENT case within 2 minutes, every author given crisis resources. */
  async 'classifier-fail'(options) {
    const posts = options.posts ?? 200;
    const mode = options.mode ?? 'throw';
    const marker = `Drill crisis line 555-0199 (${Date.now().toString(36)})`;
    const crisisTexts = [
      'I want to kill myself tonight, I have the pills ready.',
      'I am going to end my life this weekend, I wrote the letters already.',
      'I cannot do this anymore, I plan to jump off the bridge tonight.',
      'I have the rope ready and I am going to hang myself.',
    ];
    return withEnvironment({ label: 'drill-classifier-fail', members: 20, worker: true, extraEnv: { CRISIS_RESOURCES: marker } }, async (env) => {
      // The healthy worker published the thread; the one that screens the drill's posts is broken.
      await env.worker?.stop();
      env.startWorker({ preload: [join(ROOT, 'scripts', 'drill', 'toxicity-fault.preload.cjs')], extraEnv: { DRILL_TOXICITY_FAULT: mode } });
      const started = Date.now();
      const outcomes = await postReplies(env, { count: posts, concurrency: 20, text: (i) => body('classifier-fail', i, crisisTexts[i % crisisTexts.length]) });
      const posted = reportPosting(outcomes);
      const heldState = () =>
        withDatabase(env.databaseUrl, async (db) => {
          const { rows } = await db.query<{
            held_urgent: number;
            held: number;
            pending: number;
            with_resources: number;
            escalations: number;
            kinds: Record<string, number> | null;
          }>(
            `SELECT count(*) FILTER (WHERE p.status = 'HELD' AND EXISTS (SELECT 1 FROM moderation_cases c WHERE c.post_id = p.id AND c.priority = 'URGENT'))::int AS held_urgent,
                    count(*) FILTER (WHERE p.status = 'HELD')::int AS held,
                    count(*) FILTER (WHERE p.status = 'PENDING')::int AS pending,
                    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM notifications n WHERE n.member_id = p.author_id AND n.data->>'postId' = p.id::text AND n.body ILIKE '%' || $2 || '%'))::int AS with_resources,
                    (SELECT count(*)::int FROM escalations e WHERE e.post_id = ANY($1::uuid[])) AS escalations,
                    (SELECT jsonb_object_agg(kind, n) FROM (SELECT n.kind, count(*)::int AS n FROM notifications n WHERE n.data->>'postId' = ANY($1::text[]) GROUP BY n.kind) k) AS kinds
             FROM posts p WHERE p.id = ANY($1::uuid[])`,
            [posted.acceptedIds, marker],
          );
          return rows[0];
        });
      let allHeldMs: number | null = null;
      try {
        await waitFor('every crisis post held with an URGENT case', async () => (await heldState()).held_urgent === posted.acceptedIds.length, {
          timeoutMs: 120_000 - (Date.now() - started),
          intervalMs: 250,
          retryErrors: true,
        });
        allHeldMs = Date.now() - started;
      } catch {
        allHeldMs = null;
      }
      const state = await heldState();
      const ledger = await readLedger(env.databaseUrl, env.threadId, posted.acceptedIds);
      const problems: string[] = [];
      if (posted.acceptedIds.length !== posts) problems.push(`${posts - posted.acceptedIds.length} posts refused`);
      if (allHeldMs === null)
        problems.push(
          `after 2 minutes only ${state.held_urgent} of ${posted.acceptedIds.length} posts were HELD with an URGENT case (${state.pending} still PENDING)`,
        );
      if (state.with_resources !== posted.acceptedIds.length)
        problems.push(`${posted.acceptedIds.length - state.with_resources} authors got no crisis resources for their post`);
      // Not the drill's promise, but worth knowing: the crisis phase needs no model, yet its finding is not acted on.
      const warnings: string[] = [];
      if (state.escalations === 0)
        warnings.push(
          'no escalation raised: when a later phase fails, the crisis phase result is discarded and no clinician is paged (the URGENT case is the only human path)',
        );
      if (!state.kinds?.CRISIS_RESOURCES) warnings.push('authors got the held note (which carries the resources line), not the CRISIS_RESOURCES notice');
      return verdict(
        'classifier-fail',
        ledger,
        {
          mode,
          heldWithUrgentCase: state.held_urgent,
          stillPending: state.pending,
          authorsGivenCrisisResources: state.with_resources,
          authorNoticeKinds: state.kinds ?? {},
          escalationsRaised: state.escalations,
          allHeldWithinMs: allHeldMs,
          posting: { ...posted, acceptedIds: undefined },
          warnings,
        },
        problems,
      );
    });
  },

  /** SIGTERM to the worker during 200 jobs: it finishes or releases them and exits; none stalls. */
  async shutdown(options) {
    const posts = options.posts ?? 200;
    // The production lock: a job left locked by the stopped worker would wait this long to be taken over.
    const lockMs = 30_000;
    return withEnvironment(
      { label: 'drill-shutdown', members: 8, worker: true, extraEnv: { SCREENING_LOCK_MS: String(lockMs), SCREENING_SWEEP_AFTER_MS: '60000' } },
      async (env) => {
        await env.worker?.stop();
        // The backlog is queued while no worker runs, so the SIGTERM lands in the middle of it.
        const outcomes = await postReplies(env, { count: posts, concurrency: 8, text: (i) => body('shutdown', i) });
        const posted = reportPosting(outcomes);
        const first = env.startWorker();
        await waitFor('the worker to be busy', async () => posts - (await unscreenedReplies(env.databaseUrl, env.threadId)) >= Math.min(20, posts / 4), {
          timeoutMs: 120_000,
          intervalMs: 50,
          retryErrors: true,
        });
        const queue = screeningQueue(env);
        try {
          const activeAtSigterm = await queue.getActiveCount();
          const sigtermAt = Date.now();
          const exitCode = await first.stop('SIGTERM').catch(() => 'killed: no exit within 30 s' as const);
          const exitMs = Date.now() - sigtermAt;
          const afterExit = await queue.getJobCounts('active', 'waiting', 'delayed', 'completed', 'failed');
          const screenedByFirst = posts - (await unscreenedReplies(env.databaseUrl, env.threadId));
          // What was left is taken by a new worker at once: a job left locked would wait for the lock (30 s).
          const restartAt = Date.now();
          env.startWorker();
          const recovery = await waitRecovered(env, 120_000);
          const secondWorkerMs = Date.now() - restartAt;
          const ledger = await readLedger(env.databaseUrl, env.threadId, posted.acceptedIds);
          const problems: string[] = [];
          // Nest closes the application on SIGTERM and then re-raises the signal, so a clean exit reads SIGTERM.
          if (exitCode !== 0 && exitCode !== 'SIGTERM') problems.push(`the worker exited with ${exitCode}`);
          if (afterExit.active) problems.push(`${afterExit.active} jobs still active after the worker exited`);
          if (!recovery.recovered) problems.push('not every post was screened in time');
          if (secondWorkerMs >= lockMs) problems.push(`the rest took ${secondWorkerMs} ms: some job waited for a stale lock`);
          return verdict(
            'shutdown',
            ledger,
            {
              activeAtSigterm,
              exitCode,
              exitMs,
              screenedBeforeExit: screenedByFirst,
              jobsAfterExit: afterExit,
              restScreenedByNextWorkerMs: secondWorkerMs,
              posting: { ...posted, acceptedIds: undefined },
            },
            problems,
          );
        } finally {
          await queue.close();
        }
      },
    );
  },

  /** 2 APIs + 2 workers, each restarted in turn (SIGTERM, graceful exit, start, ready) while clients post at --rate. */
  async 'rolling-restart'(options) {
    const perSecond = options.rate ?? 100;
    return withEnvironment({ label: 'drill-rolling-restart', members: 16, worker: true }, async (env) => {
      const run = await rollingRestart(env, {
        perSecond,
        clients: 16,
        maxPosts: options.posts ?? 20_000,
        leadMs: 2_000,
        tailMs: 2_000,
        text: (i) => body('rolling-restart', i),
      });
      // Four restarts leave a backlog the workers clear after posting stops: a shared machine needs longer than the other drills.
      const recovery = await waitRecovered(env, 2 * RECOVERY_TIMEOUT_MS);
      const posted = reportRollingPosting(run);
      const ledger = await readLedger(env.databaseUrl, env.threadId, posted.acceptedIds);
      const problems = recovery.recovered ? [] : ['not every post was screened in time'];
      if (posted.http5xx) problems.push(`${posted.http5xx} answers with HTTP 5xx`);
      if (posted.cutOff) problems.push(`${posted.cutOff} requests cut off after they were sent`);
      if (posted.acceptedIds.length !== posted.attempted)
        problems.push(`${posted.attempted - posted.acceptedIds.length} posts refused: ${JSON.stringify(posted.refused)}`);
      for (const r of run.restarts) if (!cleanExit(r.exit)) problems.push(`${r.process} did not exit gracefully (${r.exit})`);
      if (run.restarts.length !== 4) problems.push(`only ${run.restarts.length} of 4 processes were restarted`);
      return verdict(
        'rolling-restart',
        ledger,
        {
          rate: perSecond,
          restarts: run.restarts,
          postingSeconds: run.postingSeconds,
          recoveredAfterLastPostMs: recovery.ms,
          posting: { ...posted, acceptedIds: undefined },
        },
        problems,
      );
    });
  },
};
