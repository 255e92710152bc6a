import DataLoader from 'dataloader';
import { RequestContext } from '../auth/viewer';

/**
 * The one per-request loader mechanism. Everything a request batches or remembers (DataLoaders,
 * a feature's set of them, an audit batch) lives in `ctx.loaders` under a key of its feature's
 * choosing ("<feature>.<what>"), created on first use and dropped with the request: nothing is
 * cached across requests, because what a viewer may see can change between two of them.
 */
export function requestScoped<T>(ctx: RequestContext, key: string, create: () => T): T {
  if (ctx.loaders.has(key)) return ctx.loaders.get(key) as T;
  const value = create();
  ctx.loaders.set(key, value);
  return value;
}

/**
 * The request's by-id DataLoader for `key`: field resolvers on a page of things batch their
 * lookups into one query per tick. `batch` returns what it found by id; missing ids load as null.
 */
export function requestLoader<V>(ctx: RequestContext, key: string, batch: (ids: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
  return requestScoped(
    ctx,
    key,
    () =>
      new DataLoader<string, V | null>(async (ids) => {
        const found = await batch(ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
  );
}
