import DataLoader from 'dataloader';
import { RequestContext } from '../common/auth/viewer';

/**
 * The request's DataLoader for `key`, created on first use: field resolvers on a page of cases or
 * escalations batch their lookups into one query each. Loaders live and die with the request.
 */
export function requestLoader<V>(ctx: RequestContext, key: string, batch: (ids: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
  let loader = ctx.loaders.get(key) as DataLoader<string, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V | null>(async (ids) => {
      const found = await batch(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    ctx.loaders.set(key, loader);
  }
  return loader;
}
