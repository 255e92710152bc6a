import { Link, Redirect } from 'wouter';
import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { LoadProblem } from '../../../components/problem';
import { usePageTitle } from '../../../lib/use-page-title';
import { PostLocationQuery } from '../api/support';

/** A link to one post (from a notification): opens its thread at the post, or says kindly that it is gone. */
export function PostLink({ postId, backHref, backText }: { postId: string; backHref: string; backText: string }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PostLocationQuery, variables: { id: postId } });
  const threadId = data?.post?.thread?.id;
  usePageTitle(threadId || fetching ? 'Opening the post' : 'Post not available');
  if (threadId) return <Redirect to={`/threads/${threadId}#post-${postId}`} replace />;
  if (fetching && !data) return <Loading what="Opening the post" />;
  if (!data) return error ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null;
  return (
    <>
      <PageHeading>This post is not available</PageHeading>
      <p>It may have been deleted, or a peer specialist may have taken it out of the group.</p>
      <p>
        <Link href={backHref}>{backText}</Link>
      </p>
    </>
  );
}
