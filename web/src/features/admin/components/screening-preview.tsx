import { useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import type { AdminPreviewScreeningQuery } from '../../../lib/gql/graphql';
import { PreviewScreeningQuery } from '../api/admin';
import { failureText } from '../../../lib/failure-text';

type Preview = AdminPreviewScreeningQuery['previewScreening'];

const SAMPLE = 'preview-text';
const MAX_SAMPLE = 20_000;

const HELD_REASON: Record<string, string> = {
  CRISIS: 'the writer may be in crisis',
  THREAT: 'it may threaten someone',
  WATCHED_WORD: 'it contains a watched word',
  TOXICITY: 'it may be abusive',
};
const NOTICE: Record<string, string> = {
  CRISIS_RESOURCES: 'crisis resources (call or text 988)',
  SUPPORTIVE_RESOURCES: 'a supportive note with resources',
  POST_HELD: 'a kind note that a person will look at it',
};

function verdict(p: Preview): string {
  if (p.decision === 'HOLD') return `Caught: it would be held because ${HELD_REASON[p.heldReason ?? ''] ?? 'screening found a reason'}.`;
  if (p.reasons.length > 0) return 'Shared, and flagged: it would be published and a peer specialist asked to look at it.';
  return 'Not caught: it would be shared with the group.';
}

/**
 * "Would this be caught?": the real screening phases on a sample, run by the server without
 * storing or logging it. Asked with the client directly (no cache), so a sample never sits in the
 * page's query cache either.
 */
export function ScreeningPreview() {
  const client = useClient();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [checking, setChecking] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return setErrors([{ fieldId: SAMPLE, message: 'Enter a sample text to check' }]);
    setErrors([]);
    setChecking(true);
    const res = await client.query(PreviewScreeningQuery, { text }, { requestPolicy: 'network-only' }).toPromise();
    setChecking(false);
    if (res.error || !res.data) {
      setPreview(null);
      return setErrors([{ fieldId: SAMPLE, message: res.error ? failureText(res.error) : 'The check did not answer. Try again.' }]);
    }
    setPreview(res.data.previewScreening);
  };

  const error = errors[0]?.message;
  return (
    <section aria-labelledby="preview-title" className="admin-preview">
      <h2 id="preview-title">Would this be caught?</h2>
      <p>
        Runs the real screening checks on a sample: crisis patterns, the learned crisis model, who is speaking, and the watched words. Nothing you type here is
        saved, logged or shown to anyone.
      </p>
      <p className="inset">
        <strong>Not included:</strong> the toxicity model. It runs only when a post is screened for real, so a text that only it would hold shows as shared
        here.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} />
        <div className={`form-group${error ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor={SAMPLE}>
            Sample text
          </label>
          <p className="hint" id={`${SAMPLE}-hint`}>
            Up to {MAX_SAMPLE.toLocaleString('en')} characters, like a post.
          </p>
          {error ? (
            <p className="error-message" id={`${SAMPLE}-error`}>
              <span className="visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <textarea
            className="textarea"
            id={SAMPLE}
            rows={4}
            maxLength={MAX_SAMPLE}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={[`${SAMPLE}-hint`, error ? `${SAMPLE}-error` : ''].filter(Boolean).join(' ')}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={checking}>
          {checking ? 'Checking…' : 'Check this text'}
        </Button>
      </form>
      <div aria-live="polite" className="admin-preview__result" data-testid="preview-result">
        {preview ? <PreviewResult p={preview} /> : null}
      </div>
    </section>
  );
}

function PreviewResult({ p }: { p: Preview }) {
  return (
    <>
      <h3>{verdict(p)}</h3>
      <dl className="admin-summary">
        <div>
          <dt>Crisis level</dt>
          <dd>{p.crisisLevel.toLowerCase()}</dd>
        </div>
        {p.casePriority ? (
          <div>
            <dt>Moderation case</dt>
            <dd>{p.casePriority.toLowerCase()} priority</dd>
          </div>
        ) : null}
        {p.escalationSeverity ? (
          <div>
            <dt>Clinicians paged</dt>
            <dd>yes, {p.escalationSeverity.toLowerCase()}</dd>
          </div>
        ) : null}
        {p.authorNotice ? (
          <div>
            <dt>The writer is sent</dt>
            <dd>{NOTICE[p.authorNotice] ?? p.authorNotice}</dd>
          </div>
        ) : null}
      </dl>
      {p.crisisEvidence.length > 0 ? (
        <>
          <h4>Crisis evidence</h4>
          <ul>
            {p.crisisEvidence.map((e, i) => (
              <li key={i}>
                “{e.phrase}”: {e.construct.toLowerCase()}, counted as {e.level.toLowerCase()}
                {e.discount ? ` (less because ${e.discount.toLowerCase().replace(/_/g, ' ')})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.watchedWordHits.length > 0 ? (
        <>
          <h4>Watched words found</h4>
          <ul>
            {p.watchedWordHits.map((h, i) => (
              <li key={i}>
                “{h.phrase}”: {h.action === 'HOLD' ? 'holds' : 'flags'} the post{h.source === 'ADMIN_LIST' ? ' (on your list)' : `. ${h.why}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!p.crisisModelUsed ? <p>The learned crisis model could not be loaded, so the crisis patterns decided alone.</p> : null}
    </>
  );
}
