import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CrisisLevel } from '../common/domain/crisis-level.enum';
import { EscalationSeverity } from '../common/domain/escalation.enums';
import { EscalationTrigger } from './entities/escalation.entity';
import { AppConfig } from '../config/app-config';
import { EscalationRepository, NewEscalation, NewRiskSignal } from './escalation.repository';

/** What a feature asks to raise; who raised it and why are for manual escalations only. */
export type EscalationRequest = Omit<NewEscalation, 'raisedBy' | 'note'> & Partial<Pick<NewEscalation, 'raisedBy' | 'note'>>;

export type RiskSignalRequest = NewRiskSignal;

/** Repeated signals: this many MODERATE-or-higher signals from one client in the window raise an ELEVATED escalation. */
export const REPEATED_SIGNALS = { count: 3, windowDays: 7 };

/**
 * Writes escalations and risk signals inside the caller's transaction. Paging (notifications,
 * webhook, deadlines) happens after commit, from the `page-escalation` job the caller enqueues.
 */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly repository: EscalationRepository,
    private readonly config: AppConfig,
  ) {}

  /** Returns the escalation id and whether this call created it. */
  async raise(manager: EntityManager, request: EscalationRequest): Promise<{ escalationId: string; created: boolean }> {
    const insertedId = await this.repository.insertEscalation(
      manager,
      { ...request, raisedBy: request.raisedBy ?? null, note: request.note ?? null },
      this.config.escalationTimers.ackSeconds[request.severity],
    );
    if (insertedId) return { escalationId: insertedId, created: true };
    return { escalationId: await this.repository.idByDedupeKey(manager, request.dedupeKey), created: false };
  }

  /**
   * A staff member's (ELEVATED) escalation of a moderation case. While one raised from the case is
   * still unresolved it is returned instead (`alreadyOpen`): the clinicians are already looking, a
   * second page is noise.
   */
  async raiseFromCase(
    manager: EntityManager,
    request: { caseId: string; subjectId: string; postId: string; raisedBy: string; note: string },
  ): Promise<{ escalationId: string; created: boolean; alreadyOpen: boolean }> {
    const open = await this.repository.unresolvedIdOfCase(manager, request.caseId, EscalationTrigger.MANUAL);
    if (open) return { escalationId: open, created: false, alreadyOpen: true };
    const earlier = await this.repository.countOfCase(manager, request.caseId, EscalationTrigger.MANUAL);
    const raised = await this.raise(manager, {
      dedupeKey: `case:${request.caseId}:manual:${earlier + 1}`,
      subjectId: request.subjectId,
      postId: request.postId,
      caseId: request.caseId,
      trigger: EscalationTrigger.MANUAL,
      severity: EscalationSeverity.ELEVATED,
      evidence: [],
      raisedBy: request.raisedBy,
      note: request.note,
    });
    return { ...raised, alreadyOpen: false };
  }

  /**
   * Records a crisis signal for the clinician's per-client view. When it makes the client's
   * MODERATE-or-higher signals reach the repeated-signals threshold, an ELEVATED escalation is
   * raised (once per window, by its dedupe key). Returns that escalation when one was created.
   */
  async recordRiskSignal(manager: EntityManager, signal: RiskSignalRequest): Promise<{ escalationId: string } | null> {
    const inserted = await this.repository.insertRiskSignal(manager, signal);
    if (!inserted || ![CrisisLevel.MODERATE, CrisisLevel.HIGH, CrisisLevel.IMMINENT].includes(signal.level)) return null;
    const count = await this.repository.countModerateOrHigherSignalsSince(manager, signal.subjectId, REPEATED_SIGNALS.windowDays);
    if (count < REPEATED_SIGNALS.count) return null;
    // One repeated-signals escalation per client per window: the key names the window's day. None
    // while one is unresolved, and none for a post that raised its own escalation just now: the
    // clinician is already being paged about this client and this post, a second page is noise.
    const day = new Date().toISOString().slice(0, 10);
    if (await this.repository.hasUnresolvedByTriggerOrPost(manager, signal.subjectId, EscalationTrigger.REPEATED_SIGNALS, signal.postId)) return null;
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
}
