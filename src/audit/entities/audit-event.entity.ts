import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Ids, codes and counts: never post text. */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

/**
 * Append-only: who did or saw what, when. A trigger (see the migration) refuses UPDATE and DELETE,
 * so not even a bug in this code can rewrite history.
 */
@Entity('audit_events')
@Index('audit_events_created', ['createdAt', 'id'])
@Index('audit_events_target', ['targetType', 'targetId'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** 'SYSTEM' for the worker's own decisions. */
  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType!: string;

  @Column({ name: 'target_id', type: 'text' })
  targetId!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: AuditDetails;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
