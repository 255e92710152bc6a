import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { registeredMetric } from '../metrics/registered-metric';

/** Names already derived, by statement text: a hot path's texts are a handful of shapes (one per kind of viewer). */
const namesByText = new Map<string, string>();
const MAX_NAMES = 256;

/**
 * PostgreSQL's answers when the session behind a connection is not the one node-postgres prepared
 * on (a shared PGlite session, a pooler's other server connection): both come before anything ran.
 */
const NOT_THIS_SESSIONS_STATEMENT = new Set(['42P05' /* duplicate_prepared_statement */, '26000' /* invalid_sql_statement_name */]);

/** Why a statement meant to be prepared went unnamed: the database was set so, or a session was not the connection's own. */
type UnnamedReason = 'configured' | 'foreign_session';

/** Databases whose sessions a client does not own (embedded PGlite, a transaction-mode pooler): statements go unnamed. */
const unnamedOnly = new WeakMap<DataSource, UnnamedReason>();

/**
 * Statements sent unnamed that were meant to be prepared: each is planned per request, which is
 * what preparing them saves, so a rise says the hot reads lost their generic plans.
 */
export const unnamedStatementsTotal = registeredMetric(
  'database_unnamed_statements_total',
  () =>
    new Counter({
      name: 'database_unnamed_statements_total',
      help: 'Executions of statements meant to run prepared that were sent unnamed, by statement prefix and reason',
      labelNames: ['statement', 'reason'],
    }),
);

/** Where queryPrepared says a database's statements went unnamed: set when the app opens it. */
const loggers = new WeakMap<DataSource, Logger>();

/** Statement names already warned about: once per statement and process, since every request of it would say the same. */
const warnedNames = new Set<string>();

/**
 * A name for the statement, derived from its text: node-postgres prepares a named statement once
 * per pooled connection and refuses one name for two texts, so the name must follow the text.
 */
export function preparedStatementName(prefix: string, text: string): string {
  let name = namesByText.get(text);
  if (!name) {
    name = `${prefix}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    if (namesByText.size >= MAX_NAMES) namesByText.clear();
    namesByText.set(text, name);
  }
  return name;
}

/** From now on, queryPrepared sends this database's statements unnamed (DATABASE_PREPARED_STATEMENTS=false, PGlite). */
export function sendStatementsUnnamed(dataSource: DataSource): void {
  unnamedOnly.set(dataSource, 'configured');
}

/**
 * Whether this database's statements go unnamed: configured so, or found to run on sessions that
 * are not the connection's own (a transaction-mode pooler, where LISTEN does not hear either).
 */
export function statementsGoUnnamed(dataSource: DataSource): boolean {
  return unnamedOnly.has(dataSource);
}

/** queryPrepared warns on this logger when one of the database's statements first goes unnamed. */
export function reportUnnamedStatementsTo(dataSource: DataSource, logger: Logger): void {
  loggers.set(dataSource, logger);
}

/**
 * Runs one statement as a named prepared statement on the pool: PostgreSQL parses it once per
 * connection and, after its first executions, reuses a generic plan instead of planning it per
 * request. For hot statements of a fixed shape only; TypeORM's `query` sends every statement
 * unnamed. If the session turns out not to be the connection's own (the statement exists already
 * or is missing), it is sent again unnamed and the database is switched to unnamed statements.
 */
export async function queryPrepared<T extends QueryResultRow>(dataSource: DataSource, prefix: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const name = preparedStatementName(prefix, text);
  const unnamedBecause = unnamedOnly.get(dataSource);
  if (unnamedBecause) {
    noteUnnamed(dataSource, prefix, name, unnamedBecause);
    return (await pool.query<T>({ text, values })).rows;
  }
  try {
    return (await pool.query<T>({ name, text, values })).rows;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!NOT_THIS_SESSIONS_STATEMENT.has(code)) throw error;
    unnamedOnly.set(dataSource, 'foreign_session');
    noteUnnamed(dataSource, prefix, name, 'foreign_session', code);
    return (await pool.query<T>({ text, values })).rows;
  }
}

/**
 * `queryPrepared` on a caller's transaction (its manager), for the hot statements of a write
 * path, such as the screening worker's decide transaction. The statement runs on the transaction's
 * own connection. A statement that finds the session is not the connection's own cannot be sent
 * again inside the transaction (the failed one aborted it): the error is thrown, so the
 * transaction rolls back and its caller's retry runs (the database's statements go unnamed from
 * then on). Outside a transaction (the data source's own manager) it is `queryPrepared` itself.
 */
export async function queryPreparedIn<T extends QueryResultRow>(manager: EntityManager, prefix: string, text: string, values: unknown[]): Promise<T[]> {
  const dataSource = manager.connection;
  const runner = manager.queryRunner;
  if (!runner || !runner.isTransactionActive) return queryPrepared<T>(dataSource, prefix, text, values);
  const name = preparedStatementName(prefix, text);
  // The transaction's own connection: its rows as node-postgres returns them, whatever the command.
  const client = (await runner.connect()) as PoolClient;
  const unnamedBecause = unnamedOnly.get(dataSource);
  if (unnamedBecause) {
    noteUnnamed(dataSource, prefix, name, unnamedBecause);
    return (await client.query<T>({ text, values })).rows;
  }
  try {
    return (await client.query<T>({ name, text, values })).rows;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (NOT_THIS_SESSIONS_STATEMENT.has(code)) {
      unnamedOnly.set(dataSource, 'foreign_session');
      noteUnnamed(dataSource, prefix, name, 'foreign_session', code);
    }
    throw error;
  }
}

/** Counts an unnamed execution and says so the first time a statement goes unnamed; by name only, never its text or values (post text). */
function noteUnnamed(dataSource: DataSource, prefix: string, name: string, reason: UnnamedReason, code?: string): void {
  unnamedStatementsTotal.inc({ statement: prefix, reason });
  const logger = loggers.get(dataSource);
  if (!logger || warnedNames.has(name)) return;
  if (warnedNames.size >= MAX_NAMES) warnedNames.clear();
  warnedNames.add(name);
  // Chosen by configuration (or the embedded demo database) it is news, not a fault: info, so a demo starts quietly.
  if (reason === 'configured') {
    logger.info(
      { statement: name, reason },
      'A statement meant to run prepared is sent unnamed, as the database is set to (DATABASE_PREPARED_STATEMENTS=false or embedded): it is planned on every request',
    );
    return;
  }
  logger.warn(
    { statement: name, reason, code },
    "A statement meant to run prepared is sent unnamed from now on: the connection's session is not its own (a shared session or a transaction-mode pooler), so it is planned on every request",
  );
}
