import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CrisisLevel } from '../common/domain/crisis-level.enum';
import { EscalationSeverity, EscalationStatus } from '../common/domain/escalation.enums';
import { AppConfig } from '../config/app-config';
import { MembersRepository } from '../members/members.repository';
import { NotificationKind } from '../notifications/entities/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { EscalationTrigger } from './entities/escalation.entity';
import { EscalationDeliveryRepository } from './escalation-delivery.repository';
import { EscalationFollowUps } from './escalation-follow-up';
import { EscalationRepository, NewEscalation, NewRiskSignal, OpenEscalation } from './escalation.repository';

/** What a feature asks to raise; who raised it and why are for manual escalations only. */
export type EscalationRequest = Omit<NewEscalation, 'raisedBy' | 'note'> & Partial<Pick<NewEscalation, 'raisedBy' | 'note'>>;

export type RiskSignalRequest = NewRiskSignal;

/** Repeated signals: this many MODERATE-or-higher signals from one client in the window raise an ELEVATED escalation. */
export const REPEATED_SIGNALS = { count: 3, windowDays: 7 };

/** Higher is more urgent: a signal re-pages only when it outranks the escalation it joins. */
export const SEVERITY_RANK: Record<EscalationSeverity, number> = {
  [EscalationSeverity.ELEVATED]: 1,
  [EscalationSeverity.HIGH]: 2,
  [EscalationSeverity.IMMINENT]: 3,
};

const MODERATE_OR_HIGHER: readonly CrisisLevel[] = [CrisisLevel.MODERATE, CrisisLevel.HIGH, CrisisLevel.IMMINENT];

/**
 * Writes escalations and risk signals inside the caller's transaction. Paging (notifications,
 * webhook, email, deadlines) happens after commit, from the `page-escalation` job.
 *
 * One open escalation per client: while a client has one (OPEN or ACKNOWLEDGED), a new signal
 * attaches to it (its evidence appended, the staff already paged told, an `escalationChanged`
 * event) instead of opening another; a higher severity re-pages it at the new severity with a
 * deadline that is never later. A transaction-scoped lock on the client makes this race-safe.
 */
/** What a staff member's escalation of a moderation case is, whatever else the client's open escalation gathered. */
export const CASE_ESCALATION = { trigger: EscalationTrigger.MANUAL, severity: EscalationSeverity.ELEVATED } as const;

@Injectable()
export class EscalationsService {
  constructor(
    private readonly repository: EscalationRepository,
    private readonly deliveries: EscalationDeliveryRepository,
    private readonly notifications: NotificationsService,
    private readonly followUps: EscalationFollowUps,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly members: MembersRepository,
  ) {}

  /**
   * Returns the escalation id and whether this call created it (the caller pages a created one).
   * `attached` when the signal joined the client's open escalation instead: its follow-up
   * (a re-page at a higher severity, the realtime event) runs after commit by itself.
   */
  async raise(manager: EntityManager, request: EscalationRequest): Promise<{ escalationId: string; created: boolean; attached: boolean }> {
    await this.repository.lockSubject(manager, request.subjectId);
    const open = await this.repository.openOfSubject(manager, request.subjectId);
    if (open && open.dedupeKey !== request.dedupeKey) {
      await this.attach(manager, open, {
        sourceKey: request.dedupeKey,
        postId: request.postId,
        severity: request.severity,
        trigger: request.trigger,
        evidence: request.evidence,
      });
      return { escalationId: open.id, created: false, attached: true };
    }
    const insertedId = await this.repository.insertEscalation(
      manager,
      { ...request, raisedBy: request.raisedBy ?? null, note: request.note ?? null },
      this.config.escalationTimers.ackSeconds[request.severity],
    );
    if (!insertedId) return { escalationId: await this.repository.idByDedupeKey(manager, request.dedupeKey), created: false, attached: false };
    // Its first signal: the list of signals on an escalation starts with what raised it.
    await this.repository.insertSignal(manager, {
      escalationId: insertedId,
      sourceKey: request.dedupeKey,
      postId: request.postId,
      level: request.severity,
      trigger: request.trigger,
      evidence: [],
      raisedSeverity: false,
    });
    return { escalationId: insertedId, created: true, attached: false };
  }

  /**
   * A staff member's (ELEVATED) escalation of a moderation case. While the client has an open
   * escalation, the note attaches to it and it is returned (`alreadyOpen`): the clinicians are
   * already looking, a second page is noise.
   */
  async raiseFromCase(
    manager: EntityManager,
    request: { caseId: string; subjectId: string; postId: string; raisedBy: string; note: string },
  ): Promise<{ escalationId: string; created: boolean; alreadyOpen: boolean }> {
    const earlier = await this.repository.countOfCase(manager, request.caseId, EscalationTrigger.MANUAL);
    const raised = await this.raise(manager, {
      dedupeKey: `case:${request.caseId}:manual:${earlier + 1}`,
      subjectId: request.subjectId,
      postId: request.postId,
      caseId: request.caseId,
      ...CASE_ESCALATION,
      evidence: [{ escalatedFromCase: request.caseId, note: request.note }],
      raisedBy: request.raisedBy,
      note: request.note,
    });
    return { escalationId: raised.escalationId, created: raised.created, alreadyOpen: raised.attached };
  }

  /**
   * Records a crisis signal for the clinician's per-client view (the risk timeline shows each
   * one). A MODERATE-or-higher signal while the client has an open escalation attaches to it.
   * Otherwise, when it makes the client's MODERATE-or-higher signals reach the repeated-signals
   * threshold, an ELEVATED escalation is raised (once per window, by its dedupe key). Returns that
   * escalation when one was created.
   */
  async recordRiskSignal(manager: EntityManager, signal: RiskSignalRequest): Promise<{ escalationId: string } | null> {
    const inserted = await this.repository.insertRiskSignal(manager, signal);
    if (!inserted || !MODERATE_OR_HIGHER.includes(signal.level)) return null;
    await this.repository.lockSubject(manager, signal.subjectId);
    const open = await this.repository.openOfSubject(manager, signal.subjectId);
    if (open) {
      // The same key as screening's escalation of this revision: a post that raised (or joined) an escalation attaches once.
      await this.attach(manager, open, {
        sourceKey: `screening:${signal.postId}:${signal.revision}`,
        postId: signal.postId,
        level: signal.level,
        evidence: signal.evidence,
      });
      return null;
    }
    const count = await this.repository.countModerateOrHigherSignalsSince(manager, signal.subjectId, REPEATED_SIGNALS.windowDays);
    if (count < REPEATED_SIGNALS.count) return null;
    // One repeated-signals escalation per client per window: the key names the window's day.
    const day = new Date().toISOString().slice(0, 10);
    const raised = await this.raise(manager, {
      dedupeKey: `repeated-signals:${signal.subjectId}:${day}`,
      subjectId: signal.subjectId,
      postId: signal.postId,
      caseId: null,
      trigger: EscalationTrigger.REPEATED_SIGNALS,
      severity: EscalationSeverity.ELEVATED,
      evidence: [{ repeatedSignals: count, windowDays: REPEATED_SIGNALS.windowDays }],
    });
    return raised.created ? { escalationId: raised.escalationId } : null;
  }

  /**
   * Attaches one signal (once per source) to an open escalation: evidence appended; a higher
   * severity re-pages it (the page tells everyone it reaches); otherwise the staff already paged,
   * and whoever acknowledged, are told in-app. The realtime event and the re-page job run after commit.
   */
  private async attach(
    manager: EntityManager,
    open: OpenEscalation,
    signal: { sourceKey: string; postId: string | null; evidence: unknown[] } & (
      { severity: EscalationSeverity; trigger: EscalationTrigger } | { level: CrisisLevel }
    ),
  ): Promise<void> {
    const severity = 'severity' in signal ? signal.severity : null;
    const trigger = 'trigger' in signal ? signal.trigger : null;
    const higher = severity !== null && SEVERITY_RANK[severity] > SEVERITY_RANK[open.severity];
    const signalId = await this.repository.insertSignal(manager, {
      escalationId: open.id,
      sourceKey: signal.sourceKey,
      postId: signal.postId,
      level: severity ?? ('level' in signal ? signal.level : ''),
      trigger,
      evidence: signal.evidence,
      raisedSeverity: higher,
    });
    if (!signalId) return;
    await this.repository.appendEvidence(manager, open.id, signal.evidence);
    let page = null;
    if (higher) {
      const step = await this.repository.raiseSeverity(manager, open.id, severity, this.config.escalationTimers.ackSeconds[severity]);
      page = { escalationId: open.id, level: step.level, reminder: step.reminders || undefined, round: step.pageRound };
    } else {
      const told = new Set(await this.deliveries.lastRecipientsOf(manager, open.id));
      if (open.acknowledgedBy) told.add(open.acknowledgedBy);
      // Someone paged (or who acknowledged) and discharged since can no longer open it: not told.
      const stillHere = await this.members.activeAmong(manager, [...told]);
      await this.notifications.notify(
        manager,
        stillHere.map((memberId) => ({
          memberId,
          kind: NotificationKind.ESCALATION,
          title:
            trigger === EscalationTrigger.THREAT_TO_OTHERS
              ? `New signal on an open escalation: a possible threat to others (duty-to-warn review)`
              : `New risk signal on an open escalation (${open.severity})`,
          body:
            open.status === EscalationStatus.ACKNOWLEDGED
              ? 'The client of an escalation you are following has posted another risk signal. It was added to the same escalation.'
              : 'The client of an escalation waiting for acknowledgement has posted another risk signal. It was added to the same escalation.',
          data: { escalationId: open.id, postId: signal.postId, signalId },
          dedupeKey: `escalation-signal:${signalId}:${memberId}`,
        })),
      );
    }
    await this.audit.record(
      {
        actorId: null,
        actorRole: 'SYSTEM',
        action: higher ? 'escalation.severity_raised' : 'escalation.signal_attached',
        targetType: 'escalation',
        targetId: open.id,
        details: {
          signalId,
          postId: signal.postId,
          from: open.severity,
          to: severity ?? open.severity,
          reopened: higher && open.status !== EscalationStatus.OPEN,
        },
      },
      manager,
    );
    this.followUps.afterCommit(manager, { escalationId: open.id, page });
  }
}
