import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { scopeCovers, staffScopeOf } from '../common/auth/staff-scope';
import { Viewer } from '../common/auth/viewer';
import { ReactionKind } from '../common/domain/reaction-kind.enum';
import { registeredMetric } from '../common/metrics/registered-metric';
import { statementsGoUnnamed } from '../common/sql/prepared-statement';
import { AppConfig } from '../config/app-config';
import { MemberEntity } from '../members/entities/member.entity';
import { PostEntity } from './entities/post.entity';
import { SpaceEntity } from './entities/space.entity';
import { ThreadEntity } from './entities/thread.entity';
import { ThreadPageCache } from './thread-page-cache';
import { ThreadPageChanges } from '../database/thread-page-changes';
import { PagePostWithReactions, SharedThreadPageRead, ThreadPageRead, ThreadsRepository } from './threads.repository';

/**
 * The text a process's cache may hold, in characters of post HTML (about 64 MB): 2,000 pages of 51
 * posts at the 20,000-character maximum would be 2 billion.
 */
const MAX_CACHED_TEXT = 32_000_000;
const REACTION_ORDER: readonly ReactionKind[] = Object.values(ReactionKind);

/** Why a read went to the database although the cache is on. */
type BypassReason = 'not_listening' | 'pooled_sessions' | 'staff_in_scope' | 'own_posts';

/** Reads of a thread page through the cache: a hit, a miss (read and maybe stored), or a bypass with its reason. No ids, no text. */
export const threadPageCacheReadsTotal = registeredMetric(
  'thread_page_cache_reads_total',
  () =>
    new Counter({
      name: 'thread_page_cache_reads_total',
      help: "Thread page reads by how the API process answered them (while its cache is on): hit or miss (reason own_reactions_read: the viewer's reactions read apart), or bypass (by reason)",
      labelNames: ['result', 'reason'],
    }),
);

/**
 * Viewers whose own reactions an entry too rich in reactions to hold them all keeps, as they read
 * (a reader polling the page within its max age then sends nothing); later viewers read theirs each time.
 */
const MAX_VIEWERS_KEPT = 1_000;

/**
 * What an entry holds: the page as PUBLISHED-only viewers see it, who may be served it, and the
 * page's reactions by post and member, or null when the page has more than an entry may hold:
 * then each viewer's own are read apart (one small statement instead of the whole page) and kept
 * in `readersKinds` by member, as long as no notice about the thread came while it was read.
 * Any reaction to the page's posts notifies, which drops the whole entry, these included.
 */
interface SharedPage {
  read: ThreadPageRead;
  authorOnlyMemberIds: ReadonlySet<string>;
  viewerKinds: ReadonlyMap<string, ReadonlyMap<string, ReactionKind[]>> | null;
  readersKinds: Map<string, ViewerKinds>;
}

type ViewerKinds = ReadonlyMap<string, readonly ReactionKind[]>;

/**
 * The thread page of ForumLoaders.prefetchThreadPage, from this process's ThreadPageCache when
 * the viewer may be served the shared page, else from the database as before.
 *
 * Served from the cache: a viewer whose visibility in the thread is exactly "PUBLISHED, plus their
 * own PENDING / HELD / REMOVED" (clients, and peer specialists not assigned to the thread's space)
 * and who has no such post of their own in the thread: then the database would show them what it
 * shows a viewer who sees PUBLISHED posts only, with their own reactions, which the entry holds.
 * Staff who see every post of the space, and authors of posts others may not see, read the
 * database. Whether the thread (its space's cohort, its first post) may be seen at all is decided
 * afterwards, per viewer, by the same checks as before, on what is primed into the loaders.
 *
 * Every request gets its own copies of the entities: a field resolver may attach things to them.
 */
@Injectable()
export class SharedThreadPages {
  private readonly cache: ThreadPageCache<SharedPage>;
  private readonly on: boolean;
  private readonly maxReactions: number;

  constructor(
    private readonly threads: ThreadsRepository,
    private readonly changes: ThreadPageChanges,
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    const { maxAgeMs, maxEntries, maxReactions } = config.threadPageCache;
    this.cache = new ThreadPageCache({ maxAgeMs, maxEntries, maxWeight: MAX_CACHED_TEXT });
    this.on = maxAgeMs > 0;
    this.maxReactions = maxReactions;
  }

  /** Starts listening for the notices that keep the cache honest: only processes that serve requests (ForumApiModule). */
  listenForChanges(): void {
    if (this.on) this.changes.listen(this.cache);
  }

  async read(viewer: Viewer, threadId: string, rows: number, afterSeq: string | null): Promise<ThreadPageRead | null> {
    const scope = staffScopeOf(viewer);
    if (!this.on || scope.all) {
      // Clinicians and admins see every post: never the shared page.
      if (this.on) threadPageCacheReadsTotal.inc({ result: 'bypass', reason: 'staff_in_scope' });
      return this.threads.readWithPage(viewer, threadId, rows, afterSeq);
    }
    if (!this.cache.usable) return this.bypass('not_listening', viewer, threadId, rows, afterSeq);
    if (statementsGoUnnamed(this.dataSource)) return this.bypass('pooled_sessions', viewer, threadId, rows, afterSeq);
    const page = `${rows}:${afterSeq ?? ''}`;
    const cached = this.cache.lookup(threadId, page, Date.now());
    if (cached) return this.serve('hit', cached, viewer, threadId, rows, afterSeq);

    const ticket = this.cache.readStarted(threadId);
    const shared = await this.threads.readSharedPage(threadId, rows, afterSeq, this.maxReactions);
    if (!shared) {
      // No such thread: the viewer's own read would find none either (the same statement, by id).
      threadPageCacheReadsTotal.inc({ result: 'miss', reason: '' });
      return null;
    }
    const entry = sharedPageFrom(shared);
    this.cache.store(page, entry, ticket, Date.now(), textLength(shared.thread));
    return this.serve('miss', entry, viewer, threadId, rows, afterSeq);
  }

  /** A write this process made that sends no change notice (a new PENDING reply): its thread's pages are read again. */
  forgetThread(threadId: string): void {
    this.cache.threadChanged(threadId);
  }

  /** Whether the notices are heard now (tests). */
  get listening(): boolean {
    return this.cache.usable;
  }

  /** The entry as this viewer's read, or their own read from the database when theirs would differ. */
  private async serve(
    result: 'hit' | 'miss',
    entry: SharedPage,
    viewer: Viewer,
    threadId: string,
    rows: number,
    afterSeq: string | null,
  ): Promise<ThreadPageRead | null> {
    const refusal = this.refusal(viewer, entry);
    if (refusal) return this.bypass(refusal, viewer, threadId, rows, afterSeq);
    const held = entry.viewerKinds;
    if (held) {
      threadPageCacheReadsTotal.inc({ result, reason: '' });
      return copyFor(entry, (postId) => held.get(postId)?.get(viewer.memberId));
    }
    // Too many reactions to hold: the shared part from memory, the viewer's own kept or read apart.
    const kept = entry.readersKinds.get(viewer.memberId);
    if (kept) {
      threadPageCacheReadsTotal.inc({ result, reason: '' });
      return copyFor(entry, (postId) => kept.get(postId));
    }
    const ticket = this.cache.readStarted(threadId);
    const mine: ViewerKinds = await this.threads.viewerKindsOn(
      viewer.memberId,
      entry.read.page.map((post) => post.id),
    );
    if (this.cache.stillCurrent(ticket) && entry.readersKinds.size < MAX_VIEWERS_KEPT) entry.readersKinds.set(viewer.memberId, mine);
    threadPageCacheReadsTotal.inc({ result, reason: 'own_reactions_read' });
    return copyFor(entry, (postId) => mine.get(postId));
  }

  /** Why this viewer's page would differ from the shared one; null when it would not. */
  private refusal(viewer: Viewer, entry: SharedPage): BypassReason | null {
    // Posts carry their thread's space (a thread never moves), so the thread's space is every post's.
    if (scopeCovers(staffScopeOf(viewer), entry.read.thread.spaceId)) return 'staff_in_scope';
    if (entry.authorOnlyMemberIds.has(viewer.memberId)) return 'own_posts';
    return null;
  }

  private bypass(reason: BypassReason, viewer: Viewer, threadId: string, rows: number, afterSeq: string | null): Promise<ThreadPageRead | null> {
    threadPageCacheReadsTotal.inc({ result: 'bypass', reason });
    return this.threads.readWithPage(viewer, threadId, rows, afterSeq);
  }
}

/** What an entry weighs: the text it holds. */
function textLength(read: ThreadPageRead): number {
  const first = read.thread.firstPost;
  return (first ? first.bodyHtml.length + first.bodyText.length : 0) + read.page.reduce((sum, post) => sum + post.bodyHtml.length, 0);
}

function sharedPageFrom(shared: SharedThreadPageRead): SharedPage {
  const authorOnlyMemberIds = new Set(shared.authorOnlyMemberIds);
  if (shared.pageReactions === null) return { read: shared.thread, authorOnlyMemberIds, viewerKinds: null, readersKinds: new Map() };
  const viewerKinds = new Map<string, Map<string, ReactionKind[]>>();
  for (const { postId, memberId, kind } of shared.pageReactions) {
    let byMember = viewerKinds.get(postId);
    if (!byMember) {
      byMember = new Map<string, ReactionKind[]>();
      viewerKinds.set(postId, byMember);
    }
    const kinds = byMember.get(memberId);
    if (kinds) kinds.push(kind);
    else byMember.set(memberId, [kind]);
  }
  // In the order readWithPage gives them (ReactionKind's).
  for (const byMember of viewerKinds.values())
    for (const kinds of byMember.values()) kinds.sort((a, b) => REACTION_ORDER.indexOf(a) - REACTION_ORDER.indexOf(b));
  return { read: shared.thread, authorOnlyMemberIds, viewerKinds, readersKinds: new Map() };
}

/** The entry as one viewer's own read: fresh entities, with that viewer's reactions (`kindsOf` a post). */
function copyFor(entry: SharedPage, kindsOf: (postId: string) => readonly ReactionKind[] | undefined): ThreadPageRead {
  const { firstPost, space, author, ...thread } = entry.read.thread;
  return {
    thread: Object.assign(new ThreadEntity(), thread, {
      firstPost: firstPost ? Object.assign(new PostEntity(), firstPost) : firstPost,
      space: space ? Object.assign(new SpaceEntity(), space) : space,
      author: author ? Object.assign(new MemberEntity(), author) : author,
    }),
    page: entry.read.page.map((post): PagePostWithReactions =>
      Object.assign(new PostEntity(), post, {
        author: Object.assign(new MemberEntity(), post.author),
        reactionCounts: post.reactionCounts.map((count) => ({ ...count })),
        viewerKinds: [...(kindsOf(post.id) ?? [])],
      }),
    ),
    replyCount: entry.read.replyCount,
  };
}
