import { useState } from 'react';
import { Link } from 'wouter';
import { useMutation, useQuery } from 'urql';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { LoadProblem } from '../../../components/problem';
import { describeSendFailure, sendFailureOf } from '../../../lib/send-failure';
import { usePageTitle } from '../../../lib/use-page-title';
import { DeletePostMutation } from '../api/posting';
import { PostQuery } from '../api/threads';

/** "Are you sure?" on its own page, as GOV.UK does for anything that cannot be undone. */
export function DeletePost({
  postId,
  viewerId,
  onDeleted,
}: {
  postId: string;
  viewerId: string;
  /** Where to go next: the thread, or the space when the thread itself went with its first post. */
  onDeleted: (where: { threadId: string } | { spaceId: string }) => void;
}) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PostQuery, variables: { id: postId }, requestPolicy: 'network-only' });
  const [{ fetching: deleting }, deletePost] = useMutation(DeletePostMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  usePageTitle('Delete your post');
  if (fetching && !data) return <Loading what="Loading your post" />;
  if (!data) return error ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null;
  const post = data.post;
  const thread = post?.thread;
  if (!post || !thread || post.author.id !== viewerId || post.status === 'DELETED') {
    return (
      <>
        <PageHeading>This post cannot be deleted</PageHeading>
        <p>You can delete your own posts. This one may already be deleted.</p>
        <p>
          <Link href="/">Go to the spaces</Link>
        </p>
      </>
    );
  }
  const isFirst = thread.firstPost.id === post.id;

  const confirm = async () => {
    const result = await deletePost({ id: post.id }, { additionalTypenames: ['Thread'] });
    if (result.error) {
      setErrors([{ fieldId: 'confirm-delete', message: describeSendFailure(sendFailureOf(result.error)).replace(/Your message/g, 'Your post') }]);
      return;
    }
    onDeleted(isFirst ? { spaceId: thread.space.id } : { threadId: thread.id });
  };

  return (
    <>
      <ErrorSummary errors={errors} />
      <PageHeading caption={thread.title}>Are you sure you want to delete your post?</PageHeading>
      <p>
        {isFirst
          ? 'This is the first post of your thread, so the whole thread will no longer be shown, replies included.'
          : 'Nobody else will be able to read it. You cannot undo this.'}
      </p>
      {post.body ? <div className="post__body post__body--quoted" dangerouslySetInnerHTML={{ __html: post.body }} /> : null}
      <div className="button-group">
        <Button id="confirm-delete" variant="warning" onClick={() => void confirm()} disabled={deleting}>
          {deleting ? 'Deleting…' : 'Yes, delete it'}
        </Button>
        <Link href={`/threads/${thread.id}`}>No, keep it</Link>
      </div>
    </>
  );
}
