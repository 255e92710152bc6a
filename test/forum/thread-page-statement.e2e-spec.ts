import type { Pool, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Role } from '../../src/common/domain/role.enum';
import { reportUnnamedStatementsTo, sendStatementsUnnamed, unnamedStatementsTotal } from '../../src/common/sql/prepared-statement';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ThreadsRepository } from '../../src/forum/threads.repository';
import { captureLogs } from '../helpers/captured-logs';
import { startTestApp, TestApp } from '../helpers/test-app';
import { runEnvironment } from '../setup/test-env';
import { member, space } from '../utils/factories';
import { testViewer } from '../utils/viewers';
import { publishedReply, publishedThread } from './forum-fixtures';

/**
 * The thread page is the hottest read: it is a named prepared statement (parsed once per
 * connection, then run from a generic plan instead of planned per request), and its generic plan
 * must still find a later page through the (thread_id, seq) index rather than by filtering the
 * whole thread. One pooled connection, so the statements it prepared can be looked at.
 */
describe('forum: the thread page statement', () => {
  let app: TestApp;
  let db: DataSource;
  let pool: Pool;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
    db = await new DataSource({ ...dataSourceOptions(runEnvironment().databaseUrl, 1, 'thread-page-statement-test'), entities: [] }).initialize();
    pool = (db.driver as PostgresDriver).master as Pool;
  });

  afterAll(async () => {
    await db.destroy();
    await app.close();
  });

  it('should be prepared once and page through the index in its generic plan', async () => {
    const author = await member(app, Role.CLIENT, 'page-author');
    const reader = await member(app, Role.CLIENT, 'page-reader');
    const spaceId = await space(app.dataSource);
    const thread = await publishedThread(app, author, spaceId);
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await publishedReply(app, author, thread.id));
    const viewer = testViewer(reader.id, Role.CLIENT);
    const sent: QueryConfig[] = [];
    recordQueries(pool, sent);
    const threads = new ThreadsRepository(db);

    const first = await threads.readWithPage(viewer, thread.id, 2, null);
    const second = await threads.readWithPage(viewer, thread.id, 2, first!.page[1].seq);
    jest.restoreAllMocks();

    expect(first!.page.map((p) => p.id)).toEqual([thread.firstPost.id, replies[0].id]);
    expect(second!.page.map((p) => p.id)).toEqual([replies[1].id, replies[2].id]);
    expect(sent).toHaveLength(2);
    expect(sent[0].name).toMatch(/^thread-page-[0-9a-f]{16}$/);
    expect(sent[1].name).toBe(sent[0].name);
    const prepared = await db.query(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'thread-page-%'`);
    expect(prepared).toEqual([{ name: sent[0].name }]);

    // The plan a long-lived connection settles on: the page bound as an index condition, not a filter.
    const args = sent[1].values!.map(literal).join(', ');
    await db.query(`SET plan_cache_mode = force_generic_plan`);
    const plan: Array<{ 'QUERY PLAN': string }> = await db.query(`EXPLAIN EXECUTE "${sent[1].name}"(${args})`);
    await db.query(`RESET plan_cache_mode`);
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Cond: \(\(thread_id = \$1\) AND \(seq > COALESCE\(\$3, '0'::bigint\)\)\)/);
  });

  it("should send the page unnamed from then on when the connection's session already holds a statement of that name", async () => {
    const author = await member(app, Role.CLIENT, 'page-author');
    const spaceId = await space(app.dataSource);
    const thread = await publishedThread(app, author, spaceId);
    const viewer = testViewer(author.id, Role.CLIENT);
    // Learn the statement from a first read elsewhere, then give a fresh connection's session that name behind node-postgres' back,
    // as a shared PGlite session or a transaction-mode pooler does.
    const sent: QueryConfig[] = [];
    recordQueries(pool, sent);
    await new ThreadsRepository(db).readWithPage(viewer, thread.id, 2, null);
    const { name, text } = sent[0];
    const shared = await new DataSource({
      ...dataSourceOptions(runEnvironment().databaseUrl, 1, 'thread-page-shared-session-test'),
      entities: [],
    }).initialize();
    const logs = captureLogs();
    reportUnnamedStatementsTo(shared, logs.logger);
    const fallbacksBefore = await unnamedCount('foreign_session');
    try {
      await shared.query(`PREPARE "${name}" AS ${text}`);
      recordQueries((shared.driver as PostgresDriver).master as Pool, sent);
      const threads = new ThreadsRepository(shared);
      const first = await threads.readWithPage(viewer, thread.id, 2, null);
      const again = await threads.readWithPage(viewer, thread.id, 2, null);
      jest.restoreAllMocks();

      expect(first!.page.map((p) => p.id)).toEqual([thread.firstPost.id]);
      expect(again!.page.map((p) => p.id)).toEqual([thread.firstPost.id]);
      // The named try (refused: it exists), the same statement unnamed, then unnamed at once.
      expect(sent.slice(1).map((config) => config.name ?? null)).toEqual([name, null, null]);
      // Each unnamed execution is counted; the operator is told once, by the statement's name, never its text or values.
      expect(await unnamedCount('foreign_session')).toBe(fallbacksBefore + 2);
      expect(logs.records.filter((r) => r.level === 40)).toEqual([expect.objectContaining({ statement: name, reason: 'foreign_session', code: '42P05' })]);
      expect(logs.text()).not.toContain('SELECT');
      expect(logs.text()).not.toContain(thread.id);
    } finally {
      await shared.destroy();
    }
  });

  it('should read the page unnamed, and count it, where the database is set to send statements unnamed', async () => {
    const author = await member(app, Role.CLIENT, 'page-author');
    const spaceId = await space(app.dataSource);
    const thread = await publishedThread(app, author, spaceId);
    const viewer = testViewer(author.id, Role.CLIENT);
    const unnamed = await new DataSource({ ...dataSourceOptions(runEnvironment().databaseUrl, 1, 'thread-page-unnamed-test'), entities: [] }).initialize();
    try {
      sendStatementsUnnamed(unnamed);
      const before = await unnamedCount('configured');
      const read = await new ThreadsRepository(unnamed).readWithPage(viewer, thread.id, 2, null);

      expect(read!.page.map((p) => p.id)).toEqual([thread.firstPost.id]);
      expect(await unnamedCount('configured')).toBe(before + 1);
      expect(await unnamed.query(`SELECT name FROM pg_prepared_statements`)).toEqual([]);
    } finally {
      await unnamed.destroy();
    }
  });
});

/** Lets the pool's statements through, keeping what was sent (name, text, values) in `sent`, until jest.restoreAllMocks. */
function recordQueries(pool: Pool, sent: QueryConfig[]): void {
  const query = pool.query.bind(pool) as (config: QueryConfig) => Promise<unknown>;
  jest.spyOn(pool, 'query').mockImplementation(((config: QueryConfig) => {
    sent.push(config);
    return query(config);
  }) as never);
}

/** How many thread page executions went unnamed, for the reason given, in this process. */
async function unnamedCount(reason: string): Promise<number> {
  const { values } = await unnamedStatementsTotal.get();
  return values.find((v) => v.labels.statement === 'thread-page' && v.labels.reason === reason)?.value ?? 0;
}

/** A value as a SQL literal (EXECUTE takes them inline): the statement's are strings, numbers, string arrays and nulls. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  let text: string;
  if (Array.isArray(value)) text = `{${value.map((item) => `"${item as string}"`).join(',')}}`;
  else if (typeof value === 'number') text = String(value);
  else text = value as string;
  return `'${text.replace(/'/g, "''")}'`;
}
