import { randomUUID } from 'node:crypto';
import { CrisisLevel } from '../../src/common/domain/crisis-level.enum';
import { EscalationSeverity } from '../../src/common/domain/escalation.enums';
import { Role } from '../../src/common/domain/role.enum';
import { EscalationTrigger } from '../../src/escalation/entities/escalation.entity';
import { EscalationsService } from '../../src/escalation/escalations.service';
import { RedactEscalationCopiesOfPurgedPosts1796230000000 } from '../../migrations/1796230000000-RedactEscalationCopiesOfPurgedPosts';
import { startTestApp, TestApp } from '../helpers/test-app';
import { member, postInThread, space } from '../utils/factories';

/** Crisis evidence quoting a phrase, as screening hands it to escalation. */
const quoting = (phrase: string) => [{ patternId: 'active-ideation', tier: 'HIGH', effectiveTier: 'HIGH', phrase, discount: null }];

/**
 * The data migration that cleans up after purges from before the redaction matched attached
 * signals: a purged post that joined another post's escalation had its own signal rows redacted,
 * but its words stayed in the escalation's evidence. Run against such rows, it must take those
 * words out, keep the words of the post that keeps its text, and change nothing when run again.
 */
describe('migration: RedactEscalationCopiesOfPurgedPosts', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
  });

  afterAll(async () => app.close());

  it("should redact a purged post's copy left in the escalation it joined, and keep the other post's words", async () => {
    const tag = randomUUID().slice(0, 8);
    const client = await member(app, Role.CLIENT, 'migration-joined');
    const spaceId = await space(app.dataSource);
    const kept = { ...(await postInThread(app.dataSource, spaceId, client.id, { status: 'HELD' })), phrase: `kept ${tag}` };
    const purged = { ...(await postInThread(app.dataSource, spaceId, client.id, { status: 'HELD' })), phrase: `purged ${tag}` };
    const escalations = app.running.app.get(EscalationsService);
    const escalationId = await app.dataSource.transaction(async (manager) => {
      const raised = await escalations.raise(manager, {
        dedupeKey: `screening:${kept.postId}:1`,
        subjectId: client.id,
        postId: kept.postId,
        caseId: null,
        trigger: EscalationTrigger.CRISIS,
        severity: EscalationSeverity.HIGH,
        evidence: quoting(kept.phrase),
      });
      // The purged post's signal joins the open escalation: its evidence is appended there.
      await escalations.recordRiskSignal(manager, {
        subjectId: client.id,
        postId: purged.postId,
        revision: 1,
        level: CrisisLevel.HIGH,
        evidence: quoting(purged.phrase),
      });
      return raised.escalationId;
    });
    // What a purge before the fix left: the post's text gone and its own signal rows redacted, the escalation's copy not.
    await app.dataSource.query(`UPDATE posts SET text_removed_at = now() WHERE id = $1`, [purged.postId]);
    for (const table of ['escalation_signals', 'risk_signals']) {
      await app.dataSource.query(`UPDATE ${table} SET evidence = $2::jsonb WHERE post_id = $1`, [purged.postId, JSON.stringify(quoting('[removed]'))]);
    }
    const evidence = async () => {
      const [row]: Array<{ evidence: unknown }> = await app.dataSource.query(`SELECT evidence FROM escalations WHERE id = $1`, [escalationId]);
      return row.evidence;
    };
    // Before: the purged words are still there (the check can fail).
    expect(await evidence()).toEqual([...quoting(kept.phrase), ...quoting(purged.phrase)]);

    const runMigration = async () => {
      const runner = app.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await new RedactEscalationCopiesOfPurgedPosts1796230000000().up(runner);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
    };
    await runMigration();

    expect(await evidence()).toEqual([...quoting(kept.phrase), ...quoting('[removed]')]);
    await runMigration();
    expect(await evidence()).toEqual([...quoting(kept.phrase), ...quoting('[removed]')]);
  });
});
