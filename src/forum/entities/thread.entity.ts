import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('threads')
@Index('threads_space_activity', ['spaceId', 'lastActivityAt', 'id'])
export class ThreadEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'space_id', type: 'uuid' })
  spaceId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ type: 'text' })
  title!: string;

  /** Set in the same transaction that creates the first post. */
  @Column({ name: 'first_post_id', type: 'uuid', nullable: true })
  firstPostId!: string | null;

  /** Moves only when a post becomes visible to everyone, so held posts do not bump a thread. */
  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
