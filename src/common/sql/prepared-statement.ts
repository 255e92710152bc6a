import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Names already derived, by statement text: a hot path's texts are a handful of shapes (one per kind of viewer). */
const namesByText = new Map<string, string>();
const MAX_NAMES = 256;

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

/**
 * Runs a read as a named prepared statement on the pool: PostgreSQL parses it once per connection
 * and, after its first executions, reuses a generic plan instead of planning it per request. For
 * hot reads of a fixed shape only; TypeORM's `query` sends every statement unnamed.
 */
export async function queryPrepared<T extends QueryResultRow>(dataSource: DataSource, prefix: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query<T>({ name: preparedStatementName(prefix, text), text, values });
  return result.rows;
}
