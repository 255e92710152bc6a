import { Role } from '../../src/common/domain/role.enum';
import { countStatements } from '../helpers/statement-counter';
import { connectAsSchemaOwner, startTestApp, TestApp } from '../helpers/test-app';
import { member, uniqueSub } from '../utils/factories';

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

  it('should name who acted and the member acted on by display name now, an erased member as erased, one query for the whole page', async () => {
    const admin = await member(app, Role.ADMIN, 'audit-names-admin', { name: 'Sam' });
    const clinician = await member(app, Role.CLINICIAN, 'audit-names-lee', { name: 'Dr. Lee' });
    const client = await member(app, Role.CLIENT, 'audit-names-client');
    const leaving = await member(app, Role.CLIENT, 'audit-names-leaving');
    const oldName = `Juniper ${uniqueSub('n').slice(-6)}`;
    const chose = await app.gql('mutation($name: String!) { setMyPseudonym(displayName: $name) { id } }', { name: oldName }, leaving.token);
    expect(chose.errors).toBeUndefined();
    const nameOf = async (token: string) => (await app.gql<{ me: { displayName: string } }>('{ me { displayName } }', {}, token)).data!.me.displayName;
    const [leeName, clientName] = [await nameOf(clinician.token), await nameOf(client.token)];

    // The events were written while the leaving client still had their name; then they are erased.
    const action = `test.names.${uniqueSub('a')}`;
    const actors = [clinician.id, client.id, leaving.id, null];
    for (let i = 0; i < 20; i++) {
      await app.dataSource.query(`INSERT INTO audit_events (actor_id, actor_role, action, target_type, target_id) VALUES ($1, $2, $3, 'post', $4)`, [
        actors[i % 4],
        ['CLINICIAN', 'CLIENT', 'CLIENT', 'SYSTEM'][i % 4],
        action,
        String(i),
      ]);
    }
    await app.dataSource.query(`INSERT INTO audit_events (actor_id, actor_role, action, target_type, target_id) VALUES ($1, 'CLINICIAN', $2, 'member', $3)`, [
      clinician.id,
      action,
      leaving.id,
    ]);
    const erased = await app.gql('mutation($id: ID!) { eraseMember(memberId: $id) { id } }', { id: leaving.id }, admin.token);
    expect(erased.errors).toBeUndefined();

    type Named = { id: string; displayName: string; role: string; status: string } | null;
    type Page = { auditEvents: { edges: Array<{ node: { actorId: string | null; actorRole: string; targetId: string; actor: Named; targetMember: Named } }> } };
    const NAMED = `query($first: Int, $filter: AuditEventFilter) { auditEvents(first: $first, filter: $filter) {
      edges { node { actorId actorRole targetId actor { id displayName role status } targetMember { id displayName role status } } } } }`;
    const read = (first: number) => app.gql<Page>(NAMED, { first, filter: { action } }, admin.token);
    const page = await read(25);
    expect(page.errors).toBeUndefined();
    const nodes = page.data!.auditEvents.edges.map((e) => e.node);
    expect(nodes).toHaveLength(21);
    const actorOf = (id: string | null) => nodes.find((n) => n.actorId === id && n.targetMember === null)?.actor;
    expect(actorOf(clinician.id)).toEqual({ id: clinician.id, displayName: leeName, role: 'CLINICIAN', status: 'ACTIVE' });
    expect(actorOf(client.id)).toEqual({ id: client.id, displayName: clientName, role: 'CLIENT', status: 'ACTIVE' });
    expect(actorOf(leaving.id)).toEqual({ id: leaving.id, displayName: 'Former member', role: 'CLIENT', status: 'ERASED' });
    expect(actorOf(null)).toBeNull();
    expect(nodes.find((n) => n.targetId === leaving.id)?.targetMember).toEqual({
      id: leaving.id,
      displayName: 'Former member',
      role: 'CLIENT',
      status: 'ERASED',
    });
    // The name they had is nowhere in the answer.
    expect(JSON.stringify(page.data)).not.toContain(oldName);

    // Batched: 20 events cost what 2 do (the fewest of a few reads, as the worker's sweeps share the connection pool).
    const statements = async (first: number) =>
      countStatements(async () => {
        const res = await read(first);
        expect(res.errors).toBeUndefined();
        expect(res.data!.auditEvents.edges).toHaveLength(first);
      });
    const fewest = async (first: number) => Math.min(await statements(first), await statements(first), await statements(first));
    expect(await fewest(20)).toBeLessThanOrEqual(await fewest(2));
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
