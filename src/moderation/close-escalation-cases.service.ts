import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { EscalationOutcome } from '../common/domain/escalation.enums';
import { CaseDecision } from '../common/domain/moderation.enums';
import { PostStatus } from '../common/domain/post-status.enum';
import { EscalationRepository } from '../escalation/escalation.repository';
import { PostsRepository } from '../forum/posts.repository';
import { ROOT_LOGGER } from '../logging/logging.module';
import { MembersRepository } from '../members/members.repository';
import { NotificationKind } from '../notifications/entities/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { RealtimeEvent } from '../notifications/realtime/realtime-events';
import { RedisPubSub } from '../notifications/realtime/redis-pubsub';
import { ModerationRepository } from './moderation.repository';

/** How each outcome reads on the case note peers see. */
export const OUTCOME_WORDS: Record<EscalationOutcome, string> = {
  [EscalationOutcome.REACHED_CLIENT]: 'a clinician reached the client',
  [EscalationOutcome.CONTACTED_CLIENT]: 'a clinician reached the client',
  [EscalationOutcome.SAFETY_PLAN_REVIEWED]: 'the safety plan was reviewed with the client',
  [EscalationOutcome.EMERGENCY_SERVICES]: 'the client was referred to emergency services',
  [EscalationOutcome.DUTY_TO_WARN_REVIEWED]: 'a duty-to-warn review was done',
  [EscalationOutcome.NO_CONTACT_POSSIBLE]: 'nobody could reach the client',
  [EscalationOutcome.FALSE_ALARM]: 'the clinician found no risk (false alarm)',
  [EscalationOutcome.NO_ACTION_NEEDED]: 'the clinician found no action was needed',
};

/** What happens to one linked case when its escalation is resolved; pure, so the rule is easy to read and test. */
export function caseAfterEscalation(outcome: EscalationOutcome, postStatus: PostStatus): { kind: 'hand-back' } | { kind: 'resolve'; decision: CaseDecision } {
  // Nobody reached them: the peers keep reaching out, whatever the post's state.
  if (outcome === EscalationOutcome.NO_CONTACT_POSSIBLE) return { kind: 'hand-back' };
  // A held (or still pending) post waits for a peer's decision: publishing or removing words is moderation's call.
  if (postStatus === PostStatus.HELD || postStatus === PostStatus.PENDING) return { kind: 'hand-back' };
  // The post is public or gone already, and the clinician followed the client up: the case is done, the post stays as it is.
  return { kind: 'resolve', decision: postStatus === PostStatus.PUBLISHED ? CaseDecision.APPROVE : CaseDecision.REMOVE };
}

/**
 * The `close-escalation-cases` job: escalation cannot import moderation, so resolving an
 * escalation enqueues this and moderation closes the loop. Each open case of the escalation's
 * posts (its own and every attached signal's) is resolved or handed back to peers, with the
 * outcome on a note; a held post is never left without an open case. One transaction, so a retry
 * after a failure starts clean. `escalations.cases_closed_at` is the job's outbox: resolving leaves
 * it null, this sets it, and the moderation sweeper re-enqueues the job while it stays null.
 */
@Injectable()
export class CloseEscalationCasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly escalations: EscalationRepository,
    private readonly cases: ModerationRepository,
    private readonly posts: PostsRepository,
    private readonly members: MembersRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly pubsub: RedisPubSub,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * 'nothing-to-close' when the escalation is not resolved or its cases were closed already: the
   * escalation row is locked and marked in the same transaction as the cases, so a re-delivered
   * job, a swept one and a racing second worker change nothing twice.
   */
  async close(escalationId: string): Promise<{ resolved: number; handedBack: number } | 'nothing-to-close'> {
    const { caseId, postIds } = await this.escalations.postIdsOf(escalationId);
    const changed = await this.dataSource.transaction(async (manager) => {
      const escalation = await this.escalations.lockAwaitingCaseClose(manager, escalationId);
      if (!escalation) return null;
      const { outcome, resolvedBy } = escalation;
      // A resolve always records both; without them there is nothing to say on a note, so only the mark is left.
      if (!outcome || !resolvedBy) {
        await this.escalations.markCasesClosed(manager, escalationId);
        return [];
      }
      const open = await this.cases.openCasesForEscalation(manager, caseId, postIds);
      const done: Array<{ caseId: string; spaceId: string; handedBack: boolean }> = [];
      for (const row of open) {
        const post = await this.posts.findById(manager, row.post_id);
        const next = caseAfterEscalation(outcome, post.status);
        const note = `Escalation resolved: ${OUTCOME_WORDS[outcome]}.${next.kind === 'hand-back' ? ' Handed back to peer specialists to decide the post and keep in touch.' : ''}`;
        if (next.kind === 'resolve') await this.cases.markResolved(manager, row.id, next.decision, resolvedBy);
        else await this.cases.handBackToPeers(manager, row.id);
        await this.cases.addNote(manager, row.id, resolvedBy, note);
        if (next.kind === 'hand-back') {
          const peers = await this.members.peerSpecialistsFor(row.space_id, manager);
          await this.notifications.notify(
            manager,
            peers.map((memberId) => ({
              memberId,
              kind: NotificationKind.CASE_ASSIGNED,
              title: 'A case is back with peer specialists',
              body: `A clinician resolved the escalation on this case (${OUTCOME_WORDS[outcome]}). Please decide the post and keep in touch with the member.`,
              data: { caseId: row.id, escalationId },
              dedupeKey: `escalation-hand-back:${escalationId}:${row.id}:${memberId}`,
            })),
          );
        }
        await this.audit.record(
          {
            actorId: resolvedBy,
            actorRole: 'SYSTEM',
            action: next.kind === 'resolve' ? 'case.resolve_after_escalation' : 'case.hand_back_after_escalation',
            targetType: 'moderation_case',
            targetId: row.id,
            details: { escalationId, outcome, postStatus: post.status, ...(next.kind === 'resolve' ? { decision: next.decision } : {}) },
          },
          manager,
        );
        done.push({ caseId: row.id, spaceId: row.space_id, handedBack: next.kind === 'hand-back' });
      }
      await this.escalations.markCasesClosed(manager, escalationId);
      return done;
    });
    if (!changed) return 'nothing-to-close';
    for (const { caseId: id, spaceId } of changed) {
      await this.pubsub.publish(RealtimeEvent.MODERATION_QUEUE_CHANGED, { caseId: id, spaceId }).catch((error: unknown) => {
        this.logger.warn({ caseId: id, err: { message: (error as Error).message } }, 'could not publish moderation-queue-changed');
      });
    }
    const handedBack = changed.filter((c) => c.handedBack).length;
    return { resolved: changed.length - handedBack, handedBack };
  }
}
