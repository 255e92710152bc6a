import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { sendOutcome } from '../../../lib/send-failure';
import { CreateReplyMutation } from '../api/posting';
import { useDraft } from '../hooks/use-draft';
import { markupToHtml } from '../post-markup';
import { markSent } from '../recently-sent';
import { PostEditor } from './post-editor';
import { useQuote } from './quote-context';
import { QuoteInReply } from './quoted-post';

const FIELD = 'reply-body';

/** Reply at the end of a thread. The draft is kept until the server has the reply. */
export function ReplyForm({ threadId, viewerId }: { threadId: string; viewerId: string }) {
  const [draft, setDraft, clearDraft] = useDraft(`${viewerId}:reply:${threadId}`, { body: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState(false);
  const [{ fetching }, createReply] = useMutation(CreateReplyMutation);
  const { quote, clear: clearQuote } = useQuote();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    if (draft.body.trim() === '') {
      setErrors([{ fieldId: FIELD, message: 'Write your reply' }]);
      return;
    }
    const result = await createReply({ input: { threadId, body: markupToHtml(draft.body), quotePostId: quote?.postId } });
    const outcome = sendOutcome(result, 'Your reply was not sent. Try again.');
    if ('unsent' in outcome) {
      setErrors([{ fieldId: FIELD, message: outcome.unsent }]);
      return;
    }
    markSent(outcome.sent.createReply.id);
    clearDraft();
    clearQuote();
    setErrors([]);
    setSent(true);
  };

  return (
    <form className="reply-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="reply-heading">
      <h2 id="reply-heading">Reply</h2>
      <ErrorSummary errors={errors} />
      {quote ? (
        <QuoteInReply
          authorName={quote.authorName}
          excerpt={quote.excerpt}
          onRemove={() => {
            clearQuote();
            document.getElementById(FIELD)?.focus();
          }}
        />
      ) : null}
      <PostEditor id={FIELD} label="Your reply" value={draft.body} onChange={(body) => setDraft({ body })} error={errors[0]?.message} rows={6} />
      <Button type="submit" disabled={fetching}>
        {fetching ? 'Sending…' : 'Send reply'}
      </Button>
      <p className="reply-form__sent" role="status">
        {sent ? (
          <>
            Your reply was sent.
            {/* Read out at once (this region was on the page already; the reply's own state region is
                new, so its "Checking your post…" is not): a screen reader hears the wait, then "Posted"
                or "Held". Hidden from sight, where the reply's state shows above and this would go stale. */}
            <span className="visually-hidden"> It is checked before others can see it.</span>
          </>
        ) : null}
      </p>
    </form>
  );
}
