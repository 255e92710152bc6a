import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Viewer } from '../common/auth/viewer';
import { PostStatus } from '../common/domain/post-status.enum';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { Role } from '../common/domain/role.enum';
import { queryPrepared } from '../common/sql/prepared-statement';
import { NamedParameters, PositionalParameters } from '../common/sql/sql-parameters';
import { MemberEntity } from '../members/entities/member.entity';
import { PostEntity } from './entities/post.entity';
import { SpaceEntity } from './entities/space.entity';
import { ThreadEntity } from './entities/thread.entity';
import { AUTHOR_ONLY_STATUSES, visiblePostStatusSql } from './post-visibility';
import { PagePost, visibleReplyCountSql } from './posts.repository';

/** A thread as its loader reads it: joined with what every reader of a thread looks at next. */
export type ThreadWithOpening = ThreadEntity & { firstPost?: PostEntity | null; space?: SpaceEntity | null; author?: MemberEntity | null };

/** A row of a space's thread list. */
export interface ListedThread {
  thread: ThreadEntity;
  firstPostStatus: PostStatus;
  /** last_activity_at as PostgreSQL prints it: a JS Date would cut its microseconds (see the cursor). */
  activityKey: string;
}

/** A post of a page read by readWithPage: with its author, its reaction counts (kinds with none left out) and the viewer's own kinds. */
export type PagePostWithReactions = PagePost & {
  author: MemberEntity;
  reactionCounts: Array<{ kind: ReactionKind; count: number }>;
  viewerKinds: ReactionKind[];
};

/** A thread page read in one statement (readWithPage): what the thread, posts, replyCount and reaction fields show. */
export interface ThreadPageRead {
  thread: ThreadWithOpening;
  /** Up to `rows` posts the viewer may see, oldest first. */
  page: PagePostWithReactions[];
  replyCount: number;
}

/** A thread page as a viewer who sees only PUBLISHED posts reads it, with what the thread-page cache needs to serve it to others. */
export interface SharedThreadPageRead {
  thread: ThreadPageRead;
  /** Members with a PENDING, HELD or REMOVED post anywhere in the thread: their own page differs. */
  authorOnlyMemberIds: string[];
  /** Every reaction to the page's posts; null when there are more than asked for. */
  pageReactions: Array<{ postId: string; memberId: string; kind: ReactionKind }> | null;
}

/**
 * The viewer the shared page is read for: a client (no staff scope) whose member id no member has
 * (ids come from gen_random_uuid, never the nil uuid), so the visibility fragments leave PUBLISHED
 * posts only and count no posts of their own.
 */
const PUBLIC_ONLY_VIEWER: Viewer = {
  memberId: '00000000-0000-0000-0000-000000000000',
  sub: '',
  role: Role.CLIENT,
  displayName: '',
  cohort: null,
  moderatedSpaceIds: [],
  tokenExpiresAt: new Date(0),
};

/** One page post as readWithPage's json_agg lists it: positional, so no key is repeated per post. */
type PageTuple = [
  id: string,
  seq: string,
  spaceId: string,
  authorId: string,
  quotePostId: string | null,
  status: PostStatus,
  heldReason: PostEntity['heldReason'],
  revision: number,
  bodyHtml: string,
  createdAtMs: number,
  editedAtMs: number | null,
  authorName: string,
  authorRole: MemberEntity['role'],
  reactionCounts: Array<[ReactionKind, number]> | null,
  viewerReactions: ReactionKind[] | null,
];

/** A timestamp as epoch milliseconds, cut as node-postgres cuts a timestamptz into a Date. */
const epochMs = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::float8`;

/** `threads`: the only place that names the table. */
@Injectable()
export class ThreadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `limit` threads of the space whose first post the viewer may see, most recent activity first,
   * after the keyset `after` (from the start when null).
   */
  async listInSpace(viewer: Viewer, spaceId: string, limit: number, after: readonly [activity: string, id: string] | null): Promise<ListedThread[]> {
    const query = this.dataSource
      .getRepository(ThreadEntity)
      .createQueryBuilder('t')
      .innerJoin(PostEntity, 'p', 'p.id = t.first_post_id')
      .addSelect('p.status', 'first_post_status')
      .addSelect('t.last_activity_at::text', 'activity_key')
      .where('t.space_id = :spaceId', { spaceId })
      .orderBy('t.last_activity_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(limit);
    const params = new NamedParameters('visibility');
    const visible = visiblePostStatusSql(viewer, 'p', params);
    if (visible) query.andWhere(visible, params.values);
    if (after) {
      const [activity, id] = after;
      query.andWhere('(t.last_activity_at, t.id) < (CAST(:activity AS timestamptz), CAST(:id AS uuid))', { activity, id });
    }
    const { entities, raw } = await query.getRawAndEntities<{ t_id: string; first_post_status: PostStatus; activity_key: string }>();
    const extras = new Map(raw.map((r) => [r.t_id, r]));
    return entities.flatMap((thread) => {
      const extra = extras.get(thread.id);
      return extra ? [{ thread, firstPostStatus: extra.first_post_status, activityKey: extra.activity_key }] : [];
    });
  }

  /**
   * Threads by id, each with its first post, space and author: whoever loads a thread checks the
   * first two next (visibility) and often shows the third, so one joined query instead of four.
   */
  async findByIdsWithOpening(ids: readonly string[]): Promise<ThreadWithOpening[]> {
    return this.dataSource
      .getRepository(ThreadEntity)
      .createQueryBuilder('t')
      .leftJoinAndMapOne('t.firstPost', PostEntity, 'p', 'p.id = t.first_post_id')
      .leftJoinAndMapOne('t.space', SpaceEntity, 's', 's.id = t.space_id')
      .leftJoinAndMapOne('t.author', MemberEntity, 'm', 'm.id = t.author_id')
      .where('t.id = ANY(:ids)', { ids })
      .getMany();
  }

  /**
   * A thread with its first post, space and author, the first page of posts the viewer may see
   * (after the seq `afterSeq`) with their authors, the page's reaction counts and the viewer's own
   * reactions, and the viewer's replyCount: everything a thread page shows, in ONE statement (it
   * was four), from maintained counts (thread_post_counts, post_reaction_counts) so its cost does
   * not grow with the thread or the reactions table. The page uses the same visibility fragment as
   * threadPages; null when there is no such thread. Whether the thread itself may be seen is still
   * decided by the caller (ThreadsService.findVisible) from the first post and space read here.
   */
  async readWithPage(viewer: Viewer, threadId: string, rows: number, afterSeq: string | null): Promise<ThreadPageRead | null> {
    const read = await this.readPage(viewer, threadId, rows, afterSeq, null);
    return read && read.thread;
  }

  /**
   * What readWithPage returns for a viewer who sees only PUBLISHED posts and has none of their own
   * (the same statement, for a member id nobody has, so both paths show the same), plus what the
   * thread-page cache needs to serve it to other viewers: the members who have a post only they
   * (and staff) may see anywhere in the thread, and every (post, member, kind) reaction of the
   * page's posts when the page has at most `maxReactions` of them (null above that).
   */
  async readSharedPage(threadId: string, rows: number, afterSeq: string | null, maxReactions: number): Promise<SharedThreadPageRead | null> {
    return this.readPage(PUBLIC_ONLY_VIEWER, threadId, rows, afterSeq, maxReactions);
  }

  /**
   * A member's own reactions to the given posts, kinds in ReactionKind's order (as readWithPage
   * gives them): what a cached page too rich in reactions to hold them all lacks for each viewer.
   */
  async viewerKindsOn(memberId: string, postIds: readonly string[]): Promise<Map<string, ReactionKind[]>> {
    const kinds = new Map<string, ReactionKind[]>();
    if (postIds.length === 0) return kinds;
    const rows = await queryPrepared<{ post_id: string; kinds: ReactionKind[] }>(
      this.dataSource,
      'viewer-kinds-on',
      'SELECT r.post_id, array_agg(r.kind::text) AS kinds FROM reactions r WHERE r.post_id = ANY($1::uuid[]) AND r.member_id = $2 GROUP BY r.post_id',
      [postIds, memberId],
    );
    for (const row of rows) kinds.set(row.post_id, row.kinds.sort(byReactionOrder));
    return kinds;
  }

  private async readPage(
    viewer: Viewer,
    threadId: string,
    rows: number,
    afterSeq: string | null,
    sharedMaxReactions: number | null,
  ): Promise<SharedThreadPageRead | null> {
    const params = new PositionalParameters([threadId, rows, afterSeq, viewer.memberId]);
    const visible = visiblePostStatusSql(viewer, 'q', params);
    const replyCount = visibleReplyCountSql(viewer, { thread: 't', firstPost: 'fp', counts: 'c' }, params);
    // Statuses as literals, so the partial index posts_thread_author_only matches in a generic plan.
    const authorOnly = AUTHOR_ONLY_STATUSES.map((status) => `'${status}'`).join(', ');
    const shared =
      sharedMaxReactions === null
        ? ''
        : `,
              (SELECT array_agg(DISTINCT o.author_id) FROM posts o WHERE o.thread_id = t.id AND o.status IN (${authorOnly})) AS author_only_members,
              (SELECT CASE WHEN coalesce(sum(rc.count), 0) <= ${params.bind(sharedMaxReactions)}::int
                           THEN coalesce((SELECT json_agg(json_build_array(r.post_id, r.member_id, r.kind)) FROM reactions r WHERE r.post_id IN (SELECT id FROM page)), '[]'::json)
                      END
                 FROM post_reaction_counts rc WHERE rc.post_id IN (SELECT id FROM page)) AS page_reactions`;
    const result = await queryPrepared<Record<string, unknown>>(
      this.dataSource,
      sharedMaxReactions === null ? 'thread-page' : 'shared-thread-page',
      `WITH page AS (
         SELECT q.id, q.seq, q.space_id, q.author_id, q.quote_post_id, q.status, q.held_reason, q.revision, q.body_html, q.created_at, q.edited_at
           FROM posts q
          -- seq is a BIGSERIAL (from 1), so 0 means "from the start" and the bound stays an index condition in a generic plan.
          WHERE q.thread_id = $1${visible ? ` AND ${visible}` : ''} AND q.seq > coalesce($3::bigint, 0)
          ORDER BY q.seq
          LIMIT $2
       )
       SELECT t.id, t.space_id, t.author_id, t.title, t.first_post_id, t.last_activity_at, t.created_at,
              fp.id AS fp_id, fp.seq AS fp_seq, fp.space_id AS fp_space_id, fp.author_id AS fp_author_id, fp.quote_post_id AS fp_quote_post_id,
              fp.status AS fp_status, fp.held_reason AS fp_held_reason, fp.revision AS fp_revision, fp.body_html AS fp_body_html,
              fp.body_text AS fp_body_text, fp.created_at AS fp_created_at, fp.edited_at AS fp_edited_at, fp.status_changed_at AS fp_status_changed_at,
              s.id AS s_id, s.slug AS s_slug, s.name AS s_name, s.description AS s_description, s.cohort AS s_cohort, s.position AS s_position,
              s.archived_at AS s_archived_at, s.created_at AS s_created_at,
              m.id AS m_id, m.display_name AS m_display_name, m.role AS m_role,
              (SELECT json_agg(json_build_array(page.id, page.seq::text, page.space_id, page.author_id, page.quote_post_id, page.status,
                                                page.held_reason, page.revision, page.body_html, ${epochMs('page.created_at')},
                                                ${epochMs('page.edited_at')}, pm.display_name, pm.role,
                                                -- Per post, so each is a primary-key lookup, whatever the planner thinks of the table.
                                                (SELECT json_agg(json_build_array(rc.kind, rc.count))
                                                   FROM post_reaction_counts rc WHERE rc.post_id = page.id AND rc.count > 0),
                                                (SELECT json_agg(r.kind) FROM reactions r WHERE r.post_id = page.id AND r.member_id = $4))
                                ORDER BY page.seq)
                 FROM page JOIN members pm ON pm.id = page.author_id) AS page,
              ${replyCount} AS reply_count${shared}
         FROM threads t
         LEFT JOIN posts fp ON fp.id = t.first_post_id
         LEFT JOIN spaces s ON s.id = t.space_id
         LEFT JOIN members m ON m.id = t.author_id
         LEFT JOIN thread_post_counts c ON c.thread_id = t.id
        WHERE t.id = $1`,
      params.values,
    );
    const row = result[0];
    if (!row) return null;
    const pageTuples = (row.page as PageTuple[] | null) ?? [];
    return {
      thread: {
        thread: threadFromRow(row),
        page: pageTuples.map((tuple) => pagePostFrom(threadId, tuple)),
        replyCount: Number(row.reply_count ?? 0),
      },
      authorOnlyMemberIds: (row.author_only_members as string[] | null | undefined) ?? [],
      pageReactions:
        ((row.page_reactions as Array<[string, string, ReactionKind]> | null | undefined) ?? null)?.map(([postId, memberId, kind]) => ({
          postId,
          memberId,
          kind,
        })) ?? null,
    };
  }

  async findById(manager: EntityManager, id: string): Promise<ThreadEntity> {
    return manager.findOneByOrFail(ThreadEntity, { id });
  }

  /** Inserts and returns the whole row: TypeORM reads the database defaults back in the same statement. */
  async insert(manager: EntityManager, values: Pick<ThreadEntity, 'id' | 'spaceId' | 'authorId' | 'title' | 'firstPostId'>): Promise<ThreadEntity> {
    const row = manager.create(ThreadEntity, values);
    const result = await manager.insert(ThreadEntity, row);
    return manager.merge(ThreadEntity, row, result.generatedMaps[0]);
  }

  async rename(manager: EntityManager, id: string, title: string): Promise<void> {
    await manager.update(ThreadEntity, { id }, { title });
  }
}

/** The entities readWithPage's row holds, built as TypeORM would hydrate them (same classes, same types). */
function threadFromRow(row: Record<string, unknown>): ThreadWithOpening {
  const thread: ThreadWithOpening = Object.assign(new ThreadEntity(), {
    id: row.id as string,
    spaceId: row.space_id as string,
    authorId: row.author_id as string,
    title: row.title as string,
    firstPostId: row.first_post_id as string | null,
    lastActivityAt: row.last_activity_at as Date,
    createdAt: row.created_at as Date,
  });
  thread.firstPost = row.fp_id
    ? Object.assign(new PostEntity(), {
        id: row.fp_id as string,
        seq: row.fp_seq as string,
        threadId: thread.id,
        spaceId: row.fp_space_id as string,
        authorId: row.fp_author_id as string,
        quotePostId: row.fp_quote_post_id as string | null,
        status: row.fp_status as PostStatus,
        heldReason: row.fp_held_reason as PostEntity['heldReason'],
        revision: row.fp_revision as number,
        bodyHtml: row.fp_body_html as string,
        bodyText: row.fp_body_text as string,
        createdAt: row.fp_created_at as Date,
        editedAt: row.fp_edited_at as Date | null,
        statusChangedAt: row.fp_status_changed_at as Date,
      })
    : null;
  thread.space = row.s_id
    ? Object.assign(new SpaceEntity(), {
        id: row.s_id as string,
        slug: row.s_slug as string,
        name: row.s_name as string,
        description: row.s_description as string,
        cohort: row.s_cohort as string | null,
        position: row.s_position as number,
        // Space.archived reads it: left out, every thread page said its space was archived.
        archivedAt: row.s_archived_at as Date | null,
        createdAt: row.s_created_at as Date,
      })
    : null;
  thread.author = row.m_id
    ? Object.assign(new MemberEntity(), { id: row.m_id as string, displayName: row.m_display_name as string, role: row.m_role as MemberEntity['role'] })
    : null;
  return thread;
}

const REACTION_ORDER: readonly ReactionKind[] = Object.values(ReactionKind);
const byReactionOrder = (a: ReactionKind, b: ReactionKind) => REACTION_ORDER.indexOf(a) - REACTION_ORDER.indexOf(b);

function pagePostFrom(threadId: string, tuple: PageTuple): PagePostWithReactions {
  const [id, seq, spaceId, authorId, quotePostId, status, heldReason, revision, bodyHtml, createdAtMs, editedAtMs, authorName, authorRole, counts, mine] =
    tuple;
  return Object.assign(new PostEntity(), {
    id,
    seq,
    threadId,
    spaceId,
    authorId,
    quotePostId,
    status,
    heldReason,
    revision,
    bodyHtml,
    createdAt: new Date(createdAtMs),
    editedAt: editedAtMs === null ? null : new Date(editedAtMs),
    author: Object.assign(new MemberEntity(), { id: authorId, displayName: authorName, role: authorRole }),
    // In the order the reactions loader gives them (ReactionKind's), so both paths show the same list.
    reactionCounts: (counts ?? []).sort((a, b) => byReactionOrder(a[0], b[0])).map(([kind, count]) => ({ kind, count })),
    viewerKinds: (mine ?? []).sort(byReactionOrder),
  });
}
