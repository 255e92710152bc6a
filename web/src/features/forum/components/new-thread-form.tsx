import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/announcer';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { TextField } from '../../../components/text-field';
import { sendOutcome } from '../../../lib/send-failure';
import { CreateThreadMutation } from '../api/posting';
import { useDraft } from '../hooks/use-draft';
import { markupToHtml } from '../post-markup';
import { markSent } from '../recently-sent';
import { PostEditor } from './post-editor';

const TITLE = 'thread-title';
const BODY = 'thread-body';
const MAX_TITLE = 200;

/** Start a thread: a title and a first post. The draft is kept until the server has it. */
export function NewThreadForm({ spaceId, viewerId, onCreated }: { spaceId: string; viewerId: string; onCreated: (threadId: string) => void }) {
  const [draft, setDraft, clearDraft] = useDraft(`${viewerId}:thread:${spaceId}`, { title: '', body: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, createThread] = useMutation(CreateThreadMutation);
  const announce = useAnnounce();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    const title = draft.title.trim();
    if (title === '') problems.push({ fieldId: TITLE, message: 'Enter a title' });
    else if (title.length > MAX_TITLE) problems.push({ fieldId: TITLE, message: `Title must be ${MAX_TITLE} characters or fewer` });
    if (draft.body.trim() === '') problems.push({ fieldId: BODY, message: 'Write your post' });
    setErrors(problems);
    if (problems.length > 0) return;
    const result = await createThread({ input: { spaceId, title, body: markupToHtml(draft.body) } });
    const outcome = sendOutcome(result, 'Your post was not sent. Try again.');
    if ('unsent' in outcome) {
      setErrors([{ fieldId: BODY, message: outcome.unsent }]);
      return;
    }
    markSent(outcome.sent.createThread.firstPost.id);
    clearDraft();
    // Said before the thread's page replaces this one: its post's state region is new when it
    // appears, so "Checking your post…" there is not read out (PostState says what comes next).
    announce('Your post was sent. It is checked before others can see it.');
    onCreated(outcome.sent.createThread.id);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary errors={errors} />
      <TextField
        id={TITLE}
        label="Title"
        hint="A few words about what you want to talk about."
        value={draft.title}
        maxLength={MAX_TITLE + 50}
        onChange={(title) => setDraft({ ...draft, title })}
        error={errors.find((e) => e.fieldId === TITLE)?.message}
      />
      <PostEditor
        id={BODY}
        label="Your post"
        value={draft.body}
        onChange={(body) => setDraft({ ...draft, body })}
        error={errors.find((e) => e.fieldId === BODY)?.message}
      />
      <p className="hint">A peer specialist looks after this space. Your post is checked before others can see it; this usually takes a moment.</p>
      <Button type="submit" disabled={fetching}>
        {fetching ? 'Sending…' : 'Send'}
      </Button>
    </form>
  );
}
