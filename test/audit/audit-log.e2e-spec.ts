import { Role } from '../../src/common/domain/role.enum';
import { connectAsSchemaOwner, startTestApp, TestApp } from '../helpers/test-app';
import { uniqueSub } from '../utils/factories';

const AUDIT_PAGE = `query($first: Int, $after: String) {
  auditEvents(first: $first, after: $after) { edges { cursor node { id actorRole action targetType targetId details createdAt } } pageInfo { hasNextPage endCursor } }
}`;

describe('audit log: append-only, readable by admins', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => app.close());

  /** Runs `sql` as the app's own connection, rolled back whatever happens; returns the error PostgreSQL gave, if any. */
  async function asApp(sql: string): Promise<{ code?: string; message: string } | null> {
    const runner = app.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(sql);
      return null;
    } catch (error) {
      return { code: (error as { code?: string }).code, message: (error as Error).message };
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it("should refuse the app's own connection every way around the append-only rule, by permission", async () => {
    expect(await asApp(`INSERT INTO audit_events (actor_role, action, target_type, target_id) VALUES ('SYSTEM', 'test.append', 'post', 'x')`)).toBeNull();
    expect(await asApp(`SELECT count(*) FROM audit_events`)).toBeNull();
    const refusals = {
      disableTrigger: await asApp(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`),
      disableAllTriggers: await asApp(`ALTER TABLE audit_events DISABLE TRIGGER ALL`),
      dropTrigger: await asApp(`DROP TRIGGER audit_events_append_only ON audit_events`),
      dropTruncateTrigger: await asApp(`DROP TRIGGER audit_events_no_truncate ON audit_events`),
      replaceFunction: await asApp(`CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`),
      update: await asApp(`UPDATE audit_events SET action = 'rewritten'`),
      delete: await asApp(`DELETE FROM audit_events`),
      truncate: await asApp(`TRUNCATE audit_events`),
      dropTable: await asApp(`DROP TABLE audit_events`),
    };
    for (const [attempt, error] of Object.entries(refusals)) {
      // Refused by privileges (42501 "permission denied" / "must be owner"), not by the trigger's own message.
      expect({ attempt, code: error?.code, message: error?.message }).toEqual({
        attempt,
        code: '42501',
        message: expect.stringMatching(/^(permission denied|must be owner)/),
      });
    }
  });

  it('should keep the trigger as a second wall, refusing even the schema owner', async () => {
    await app.dataSource.query(`INSERT INTO audit_events (actor_role, action, target_type, target_id) VALUES ('SYSTEM', 'test.append', 'post', 'x')`);
    const owner = await connectAsSchemaOwner();
    try {
      await expect(owner.query(`UPDATE audit_events SET action = 'rewritten'`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });

  it('should page every event exactly once, newest first, for an admin', async () => {
    const marker = uniqueSub('audit');
    for (let i = 0; i < 7; i++) {
      await app.dataSource.query(
        `INSERT INTO audit_events (actor_role, action, target_type, target_id, details) VALUES ('SYSTEM', 'test.page', 'post', $1, $2::jsonb)`,
        [marker, JSON.stringify({ i })],
      );
    }
    const admin = await app.token(uniqueSub('admin'), Role.ADMIN);
    const seen: Array<{ id: string; targetId: string }> = [];
    let after: string | null = null;
    // Other test files share the database: page from the newest until all seven of ours went by.
    for (let page = 0; page < 100 && seen.filter((e) => e.targetId === marker).length < 7; page++) {
      type AuditPage = {
        auditEvents: { edges: Array<{ node: { id: string; targetId: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      };
      const res: Awaited<ReturnType<typeof app.gql<AuditPage>>> = await app.gql<AuditPage>(AUDIT_PAGE, { first: 3, after }, admin);
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.auditEvents.edges.map((edge) => edge.node));
      if (!res.data!.auditEvents.pageInfo.hasNextPage) break;
      after = res.data!.auditEvents.pageInfo.endCursor;
    }
    expect(seen.filter((e) => e.targetId === marker)).toHaveLength(7);
    const ids = seen.map((e) => Number(e.id));
    expect(new Set(ids).size).toBe(ids.length);
    // Newest first with no gap: exactly the rows the table holds in that range, in that order.
    const rows: Array<{ id: string }> = await app.dataSource.query(`SELECT id FROM audit_events WHERE id BETWEEN $1 AND $2 ORDER BY id DESC`, [
      Math.min(...ids),
      Math.max(...ids),
    ]);
    expect(ids).toEqual(rows.map((row) => Number(row.id)));
  });

  it('should refuse clients and staff other than admins, and a forged cursor', async () => {
    for (const role of [Role.CLIENT, Role.PEER_SPECIALIST, Role.CLINICIAN]) {
      const res = await app.gql(AUDIT_PAGE, { first: 1 }, await app.token(uniqueSub('not-admin'), role));
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const forged = Buffer.from(JSON.stringify(['1; DROP TABLE posts'])).toString('base64url');
    const res = await app.gql(AUDIT_PAGE, { first: 1, after: forged }, await app.token(uniqueSub('admin'), Role.ADMIN));
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
