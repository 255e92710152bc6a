import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Viewer } from '../../src/common/auth/viewer';
import { PostStatus } from '../../src/common/domain/post-status.enum';
import { Role } from '../../src/common/domain/role.enum';
import { NamedParameters, PositionalParameters, SqlParameters } from '../../src/common/sql/sql-parameters';
import { canSeePostStatus, canSeeSpace, visiblePostStatusSql, visibleSpaceSql } from '../../src/forum/post-visibility';
import { RUN_DATABASE_URL_VAR } from '../setup/test-env';
import { testViewer } from '../utils/viewers';

/**
 * The visibility rules exist once as TypeScript predicates (single posts) and once as SQL
 * fragments (lists, counts, the one-statement reply). This runs every fragment in PostgreSQL, as
 * a raw statement and through a query builder's named parameters, over every combination of role,
 * state, author and space, and requires exactly the predicate's answer (true or false, never NULL,
 * so a fragment also holds when negated).
 */
describe('forum: the SQL visibility rules say what the TypeScript predicates say', () => {
  let pg: Client;
  /** Only its driver is used: it turns named parameters into positional ones, as a query builder does. */
  const typeorm = new DataSource({ type: 'postgres' });

  const mine = randomUUID();
  const theirs = randomUUID();
  const me = randomUUID();
  const someone = randomUUID();
  const viewer = (role: Role, extra: Partial<Viewer> = {}): Viewer => testViewer(me, role, extra);
  const viewers: Record<string, Viewer> = {
    client: viewer(Role.CLIENT, { cohort: 'spring' }),
    clientWithoutCohort: viewer(Role.CLIENT),
    // A stray assignment must not widen what a client sees.
    clientWithStrayAssignment: viewer(Role.CLIENT, { moderatedSpaceIds: [mine] }),
    peerOfMySpace: viewer(Role.PEER_SPECIALIST, { moderatedSpaceIds: [mine] }),
    peerOfNoSpace: viewer(Role.PEER_SPECIALIST),
    clinician: viewer(Role.CLINICIAN),
    admin: viewer(Role.ADMIN),
  };

  const posts = Object.values(PostStatus).flatMap((status) =>
    [me, someone].flatMap((authorId) => [mine, theirs].map((spaceId) => ({ status, authorId, spaceId }))),
  );
  const cohorts = [null, 'spring', 'autumn'];

  beforeAll(async () => {
    pg = new Client({ connectionString: process.env[RUN_DATABASE_URL_VAR] });
    await pg.connect();
  });

  afterAll(async () => pg.end());

  /** Runs `select(fragment)` over `rows`, the fragment built with each kind of parameters in turn; returns each row's answer per kind. */
  async function evaluate(
    build: (params: SqlParameters) => string | null,
    statement: (fragment: string) => string,
    rowValues: unknown[],
  ): Promise<{ positional: boolean[]; named: boolean[] }> {
    const positionalParams = new PositionalParameters(rowValues);
    const positional = await pg.query<{ visible: boolean }>(statement(build(positionalParams) ?? 'TRUE'), positionalParams.values);

    const namedParams = new NamedParameters('rule');
    const rowNames = rowValues.map((_, i) => `row${i}`);
    const namedSql = statement(build(namedParams) ?? 'TRUE').replace(/\$(\d+)/g, (_, n: string) => `:${rowNames[Number(n) - 1]}`);
    const [sql, values] = typeorm.driver.escapeQueryWithParameters(
      namedSql,
      { ...Object.fromEntries(rowNames.map((name, i) => [name, rowValues[i]])), ...namedParams.values },
      {},
    );
    const named = await pg.query<{ visible: boolean }>(sql, values);
    return { positional: positional.rows.map((r) => r.visible), named: named.rows.map((r) => r.visible) };
  }

  it.each(Object.keys(viewers))('should show %s exactly the posts canSeePostStatus allows', async (name) => {
    const v = viewers[name];
    const answers = await evaluate(
      (params) => visiblePostStatusSql(v, 'p', params),
      (fragment) =>
        `SELECT ${fragment} AS visible FROM unnest($1::int[], $2::text[], $3::uuid[], $4::uuid[]) AS p(i, status, author_id, space_id) ORDER BY p.i`,
      [posts.map((_, i) => i), posts.map((p) => p.status), posts.map((p) => p.authorId), posts.map((p) => p.spaceId)],
    );
    const expected = posts.map((p) => canSeePostStatus(v, p));
    expect(answers.positional).toEqual(expected);
    expect(answers.named).toEqual(expected);
  });

  it.each(Object.keys(viewers))('should show %s exactly the spaces canSeeSpace allows', async (name) => {
    const v = viewers[name];
    const answers = await evaluate(
      (params) => visibleSpaceSql(v, 's', params),
      (fragment) => `SELECT ${fragment} AS visible FROM unnest($1::int[], $2::text[]) AS s(i, cohort) ORDER BY s.i`,
      [cohorts.map((_, i) => i), cohorts],
    );
    const expected = cohorts.map((cohort) => canSeeSpace(v, { cohort }));
    expect(answers.positional).toEqual(expected);
    expect(answers.named).toEqual(expected);
  });

  it('should cover posts each viewer may and may not see, so agreeing means something', () => {
    for (const v of Object.values(viewers)) {
      const seen = posts.filter((p) => canSeePostStatus(v, p)).length;
      expect(seen).toBeGreaterThan(0);
      if (v.role === Role.CLIENT || v.role === Role.PEER_SPECIALIST) expect(seen).toBeLessThan(posts.length);
    }
  });
});
