import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CrisisLevel } from '../common/domain/crisis-level.enum';
import { EscalationSeverity } from '../common/domain/escalation.enums';
import { EscalationTrigger } from './entities/escalation.entity';
import { AppConfig } from '../config/app-config';

export interface EscalationRequest {
  /** Unique per logical escalation (e.g. `screening:<postId>:<revision>`): raising twice raises once. */
  dedupeKey: string;
  subjectId: string;
  postId: string | null;
  caseId: string | null;
  trigger: EscalationTrigger;
  severity: EscalationSeverity;
  /** Matched phrases and tiers; stays in PostgreSQL, never goes to Redis or a webhook. */
  evidence: unknown[];
  raisedBy?: string | null;
  note?: string | null;
}

export interface RiskSignalRequest {
  subjectId: string;
  postId: string;
  revision: number;
  level: CrisisLevel;
  evidence: unknown[];
}

/** Repeated signals: this many MODERATE-or-higher signals from one client in the window raise an ELEVATED escalation. */
export const REPEATED_SIGNALS = { count: 3, windowDays: 7 };

/**
 * Writes escalations and risk signals inside the caller's transaction. Paging (notifications,
 * webhook, deadlines) happens after commit, from the `page-escalation` job the caller enqueues.
 */
@Injectable()
export class EscalationsService {
  constructor(private readonly config: AppConfig) {}

  /** Returns the escalation id and whether this call created it. */
  async raise(manager: EntityManager, request: EscalationRequest): Promise<{ escalationId: string; created: boolean }> {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO escalations (dedupe_key, subject_id, post_id, case_id, trigger, severity, ack_due_at, evidence, raised_by, note)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7), $8::jsonb, $9, $10)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        request.dedupeKey,
        request.subjectId,
        request.postId,
        request.caseId,
        request.trigger,
        request.severity,
        this.config.escalationTimers.ackSeconds[request.severity],
        JSON.stringify(request.evidence),
        request.raisedBy ?? null,
        request.note ?? null,
      ],
    );
    if (inserted.length > 0) return { escalationId: inserted[0].id, created: true };
    const existing: Array<{ id: string }> = await manager.query(`SELECT id FROM escalations WHERE dedupe_key = $1`, [request.dedupeKey]);
    return { escalationId: existing[0].id, created: false };
  }

  /**
   * Records a crisis signal for the clinician's per-client view. When it makes the client's
   * MODERATE-or-higher signals reach the repeated-signals threshold, an ELEVATED escalation is
   * raised (once per window, by its dedupe key). Returns that escalation when one was created.
   */
  async recordRiskSignal(manager: EntityManager, signal: RiskSignalRequest): Promise<{ escalationId: string } | null> {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO risk_signals (subject_id, post_id, revision, level, evidence) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (post_id, revision) DO NOTHING RETURNING id`,
      [signal.subjectId, signal.postId, signal.revision, signal.level, JSON.stringify(signal.evidence)],
    );
    if (inserted.length === 0 || ![CrisisLevel.MODERATE, CrisisLevel.HIGH, CrisisLevel.IMMINENT].includes(signal.level)) return null;
    const [{ count }]: Array<{ count: number }> = await manager.query(
      `SELECT count(*)::int AS count FROM risk_signals
       WHERE subject_id = $1 AND level IN ('MODERATE', 'HIGH', 'IMMINENT') AND created_at > now() - make_interval(days => $2)`,
      [signal.subjectId, REPEATED_SIGNALS.windowDays],
    );
    if (count < REPEATED_SIGNALS.count) return null;
    // One repeated-signals escalation per client per window: the key names the window's day. None
    // while one is unresolved, and none for a post that raised its own escalation just now: the
    // clinician is already being paged about this client and this post, a second page is noise.
    const day = new Date().toISOString().slice(0, 10);
    const open: Array<{ id: string }> = await manager.query(
      `SELECT id FROM escalations WHERE subject_id = $1 AND status <> 'RESOLVED' AND (trigger = $2 OR post_id = $3) LIMIT 1`,
      [signal.subjectId, EscalationTrigger.REPEATED_SIGNALS, signal.postId],
    );
    if (open.length > 0) return null;
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
