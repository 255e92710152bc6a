import { DataSource } from 'typeorm';

/**
 * Where a phrase is stored: every text, varchar, json and jsonb column of every table, searched.
 * Retention and erasure tests use it to prove a client's words are gone from everywhere, not only
 * from the columns the test author thought of.
 */
export async function tablesQuoting(app: { dataSource: DataSource }, phrase: string): Promise<string[]> {
  const columns: Array<{ table_schema: string; table_name: string; column_name: string }> = await app.dataSource.query(
    `SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.udt_name IN ('text', 'varchar', 'bpchar', 'json', 'jsonb', '_text', '_varchar')`,
  );
  const found: string[] = [];
  for (const c of columns) {
    const [{ n }]: Array<{ n: number }> = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM "${c.table_schema}"."${c.table_name}" WHERE strpos("${c.column_name}"::text, $1) > 0`,
      [phrase],
    );
    if (n > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found.sort();
}
