import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager, QueryRunner } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Catches, in every in-process e2e test, the bug that deadlocked the embedded database: code inside
 * `transaction(async (manager) => ...)` that queries without `manager` (a service that reads
 * through its own DataSource) takes a second pool connection while the transaction holds one.
 * PostgreSQL answers it (so tests pass) but runs out of connections under load; PGlite never
 * answers it. Each transaction callback runs with its query runner in an AsyncLocalStorage; a
 * different query runner connecting while that transaction is still open, in the same async
 * flow, is refused and recorded.
 */
const openTransaction = new AsyncLocalStorage<QueryRunner>();
const violations: string[] = [];
let installed = false;

type TransactionMethod = (this: EntityManager, ...args: unknown[]) => Promise<unknown>;

export function guardTransactionConnections(): void {
  if (installed) return;
  installed = true;

  const transaction = EntityManager.prototype.transaction as unknown as TransactionMethod;
  (EntityManager.prototype as unknown as { transaction: TransactionMethod }).transaction = function (this: EntityManager, ...args: unknown[]) {
    // transaction(work) or transaction(isolationLevel, work)
    const at = typeof args[0] === 'function' ? 0 : 1;
    const work = args[at] as (manager: EntityManager) => Promise<unknown>;
    args[at] = (manager: EntityManager) => openTransaction.run(manager.queryRunner as QueryRunner, () => work(manager));
    return transaction.apply(this, args);
  };

  const connect = PostgresQueryRunner.prototype.connect;
  PostgresQueryRunner.prototype.connect = function (this: PostgresQueryRunner) {
    const held = openTransaction.getStore();
    if (held && held !== this && held.isTransactionActive && !held.isReleased) {
      const error = new Error("a query inside a transaction took another pool connection: pass the transaction's EntityManager down");
      violations.push(error.stack ?? error.message);
      throw error;
    }
    return connect.call(this);
  };
}

/** How many violations have been seen so far, to compare against later. */
export function transactionConnectionViolationCount(): number {
  return violations.length;
}

/** Throws, with the stack of each, when violations were seen since `since`. */
export function assertNoTransactionConnectionViolations(since: number): void {
  const seen = violations.slice(since);
  if (seen.length > 0) throw new Error(`queries that left their transaction's connection (${seen.length}):\n\n${seen.join('\n\n')}`);
}
