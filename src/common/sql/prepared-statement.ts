import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Names already derived, by statement text: a hot path's texts are a handful of shapes (one per kind of viewer). */
const namesByText = new Map<string, string>();
const MAX_NAMES = 256;

/** Databases whose sessions a client does not own (embedded PGlite, a transaction-mode pooler): statements go unnamed. */
const unnamedOnly = new WeakSet<DataSource>();

/**
 * PostgreSQL's answers when the session behind a connection is not the one node-postgres prepared
 * on (a shared PGlite session, a pooler's other server connection): both come before anything ran.
 */
const NOT_THIS_SESSIONS_STATEMENT = new Set(['42P05' /* duplicate_prepared_statement */, '26000' /* invalid_sql_statement_name */]);

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
  unnamedOnly.add(dataSource);
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
  if (unnamedOnly.has(dataSource)) return (await pool.query<T>({ text, values })).rows;
  try {
    return (await pool.query<T>({ name: preparedStatementName(prefix, text), text, values })).rows;
  } catch (error) {
    if (!NOT_THIS_SESSIONS_STATEMENT.has((error as { code?: string }).code ?? '')) throw error;
    unnamedOnly.add(dataSource);
    return (await pool.query<T>({ text, values })).rows;
  }
}
