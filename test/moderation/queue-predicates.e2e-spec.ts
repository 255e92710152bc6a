import { Client } from 'pg';
import { CaseStatus } from '../../src/common/domain/moderation.enums';
import { effectiveStatusSql, inQueueSql } from '../../src/moderation/moderation-queue.predicates';
import { runEnvironment } from '../setup/test-env';

/**
 * The queue's membership predicates are SQL (lists, counts and the status an event carries all
 * evaluate them in PostgreSQL), so they are checked there: every kind of row a moderator can meet,
 * through the very fragments the queue uses, with PostgreSQL's own `now()`.
 */
describe('moderation queue predicates, evaluated by PostgreSQL', () => {
  let db: Client;
  type Row = { label: string; active: boolean; open: boolean; claimed: boolean; resolved: boolean; effective: string };
  let rows: Map<string, Row>;

  beforeAll(async () => {
    db = new Client({ connectionString: runEnvironment().databaseUrl });
    await db.connect();
    const result = await db.query<Row>(
      `SELECT c.label,
              ${inQueueSql(null, 'c')} AS active,
              ${inQueueSql(CaseStatus.OPEN, 'c')} AS open,
              ${inQueueSql(CaseStatus.CLAIMED, 'c')} AS claimed,
              ${inQueueSql(CaseStatus.RESOLVED, 'c')} AS resolved,
              ${effectiveStatusSql('c')} AS effective
       FROM (VALUES ('open', 'OPEN', NULL::timestamptz),
                    ('live claim', 'CLAIMED', now() + interval '5 minutes'),
                    ('lapsed claim', 'CLAIMED', now() - interval '5 minutes'),
                    ('resolved', 'RESOLVED', NULL),
                    ('resolved during a claim', 'RESOLVED', now() + interval '5 minutes')) AS c(label, status, lease_expires_at)`,
    );
    rows = new Map(result.rows.map((row) => [row.label, row]));
  });

  afterAll(async () => db.end());

  it('should read a claim with a live lease as CLAIMED', () => {
    expect(rows.get('live claim')).toMatchObject({ active: true, open: false, claimed: true, resolved: false, effective: CaseStatus.CLAIMED });
  });

  it('should put a claim whose lease lapsed back in the OPEN queue', () => {
    expect(rows.get('lapsed claim')).toMatchObject({ active: true, open: true, claimed: false, resolved: false, effective: CaseStatus.OPEN });
  });

  it('should keep resolved cases out of the active queue, whatever lease they still carry', () => {
    for (const label of ['resolved', 'resolved during a claim']) {
      expect(rows.get(label)).toMatchObject({ active: false, open: false, claimed: false, resolved: true, effective: CaseStatus.RESOLVED });
    }
  });

  it('should place every row in exactly one status, the one it reads as', () => {
    expect(rows.size).toBe(5);
    for (const row of rows.values()) {
      const statuses = [CaseStatus.OPEN, CaseStatus.CLAIMED, CaseStatus.RESOLVED].filter(
        (status) => row[status.toLowerCase() as 'open' | 'claimed' | 'resolved'] === true,
      );
      expect({ label: row.label, statuses }).toEqual({ label: row.label, statuses: [row.effective] });
    }
  });
});
