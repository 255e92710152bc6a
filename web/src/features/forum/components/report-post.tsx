import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useMutation, useQuery } from 'urql';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { LoadProblem } from '../../../components/problem';
import { describeWait, sendFailureOf } from '../../../lib/send-failure';
import { usePageTitle } from '../../../lib/use-page-title';
import { ReportPostMutation } from '../api/support';
import { PostQuery } from '../api/threads';
import { excerptOf } from '../reactions';

const REASONS = [
  'It is unkind or hurtful to someone',
  'It could encourage someone to harm themselves',
  'It shares private details about someone',
  'It is advertising or spam',
  'Something else',
] as const;
const OTHER = REASONS[REASONS.length - 1];
const REASON_FIELD = 'report-reason-0';
const DETAILS_FIELD = 'report-details';
/** The server keeps at most 500 characters: the chosen reason and these details together. */
const MAX_DETAILS = 400;

/**
 * Report someone else's post to the peer specialists: one question on its own page (GOV.UK),
 * a reason and optional details, then a calm confirmation. Only staff read reports; the person
 * who wrote the post is never told who reported it.
 */
export function ReportPost({ postId, viewerId, helpHref }: { postId: string; viewerId: string; helpHref: string }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PostQuery, variables: { id: postId }, requestPolicy: 'network-only' });
  usePageTitle('Report a post');
  const [sent, setSent] = useState<{ threadId: string } | null>(null);
  if (sent) return <ReportSent threadId={sent.threadId} helpHref={helpHref} />;
  if (fetching && !data) return <Loading what="Loading the post" />;
  if (!data) return error ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null;
  const post = data.post;
  const thread = post?.thread;
  if (!post || !thread || post.author.id === viewerId || post.status !== 'PUBLISHED') {
    return (
      <>
        <PageHeading>This post cannot be reported</PageHeading>
        <p>
          {post && post.author.id === viewerId
            ? 'This is your own post. You can edit or delete it instead.'
            : 'It may already be with a peer specialist, or it is no longer shown in the group.'}
        </p>
        <p>{thread ? <Link href={`/threads/${thread.id}`}>Back to the thread</Link> : <Link href="/">Go to the spaces</Link>}</p>
      </>
    );
  }
  return (
    <ReportForm
      postId={post.id}
      authorName={post.author.displayName}
      body={post.body ?? ''}
      threadId={thread.id}
      onSent={() => setSent({ threadId: thread.id })}
    />
  );
}

function ReportForm({
  postId,
  authorName,
  body,
  threadId,
  onSent,
}: {
  postId: string;
  authorName: string;
  body: string;
  threadId: string;
  onSent: () => void;
}) {
  const [reason, setReason] = useState<string | null>(null);
  const [details, setDetails] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, reportPost] = useMutation(ReportPostMutation);
  usePageTitle('Report a post', { error: errors.length > 0 });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!reason) problems.push({ fieldId: REASON_FIELD, message: 'Choose why you are reporting this post' });
    else if (reason === OTHER && details.trim() === '') problems.push({ fieldId: DETAILS_FIELD, message: 'Tell us what is wrong with the post' });
    if (details.length > MAX_DETAILS) problems.push({ fieldId: DETAILS_FIELD, message: `Details must be ${MAX_DETAILS} characters or fewer` });
    setErrors(problems);
    if (problems.length > 0 || !reason) return;
    const said = details.trim();
    const result = await reportPost({ input: { postId, reason: said ? `${reason}: ${said}` : reason } }, { additionalTypenames: ['Post'] });
    if (result.data?.reportPost) {
      onSent();
      return;
    }
    setErrors([{ fieldId: REASON_FIELD, message: result.error ? reportFailure(result.error) : 'Your report was not sent. Try again.' }]);
  };

  const reasonError = errors.find((e) => e.fieldId === REASON_FIELD)?.message;
  const detailsError = errors.find((e) => e.fieldId === DETAILS_FIELD)?.message;
  return (
    <>
      <p className="back-link-wrap">
        <Link href={`/threads/${threadId}`} className="back-link">
          Back to the thread
        </Link>
      </p>
      <ErrorSummary errors={errors} />
      <PageHeading caption={`${authorName}’s post`}>Report a post</PageHeading>
      <blockquote className="quote__text quote__text--report">
        <p>{excerptOf(body)}</p>
      </blockquote>
      <p>Peer specialists read every report and decide what to do. {authorName} is not told who reported it.</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className={`form-group${reasonError ? ' form-group--error' : ''}`}>
          <fieldset className="fieldset" aria-describedby={reasonError ? 'report-reason-error' : undefined}>
            <legend className="fieldset__legend">Why are you reporting this post?</legend>
            {reasonError ? (
              <p className="error-message" id="report-reason-error">
                <span className="visually-hidden">Error:</span> {reasonError}
              </p>
            ) : null}
            <div className="radios">
              {REASONS.map((option, index) => (
                <div className="radios__item" key={option}>
                  <input
                    className="radios__input"
                    id={`report-reason-${index}`}
                    name="reason"
                    type="radio"
                    value={option}
                    checked={reason === option}
                    onChange={() => setReason(option)}
                  />
                  <label className="radios__label" htmlFor={`report-reason-${index}`}>
                    {option}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className={`form-group${detailsError ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor={DETAILS_FIELD}>
            {reason === OTHER ? 'What is wrong with the post?' : 'Anything else you want to tell the peer specialists (optional)'}
          </label>
          <p className="hint" id={`${DETAILS_FIELD}-hint`}>
            Only peer specialists read this. Up to {MAX_DETAILS} characters.
          </p>
          {detailsError ? (
            <p className="error-message" id={`${DETAILS_FIELD}-error`}>
              <span className="visually-hidden">Error:</span> {detailsError}
            </p>
          ) : null}
          <textarea
            className="textarea textarea--short"
            id={DETAILS_FIELD}
            name={DETAILS_FIELD}
            rows={4}
            value={details}
            onChange={(event) => setDetails(event.target.value)}
            aria-describedby={`${DETAILS_FIELD}-hint${detailsError ? ` ${DETAILS_FIELD}-error` : ''}`}
          />
        </div>
        <div className="button-group">
          <Button type="submit" disabled={fetching}>
            {fetching ? 'Sending…' : 'Send report'}
          </Button>
          <Link href={`/threads/${threadId}`}>Cancel</Link>
        </div>
      </form>
    </>
  );
}

function reportFailure(error: Parameters<typeof sendFailureOf>[0]): string {
  // The post was hidden for a peer specialist while this page was open: nothing more to do.
  if (error.graphQLErrors[0]?.extensions.code === 'CONFLICT') return 'A peer specialist is already looking at this post, so there is no need to report it.';
  const failure = sendFailureOf(error);
  switch (failure.kind) {
    case 'offline':
      return 'Your report was not sent because you seem to be offline. Check your connection, then select Send report again.';
    case 'rate-limited':
      return `You have sent several reports in a short time. You can send this one ${failure.retryAfterSeconds ? `in ${describeWait(failure.retryAfterSeconds)}` : 'a little later'}.`;
    case 'signed-out':
      return 'Your session has ended. Sign in again to send your report.';
    case 'not-found':
      return 'This post is no longer shown in the group, so there is nothing to report.';
    case 'invalid':
      return failure.message;
    case 'unavailable':
    case 'unknown':
      return 'Your report was not sent just now. Try again in a moment.';
  }
}

/** The GOV.UK confirmation: what happens next, in plain words, and where to go. */
function ReportSent({ threadId, helpHref }: { threadId: string; helpHref: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle('Thank you for telling us');
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <div className="panel panel--confirmation">
        <h1 className="panel__title" tabIndex={-1} ref={heading} data-page-heading="">
          Thank you for telling us
        </h1>
        <p className="panel__body">A peer specialist will look at the post.</p>
      </div>
      <h2>What happens next</h2>
      <p>Peer specialists read every report and decide whether the post stays in the group. Nobody else is told that you reported it.</p>
      <p>
        If the post upset you, it is OK to step away for a while. <Link href={helpHref}>Support is here if you need it now</Link>.
      </p>
      <p>
        <Link href={`/threads/${threadId}`}>Back to the thread</Link>
      </p>
    </>
  );
}
