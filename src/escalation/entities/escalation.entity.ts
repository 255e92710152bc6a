import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EscalationOutcome, EscalationSeverity, EscalationStatus } from '../../common/domain/escalation.enums';

export enum EscalationTrigger {
  CRISIS = 'CRISIS',
  THREAT_TO_OTHERS = 'THREAT_TO_OTHERS',
  REPEATED_SIGNALS = 'REPEATED_SIGNALS',
  MANUAL = 'MANUAL',
}

/**
 * A risk signal routed to clinicians. `dedupe_key` is unique, so a re-delivered screening job or a
 * second repeated-signals check cannot page anyone twice.
 */
@Entity('escalations')
@Index('escalations_status_due', ['status', 'ackDueAt'])
@Index('escalations_unpaged', ['createdAt'], { where: `status = 'OPEN' AND paged_level < level` })
@Index('escalations_created', ['createdAt', 'id'])
@Index('escalations_cases_to_close', ['resolvedAt'], { where: `status = 'RESOLVED' AND cases_closed_at IS NULL` })
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('escalations_dedupe_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  /** The client whose safety this is about. */
  @Index('escalations_subject_id')
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ name: 'post_id', type: 'uuid', nullable: true })
  postId!: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'text' })
  trigger!: EscalationTrigger;

  @Column({ type: 'text' })
  severity!: EscalationSeverity;

  @Column({ type: 'text', default: EscalationStatus.OPEN })
  status!: EscalationStatus;

  /** 1 = on-call clinician, 2 = backup, 3 = all clinicians, then every clinician and admin. */
  @Column({ type: 'smallint', default: 1 })
  level!: number;

  /** The level last paged (0: never). Below `level`, the page job has not run yet: the sweeper re-pages. */
  @Column({ name: 'paged_level', type: 'smallint', default: 0 })
  pagedLevel!: number;

  /** Times the last level was paged again because nobody acknowledged (see EscalationPagingService.deadline). */
  @Column({ type: 'integer', default: 0 })
  reminders!: number;

  /** Times a higher-severity signal re-paged it: each round has its own page and deadline jobs. */
  @Column({ name: 'page_round', type: 'integer', default: 0 })
  pageRound!: number;

  @Column({ name: 'paged_at', type: 'timestamptz', nullable: true })
  pagedAt!: Date | null;

  @Column({ name: 'ack_due_at', type: 'timestamptz' })
  ackDueAt!: Date;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: unknown[];

  @Column({ name: 'raised_by', type: 'uuid', nullable: true })
  raisedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'ack_note', type: 'text', nullable: true })
  ackNote!: string | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome!: EscalationOutcome | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote!: string | null;

  /**
   * When moderation closed the loop on the linked cases (the `close-escalation-cases` job). A
   * RESOLVED escalation with this still null is the job's outbox: the resolve transaction leaves it
   * null, the job sets it in its own transaction, and the moderation sweeper re-enqueues the job
   * for every one left null (Redis was down at resolve time, or the job was lost).
   */
  @Column({ name: 'cases_closed_at', type: 'timestamptz', nullable: true })
  casesClosedAt!: Date | null;
}
