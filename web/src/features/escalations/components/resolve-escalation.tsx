import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import type { EscalationOutcome } from '../../../lib/gql/graphql';
import { ResolveEscalationMutation } from '../api/escalations';
import { OUTCOME_LABEL, OUTCOME_ORDER, outcomeRule } from '../escalation-labels';

/** Record what was done and close the escalation: an outcome and a note, both required. */
export function ResolveEscalation({ escalationId, refetch }: { escalationId: string; refetch: () => void }) {
  const [outcome, setOutcome] = useState<EscalationOutcome | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, resolve] = useMutation(ResolveEscalationMutation);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldError[] = [];
    if (!outcome) missing.push({ fieldId: `outcome-${OUTCOME_ORDER[0]}`, message: 'Choose the outcome' });
    if (!note.trim()) missing.push({ fieldId: 'resolution-note', message: 'Write what was done and why' });
    setErrors(missing);
    if (missing.length > 0 || !outcome) return;
    const result = await resolve({ input: { escalationId, outcome, note } });
    const code = result.error?.graphQLErrors[0]?.extensions.code;
    if (code === 'CONFLICT')
      setErrors([{ fieldId: 'resolution-note', message: 'A colleague resolved this escalation a moment ago. It is shown as it is now.' }]);
    else if (code === 'BAD_USER_INPUT') setErrors([{ fieldId: 'resolution-note', message: result.error?.graphQLErrors[0]?.message ?? 'Check the note' }]);
    else if (result.error) setErrors([{ fieldId: 'resolution-note', message: 'The outcome was not saved. Please try again.' }]);
    refetch();
  };

  const noteError = errors.find((e) => e.fieldId === 'resolution-note');
  const outcomeError = errors.find((e) => e.fieldId.startsWith('outcome-'));
  return (
    <section aria-labelledby="resolve-heading" className="resolve-escalation">
      <h2 id="resolve-heading">Record the outcome and resolve</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className={outcomeError ? 'form-group form-group--error' : 'form-group'}>
          <fieldset className="fieldset" aria-describedby={outcomeError ? 'outcome-error' : undefined}>
            <legend className="fieldset__legend">What was the outcome?</legend>
            {outcomeError ? (
              <p className="error-message" id="outcome-error">
                <span className="visually-hidden">Error: </span>
                {outcomeError.message}
              </p>
            ) : null}
            {OUTCOME_ORDER.map((value) => (
              <div className="radios__item" key={value}>
                <input
                  className="radios__input"
                  type="radio"
                  id={`outcome-${value}`}
                  name="outcome"
                  value={value}
                  checked={outcome === value}
                  onChange={() => setOutcome(value)}
                  aria-describedby={`outcome-${value}-hint`}
                />
                <label className="radios__label" htmlFor={`outcome-${value}`}>
                  {OUTCOME_LABEL[value]}
                </label>
                <p className="radios__hint" id={`outcome-${value}-hint`}>
                  {outcomeRule(value)?.description} {outcomeRule(value)?.cases}
                </p>
              </div>
            ))}
          </fieldset>
        </div>
        <div className={noteError ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="resolution-note">
            What was done, and why
          </label>
          <p className="hint" id="resolution-note-hint">
            Kept with the escalation for clinicians and admins; the client never sees it.
          </p>
          {noteError ? (
            <p className="error-message" id="resolution-note-error">
              <span className="visually-hidden">Error: </span>
              {noteError.message}
            </p>
          ) : null}
          <textarea
            className="textarea"
            id="resolution-note"
            rows={4}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-describedby={noteError ? 'resolution-note-hint resolution-note-error' : 'resolution-note-hint'}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={fetching}>
          Resolve the escalation
        </button>
      </form>
    </section>
  );
}
