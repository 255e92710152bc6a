import { useState } from 'react';
import { Link } from 'wouter';
import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { fullTime, timeAgo } from '../../../lib/format-time';
import { SpaceThreadsQuery } from '../api/spaces';
import { readStateOf } from '../read-markers';

const PAGE_SIZE = 20;

/** Threads in a space, newest activity first, a page at a time. */
export function ThreadList({ spaceId, viewerId }: { spaceId: string; viewerId: string }) {
  return (
    <div className="thread-list">
      <ThreadListPage spaceId={spaceId} viewerId={viewerId} after={null} />
    </div>
  );
}

function ThreadListPage({ spaceId, viewerId, after }: { spaceId: string; viewerId: string; after: string | null }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SpaceThreadsQuery, variables: { spaceId, first: PAGE_SIZE, after } });
  const [showNext, setShowNext] = useState(false);
  if (fetching && !data) return <Loading what="Loading threads" />;
  if (!data) return error ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null;
  const { edges, pageInfo } = data.threads;
  if (edges.length === 0 && after === null) return <p>No one has started a thread here yet. You could be the first.</p>;
  return (
    <>
      <ul className="thread-list__items">
        {edges.map(({ node: thread }) => {
          const read = readStateOf(viewerId, thread.id, thread.lastActivityAt);
          const own = thread.author.id === viewerId;
          return (
            <li key={thread.id} className="thread-item">
              <h3 className="thread-item__title">
                <Link href={`/threads/${thread.id}`}>{thread.title}</Link>
                {read === 'new' ? <strong className="tag tag--new">New</strong> : null}
                {read === 'new-replies' ? <strong className="tag tag--new">New replies</strong> : null}
                {own && thread.status === 'PENDING' ? <strong className="tag tag--waiting">Being checked</strong> : null}
                {own && thread.status === 'HELD' ? <strong className="tag tag--held">Held for review</strong> : null}
              </h3>
              <p className="thread-item__meta">
                Started by {own ? 'you' : thread.author.displayName} · {thread.replyCount === 1 ? '1 reply' : `${thread.replyCount} replies`} · last activity{' '}
                <time dateTime={thread.lastActivityAt} title={fullTime(thread.lastActivityAt)}>
                  {timeAgo(thread.lastActivityAt)}
                </time>
              </p>
            </li>
          );
        })}
      </ul>
      {pageInfo.hasNextPage && pageInfo.endCursor ? (
        showNext ? (
          <ThreadListPage spaceId={spaceId} viewerId={viewerId} after={pageInfo.endCursor} />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setShowNext(true)}>
            Show older threads
          </button>
        )
      ) : null}
    </>
  );
}
