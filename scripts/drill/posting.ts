/**
 * Clients posting replies during a drill: plain HTTP requests (one member per client), each
 * outcome recorded, so "accepted" means exactly the posts the API answered with an id.
 */
import { BenchEnvironment } from '../bench/environment';
import { summarise } from '../bench/harness';
import { CREATE_REPLY } from '../bench/scenarios';

export interface PostOutcome {
  index: number;
  /** The API answered with the post's id. */
  postId: string | null;
  httpStatus: number;
  /** GraphQL error code, or the transport error's name. */
  error: string | null;
  ms: number;
  at: number;
}

export interface PostingReport {
  attempted: number;
  acceptedIds: string[];
  http5xx: number;
  refused: Record<string, number>;
  latencyMs: ReturnType<typeof summarise>;
}

async function postOne(env: BenchEnvironment, token: string, index: number, body: string): Promise<PostOutcome> {
  const started = performance.now();
  const at = Date.now();
  try {
    const res = await fetch(env.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CREATE_REPLY, variables: { input: { threadId: env.threadId, body } } }),
      signal: AbortSignal.timeout(20_000),
    });
    const json = (await res.json().catch(() => ({}))) as { data?: { createReply?: { id: string } } | null; errors?: Array<{ extensions?: { code?: string } }> };
    const postId = json.data?.createReply?.id ?? null;
    return {
      index,
      postId,
      httpStatus: res.status,
      error: postId ? null : (json.errors?.[0]?.extensions?.code ?? `HTTP_${res.status}`),
      ms: performance.now() - started,
      at,
    };
  } catch (error) {
    return { index, postId: null, httpStatus: 0, error: (error as Error).name, ms: performance.now() - started, at };
  }
}

/**
 * Posts `count` replies with `concurrency` clients, optionally paced to `perSecond` overall.
 * `text(i)` must make each body unique (duplicates are counted by body).
 */
export async function postReplies(
  env: BenchEnvironment,
  options: { count: number; concurrency: number; perSecond?: number; text: (i: number) => string; onPosted?: (outcome: PostOutcome) => void },
): Promise<PostOutcome[]> {
  const outcomes: PostOutcome[] = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, client) => {
      const token = env.clientTokens[client % env.clientTokens.length];
      while (next < options.count) {
        const i = next++;
        if (options.perSecond) {
          const due = started + (i * 1000) / options.perSecond;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        }
        const outcome = await postOne(env, token, i, options.text(i));
        outcomes.push(outcome);
        options.onPosted?.(outcome);
      }
    }),
  );
  return outcomes.sort((a, b) => a.index - b.index);
}

export function reportPosting(outcomes: PostOutcome[]): PostingReport {
  const refused: Record<string, number> = {};
  for (const o of outcomes) if (!o.postId && o.error) refused[o.error] = (refused[o.error] ?? 0) + 1;
  return {
    attempted: outcomes.length,
    acceptedIds: outcomes.flatMap((o) => (o.postId ? [o.postId] : [])),
    http5xx: outcomes.filter((o) => o.httpStatus >= 500).length,
    refused,
    latencyMs: summarise(outcomes.map((o) => o.ms)),
  };
}
