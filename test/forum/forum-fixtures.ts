import { HeldReason, PostStatus } from '../../src/common/domain/post-status.enum';
import { PostLifecycleService } from '../../src/forum/post-lifecycle.service';
import { TestApp } from '../helpers/test-app';
import { Member } from '../utils/factories';

export const THREAD_FIELDS =
  'id title status replyCount lastActivityAt createdAt space { id } author { id displayName } firstPost { id status body revision statusNote }';
export const POST_FIELDS =
  'id body status revision createdAt editedAt statusNote heldReason author { id } thread { id } reactions { kind count } viewerReactions';

export async function createThread(app: TestApp, author: Member, spaceId: string, title = 'Checking in', body = 'Today was a steady day.') {
  const res = await app.gql<{ createThread: { id: string; status: PostStatus; firstPost: { id: string; status: PostStatus; revision: number } } }>(
    `mutation($input: CreateThreadInput!) { createThread(input: $input) { ${THREAD_FIELDS} } }`,
    { input: { spaceId, title, body } },
    author.token,
  );
  if (!res.data?.createThread) throw new Error(`createThread failed: ${JSON.stringify(res.errors)}`);
  return res.data.createThread;
}

export async function createReply(app: TestApp, author: Member, threadId: string, body = 'Thank you for sharing.', quotePostId?: string) {
  const res = await app.gql<{ createReply: { id: string; status: PostStatus; revision: number } }>(
    `mutation($input: CreateReplyInput!) { createReply(input: $input) { ${POST_FIELDS} } }`,
    { input: { threadId, body, quotePostId } },
    author.token,
  );
  if (!res.data?.createReply) throw new Error(`createReply failed: ${JSON.stringify(res.errors)}`);
  return res.data.createReply;
}

/**
 * Stands in for the screening worker (another feature): records a screening for the revision and
 * moves the post through the forum's lifecycle API, exactly as the worker must. In an app that runs
 * the real worker too, the worker may screen the revision first; then its decision stands (the
 * conflicting insert waits for the worker's transaction, so the post has already moved).
 */
export async function screen(app: TestApp, postId: string, revision: number, decision: 'PUBLISH' | HeldReason) {
  const lifecycle = app.running.app.get(PostLifecycleService);
  return app.dataSource.transaction(async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO screenings (post_id, revision, decision) VALUES ($1, $2, $3) ON CONFLICT (post_id, revision) DO NOTHING RETURNING post_id`,
      [postId, revision, decision === 'PUBLISH' ? 'PUBLISH' : 'HOLD'],
    );
    if (inserted.length === 0) return null;
    return decision === 'PUBLISH'
      ? lifecycle.transition(manager, { postId, revision, from: [PostStatus.PENDING], to: PostStatus.PUBLISHED })
      : lifecycle.transition(manager, { postId, revision, from: [PostStatus.PENDING], to: PostStatus.HELD, heldReason: decision });
  });
}

/** A published thread: created, then screened as fine. */
export async function publishedThread(app: TestApp, author: Member, spaceId: string, title?: string, body?: string) {
  const thread = await createThread(app, author, spaceId, title, body);
  await screen(app, thread.firstPost.id, 1, 'PUBLISH');
  return thread;
}

export async function publishedReply(app: TestApp, author: Member, threadId: string, body?: string) {
  const reply = await createReply(app, author, threadId, body);
  await screen(app, reply.id, 1, 'PUBLISH');
  return reply;
}
