import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial, EntityManager } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { inScopeSqlBound, staffScopeOf } from '../common/auth/staff-scope';
import { Viewer } from '../common/auth/viewer';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { queryPrepared, queryPreparedIn } from '../common/sql/prepared-statement';
import { NamedParameters, PositionalParameters, SqlParameters } from '../common/sql/sql-parameters';
import { MemberEntity } from '../members/entities/member.entity';
import { PostEntity } from './entities/post.entity';
import { AUTHOR_ONLY_STATUSES, visiblePostStatusSql, visibleSpaceSql } from './post-visibility';
import { ScreeningOutboxRepository } from './screening-outbox.repository';

/** A post as a page of a thread reads it, with its author joined. */
export type PagePost = PostEntity & { author?: MemberEntity | null };

/** What PostModel.from and MemberModel.from read, and the cursor (seq): no screened text copy, no bookkeeping dates. */
const PAGE_COLUMNS = [
  ...(
    ['id', 'seq', 'threadId', 'spaceId', 'authorId', 'quotePostId', 'status', 'heldReason', 'revision', 'bodyHtml', 'createdAt', 'editedAt'] satisfies Array<
      keyof PostEntity
    >
  ).map((c) => `p.${c}`),
  ...(['id', 'displayName', 'role'] satisfies Array<keyof MemberEntity>).map((c) => `m.${c}`),
];

export type NewPost = Pick<PostEntity, 'id' | 'threadId' | 'spaceId' | 'authorId' | 'quotePostId' | 'bodyHtml' | 'bodyText'>;
export type NewReply = Pick<PostEntity, 'id' | 'threadId' | 'authorId' | 'quotePostId' | 'bodyHtml' | 'bodyText'>;

/** One conditional status change (see PostLifecycleService, which holds the rules). */
export interface PostMove {
  postId: string;
  from: readonly PostStatus[];
  to: PostStatus;
  heldReason: HeldReason | null;
  revision: number | null;
}

export interface MovedPost {
  postId: string;
  threadId: string;
  spaceId: string;
  authorId: string;
  status: PostStatus;
  revision: number;
}

/**
 * `replyCount` as SQL over a thread, its first post and its thread_post_counts row, with the same
 * rule as `visiblePostStatusSql`: who sees every post of the space counts every reply; anyone
 * else the published ones plus their own that are not public (through posts_thread_author, so
 * bounded by their own posts in the thread, not by the thread's size).
 */
export function visibleReplyCountSql(viewer: Viewer, alias: { thread: string; firstPost: string; counts: string }, params: SqlParameters): string {
  const { thread: t, firstPost: fp, counts: c } = alias;
  const scope = staffScopeOf(viewer);
  const every = `greatest(coalesce(${c}.posts, 1) - 1, 0)`;
  if (scope.all) return every;
  const published = `coalesce(${c}.published_posts, 0) - (${fp}.status = ${params.bind(PostStatus.PUBLISHED)})::int`;
  const own = `(SELECT count(*)::int FROM posts o
     WHERE o.thread_id = ${t}.id AND o.author_id = ${params.bind(viewer.memberId)}
       AND o.status = ANY(${params.bind(AUTHOR_ONLY_STATUSES)}::text[]) AND o.id <> ${t}.first_post_id)`;
  const others = `(${published} + ${own})`;
  if (scope.spaceIds.length === 0) return others;
  return `(CASE WHEN ${inScopeSqlBound(scope, `${t}.space_id`, params)} THEN ${every} ELSE ${others} END)`;
}

/** `posts`, the current revision of every post: the only place that names the table. */
@Injectable()
export class PostsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<PostEntity[]> {
    return this.dataSource.getRepository(PostEntity).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany();
  }

  async findById(manager: EntityManager, id: string): Promise<PostEntity> {
    return manager.findOneByOrFail(PostEntity, { id });
  }

  /**
   * Each thread's first `rows` posts the viewer may see after the seq `afterSeq`, oldest first, the
   * first post included, with their authors (a page nearly always shows them): one statement for
   * every thread, through the (thread_id, seq) index.
   */
  async threadPages(viewer: Viewer, threadIds: readonly string[], rows: number, afterSeq: string | null): Promise<PagePost[]> {
    const params = new NamedParameters('visibility');
    const visible = visiblePostStatusSql(viewer, 'q', params);
    const conditions = ['q.thread_id = t.id', ...(visible ? [visible] : []), ...(afterSeq ? ['q.seq > CAST(:afterSeq AS bigint)'] : [])];
    return this.dataSource
      .getRepository(PostEntity)
      .createQueryBuilder('p')
      .leftJoinAndMapOne('p.author', MemberEntity, 'm', 'm.id = p.author_id')
      .select(PAGE_COLUMNS)
      .where(
        `p.id IN (SELECT page.id FROM unnest(CAST(:threadIds AS uuid[])) AS t(id)
           CROSS JOIN LATERAL (SELECT q.id FROM posts q WHERE ${conditions.join(' AND ')} ORDER BY q.seq LIMIT :rows) page)`,
        { threadIds, rows, afterSeq, ...params.values },
      )
      .orderBy('p.seq', 'ASC')
      .getMany();
  }

  /**
   * Replies (the first post is not one) the viewer would see listed, by thread, so the count never
   * disagrees with the list: from the maintained counts (thread_post_counts), not by counting.
   */
  async replyCounts(viewer: Viewer, threadIds: readonly string[]): Promise<Map<string, number>> {
    const params = new PositionalParameters([threadIds]);
    const count = visibleReplyCountSql(viewer, { thread: 't', firstPost: 'fp', counts: 'c' }, params);
    const rows: Array<{ thread_id: string; count: number }> = await this.dataSource.query(
      `SELECT t.id AS thread_id, ${count} AS count
         FROM threads t
         JOIN posts fp ON fp.id = t.first_post_id
         LEFT JOIN thread_post_counts c ON c.thread_id = t.id
        WHERE t.id = ANY($1)`,
      params.values,
    );
    return new Map(rows.map((r) => [r.thread_id, r.count]));
  }

  /** The post, locked for the caller's transaction, when `authorId` wrote it; null otherwise. */
  async lockOwn(manager: EntityManager, postId: string, authorId: string): Promise<PostEntity | null> {
    return manager
      .getRepository(PostEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :postId AND p.author_id = :authorId', { postId, authorId })
      .getOne();
  }

  /** Locks the post for the caller's transaction, so writes about it (reports) queue behind each other. */
  async lock(manager: EntityManager, postId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM posts WHERE id = $1 FOR UPDATE`, [postId]);
  }

  /** A thread's first post, PENDING at revision 1. Inserts and returns the whole row (the database's defaults read back in the same statement). */
  async insertFirstPost(manager: EntityManager, values: NewPost): Promise<PostEntity> {
    const row = manager.create(PostEntity, { ...values, status: PostStatus.PENDING, revision: 1 });
    const result = await manager.insert(PostEntity, row);
    return manager.merge(PostEntity, row, result.generatedMaps[0]);
  }

  /**
   * The reply, its first revision, its screening request (the outbox row) and its audit event, as
   * ONE statement: a data-modifying CTE is atomic on its own, so this is the same all-or-nothing
   * write as a transaction of four inserts, in one round trip instead of six (BEGIN, four INSERTs,
   * COMMIT). It writes nothing (null) unless the viewer may reply there:
   * - the space is visible to them: `visibleSpaceSql` (staff, or no cohort, or their cohort);
   * - the thread's first post is PUBLISHED, so every viewer of the space sees it (`canSeePostStatus`)
   *   and the thread is open for replies;
   * - a quoted post is a PUBLISHED post of the same thread (so, visible too).
   */
  async insertReplyIfAllowed(values: NewReply, viewer: Viewer, requestId: string): Promise<PostEntity | null> {
    const params = new PositionalParameters([
      values.id,
      values.threadId,
      values.authorId,
      values.quotePostId,
      values.bodyHtml,
      values.bodyText,
      PostStatus.PENDING,
      PostStatus.PUBLISHED,
      viewer.role,
      requestId,
    ]);
    const visibleSpace = visibleSpaceSql(viewer, 's', params);
    const audit = AuditRepository.appendFromCte('audit', 'post', {
      actorId: 'author_id',
      actorRole: '$9',
      action: `'post.created'`,
      targetType: `'post'`,
      targetId: 'id::text',
      requestId: '$10',
      details: `jsonb_build_object('threadId', thread_id, 'spaceId', space_id)`,
    });
    const rows = await queryPrepared(
      this.dataSource,
      'create-reply',
      `WITH target AS (
         SELECT t.id AS thread_id, t.space_id
           FROM threads t
           JOIN posts opening ON opening.id = t.first_post_id
           JOIN spaces s ON s.id = t.space_id
          WHERE t.id = $2
            AND s.archived_at IS NULL
            AND opening.status = $8${visibleSpace ? `\n            AND ${visibleSpace}` : ''}
            AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM posts q WHERE q.id = $4 AND q.thread_id = t.id AND q.status = $8))
       ), post AS (
         INSERT INTO posts (id, thread_id, space_id, author_id, quote_post_id, body_html, body_text, status, revision)
         SELECT $1, thread_id, space_id, $3, $4, $5, $6, $7, 1 FROM target
         RETURNING *
       ), ${ScreeningOutboxRepository.revisionForScreeningCte('post')}, ${audit}
       SELECT id, seq, thread_id AS "threadId", space_id AS "spaceId", author_id AS "authorId", quote_post_id AS "quotePostId",
              status, held_reason AS "heldReason", revision, body_html AS "bodyHtml", body_text AS "bodyText",
              created_at AS "createdAt", edited_at AS "editedAt", status_changed_at AS "statusChangedAt"
         FROM post`,
      params.values,
    );
    return rows.length ? this.dataSource.manager.create(PostEntity, rows[0] as DeepPartial<PostEntity>) : null;
  }

  /** A new revision's body; the post becomes PENDING again unless `keepStatus` (a held post stays held). */
  async reviseBody(
    manager: EntityManager,
    postId: string,
    revision: { revision: number; bodyHtml: string; bodyText: string; keepStatus: boolean },
  ): Promise<void> {
    await manager.update(
      PostEntity,
      { id: postId },
      {
        revision: revision.revision,
        bodyHtml: revision.bodyHtml,
        bodyText: revision.bodyText,
        editedAt: () => 'now()',
        ...(revision.keepStatus ? {} : { status: PostStatus.PENDING, heldReason: null, statusChangedAt: () => 'now()' }),
      },
    );
  }

  async markDeleted(manager: EntityManager, postId: string): Promise<void> {
    await manager.update(PostEntity, { id: postId }, { status: PostStatus.DELETED, statusChangedAt: () => 'now()' });
  }

  /**
   * One conditional UPDATE (and the thread's activity when the post became PUBLISHED): no row when
   * the post is no longer in `from` or at `revision`. PUBLISHED only when a screening of the
   * current revision exists, checked in the same statement so nothing can slip between the two.
   */
  async move(manager: EntityManager, move: PostMove): Promise<MovedPost | null> {
    const rows = await queryPreparedIn<{ id: string; thread_id: string; space_id: string; author_id: string; status: PostStatus; revision: number }>(
      manager,
      'post-move',
      `WITH moved AS (
           UPDATE posts SET status = $2, held_reason = $3, status_changed_at = now(),
                  -- set once, when first published (insights count a post from then, whatever happens later)
                  published_at = CASE WHEN $2 = 'PUBLISHED' THEN COALESCE(published_at, now()) ELSE published_at END
            WHERE id = $1
              AND status = ANY($4::text[])
              AND ($5::int IS NULL OR revision = $5)
              AND ($2 <> 'PUBLISHED' OR EXISTS (SELECT 1 FROM screenings s WHERE s.post_id = posts.id AND s.revision = posts.revision))
           RETURNING id, thread_id, space_id, author_id, status, revision
         ), bumped AS (
           -- A thread's activity moves only when one of its posts becomes visible to everyone.
           UPDATE threads t SET last_activity_at = now() FROM moved WHERE t.id = moved.thread_id AND moved.status = 'PUBLISHED'
           RETURNING t.id
         )
         SELECT * FROM moved`,
      [move.postId, move.to, move.heldReason, move.from, move.revision],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return { postId: row.id, threadId: row.thread_id, spaceId: row.space_id, authorId: row.author_id, status: row.status, revision: row.revision };
  }

  /** The held reason of the post while it is HELD at `revision`, locked for the caller's transaction; null otherwise. */
  async lockHeldReason(manager: EntityManager, postId: string, revision: number): Promise<HeldReason | null> {
    const rows: Array<{ held_reason: HeldReason }> = await manager.query(
      `SELECT held_reason FROM posts WHERE id = $1 AND revision = $2 AND status = $3 FOR UPDATE`,
      [postId, revision, PostStatus.HELD],
    );
    return rows[0]?.held_reason ?? null;
  }
}
