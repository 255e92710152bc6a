import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useMutation, useQuery } from 'urql';
import { useAnnounce } from '../../../components/announcer';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { LoadProblem } from '../../../components/problem';
import type { PostQuery as PostQueryResult } from '../../../lib/gql/graphql';
import { TextField } from '../../../components/text-field';
import { sendOutcome } from '../../../lib/send-failure';
import { usePageTitle } from '../../../lib/use-page-title';
import { EditPostMutation } from '../api/posting';
import { PostQuery } from '../api/threads';
import { useDraft } from '../hooks/use-draft';
import { htmlToMarkup, markupToHtml } from '../post-markup';
import { markSent } from '../recently-sent';
import { PostEditor } from './post-editor';

const TITLE = 'edit-title';
const BODY = 'edit-body';

/** Edit one's own post (and the title, for a thread's first post). The edit is checked again before others see it. */
export function EditPost({ postId, viewerId, onDone }: { postId: string; viewerId: string; onDone: (threadId: string) => void }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PostQuery, variables: { id: postId }, requestPolicy: 'network-only' });
  usePageTitle('Edit your post');
  if (fetching && !data) return <Loading what="Loading your post" />;
  if (!data) return error ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null;
  const post = data.post;
  if (!post || post.author.id !== viewerId || post.status === 'DELETED' || !post.thread) {
    return (
      <>
        <PageHeading>This post cannot be edited</PageHeading>
        <p>You can edit your own posts while they are in a thread you can see.</p>
        <p>
          <Link href="/">Go to the spaces</Link>
        </p>
      </>
    );
  }
  return <EditPostForm key={post.id} post={post} thread={post.thread} viewerId={viewerId} onDone={onDone} />;
}

type LoadedPost = NonNullable<PostQueryResult['post']>;

function EditPostForm({
  post,
  thread,
  viewerId,
  onDone,
}: {
  post: LoadedPost;
  thread: NonNullable<LoadedPost['thread']>;
  viewerId: string;
  onDone: (threadId: string) => void;
}) {
  const isFirst = thread.firstPost.id === post.id;
  const [draft, setDraft, clearDraft] = useDraft(`${viewerId}:edit:${post.id}:${post.revision}`, {
    title: isFirst ? thread.title : '',
    body: htmlToMarkup(post.body ?? ''),
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, editPost] = useMutation(EditPostMutation);
  const announce = useAnnounce();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (isFirst && draft.title.trim() === '') problems.push({ fieldId: TITLE, message: 'Enter a title' });
    if (draft.body.trim() === '') problems.push({ fieldId: BODY, message: 'Write your post, or delete it instead' });
    setErrors(problems);
    if (problems.length > 0) return;
    const title = isFirst && draft.title.trim() !== thread.title ? draft.title.trim() : undefined;
    const result = await editPost({ input: { postId: post.id, body: markupToHtml(draft.body), title } });
    const outcome = sendOutcome(result, 'Your changes were not saved. Try again.');
    if ('unsent' in outcome) {
      setErrors([{ fieldId: BODY, message: outcome.unsent }]);
      return;
    }
    markSent(post.id);
    clearDraft();
    // Said before the thread's page replaces this one, as for a new thread: the post's state region
    // there shows "Checking your post…" with its text, which is not read out (PostState says what comes next).
    announce('Your changes were saved. They are checked before others can see them.');
    onDone(thread.id);
  };

  return (
    <>
      <p className="back-link-wrap">
        <Link href={`/threads/${thread.id}`} className="back-link">
          Back to the thread
        </Link>
      </p>
      <PageHeading caption={thread.title}>Edit your post</PageHeading>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ErrorSummary errors={errors} />
        {isFirst ? (
          <TextField
            id={TITLE}
            label="Title"
            value={draft.title}
            onChange={(title) => setDraft({ ...draft, title })}
            error={errors.find((e) => e.fieldId === TITLE)?.message}
          />
        ) : null}
        <PostEditor
          id={BODY}
          label="Your post"
          value={draft.body}
          onChange={(body) => setDraft({ ...draft, body })}
          error={errors.find((e) => e.fieldId === BODY)?.message}
        />
        <p className="hint">Your changes are checked before others can see them.</p>
        <div className="button-group">
          <Button type="submit" disabled={fetching}>
            {fetching ? 'Saving…' : 'Save changes'}
          </Button>
          <Link href={`/threads/${thread.id}`}>Cancel</Link>
        </div>
      </form>
    </>
  );
}
