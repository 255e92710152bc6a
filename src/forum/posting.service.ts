import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Viewer } from '../common/auth/viewer';
import { HeldReason, PostStatus } from '../common/domain/post-status.enum';
import { AppError } from '../common/errors/app-error';
import { parseId } from '../common/graphql/ids';
import { PostEntity } from './entities/post.entity';
import { ThreadEntity } from './entities/thread.entity';
import { ForumLoaderSet } from './forum-loaders';
import { ForumRateLimiter } from './forum-rate-limiter';
import { CreateReplyInput } from './inputs/create-reply.input';
import { CreateThreadInput } from './inputs/create-thread.input';
import { EditPostInput } from './inputs/edit-post.input';
import { cleanLine, MAX_TITLE_CHARS, sanitizePostBody, screenedText } from './post-body.sanitizer';
import { PostsRepository } from './posts.repository';
import { PostsService } from './posts.service';
import { ScreeningOutboxRepository } from './screening-outbox.repository';
import { ScreeningOutboxService } from './screening-outbox.service';
import { SharedThreadPages } from './shared-thread-pages';
import { spaceArchivedError, SpacesService } from './spaces.service';
import { ThreadsRepository } from './threads.repository';

/** Who is writing, and the request to name in the audit log. */
export interface Author {
  viewer: Viewer;
  requestId: string;
}

/**
 * Writing posts: every new thread, reply and edit is a new revision saved as PENDING together with
 * its screening request, in one transaction; nobody but the author and staff sees it until the
 * screening worker decides.
 */
@Injectable()
export class PostingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly spaces: SpacesService,
    private readonly posts: PostsService,
    private readonly threadRows: ThreadsRepository,
    private readonly postRows: PostsRepository,
    private readonly revisions: ScreeningOutboxRepository,
    private readonly outbox: ScreeningOutboxService,
    private readonly rateLimiter: ForumRateLimiter,
    private readonly audit: AuditService,
    private readonly sharedPages: SharedThreadPages,
  ) {}

  async createThread(
    { viewer, requestId }: Author,
    input: CreateThreadInput,
    loaders: ForumLoaderSet,
  ): Promise<{ thread: ThreadEntity; firstPost: PostEntity }> {
    // The limit first: a member over it costs a Redis round trip, not a sanitize of up to 100 KB.
    await this.rateLimiter.consume(viewer, 'post');
    const spaceId = parseId(input.spaceId, 'spaceId');
    const title = cleanLine(input.title, 'title', { min: 1, max: MAX_TITLE_CHARS });
    const body = sanitizePostBody(input.body);
    const space = await this.spaces.requireVisible(viewer, spaceId, loaders);
    if (space.archivedAt) throw spaceArchivedError();

    const threadId = randomUUID();
    const postId = randomUUID();
    const text = screenedText(body.text, title);
    const result = await this.dataSource.transaction(async (manager) => {
      // The thread names its first post before the post exists: that foreign key is checked at commit.
      const thread = await this.threadRows.insert(manager, { id: threadId, spaceId, authorId: viewer.memberId, title, firstPostId: postId });
      const firstPost = await this.postRows.insertFirstPost(manager, {
        id: postId,
        threadId,
        spaceId,
        authorId: viewer.memberId,
        quotePostId: null,
        bodyHtml: body.html,
        bodyText: text,
      });
      await this.revisions.recordRevision(manager, { postId, revision: 1, authorId: viewer.memberId, bodyHtml: body.html, bodyText: text });
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'thread.created',
          targetType: 'thread',
          targetId: threadId,
          requestId,
          details: { postId, spaceId },
        },
        manager,
      );
      return { thread, firstPost };
    });
    await this.outbox.dispatch(postId, 1);
    return result;
  }

  /**
   * One round trip when the reply is allowed: the write itself checks that the thread is open and
   * visible (and the quote fits), so the usual case reads nothing first. When it writes nothing,
   * the same checks as reading (post-visibility.ts, through the loaders) say why.
   */
  async createReply({ viewer, requestId }: Author, input: CreateReplyInput, loaders: ForumLoaderSet): Promise<PostEntity> {
    await this.rateLimiter.consume(viewer, 'post');
    const threadId = parseId(input.threadId, 'threadId');
    const quotePostId = input.quotePostId ? parseId(input.quotePostId, 'quotePostId') : null;
    const body = sanitizePostBody(input.body);

    const postId = randomUUID();
    const post = await this.postRows.insertReplyIfAllowed(
      { id: postId, threadId, authorId: viewer.memberId, quotePostId, bodyHtml: body.html, bodyText: body.text },
      viewer,
      requestId,
    );
    if (!post) throw await this.replyRefusal(viewer, threadId, quotePostId, loaders);
    // A new (PENDING) reply sends no change notice (see NotifyThreadPageChanges): this process's
    // cached page would not show its author their own reply until it is screened.
    this.sharedPages.forgetThread(threadId);
    await this.outbox.dispatch(postId, 1);
    return post;
  }

  private async replyRefusal(viewer: Viewer, threadId: string, quotePostId: string | null, loaders: ForumLoaderSet): Promise<AppError> {
    const notOpen = AppError.conflict('This thread is not open for replies right now.');
    const thread = await loaders.thread.load(threadId);
    const opening = thread?.firstPostId ? await this.posts.findVisible(viewer, thread.firstPostId, loaders) : null;
    if (!opening) return AppError.notFound('Thread');
    if ((await loaders.space.load(opening.post.spaceId))?.archivedAt) return spaceArchivedError();
    if (opening.firstPost.status !== PostStatus.PUBLISHED) return notOpen;
    if (quotePostId) {
      const quoted = await this.posts.findVisible(viewer, quotePostId, loaders);
      if (!quoted || quoted.post.threadId !== threadId || quoted.post.status !== PostStatus.PUBLISHED) {
        return AppError.badInput('quotePostId', 'You can quote a published post in the same thread only.');
      }
    }
    // Everything fits now: the thread changed between the write and this look.
    return notOpen;
  }

  /**
   * A new revision, screened again before anyone else sees it. Removed and deleted posts cannot be
   * edited, nor one a peer specialist decided to keep held: a person is already on it.
   *
   * A HELD post stays HELD through an edit: every hold waits for a person (its case), so the new
   * revision is screened, and that screening can raise the case, but it never publishes the post.
   * Anything else is PENDING until the new revision is screened.
   */
  async editPost({ viewer, requestId }: Author, input: EditPostInput): Promise<PostEntity> {
    await this.rateLimiter.consume(viewer, 'post');
    const postId = parseId(input.postId, 'postId');
    const body = sanitizePostBody(input.body);
    const newTitle = input.title == null ? null : cleanLine(input.title, 'title', { min: 1, max: MAX_TITLE_CHARS });

    const outcome = await this.dataSource.transaction(async (manager) => {
      const post = await this.lockOwnPost(manager, viewer, postId);
      if (post.status === PostStatus.REMOVED || post.status === PostStatus.DELETED) {
        throw AppError.conflict('This post can no longer be edited.');
      }
      if (post.status === PostStatus.HELD && post.heldReason === HeldReason.MODERATOR) {
        throw AppError.conflict('A peer specialist is looking after this post, so it cannot be edited right now.');
      }
      await this.spaces.requireOpen(post.spaceId, manager);
      const thread = await this.threadRows.findById(manager, post.threadId);
      const opensThread = thread.firstPostId === post.id;
      if (newTitle !== null && !opensThread) throw AppError.badInput('title', "Only a thread's first post has a title.");
      const title = opensThread ? (newTitle ?? thread.title) : null;
      // The title is screened with the body (and kept in the revision's text), so a new one is a new revision too.
      const text = screenedText(body.text, title);
      // The same words again are not a new revision: nothing to screen, nothing to hide meanwhile.
      if (body.html === post.bodyHtml && text === post.bodyText) return { post, revision: null };
      // While the edit waits for screening the first post is PENDING (or still HELD), so the thread
      // and its new title are hidden from everyone but the author and staff, as for any edit.
      if (title !== null && title !== thread.title) await this.threadRows.rename(manager, thread.id, title);

      const revision = post.revision + 1;
      await this.postRows.reviseBody(manager, post.id, { revision, bodyHtml: body.html, bodyText: text, keepStatus: post.status === PostStatus.HELD });
      await this.revisions.recordRevision(manager, { postId, revision, authorId: viewer.memberId, bodyHtml: body.html, bodyText: text });
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'post.edited',
          targetType: 'post',
          targetId: postId,
          requestId,
          details: { revision, previousStatus: post.status, titleChanged: title !== null && title !== thread.title },
        },
        manager,
      );
      return { post: await this.postRows.findById(manager, postId), revision };
    });
    if (outcome.revision !== null) await this.outbox.dispatch(postId, outcome.revision);
    return outcome.post;
  }

  /** The author takes a post down. Its text stays in the database for audit and is shown to nobody. */
  async deletePost({ viewer, requestId }: Author, rawId: string): Promise<PostEntity> {
    const postId = parseId(rawId, 'id');
    return this.dataSource.transaction(async (manager) => {
      const post = await this.lockOwnPost(manager, viewer, postId);
      if (post.status === PostStatus.DELETED) return post;
      await this.postRows.markDeleted(manager, postId);
      await this.audit.record(
        {
          actorId: viewer.memberId,
          actorRole: viewer.role,
          action: 'post.deleted',
          targetType: 'post',
          targetId: postId,
          requestId,
          details: { previousStatus: post.status },
        },
        manager,
      );
      return this.postRows.findById(manager, postId);
    });
  }

  /**
   * The post, locked for this transaction, when the viewer wrote it. Anyone else's post is NOT_FOUND
   * like a missing one, even one they can read: the answer must not tell a post they cannot see
   * from one that does not exist, and "no post of yours has this id" is true of both. Staff act on
   * others' posts through moderation, not here.
   */
  private async lockOwnPost(manager: EntityManager, viewer: Viewer, postId: string): Promise<PostEntity> {
    const post = await this.postRows.lockOwn(manager, postId, viewer.memberId);
    if (!post) throw AppError.notFound('Post');
    return post;
  }
}
