import { useLocation } from 'wouter';
import { DeletePost } from '../../features/forum/components/delete-post';
import { EditPost } from '../../features/forum/components/edit-post-form';
import type { Viewer } from '../viewer';

export function EditPostPage({ postId, viewer }: { postId: string; viewer: Viewer }) {
  const [, navigate] = useLocation();
  return <EditPost key={postId} postId={postId} viewerId={viewer.id} onDone={(threadId) => navigate(`/threads/${threadId}`)} />;
}

export function DeletePostPage({ postId, viewer }: { postId: string; viewer: Viewer }) {
  const [, navigate] = useLocation();
  return (
    <DeletePost
      key={postId}
      postId={postId}
      viewerId={viewer.id}
      onDeleted={(where) => navigate('threadId' in where ? `/threads/${where.threadId}?deleted=1` : `/spaces/${where.spaceId}?deleted=1`)}
    />
  );
}
