import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryPrepared, queryPreparedIn } from '../common/sql/prepared-statement';
import type { StaffScope } from '../common/auth/staff-scope';
import { CrisisLevel } from '../common/domain/crisis-level.enum';
import { CaseReason } from '../common/domain/moderation.enums';
import { PostEntity } from '../forum/entities/post.entity';
import { EscalationRepository } from '../escalation/escalation.repository';
import { RevisionToScreen, RevisionToScreenRow, ScreeningOutboxRepository, ScreeningRequestState } from '../forum/screening-outbox.repository';
import { ScreeningEntity } from './entities/screening.entity';
import { WatchedWordAction, WatchedWordEntity } from './entities/watched-word.entity';
import { ScreeningDecisionKind } from './models/screening.model';
import type { WatchedWordEntry } from './pipeline/watched-words';

/** One post revision. */
export interface PostRevisionKey {
  postId: string;
  revision: number;
}

/** What `screeningInputs` reads for one job. */
export interface ScreeningInputs {
  screened: boolean;
  requestedAt: Date | null;
  revision: RevisionToScreen | null;
  authorRecentSignal: { level: CrisisLevel; daysAgo: number } | null;
  repliedToLevel: CrisisLevel | null;
}

/** A screenings row as the decide phase writes it. */
export interface NewScreening {
  decision: ScreeningDecisionKind;
  crisisLevel: CrisisLevel;
  crisisEvidence: readonly unknown[];
  toxicity: Record<string, number> | null;
  toxicityStatus: 'ok' | 'unavailable' | 'failed';
  watchedWordHits: readonly unknown[];
  phases: readonly unknown[];
  reasons: CaseReason[];
  modelVersion: string | null;
  tfjsBackend: string | null;
  durationMs: number;
}

export interface StoredWatchedWord {
  id: string;
  term: string;
  action: WatchedWordAction;
  createdAt: Date;
}

/**
 * Screening's tables: `screenings`, `watched_words`, and the worker's side of `screening_requests`
 * (the outbox). The forum writes each request in its posting transaction; this reads what is
 * pending, marks what was re-enqueued and finishes a request when its screening commits.
 * Methods that take a manager run inside the caller's transaction.
 */
@Injectable()
export class ScreeningRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Everything a screening job reads before the phases run, in one statement (one round trip per
   * job instead of four): whether the revision is screened already (a re-delivered job) and when
   * its request was written, the revision to screen (null when there is no such revision), the
   * author's strongest MODERATE+ signal of the last `windowDays` from other posts, and the latest
   * screened crisis level of the post this one replies to (the one it quotes, else its thread's
   * first post; none for a first post). The reads are the forum's and escalation's own
   * (`revisionToScreenSql`, `strongestRecentSignalSql`).
   */
  async screeningInputs({ postId, revision }: PostRevisionKey, windowDays: number): Promise<ScreeningInputs> {
    const [row] = await queryPrepared<
      RevisionToScreenRow & {
        screened: boolean;
        requested_at: Date | null;
        found: boolean;
        signal_level: CrisisLevel | null;
        signal_days_ago: number | null;
        replied_to_level: CrisisLevel | null;
      }
    >(
      this.dataSource,
      'screening-inputs',
      `SELECT EXISTS (SELECT 1 FROM screenings WHERE post_id = $1::uuid AND revision = $2::int) AS screened,
              (SELECT created_at FROM screening_requests WHERE post_id = $1::uuid AND revision = $2::int) AS requested_at,
              rev.thread_id IS NOT NULL AS found, rev.*,
              sig.level AS signal_level, sig.days_ago AS signal_days_ago, replied.crisis_level AS replied_to_level
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (${ScreeningOutboxRepository.revisionToScreenSql('$1::uuid', '$2::int')}) AS rev ON true
         LEFT JOIN LATERAL (${EscalationRepository.strongestRecentSignalSql('rev.author_id', '$3::int', '$1::uuid')}) AS sig ON true
         LEFT JOIN LATERAL (
           SELECT s.crisis_level FROM screenings s
            WHERE s.post_id = COALESCE(rev.quote_post_id, NULLIF(rev.opening_post_id, $1::uuid))
            ORDER BY s.revision DESC LIMIT 1
         ) AS replied ON true`,
      [postId, revision, windowDays],
    );
    const target = row.found ? ScreeningOutboxRepository.toRevisionToScreen(postId, revision, row) : null;
    return {
      screened: row.screened,
      requestedAt: row.requested_at,
      revision: target,
      authorRecentSignal: row.signal_level ? { level: row.signal_level, daysAgo: Number(row.signal_days_ago) } : null,
      repliedToLevel: row.replied_to_level,
    };
  }

  /**
   * Inserts the screening row and finishes the revision's request (outbox row) as `requestState`,
   * in one statement; false when this revision already has one (the unique key decides), and
   * then the request is left as it is.
   */
  async insertAndFinishRequest(
    manager: EntityManager,
    { postId, revision }: PostRevisionKey,
    row: NewScreening,
    requestState: ScreeningRequestState.DONE | ScreeningRequestState.FAILED,
  ): Promise<boolean> {
    const inserted = await queryPreparedIn<{ id: string }>(
      manager,
      'screening-insert',
      `WITH inserted AS (
           INSERT INTO screenings (post_id, revision, decision, crisis_level, crisis_evidence, toxicity, toxicity_status,
                                   watched_word_hits, phases, reasons, model_version, tfjs_backend, duration_ms)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8::jsonb, $9::jsonb, $10::text[], $11, $12, $13)
           ON CONFLICT ON CONSTRAINT screenings_post_revision DO NOTHING
           RETURNING id
         ), finished AS (
           UPDATE screening_requests SET state = $14, finished_at = now()
            WHERE post_id = $1 AND revision = $2 AND EXISTS (SELECT 1 FROM inserted)
         )
       SELECT id FROM inserted`,
      [
        postId,
        revision,
        row.decision,
        row.crisisLevel,
        JSON.stringify(row.crisisEvidence),
        row.toxicity === null ? null : JSON.stringify(row.toxicity),
        row.toxicityStatus,
        JSON.stringify(row.watchedWordHits),
        JSON.stringify(row.phases),
        row.reasons,
        row.modelVersion,
        row.tfjsBackend,
        row.durationMs,
        requestState,
      ],
    );
    return inserted.length > 0;
  }

  /** Requests still pending `afterSeconds` after they were written and after they were last re-enqueued, oldest first. */
  async staleRequests(afterSeconds: number, limit: number): Promise<PostRevisionKey[]> {
    const rows: Array<{ post_id: string; revision: number }> = await this.dataSource.query(
      `SELECT post_id, revision FROM screening_requests
       WHERE state = 'PENDING' AND created_at < now() - make_interval(secs => $1)
         AND (last_enqueued_at IS NULL OR last_enqueued_at < now() - make_interval(secs => $1))
       ORDER BY created_at LIMIT $2`,
      [afterSeconds, limit],
    );
    return rows.map((row) => ({ postId: row.post_id, revision: row.revision }));
  }

  async markReenqueued(requests: readonly PostRevisionKey[]): Promise<void> {
    if (requests.length === 0) return;
    await this.dataSource.query(
      `UPDATE screening_requests r SET enqueue_count = r.enqueue_count + 1, last_enqueued_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS e(post_id, revision)
       WHERE r.post_id = e.post_id AND r.revision = e.revision`,
      [requests.map((r) => r.postId), requests.map((r) => r.revision)],
    );
  }

  /**
   * The screenings of these post revisions whose post lies in `scope` (the staff member's spaces),
   * in one statement. The space is the post's, hence the join on the forum's posts.
   */
  async forPostRevisions(keys: readonly PostRevisionKey[], scope: StaffScope): Promise<ScreeningEntity[]> {
    return this.dataSource
      .getRepository(ScreeningEntity)
      .createQueryBuilder('s')
      .innerJoin(PostEntity, 'p', 'p.id = s.post_id')
      .where('(s.post_id, s.revision) IN (SELECT * FROM unnest(CAST(:postIds AS uuid[]), CAST(:revisions AS int[])))', {
        postIds: keys.map((key) => key.postId),
        revisions: keys.map((key) => key.revision),
      })
      .andWhere(scope.all ? 'TRUE' : 'p.space_id = ANY(CAST(:spaceIds AS uuid[]))', scope.all ? {} : { spaceIds: [...scope.spaceIds] })
      .getMany();
  }

  async watchedWords(): Promise<StoredWatchedWord[]> {
    return this.dataSource.getRepository(WatchedWordEntity).find({ select: { id: true, term: true, action: true, createdAt: true }, order: { term: 'ASC' } });
  }

  /** What the matcher needs of the list. */
  async watchedWordEntries(): Promise<WatchedWordEntry[]> {
    const rows = await this.dataSource.getRepository(WatchedWordEntity).find({ select: { id: true, term: true, action: true }, order: { term: 'ASC' } });
    return rows.map((row) => ({ id: row.id, term: row.term, action: row.action }));
  }

  /** Adds a term, or changes the action of one already listed. */
  async setWatchedWord(manager: EntityManager, term: string, action: WatchedWordAction, createdBy: string): Promise<StoredWatchedWord> {
    const rows: StoredWatchedWord[] = await manager.query(
      `INSERT INTO watched_words (term, action, created_by) VALUES ($1, $2, $3)
       ON CONFLICT (term) DO UPDATE SET action = EXCLUDED.action
       RETURNING id, term, action, created_at AS "createdAt"`,
      [term, action, createdBy],
    );
    return rows[0];
  }

  /** False when there was no such term. */
  async removeWatchedWord(manager: EntityManager, id: string): Promise<boolean> {
    const deleted: Array<{ id: string }> = await manager.query(`WITH gone AS (DELETE FROM watched_words WHERE id = $1 RETURNING id) SELECT id FROM gone`, [id]);
    return deleted.length > 0;
  }
}
