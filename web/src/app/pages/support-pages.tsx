import { PostLink } from '../../features/forum/components/post-link';
import { ReportPost } from '../../features/forum/components/report-post';
import type { Viewer } from '../viewer';

/** A post opened from a link (a notification): its thread, at the post. */
export function PostLinkPage({ postId }: { postId: string }) {
  return <PostLink key={postId} postId={postId} backHref="/notifications" backText="Back to your notifications" />;
}

export function ReportPostPage({ postId, viewer }: { postId: string; viewer: Viewer }) {
  return <ReportPost key={postId} postId={postId} viewerId={viewer.id} helpHref="/help" />;
}
