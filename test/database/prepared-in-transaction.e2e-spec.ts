import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../../src/audit/audit.repository';
import { Role } from '../../src/common/domain/role.enum';
import { reportUnnamedStatementsTo, sendStatementsUnnamed, unnamedStatementsTotal } from '../../src/common/sql/prepared-statement';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { NotificationKind } from '../../src/notifications/entities/notification.entity';
import { NotificationsRepository } from '../../src/notifications/notifications.repository';
import { captureLogs } from '../helpers/captured-logs';
import { startTestApp, TestApp } from '../helpers/test-app';
import { runEnvironment } from '../setup/test-env';
import { member } from '../utils/factories';

/**
 * The screening worker's per-post statements run as named prepared statements inside its decide
 * transaction (queryPreparedIn, issue #16). One pooled connection per data source, so the
 * statements its session prepared can be looked at, and what a transaction wrote can be checked
 * after it committed or rolled back.
 */
describe('database: prepared statements inside a transaction', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => {
    await app.close();
  });

  async function oneConnection(label: string): Promise<DataSource> {
    return new DataSource({ ...dataSourceOptions(runEnvironment().databaseUrl, 1, label), entities: [] }).initialize();
  }

  async function auditEventsOf(targetId: string): Promise<Array<{ action: string; details: unknown }>> {
    return app.dataSource.query(`SELECT action, details FROM audit_events WHERE target_id = $1 ORDER BY id`, [targetId]);
  }

  it('should prepare an audit append once per connection, on the transaction, and commit what it wrote', async () => {
    const db = await oneConnection('prepared-in-transaction-test');
    try {
      const targetId = randomUUID();
      const event = (action: string) => ({
        actorId: null,
        actorRole: 'SYSTEM',
        action,
        targetType: 'post',
        targetId,
        requestId: null,
        details: { revision: 2, ok: true },
      });
      await db.transaction((manager) => new AuditRepository(db).append([event('test.first'), event('test.second')], manager));
      await db.transaction((manager) => new AuditRepository(db).append([event('test.third')], manager));

      expect(await auditEventsOf(targetId)).toEqual([
        { action: 'test.first', details: { revision: 2, ok: true } },
        { action: 'test.second', details: { revision: 2, ok: true } },
        { action: 'test.third', details: { revision: 2, ok: true } },
      ]);
      // Two and one events sent by the same text: one prepared statement on the connection's session.
      expect(await db.query(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'audit-append-%'`)).toEqual([
        { name: expect.stringMatching(/^audit-append-[0-9a-f]{16}$/) },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('should roll back with the transaction that fails after a prepared write', async () => {
    const db = await oneConnection('prepared-in-transaction-rollback-test');
    try {
      const targetId = randomUUID();
      await expect(
        db.transaction(async (manager) => {
          await new AuditRepository(db).append(
            [{ actorId: null, actorRole: 'SYSTEM', action: 'test.undone', targetType: 'post', targetId, requestId: null, details: {} }],
            manager,
          );
          throw new Error('the rest of the transaction failed');
        }),
      ).rejects.toThrow('the rest of the transaction failed');

      expect(await auditEventsOf(targetId)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('should skip a notification whose dedupe key is taken and return only the new ones, with their data', async () => {
    const db = await oneConnection('prepared-notifications-test');
    try {
      const reader = await member(app, Role.CLIENT, 'prepared-notices');
      const key = `test:${randomUUID()}`;
      const notice = (dedupeKey: string | null, title: string) => ({
        memberId: reader.id,
        kind: NotificationKind.POST_PUBLISHED,
        title,
        body: 'body',
        data: { postId: 'p1', revision: 1 },
        dedupeKey,
      });
      const repository = new NotificationsRepository(db);
      const first = await db.transaction((manager) => repository.insertNew(manager, [notice(key, 'one')]));
      const second = await db.transaction((manager) => repository.insertNew(manager, [notice(key, 'again'), notice(null, 'two')]));

      expect(first).toEqual([{ notificationId: expect.any(String), memberId: reader.id }]);
      expect(second).toEqual([{ notificationId: expect.any(String), memberId: reader.id }]);
      const stored: Array<{ id: string; title: string; data: unknown }> = await app.dataSource.query(
        `SELECT id, title, data FROM notifications WHERE member_id = $1 ORDER BY title`,
        [reader.id],
      );
      expect(stored).toEqual([
        { id: first[0].notificationId, title: 'one', data: { postId: 'p1', revision: 1 } },
        { id: second[0].notificationId, title: 'two', data: { postId: 'p1', revision: 1 } },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it("should fail the transaction, then go unnamed, when the connection's session no longer holds the statement it prepared", async () => {
    const db = await oneConnection('prepared-in-transaction-shared-session-test');
    const logs = captureLogs();
    reportUnnamedStatementsTo(db, logs.logger);
    try {
      const targetId = randomUUID();
      const append = (action: string) =>
        db.transaction((manager) =>
          new AuditRepository(db).append([{ actorId: null, actorRole: 'SYSTEM', action, targetType: 'post', targetId, requestId: null, details: {} }], manager),
        );
      // Learn the statement's name on this session, then drop it behind node-postgres' back, as a
      // transaction-mode pooler handing the connection another server session would.
      await append('test.learn');
      const [{ name }]: Array<{ name: string }> = await db.query(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'audit-append-%'`);
      await db.query(`DEALLOCATE "${name}"`);
      const before = await unnamedCount('audit-append', 'foreign_session');

      // node-postgres still believes the statement is prepared: the execution names one the session does not hold.
      await expect(append('test.refused')).rejects.toMatchObject({ code: '26000' });
      await append('test.unnamed');

      expect((await auditEventsOf(targetId)).map((e) => e.action)).toEqual(['test.learn', 'test.unnamed']);
      expect(await unnamedCount('audit-append', 'foreign_session')).toBe(before + 2);
      expect(logs.records.filter((r) => r.level === 40)).toEqual([expect.objectContaining({ statement: name, reason: 'foreign_session', code: '26000' })]);
    } finally {
      await db.destroy();
    }
  });

  it('should send statements unnamed inside a transaction where the database is set so', async () => {
    const db = await oneConnection('prepared-in-transaction-unnamed-test');
    try {
      sendStatementsUnnamed(db);
      const targetId = randomUUID();
      await db.transaction((manager) =>
        new AuditRepository(db).append(
          [{ actorId: null, actorRole: 'SYSTEM', action: 'test.unnamed', targetType: 'post', targetId, requestId: null, details: {} }],
          manager,
        ),
      );

      expect((await auditEventsOf(targetId)).map((e) => e.action)).toEqual(['test.unnamed']);
      expect(await db.query(`SELECT name FROM pg_prepared_statements`)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

/** Executions of `statement` that went unnamed for `reason`, in this process. */
async function unnamedCount(statement: string, reason: string): Promise<number> {
  const { values } = await unnamedStatementsTotal.get();
  return values.find((v) => v.labels.statement === statement && v.labels.reason === reason)?.value ?? 0;
}
