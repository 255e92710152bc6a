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
  pageRound: number;
}

/** A client's open (OPEN or ACKNOWLEDGED) escalation, as the one-per-client rule reads it. */
export interface OpenEscalation {
  id: string;
  dedupeKey: string;
  severity: EscalationSeverity;
  status: EscalationStatus;
  level: number;
  reminders: number;
  pageRound: number;
  acknowledgedBy: string | null;
}

export interface NewEscalationSignal {
  escalationId: string;
  /** One per source (`screening:<post>:<revision>`, a manual escalation's key): attaching twice attaches once. */
  sourceKey: string;
  postId: string | null;
  /** A crisis level or an escalation severity. */
  level: string;
  /** Why it was raised (a threat to others asks for a duty-to-warn review); null for a risk signal. */
  trigger: EscalationTrigger | null;
  evidence: unknown[];
  raisedSeverity: boolean;
}

export interface EscalationSignalRow {
  id: string;
  escalationId: string;
  postId: string | null;
  level: string;
  trigger: EscalationTrigger | null;
  raisedSeverity: boolean;
  createdAt: Date;
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
 * - `escalation_signals`: each risk signal attached to an escalation (one open escalation per client).
 * (Pages, email deliveries, outreach and staff contacts: escalation-delivery.repository.ts; the
 * roster: roster/on-call-roster.repository.ts.)
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

  /**
   * Serialises everything that opens or attaches to a client's escalation until the caller's
   * transaction ends: two posts of one client screened at once by two workers cannot both see
   * "no open escalation" and open two (the second waits, then sees the first's row).
   */
  async lockSubject(manager: EntityManager, subjectId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('escalation-subject:' || $1::text, 0))`, [subjectId]);
  }

  /** The client's open escalation (the oldest, should there be several from before the rule), locked for the caller's transaction. */
  async openOfSubject(manager: EntityManager, subjectId: string): Promise<OpenEscalation | null> {
    const rows: Array<{
      id: string;
      dedupe_key: string;
      severity: EscalationSeverity;
      status: EscalationStatus;
      level: number;
      reminders: number;
      page_round: number;
      acknowledged_by: string | null;
    }> = await manager.query(
      `SELECT id, dedupe_key, severity, status, level, reminders, page_round, acknowledged_by FROM escalations
        WHERE subject_id = $1 AND status <> 'RESOLVED' ORDER BY created_at, id LIMIT 1 FOR UPDATE`,
      [subjectId],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      id: r.id,
      dedupeKey: r.dedupe_key,
      severity: r.severity,
      status: r.status,
      level: r.level,
      reminders: r.reminders,
      pageRound: r.page_round,
      acknowledgedBy: r.acknowledged_by,
    };
  }

  /** Null when this source was attached already. */
  async insertSignal(manager: EntityManager, signal: NewEscalationSignal): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO escalation_signals (escalation_id, source_key, post_id, level, trigger, evidence, raised_severity) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (escalation_id, source_key) DO NOTHING RETURNING id`,
      [signal.escalationId, signal.sourceKey, signal.postId, signal.level, signal.trigger, JSON.stringify(signal.evidence), signal.raisedSeverity],
    );
    return rows.length > 0 ? rows[0].id : null;
  }

  async appendEvidence(manager: EntityManager, id: string, evidence: unknown[]): Promise<void> {
    if (evidence.length === 0) return;
    await manager.query(`UPDATE escalations SET evidence = evidence || $2::jsonb WHERE id = $1`, [id, JSON.stringify(evidence)]);
  }

  /**
   * A higher severity: re-paged at the same level in a new round, with a deadline never later
   * than the one running. An acknowledged escalation opens again (the acknowledgement was for the
   * lower severity; the audit log keeps it), so someone acknowledges the new severity in time.
   */
  async raiseSeverity(manager: EntityManager, id: string, severity: EscalationSeverity, ackSeconds: number): Promise<PagedStep> {
    const rows: PagedStep[] = await manager.query(
      `WITH raised AS (UPDATE escalations
         SET severity = $2, page_round = page_round + 1, paged_level = LEAST(paged_level, level - 1),
             ack_due_at = CASE WHEN status = 'OPEN' THEN LEAST(ack_due_at, now() + make_interval(secs => $3)) ELSE now() + make_interval(secs => $3) END,
             status = 'OPEN', acknowledged_by = NULL, acknowledged_at = NULL, ack_note = NULL
       WHERE id = $1 RETURNING level, reminders, page_round AS "pageRound") SELECT * FROM raised`,
      [id, severity, ackSeconds],
    );
    return rows[0];
  }

  /** Each escalation's attached signals, oldest first. */
  async signalsOf(escalationIds: readonly string[]): Promise<EscalationSignalRow[]> {
    if (escalationIds.length === 0) return [];
    const rows: Array<{
      id: string;
      escalation_id: string;
      post_id: string | null;
      level: string;
      trigger: EscalationTrigger | null;
      raised_severity: boolean;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT id, escalation_id, post_id, level, trigger, raised_severity, created_at FROM escalation_signals WHERE escalation_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [escalationIds],
    );
    return rows.map((r) => ({
      id: r.id,
      escalationId: r.escalation_id,
      postId: r.post_id,
      level: r.level,
      trigger: r.trigger,
      raisedSeverity: r.raised_severity,
      createdAt: r.created_at,
    }));
  }

  /** How many signals each escalation has; an id with none is absent. */
  async signalCounts(escalationIds: readonly string[]): Promise<Map<string, number>> {
    if (escalationIds.length === 0) return new Map();
    const rows: Array<{ escalation_id: string; count: number }> = await this.dataSource.query(
      `SELECT escalation_id, count(*)::int AS count FROM escalation_signals WHERE escalation_id = ANY($1::uuid[]) GROUP BY escalation_id`,
      [escalationIds],
    );
    return new Map(rows.map((r) => [r.escalation_id, r.count]));
  }

  /** The posts an escalation is about: its own and every attached signal's (the cases to close follow them). */
  async postIdsOf(escalationId: string): Promise<{ caseId: string | null; postIds: string[] }> {
    const rows: Array<{ case_id: string | null; post_ids: string[] | null }> = await this.dataSource.query(
      `SELECT e.case_id, array_remove(array_agg(DISTINCT p.post_id), NULL) AS post_ids FROM escalations e
         LEFT JOIN LATERAL (SELECT e.post_id UNION SELECT s.post_id FROM escalation_signals s WHERE s.escalation_id = e.id) p ON true
        WHERE e.id = $1 GROUP BY e.case_id`,
      [escalationId],
    );
    return rows.length > 0 ? { caseId: rows[0].case_id, postIds: rows[0].post_ids ?? [] } : { caseId: null, postIds: [] };
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
   * one, and how many days ago it was (the latest of equals): screening's author context. SQL over
   * the subject, window (days) and excepted post (SQL expressions), at most one row (level,
   * days_ago), for the screening worker's one read per job (ScreeningRepository.screeningInputs).
   */
  static strongestRecentSignalSql(subjectId: string, windowDays: string, exceptPostId: string): string {
    return `SELECT level, extract(epoch FROM now() - created_at)::float8 / 86400 AS days_ago FROM risk_signals
        WHERE subject_id = ${subjectId} AND post_id <> ${exceptPostId} AND level IN ('MODERATE', 'HIGH', 'IMMINENT')
          AND created_at > now() - make_interval(days => ${windowDays})
        ORDER BY CASE level WHEN 'IMMINENT' THEN 3 WHEN 'HIGH' THEN 2 ELSE 1 END DESC, created_at DESC LIMIT 1`;
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

  /**
   * The resolved escalation whose cases are still to be closed, locked for the closing
   * transaction; null when it is not resolved or its cases were closed already (a re-delivered or
   * swept job then changes nothing).
   */
  async lockAwaitingCaseClose(manager: EntityManager, id: string): Promise<Pick<EscalationEntity, 'outcome' | 'resolvedBy'> | null> {
    const rows: Array<{ outcome: EscalationOutcome | null; resolved_by: string | null }> = await manager.query(
      `SELECT outcome, resolved_by FROM escalations WHERE id = $1 AND status = 'RESOLVED' AND cases_closed_at IS NULL FOR UPDATE`,
      [id],
    );
    return rows.length > 0 ? { outcome: rows[0].outcome, resolvedBy: rows[0].resolved_by } : null;
  }

  async markCasesClosed(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE escalations SET cases_closed_at = now() WHERE id = $1`, [id]);
  }

  /** Resolved more than `graceSeconds` ago with their cases not closed: the close job never ran (or failed). */
  async awaitingCaseClose(graceSeconds: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM escalations WHERE status = 'RESOLVED' AND cases_closed_at IS NULL AND resolved_at < now() - make_interval(secs => $1)
        ORDER BY resolved_at LIMIT $2`,
      [graceSeconds, limit],
    );
    return rows.map((r) => r.id);
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
    at: { id: string; level: number; reminder: number; round: number },
    ackSeconds: AckSeconds,
    maxLevel: number,
  ): Promise<PagedStep | null> {
    const rows: PagedStep[] = await manager.query(
      `WITH moved AS (UPDATE escalations
         SET level = LEAST(level + 1, $6), reminders = CASE WHEN level < $6 THEN 0 ELSE reminders + 1 END,
             ack_due_at = now() + make_interval(secs => CASE severity WHEN 'IMMINENT' THEN $3::float8 WHEN 'HIGH' THEN $4::float8 ELSE $5::float8 END)
       WHERE id = $1 AND status = 'OPEN' AND level = $2 AND reminders = $7 AND page_round = $8
       RETURNING level, reminders, page_round AS "pageRound") SELECT * FROM moved`,
      [at.id, at.level, ackSeconds.IMMINENT, ackSeconds.HIGH, ackSeconds.ELEVATED, maxLevel, at.reminder, at.round],
    );
    return rows.length > 0 ? rows[0] : null;
  }

  async recordWebhookDelivery(delivery: {
    escalationId: string;
    level: number;
    pageKey: string;
    attempt: number;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO webhook_deliveries (escalation_id, level, page_key, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [delivery.escalationId, delivery.level, delivery.pageKey, delivery.attempt, delivery.statusCode, delivery.error, delivery.durationMs],
    );
  }

  /** OPEN escalations whose current level was never paged, untouched for `graceSeconds`, oldest first. */
  async unpagedSince(graceSeconds: number, limit: number): Promise<Array<{ id: string; level: number; reminders: number; page_round: number }>> {
    return this.dataSource.query(
      `SELECT id, level, reminders, page_round FROM escalations
       WHERE status = 'OPEN' AND paged_level < level AND COALESCE(paged_at, created_at) < now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT $2`,
      [graceSeconds, limit],
    );
  }

  /** OPEN escalations paged at their level whose deadline passed more than `graceSeconds` ago, oldest deadline first. */
  async overdueSince(graceSeconds: number, limit: number): Promise<Array<{ id: string; level: number; reminders: number; page_round: number }>> {
    return this.dataSource.query(
      `SELECT id, level, reminders, page_round FROM escalations
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
