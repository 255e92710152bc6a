export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors: Array<{ message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }> | undefined;
}

/**
 * One GraphQL operation over HTTP, as a client sends it (bearer token, JSON body). With
 * `timeoutMs`, no answer in time rejects naming the operation.
 */
export async function postGraphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; timeoutMs?: number } = {},
): Promise<GraphqlResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: options.variables ?? {} }),
      signal: options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    throw new Error(`no answer within ${options.timeoutMs} ms to: ${query.replace(/\s+/g, ' ').slice(0, 80)}`);
  }
  const body = (await res.json()) as { data?: T | null; errors?: GraphqlResponse['errors'] };
  return { status: res.status, data: body.data, errors: body.errors };
}
