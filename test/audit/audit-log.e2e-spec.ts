import { Role } from '../../src/common/domain/role.enum';
import { startTestApp, TestApp, uniqueSub } from '../helpers/test-app';

const AUDIT_PAGE = `query($first: Int, $after: String) {
  auditEvents(first: $first, after: $after) { edges { cursor node { id actorRole action targetType targetId details createdAt } } pageInfo { hasNextPage endCursor } }
}`;

describe('audit log: append-only, readable by admins', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => app.close());

  it('should refuse UPDATE, DELETE and TRUNCATE at the database', async () => {
    await app.dataSource.query(
      `INSERT INTO audit_events (actor_role, action, target_type, target_id) VALUES ('SYSTEM', 'test.append', 'post', 'x')`,
    );
    await expect(app.dataSource.query(`UPDATE audit_events SET action = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(app.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(app.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
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
      type AuditPage = { auditEvents: { edges: Array<{ node: { id: string; targetId: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
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
