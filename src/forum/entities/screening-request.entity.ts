import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export enum ScreeningRequestState {
  /** Written with the post; a job may or may not be in Redis yet. */
  PENDING = 'PENDING',
  DONE = 'DONE',
  /** The last attempt failed; the post was held for a human. */
  FAILED = 'FAILED',
}

/**
 * The outbox row written in the same transaction as a post revision. The worker's sweeper
 * re-enqueues rows still pending after a while, so a post written while Redis was down, or whose
 * job was lost, is still screened.
 */
@Entity('screening_requests')
@Unique('screening_requests_post_revision', ['postId', 'revision'])
@Index('screening_requests_pending', ['createdAt'], { where: `state = 'PENDING'` })
export class ScreeningRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId!: string;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'text', default: ScreeningRequestState.PENDING })
  state!: ScreeningRequestState;

  @Column({ name: 'enqueue_count', type: 'int', default: 0 })
  enqueueCount!: number;

  @Column({ name: 'last_enqueued_at', type: 'timestamptz', nullable: true })
  lastEnqueuedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
