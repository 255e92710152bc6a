import { useSearch } from 'wouter';
import { SupportNoticePanel } from '../../features/crisis-resources/components/support-notice';
import { ThreadView } from '../../features/forum/components/thread-view';
import type { Viewer } from '../viewer';

/** The forum's thread, with the crisis-resources feature's notice under the author's own screened posts. */
export function ThreadPage({ threadId, viewer }: { threadId: string; viewer: Viewer }) {
  const deleted = new URLSearchParams(useSearch()).has('deleted');
  return (
    <ThreadView
      key={threadId}
      threadId={threadId}
      viewerId={viewer.id}
      notice={deleted ? 'Your post was deleted.' : null}
      afterOwnPost={(postId) => <SupportNoticePanel postId={postId} enabled helpHref="/help" />}
    />
  );
}
