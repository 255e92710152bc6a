/**
 * Where a SQL fragment puts the values it needs, so one fragment builder serves both ways this
 * code sends SQL: a raw statement (`$n`, appended after the statement's own parameters) and a
 * TypeORM query builder (`:name`, merged with its other named parameters).
 */
export interface SqlParameters {
  /** Adds `value` and returns the placeholder that stands for it in the SQL text. */
  bind(value: unknown): string;
}

/** For `dataSource.query(sql, values)`: starts after the statement's own positional values. */
export class PositionalParameters implements SqlParameters {
  readonly values: unknown[];

  constructor(statementValues: readonly unknown[] = []) {
    this.values = [...statementValues];
  }

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** For a query builder's `where(sql, values)`: names start with `prefix`, so fragments never clash with the builder's own names. */
export class NamedParameters implements SqlParameters {
  readonly values: Record<string, unknown> = {};
  private next = 0;

  constructor(private readonly prefix: string) {}

  bind(value: unknown): string {
    const name = `${this.prefix}${this.next++}`;
    this.values[name] = value;
    return `:${name}`;
  }
}
