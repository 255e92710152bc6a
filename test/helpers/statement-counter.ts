import { Client as PgClient } from 'pg';

/**
 * Counts the statements this process sends through the `pg` driver while `work` runs: a page that
 * batches its fields costs the same number whatever its size. Nothing else may talk to the app meanwhile.
 */
export async function countStatements(work: () => Promise<unknown>): Promise<number> {
  const prototype = PgClient.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let statements = 0;
  prototype.query = function counted(this: unknown, ...args: unknown[]): unknown {
    statements += 1;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return statements;
}
