import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CrisisLevel } from '../common/domain/crisis-level.enum';
import { EscalationOutcome, EscalationSeverity, EscalationStatus } from '../common/domain/escalation.enums';
import { EscalationEntity, EscalationTrigger } from './entities/escalation.entity';

/** An escalation's acknowledgement window per severity, in seconds (`ESCALATION_ACK_SECONDS`). */
export type AckSeconds = Record<EscalationSeverity, number>;

export interface NewEscalation {
  /** Unique per logical escalation (e.g. `screening:<postId>:<revision>`): raising twice raises once. */
  dedupeKey: string;
  subjectId: string;
  postId: string | null;
  caseId: string | null;
  trigger: EscalationTrigger;
  severity: EscalationSeverity;
  /** Matched phrases and tiers; stays in PostgreSQL, never goes to Redis or a webhook. */
  evidence: unknown[];
  raisedBy: string | null;
  note: string | null;
}

export interface NewRiskSignal {
  subjectId: string;
  postId: string;
  revision: number;
  level: CrisisLevel;
  evidence: unknown[];
}

/** The position of one page in an escalation's paging (see EscalationPagingService). */
export interface PagedStep {
  level: number;
  reminders: number;
}

/** One moment of a client's risk history from escalation's tables; `atKey` is the keyset text, `atMicros` its exact order. */
export interface RiskHistoryRow {
  kind: 'RISK_SIGNAL' | 'ESCALATION';
  id: string;
  at: Date;
  atKey: string;
  atMicros: bigint;
  crisisLevel: CrisisLevel | null;
  grade: string | null;
  status: string | null;
  postId: string | null;
  caseId: string | null;
  escalationId: string | null;
}

/**
 * The only place that names escalation's tables:
 *
 * - `escalations`: a risk signal routed to clinicians. `dedupe_key` is unique, so a re-delivered
 *   screening job or a second repeated-signals check cannot page anyone twice; `level`,
 *   `paged_level` and `reminders` say how far paging got (see EscalationPagingService).
 * - `risk_signals`: a crisis level seen in one post revision (unique per post and revision); the
 *   clinician's per-client view and the repeated-signals rule read them.
 * - `webhook_deliveries`: every attempt to deliver an escalation webhook, successful or not.
 *
 * Methods taking a manager run in the caller's transaction; pass it whenever there is one (a second
 * pool connection is never answered by PGlite and runs PostgreSQL's pool dry under load).
 * Reads joined with other features' tables are in escalation-crossing-reads.repository.ts.
 */
@Injectable()
export class EscalationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null when an escalation with this dedupe key exists already. */
  async insertEscalation(manager: EntityManager, escalation: NewEscalation, ackSeconds: number): Promise<string | null> {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO escalations (dedupe_key, subject_id, post_id, case_id, trigger, severity, ack_due_at, evidence, raised_by, note)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7), $8::jsonb, $9, $10)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        escalation.dedupeKey,
        escalation.subjectId,
        escalation.postId,
        escalation.caseId,
        escalation.trigger,
        escalation.severity,
        ackSeconds,
        JSON.stringify(escalation.evidence),
        escalation.raisedBy,
        escalation.note,
      ],
    );
    return inserted.length > 0 ? inserted[0].id : null;
  }

  async idByDedupeKey(manager: EntityManager, dedupeKey: string): Promise<string> {
    const existing: Array<{ id: string }> = await manager.query(`SELECT id FROM escalations WHERE dedupe_key = $1`, [dedupeKey]);
    return existing[0].id;
  }

  /** False when this post revision's signal was recorded already. */
  async insertRiskSignal(manager: EntityManager, signal: NewRiskSignal): Promise<boolean> {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO risk_signals (subject_id, post_id, revision, level, evidence) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (post_id, revision) DO NOTHING RETURNING id`,
      [signal.subjectId, signal.postId, signal.revision, signal.level, JSON.stringify(signal.evidence)],
    );
    return inserted.length > 0;
  }

  async countModerateOrHigherSignalsSince(manager: EntityManager, subjectId: string, windowDays: number): Promise<number> {
    const [{ count }]: Array<{ count: number }> = await manager.query(
      `SELECT count(*)::int AS count FROM risk_signals
       WHERE subject_id = $1 AND level IN ('MODERATE', 'HIGH', 'IMMINENT') AND created_at > now() - make_interval(days => $2)`,
      [subjectId, windowDays],
    );
    return count;
  }

  /**
   * The client's strongest MODERATE+ signal of the last `windowDays`, from posts other than this
   * one, and how many days ago it was (the latest of equals): screening's author context.
   */
  async strongestRecentSignal(subjectId: string, windowDays: number, exceptPostId: string): Promise<{ level: CrisisLevel; daysAgo: number } | null> {
    const rows: Array<{ level: CrisisLevel; days_ago: number }> = await this.dataSource.query(
      `SELECT level, extract(epoch FROM now() - created_at)::float8 / 86400 AS days_ago FROM risk_signals
        WHERE subject_id = $1 AND post_id <> $3 AND level IN ('MODERATE', 'HIGH', 'IMMINENT') AND created_at > now() - make_interval(days => $2)
        ORDER BY CASE level WHEN 'IMMINENT' THEN 3 WHEN 'HIGH' THEN 2 ELSE 1 END DESC, created_at DESC LIMIT 1`,
      [subjectId, windowDays, exceptPostId],
    );
    return rows.length > 0 ? { level: rows[0].level, daysAgo: Number(rows[0].days_ago) } : null;
  }

  /** Whether the client has an unresolved escalation with this trigger, or one about this post. */
  async hasUnresolvedByTriggerOrPost(manager: EntityManager, subjectId: string, trigger: EscalationTrigger, postId: string): Promise<boolean> {
    const open: Array<{ id: string }> = await manager.query(
      `SELECT id FROM escalations WHERE subject_id = $1 AND status <> 'RESOLVED' AND (trigger = $2 OR post_id = $3) LIMIT 1`,
      [subjectId, trigger, postId],
    );
    return open.length > 0;
  }

  async unresolvedIdOfCase(manager: EntityManager, caseId: string, trigger: EscalationTrigger): Promise<string | null> {
    const open: Array<{ id: string }> = await manager.query(`SELECT id FROM escalations WHERE case_id = $1 AND trigger = $2 AND status <> 'RESOLVED' LIMIT 1`, [
      caseId,
      trigger,
    ]);
    return open.length > 0 ? open[0].id : null;
  }

  async countOfCase(manager: EntityManager, caseId: string, trigger: EscalationTrigger): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await manager.query(`SELECT count(*)::int AS n FROM escalations WHERE case_id = $1 AND trigger = $2`, [
      caseId,
      trigger,
    ]);
    return n;
  }

  async findById(id: string): Promise<EscalationEntity | null> {
    return this.dataSource.getRepository(EscalationEntity).findOne({ where: { id } });
  }

  async findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<EscalationEntity[]> {
    if (ids.length === 0) return [];
    return manager.getRepository(EscalationEntity).createQueryBuilder('e').where('e.id = ANY(:ids)', { ids }).getMany();
  }

  /** Newest first after `before` ((created_at as PostgreSQL text, id)), at full timestamp precision; `key` is created_at as text. */
  async listNewestFirst(
    status: EscalationStatus | null | undefined,
    limit: number,
    before: readonly [string, string] | null,
  ): Promise<Array<{ entity: EscalationEntity; key: string }>> {
    const query = this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .addSelect('e.created_at::text', 'created_key')
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit);
    if (status) query.andWhere('e.status = :status', { status });
    if (before) query.andWhere('(e.created_at, e.id) < (:at::timestamptz, :id::uuid)', { at: before[0], id: before[1] });
    const { entities, raw } = await query.getRawAndEntities<{ created_key: string }>();
    return entities.map((entity, i) => ({ entity, key: raw[i].created_key }));
  }

  /** The level it was acknowledged at; null when it was not OPEN. */
  async acknowledgeOpen(manager: EntityManager, id: string, memberId: string, note: string | null): Promise<number | null> {
    const rows: Array<{ id: string; level: number }> = await manager.query(
      `WITH acked AS (UPDATE escalations SET status = 'ACKNOWLEDGED', acknowledged_by = $2, acknowledged_at = now(), ack_note = $3
       WHERE id = $1 AND status = 'OPEN' RETURNING id, level) SELECT * FROM acked`,
      [id, memberId, note],
    );
    return rows.length > 0 ? rows[0].level : null;
  }

  /** Resolving acknowledges too, when nobody had. The level it was resolved at; null when it was resolved already. */
  async resolveUnresolved(manager: EntityManager, id: string, memberId: string, outcome: EscalationOutcome, note: string | null): Promise<number | null> {
    const rows: Array<{ id: string; level: number }> = await manager.query(
      `WITH resolved AS (UPDATE escalations SET status = 'RESOLVED', outcome = $3, resolution_note = $4, resolved_by = $2, resolved_at = now(),
         acknowledged_by = COALESCE(acknowledged_by, $2), acknowledged_at = COALESCE(acknowledged_at, now())
       WHERE id = $1 AND status <> 'RESOLVED' RETURNING id, level) SELECT * FROM resolved`,
      [id, memberId, outcome, note],
    );
    return rows.length > 0 ? rows[0].level : null;
  }

  async markLevelPaged(manager: EntityManager, id: string, level: number): Promise<void> {
    await manager.query(`UPDATE escalations SET paged_level = GREATEST(paged_level, $2), paged_at = now() WHERE id = $1`, [id, level]);
  }

  /**
   * One conditional UPDATE: only an escalation still OPEN at this level and reminder moves on (below
   * `maxLevel` it climbs, at it counts a reminder), with a fresh deadline. Null when it had moved on.
   */
  async moveOnAfterDeadline(
    manager: EntityManager,
    at: { id: string; level: number; reminder: number },
    ackSeconds: AckSeconds,
    maxLevel: number,
  ): Promise<PagedStep | null> {
    const rows: PagedStep[] = await manager.query(
      `WITH moved AS (UPDATE escalations
         SET level = LEAST(level + 1, $6), reminders = CASE WHEN level < $6 THEN 0 ELSE reminders + 1 END,
             ack_due_at = now() + make_interval(secs => CASE severity WHEN 'IMMINENT' THEN $3::float8 WHEN 'HIGH' THEN $4::float8 ELSE $5::float8 END)
       WHERE id = $1 AND status = 'OPEN' AND level = $2 AND reminders = $7
       RETURNING level, reminders) SELECT level, reminders FROM moved`,
      [at.id, at.level, ackSeconds.IMMINENT, ackSeconds.HIGH, ackSeconds.ELEVATED, maxLevel, at.reminder],
    );
    return rows.length > 0 ? rows[0] : null;
  }

  async recordWebhookDelivery(delivery: {
    escalationId: string;
    level: number;
    attempt: number;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO webhook_deliveries (escalation_id, level, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
      [delivery.escalationId, delivery.level, delivery.attempt, delivery.statusCode, delivery.error, delivery.durationMs],
    );
  }

  /** OPEN escalations whose current level was never paged, untouched for `graceSeconds`, oldest first. */
  async unpagedSince(graceSeconds: number, limit: number): Promise<Array<{ id: string; level: number }>> {
    return this.dataSource.query(
      `SELECT id, level FROM escalations
       WHERE status = 'OPEN' AND paged_level < level AND COALESCE(paged_at, created_at) < now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT $2`,
      [graceSeconds, limit],
    );
  }

  /** OPEN escalations paged at their level whose deadline passed more than `graceSeconds` ago, oldest deadline first. */
  async overdueSince(graceSeconds: number, limit: number): Promise<Array<{ id: string; level: number; reminders: number }>> {
    return this.dataSource.query(
      `SELECT id, level, reminders FROM escalations
       WHERE status = 'OPEN' AND paged_level = level AND ack_due_at < now() - make_interval(secs => $1)
       ORDER BY ack_due_at LIMIT $2`,
      [graceSeconds, limit],
    );
  }

  /**
   * A client's risk signals and escalations, newest first, the first `limit` after `before` ((at as
   * PostgreSQL text, id)): one half of the clinician's risk timeline (RiskTimelineService).
   */
  async riskHistoryOfSubject(subjectId: string, before: readonly [string, string] | null, limit: number): Promise<RiskHistoryRow[]> {
    const rows: Array<{
      kind: RiskHistoryRow['kind'];
      id: string;
      at: Date;
      at_key: string;
      at_micros: string;
      crisis_level: CrisisLevel | null;
      grade: string | null;
      status: string | null;
      post_id: string | null;
      case_id: string | null;
      escalation_id: string | null;
    }> = await this.dataSource.query(
      `SELECT t.*, t.at::text AS at_key, (extract(epoch FROM t.at) * 1000000)::bigint AS at_micros FROM (
         SELECT 'RISK_SIGNAL' AS kind, id, created_at AS at, level AS crisis_level, NULL AS grade, NULL AS status, post_id, NULL::uuid AS case_id, NULL::uuid AS escalation_id
           FROM risk_signals WHERE subject_id = $1
         UNION ALL
         SELECT 'ESCALATION', id, created_at, NULL, severity, status, post_id, case_id, id FROM escalations WHERE subject_id = $1
       ) t
       WHERE ($2::timestamptz IS NULL OR (t.at, t.id) < ($2::timestamptz, $3::uuid))
       ORDER BY t.at DESC, t.id DESC LIMIT $4`,
      [subjectId, before?.[0] ?? null, before?.[1] ?? null, limit],
    );
    return rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      at: r.at,
      atKey: r.at_key,
      atMicros: BigInt(r.at_micros),
      crisisLevel: r.crisis_level,
      grade: r.grade,
      status: r.status,
      postId: r.post_id,
      caseId: r.case_id,
      escalationId: r.escalation_id,
    }));
  }
}
