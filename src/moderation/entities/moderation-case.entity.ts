import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CaseDecision, CasePriority, CaseReason, CaseStatus } from '../../common/domain/moderation.enums';

/**
 * At most one open case per post (a partial unique index); reports and later screenings join it.
 * `priority_rank` mirrors `priority` so the queue sorts on an index.
 */
@Entity('moderation_cases')
@Index('moderation_cases_one_open_per_post', ['postId'], { unique: true, where: `status <> 'RESOLVED'` })
@Index('moderation_cases_queue', ['status', 'priorityRank', 'dueAt', 'openedAt', 'id'])
@Index('moderation_cases_space_queue', ['spaceId', 'status', 'priorityRank', 'dueAt', 'openedAt', 'id'])
@Index('moderation_cases_active_queue', ['priorityRank', 'dueAt', 'openedAt', 'id'], { where: `status <> 'RESOLVED'` })
@Index('moderation_cases_active_space_queue', ['spaceId', 'priorityRank', 'dueAt', 'openedAt', 'id'], { where: `status <> 'RESOLVED'` })
@Index('moderation_cases_due_unnotified', ['dueAt'], { where: `status <> 'RESOLVED' AND overdue_notified_at IS NULL` })
export class ModerationCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId!: string;

  @Column({ name: 'space_id', type: 'uuid' })
  spaceId!: string;

  /** The post's author, for their recent history beside the case. */
  @Index('moderation_cases_subject_id')
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'text', default: CaseStatus.OPEN })
  status!: CaseStatus;

  @Column({ type: 'text', array: true })
  reasons!: CaseReason[];

  @Column({ type: 'text' })
  priority!: CasePriority;

  @Column({ name: 'priority_rank', type: 'smallint' })
  priorityRank!: number;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' })
  openedAt!: Date;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  /** A claim is a lease: when it lapses, the case is free for another moderator. */
  @Column({ name: 'lease_expires_at', type: 'timestamptz', nullable: true })
  leaseExpiresAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decision!: CaseDecision | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** When the overdue reminder went to the space's peer specialists (once per case). */
  @Column({ name: 'overdue_notified_at', type: 'timestamptz', nullable: true })
  overdueNotifiedAt!: Date | null;

  /** Which screening revision (if any) opened or last joined the case: a re-delivered job joins nothing twice. */
  @Column({ name: 'source_keys', type: 'text', array: true, default: () => `'{}'` })
  sourceKeys!: string[];
}
