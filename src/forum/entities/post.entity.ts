import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import { HeldReason, PostStatus } from '../../common/domain/post-status.enum';

/**
 * The current revision of a post; earlier revisions live in `post_revisions`. The space id is
 * copied here so visibility checks need no join.
 */
@Entity('posts')
@Index('posts_thread_seq', ['threadId', 'seq'])
@Index('posts_author_created', ['authorId', 'createdAt'])
// A viewer's own posts that are not public, for replyCount (MaintainThreadAndReactionCounts migration).
@Index('posts_thread_author', ['threadId', 'authorId'])
export class PostEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Insertion order: a stable keyset for paging a thread oldest first. */
  @Index('posts_seq', { unique: true })
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq!: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId!: string;

  @Column({ name: 'space_id', type: 'uuid' })
  spaceId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ name: 'quote_post_id', type: 'uuid', nullable: true })
  quotePostId!: string | null;

  @Column({ type: 'text', default: PostStatus.PENDING })
  status!: PostStatus;

  @Column({ name: 'held_reason', type: 'text', nullable: true })
  heldReason!: HeldReason | null;

  @Column({ type: 'int', default: 1 })
  revision!: number;

  /** Sanitized HTML, safe to render. */
  @Column({ name: 'body_html', type: 'text' })
  bodyHtml!: string;

  /** Plain text extracted from the sanitized HTML: what screening reads. */
  @Column({ name: 'body_text', type: 'text' })
  bodyText!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' })
  statusChangedAt!: Date;

  /** When the post first became PUBLISHED; set once by PostsRepository.move, kept through later holds. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
