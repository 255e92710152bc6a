import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { LoadProblem } from '../../../components/problem';
import { usePageTitle } from '../../../lib/use-page-title';
import { ThreadPostsQuery, ThreadQuery } from '../api/threads';
import { markThreadSeen } from '../read-markers';
import { PostItem } from './post-item';
import { QuoteProvider } from './quote-context';
import { ReplyForm } from './reply-form';

const PAGE_SIZE = 20;
/** While an own post is still being checked, read again this often in case a live update was missed. */
const RECHECK_MS = 4_000;

export interface ThreadViewProps {
  threadId: string;
  viewerId: string;
  afterOwnPost?: (postId: string) => ReactNode;
  /** A confirmation to show at the top (after deleting a post, say). */
  notice?: string | null;
}

/** A thread: its title, its posts oldest first a page at a time, and a reply form. */
export function ThreadView({ threadId, viewerId, afterOwnPost, notice }: ThreadViewProps) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ThreadQuery, variables: { id: threadId } });
  const thread = data?.thread;
  // A thread is PENDING only to its author (and staff): read it again while it is, as its posts are.
  // A live update that lands while the first read is on its way is otherwise lost, and the thread
  // stayed "not shared yet" (no reply form) under a post already shown as Posted.
  useEffect(() => {
    if (thread?.status !== 'PENDING') return undefined;
    const timer = window.setTimeout(() => reexecute({ requestPolicy: 'network-only' }), RECHECK_MS);
    return () => window.clearTimeout(timer);
  }, [thread?.status, data, reexecute]);
  usePageTitle(thread?.title ?? (fetching ? 'Loading thread' : 'Thread not found'));
  useEffect(() => {
    if (thread) markThreadSeen(viewerId, thread.id, thread.lastActivityAt);
  }, [viewerId, thread]);

  if (fetching && !data) return <Loading what="Loading the thread" />;
  if (!data) return error ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null;
  if (!thread) {
    return (
      <>
        <PageHeading>This thread is not available</PageHeading>
        <p>It may have been removed or deleted, or it may be in a space you are not part of.</p>
        <p>
          <Link href="/">Go to the spaces</Link>
        </p>
      </>
    );
  }
  return (
    <QuoteProvider enabled={thread.status === 'PUBLISHED'}>
      <p className="back-link-wrap">
        <Link href={`/spaces/${thread.space.id}`} className="back-link">
          Back to {thread.space.name}
        </Link>
      </p>
      <PageHeading caption={thread.space.name}>{thread.title}</PageHeading>
      {/* After the heading, not above it: focus lands on the heading after the page changes, and a
          screen reader reads on from there; a status inserted with its text is not reliably read out. */}
      {notice ? (
        <div className="inset inset--success" role="status">
          <p className="inset__label">{notice}</p>
        </div>
      ) : null}
      <p className="thread-summary">{thread.replyCount === 1 ? '1 reply' : `${thread.replyCount} replies`}</p>
      <section aria-label="Posts" className="posts">
        <PostsPage threadId={thread.id} viewerId={viewerId} after={null} openingPostId={thread.firstPost.id} afterOwnPost={afterOwnPost} />
      </section>
      {thread.status === 'PUBLISHED' ? (
        <ReplyForm key={thread.id} threadId={thread.id} viewerId={viewerId} />
      ) : (
        <p className="hint">Replies open once the thread is shared with the group.</p>
      )}
    </QuoteProvider>
  );
}

function PostsPage({
  threadId,
  viewerId,
  after,
  openingPostId,
  afterOwnPost,
}: {
  threadId: string;
  viewerId: string;
  after: string | null;
  openingPostId: string;
  afterOwnPost?: (postId: string) => ReactNode;
}) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ThreadPostsQuery, variables: { threadId, first: PAGE_SIZE, after } });
  const [showNext, setShowNext] = useState(false);
  const edges = data?.thread?.posts.edges ?? [];
  const waiting = edges.some(({ node }) => node.author.id === viewerId && node.status === 'PENDING');
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = window.setTimeout(() => reexecute({ requestPolicy: 'network-only' }), RECHECK_MS);
    return () => window.clearTimeout(timer);
  }, [waiting, data, reexecute]);

  if (fetching && !data) return <Loading what="Loading posts" />;
  if (!data?.thread) return error ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null;
  const { pageInfo } = data.thread.posts;
  return (
    <>
      <ol className="post-list">
        {edges.map(({ node }) => (
          <li key={node.id}>
            <PostItem post={node} viewerId={viewerId} opening={node.id === openingPostId} afterOwnPost={afterOwnPost} />
          </li>
        ))}
      </ol>
      {pageInfo.hasNextPage && pageInfo.endCursor ? (
        showNext ? (
          <PostsPage threadId={threadId} viewerId={viewerId} after={pageInfo.endCursor} openingPostId={openingPostId} afterOwnPost={afterOwnPost} />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setShowNext(true)}>
            Show more replies
          </button>
        )
      ) : null}
    </>
  );
}
