/**
 * The `rolling-restart` drill: two API and two worker processes (a deployment's smallest
 * redundant shape), every one of them restarted in turn while clients post at a steady rate.
 * Each restart is the one a deploy does: SIGTERM, wait for the graceful exit, start the new
 * process, wait until it is ready, then the next.
 *
 * The clients stand in for a load balancer in front of the APIs: post i goes to API i % 2, a
 * refused connection (the request never reached anyone) is sent to the other API at once, and a
 * SERVICE_UNAVAILABLE answer is retried after its retryAfter. Every request opens a connection of
 * its own, so a request is never written to a keep-alive socket the server is just closing.
 *
 * A connection reset before any answer is retried too: the API's shutdown stops accepting, lets
 * requests already on open connections arrive and answers them (src/health/http-drain.ts), so a
 * reset means the kernel dropped a connection the process never accepted (its accept queue when
 * the listening socket closed), and the post was never read. The ledger checks that promise: a
 * post saved twice counts as duplicated and fails the drill. Any other error after a request was
 * sent (a timeout, a cut in the middle of an answer) is not retried and counts as a problem.
 */
import { request } from 'node:http';
import { Queue } from 'bullmq';
import { BenchEnvironment } from '../bench/environment';
import { summarise } from '../bench/harness';
import { CREATE_REPLY } from '../bench/scenarios';
import { ExitStatus, freePort, ServerProcess, spawnApp, waitReady } from '../../test/utils/app-process';
import { openQueue } from '../../test/utils/queue-jobs';
import { waitFor } from '../../test/utils/wait-for';
import { QueueName } from '../../src/queue/queue.types';

/** Longest a client keeps retrying one post (failover and SERVICE_UNAVAILABLE together). */
const RETRY_BUDGET_MS = 60_000;
/** A retryAfter longer than this is shortened: the drill measures recovery, not patience. */
const MAX_RETRY_WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  /** The connection was refused: nothing was sent, so sending it elsewhere cannot duplicate it. */
  refusedConnection?: boolean;
  /** Failed after the request was sent (reset, timeout): it may or may not have committed. */
  cutOff?: string;
  /** Reset before any byte of an answer arrived (see the header: never read by the API). */
  resetBeforeAnswer?: boolean;
  status?: number;
  postId?: string | null;
  code?: string | null;
  retryAfter?: number;
}

function send(url: URL, token: string, body: string): Promise<Answer> {
  const payload = JSON.stringify({ query: CREATE_REPLY, variables: { input: { threadId: url.searchParams.get('thread'), body } } });
  return new Promise((resolve) => {
    let connected = false;
    let answered = false;
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        timeout: 20_000,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (error) => resolve({ cutOff: error.message }));
        res.on('end', () => {
          let json: { data?: { createReply?: { id: string } } | null; errors?: Array<{ extensions?: { code?: string; retryAfter?: number } }> } = {};
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // A body that is not JSON is reported by its status.
          }
          const error = json.errors?.[0]?.extensions;
          resolve({ status: res.statusCode, postId: json.data?.createReply?.id ?? null, code: error?.code ?? null, retryAfter: error?.retryAfter });
        });
      },
    );
    req.on('socket', (socket) => socket.once('connect', () => (connected = true)));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && error.code === 'ECONNREFUSED') resolve({ refusedConnection: true });
      else if (!answered && error.code === 'ECONNRESET') resolve({ resetBeforeAnswer: true });
      else resolve({ cutOff: error.code ?? error.message });
    });
    req.end(payload);
  });
}

export interface RollingOutcome {
  index: number;
  postId: string | null;
  /** Final status and error code, after retries. */
  httpStatus: number;
  error: string | null;
  failovers: number;
  resetsBeforeAnswer: number;
  serviceUnavailable: number;
  ms: number;
}

/** One post, with the load balancer's failover and the client's SERVICE_UNAVAILABLE retries. */
async function postWithRetries(urls: URL[], token: string, index: number, body: string): Promise<RollingOutcome> {
  const started = performance.now();
  const outcome: RollingOutcome = { index, postId: null, httpStatus: 0, error: null, failovers: 0, resetsBeforeAnswer: 0, serviceUnavailable: 0, ms: 0 };
  for (let attempt = 0; ; attempt++) {
    const answer = await send(urls[(index + attempt) % urls.length], token, body);
    const outOfTime = performance.now() - started > RETRY_BUDGET_MS;
    if (answer.refusedConnection) {
      outcome.failovers += 1;
      if (!outOfTime) {
        // Both refused: the next API may be between its SIGTERM and its replacement's start.
        if (outcome.failovers % urls.length === 0) await sleep(100);
        continue;
      }
      outcome.error = 'ECONNREFUSED';
    } else if (answer.resetBeforeAnswer && !outOfTime) {
      outcome.resetsBeforeAnswer += 1;
      continue;
    } else if (answer.cutOff || answer.resetBeforeAnswer) {
      outcome.error = `CUT_OFF_${answer.cutOff ?? 'ECONNRESET'}`;
    } else if (answer.code === 'SERVICE_UNAVAILABLE' && !outOfTime) {
      outcome.serviceUnavailable += 1;
      await sleep(Math.min(MAX_RETRY_WAIT_MS, (answer.retryAfter ?? 1) * 1000));
      continue;
    } else {
      outcome.httpStatus = answer.status ?? 0;
      outcome.postId = answer.postId ?? null;
      outcome.error = outcome.postId ? null : (answer.code ?? `HTTP_${answer.status}`);
    }
    outcome.ms = performance.now() - started;
    return outcome;
  }
}

export interface RestartRecord {
  process: string;
  exit: ExitStatus | 'killed';
  /** SIGTERM to exit. */
  exitMs: number;
  /** Start to ready. */
  readyMs: number;
}

/** Nest closes on SIGTERM and then re-raises it, so a graceful exit reads SIGTERM (or 0). */
const cleanExit = (exit: RestartRecord['exit']) => exit === 0 || exit === 'SIGTERM';

export interface RollingRestartRun {
  outcomes: RollingOutcome[];
  restarts: RestartRecord[];
  postingSeconds: number;
}

/**
 * Starts a second API and a second worker beside the environment's, posts at `perSecond` from
 * `clients` members, restarts all four one at a time, keeps posting `tailMs` after the last one
 * is ready, and stops the processes it started. The environment's own processes are restarted too
 * (their replacements are the drill's to stop).
 */
export async function rollingRestart(
  env: BenchEnvironment,
  options: { perSecond: number; clients: number; maxPosts: number; leadMs: number; tailMs: number; text: (i: number) => string },
): Promise<RollingRestartRun> {
  const secondPort = await freePort();
  const apis: Array<{ name: string; port: number; process: ServerProcess }> = [
    { name: 'api-1', port: env.port, process: env.api },
    { name: 'api-2', port: secondPort, process: spawnApp('api', { ...env.env, PORT: String(secondPort) }) },
  ];
  await waitReady(secondPort, apis[1].process);
  const workers: Array<{ name: string; process: ServerProcess }> = [
    { name: 'worker-1', process: env.worker as ServerProcess },
    { name: 'worker-2', process: env.startWorker() },
  ];
  const screening: Queue = openQueue(QueueName.SCREENING, String(env.env.REDIS_URL), env.prefix);
  const workersConnected = () => screening.getWorkersCount();
  const restarts: RestartRecord[] = [];
  const urls = apis.map((api) => new URL(`http://127.0.0.1:${api.port}/graphql?thread=${env.threadId}`));
  try {
    await waitFor('both workers to take screening jobs', async () => (await workersConnected()) >= 2, {
      timeoutMs: 90_000,
      intervalMs: 200,
      retryErrors: true,
    });

    let posting = true;
    const outcomes: RollingOutcome[] = [];
    const started = Date.now();
    const clients = Array.from({ length: options.clients }, async (_, client) => {
      const token = env.clientTokens[client % env.clientTokens.length];
      for (let i = client; posting && i < options.maxPosts; i += options.clients) {
        const due = started + (i * 1000) / options.perSecond;
        if (due > Date.now()) await sleep(due - Date.now());
        if (!posting) break;
        outcomes.push(await postWithRetries(urls, token, i, options.text(i)));
      }
    });

    const restartAll = async () => {
      await sleep(options.leadMs);
      const stop = async (name: string, server: ServerProcess) => {
        const at = Date.now();
        const exit = await server.stop('SIGTERM').catch(() => 'killed' as const);
        return { name, exit, exitMs: Date.now() - at };
      };
      for (const api of apis) {
        const stopped = await stop(api.name, api.process);
        const at = Date.now();
        api.process = spawnApp('api', { ...env.env, PORT: String(api.port) });
        await waitReady(api.port, api.process, 90_000);
        restarts.push({ process: api.name, exit: stopped.exit, exitMs: stopped.exitMs, readyMs: Date.now() - at });
      }
      for (const worker of workers) {
        const stopped = await stop(worker.name, worker.process);
        const at = Date.now();
        worker.process = env.startWorker();
        await waitFor(`${worker.name} to take screening jobs again`, async () => (await workersConnected()) >= 2, {
          timeoutMs: 90_000,
          intervalMs: 100,
          retryErrors: true,
        });
        restarts.push({ process: worker.name, exit: stopped.exit, exitMs: stopped.exitMs, readyMs: Date.now() - at });
      }
      await sleep(options.tailMs);
      posting = false;
    };
    await Promise.all([restartAll(), ...clients]);
    return { outcomes: outcomes.sort((a, b) => a.index - b.index), restarts, postingSeconds: (Date.now() - started) / 1000 };
  } finally {
    await screening.close();
    // The replacements of the environment's own API are the drill's to stop (env.close() stops the rest).
    await Promise.allSettled(apis.filter((api) => api.process !== env.api).map((api) => api.process.stop()));
  }
}

export function reportRollingPosting(run: RollingRestartRun) {
  const refused: Record<string, number> = {};
  for (const o of run.outcomes) if (!o.postId && o.error) refused[o.error] = (refused[o.error] ?? 0) + 1;
  return {
    attempted: run.outcomes.length,
    acceptedIds: run.outcomes.flatMap((o) => (o.postId ? [o.postId] : [])),
    perSecond: Math.round((run.outcomes.length / run.postingSeconds) * 10) / 10,
    http5xx: run.outcomes.filter((o) => o.httpStatus >= 500).length,
    cutOff: run.outcomes.filter((o) => o.error?.startsWith('CUT_OFF')).length,
    serviceUnavailableRetried: run.outcomes.reduce((n, o) => n + o.serviceUnavailable, 0),
    failedOverToOtherApi: run.outcomes.reduce((n, o) => n + o.failovers, 0),
    resetBeforeAnswerRetried: run.outcomes.reduce((n, o) => n + o.resetsBeforeAnswer, 0),
    refused,
    latencyMs: summarise(run.outcomes.map((o) => o.ms)),
  };
}

export { cleanExit };
