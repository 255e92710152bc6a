import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum NotificationKind {
  CRISIS_RESOURCES = 'CRISIS_RESOURCES',
  SUPPORTIVE_RESOURCES = 'SUPPORTIVE_RESOURCES',
  POST_HELD = 'POST_HELD',
  POST_PUBLISHED = 'POST_PUBLISHED',
  POST_REMOVED = 'POST_REMOVED',
  CASE_ASSIGNED = 'CASE_ASSIGNED',
  CASE_OVERDUE = 'CASE_OVERDUE',
  ESCALATION = 'ESCALATION',
  /** To admins: nobody is PRIMARY on call for a period of the next 72 hours. */
  ROSTER_GAP = 'ROSTER_GAP',
  /** Someone's reply in a thread you started was published. */
  REPLY_IN_YOUR_THREAD = 'REPLY_IN_YOUR_THREAD',
  /** A published reply quotes your post. */
  REPLY_TO_YOUR_POST = 'REPLY_TO_YOUR_POST',
  /** Members reacted to your post: one unread notification per post, updated as more arrive. */
  REACTIONS_TO_YOUR_POST = 'REACTIONS_TO_YOUR_POST',
}

/**
 * An in-app message to one member. `dedupe_key` (unique when set) keeps a re-delivered job from
 * notifying twice.
 */
@Entity('notifications')
@Index('notifications_member_created', ['memberId', 'createdAt', 'id'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** Ids the client can link to (post, case, escalation); never post text. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  data!: Record<string, string | number | null>;

  @Index('notifications_dedupe_key', { unique: true, where: 'dedupe_key IS NOT NULL' })
  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey!: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
