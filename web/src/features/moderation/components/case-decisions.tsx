import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Button } from '../../../components/button';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { fullTime, timeAgo } from '../../../lib/format-time';
import type { CaseDecision, ModerationCaseQuery } from '../../../lib/gql/graphql';
import { AddCaseNoteMutation, ClaimCaseMutation, EscalateCaseMutation, ResolveCaseMutation } from '../api/moderation';
import { AUTHOR_NOTE_TEMPLATES } from '../author-note-templates';
import { caseActionProblemOf, type CaseActionProblem } from '../case-conflict';
import type { ResolveAnswer } from '../case-answer';
import { DECISION_LABEL, needsCarefulApproval } from '../case-labels';
import { clockTime, timeLeft } from '../../../lib/due-time';
import { useNow } from '../../../lib/use-now';
import { useShortcuts } from '../hooks/use-shortcuts';

type CaseData = NonNullable<ModerationCaseQuery['moderationCase']>;

const DECISIONS: Array<{ decision: CaseDecision; label: string; hint: string; key: string }> = [
  { decision: 'APPROVE', label: 'Approve', hint: 'Share the post with the group.', key: 'a' },
  { decision: 'KEEP_HELD', label: 'Keep held and reach out', hint: 'Keep it private; you or a colleague contact the author.', key: 'h' },
  { decision: 'REMOVE', label: 'Remove from the group', hint: 'Only the author still sees it.', key: 'r' },
];

const SEND_LABEL: Record<CaseDecision, string> = { APPROVE: 'Approve and share', KEEP_HELD: 'Keep held', REMOVE: 'Remove post' };
const STAFF_NOTE = 'decision-note';
const AUTHOR_NOTE = 'author-note';
/** Escalation and note mutations answer with other types; the case view reads again either way. */
const CASE_TYPENAMES = { additionalTypenames: ['ModerationCase'] };

/**
 * Claim, decide, escalate, note. The post's state on screen is always the server's: a decision
 * shows as the server answered it, at once, and after any action the case is read again. A refusal because a colleague got there first (CONFLICT) is
 * said kindly, and the case refreshes to show where it stands.
 */
export function CaseDecisions({
  c,
  viewerId,
  refetch,
  onDecided,
}: {
  c: CaseData;
  viewerId: string;
  refetch: () => void;
  /** The server's answer to a decision, shown at once while the case is read again. */
  onDecided: (answer: ResolveAnswer) => void;
}) {
  const now = useNow(10_000);
  const [decision, setDecision] = useState<CaseDecision | null>(null);
  const [note, setNote] = useState('');
  const [templateId, setTemplateId] = useState<string>('');
  const [authorNote, setAuthorNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<CaseActionProblem | null>(null);
  const [done, setDone] = useState('');
  const [claimNews, setClaimNews] = useState('');
  const [{ fetching: claiming }, claim] = useMutation(ClaimCaseMutation);
  const [{ fetching: resolving }, resolve] = useMutation(ResolveCaseMutation);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  const mine = c.status === 'CLAIMED' && c.assignee?.id === viewerId;
  const theirs = c.status === 'CLAIMED' && c.assignee !== null && c.assignee.id !== viewerId;
  const resolved = c.status === 'RESOLVED';
  const lease = timeLeft(c.leaseExpiresAt, now);
  const careful = needsCarefulApproval(c.reasons, c.post?.screening?.crisisLevel ?? c.evidence?.crisisLevel);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const fail = (error: Parameters<typeof caseActionProblemOf>[0]) => {
    const found = caseActionProblemOf(error);
    setProblem(found);
    if (found.kind === 'conflict') refetch();
  };

  const doClaim = async () => {
    if (resolved || theirs || claiming) return;
    setProblem(null);
    const result = await claim({ id: c.id });
    if (result.error) fail(result.error);
    // The claim panel itself says so on screen; this only tells a screen reader.
    else setClaimNews(mine ? 'Claim renewed.' : 'Claimed: colleagues now see you are working on it.');
  };

  const choose = (next: CaseDecision) => {
    if (resolved || theirs) return;
    setDecision(next);
    setErrors([]);
    setTemplateId(AUTHOR_NOTE_TEMPLATES[next][0].id);
    setAuthorNote(AUTHOR_NOTE_TEMPLATES[next][0].body ?? '');
    requestAnimationFrame(() => (next === 'APPROVE' ? sendButton.current : noteField.current)?.focus());
  };

  const send = async (chosen: CaseDecision) => {
    const template = AUTHOR_NOTE_TEMPLATES[chosen].find((t) => t.id === templateId);
    // An untouched standard template sends nothing: the server's standard note says why, kindly.
    const custom = template?.body === null && authorNote.trim() === '' ? null : authorNote.trim() || null;
    if (chosen !== 'APPROVE' && note.trim() === '') {
      setErrors([{ fieldId: STAFF_NOTE, message: 'Write a note for colleagues: what you saw and what happens next' }]);
      return;
    }
    setErrors([]);
    setProblem(null);
    const result = await resolve({ input: { caseId: c.id, decision: chosen, note: note.trim() || null, authorNote: chosen === decision ? custom : null } });
    if (result.error) {
      const found = caseActionProblemOf(result.error);
      if (found.kind === 'invalid') setErrors([{ fieldId: STAFF_NOTE, message: found.message }]);
      else fail(result.error);
      return;
    }
    if (result.data) onDecided(result.data.resolveCase);
    setDone(`${DECISION_LABEL[chosen]}.`);
    setDecision(null);
    setNote('');
  };

  const approveKey = () => {
    if (resolved || theirs) return;
    if (careful) choose('APPROVE');
    else void send('APPROVE');
  };

  useShortcuts({ c: () => void doClaim(), a: approveKey, h: () => choose('KEEP_HELD'), r: () => choose('REMOVE') });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (decision) void send(decision);
  };

  return (
    <section className="decisions" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">Decision</h2>
      <p className="decisions__done" role="status">
        {done}
      </p>
      <p className="visually-hidden" role="status">
        {claimNews}
      </p>
      {problem ? (
        <div className="inset inset--held" role="alert" tabIndex={-1} ref={problemRef}>
          {problem.kind === 'conflict' ? (
            <>
              <p className="inset__label">Someone got to this case first</p>
              <p>{problem.message} Nothing you did was lost; the case below is refreshed so you can see where it stands.</p>
            </>
          ) : problem.kind === 'invalid' ? (
            <p>{problem.message}</p>
          ) : (
            <p>That did not go through. Nothing changed. Try again in a moment.</p>
          )}
        </div>
      ) : null}

      {resolved ? (
        <div className="inset inset--success">
          <p className="inset__label">{c.decision ? DECISION_LABEL[c.decision] : 'Decided'}</p>
          <p>
            Decided
            {c.assignee ? ` by ${c.assignee.id === viewerId ? 'you' : c.assignee.displayName}` : ''}
            {c.resolvedAt ? (
              <>
                {' '}
                <time dateTime={c.resolvedAt} title={fullTime(c.resolvedAt)}>
                  {timeAgo(c.resolvedAt)}
                </time>
              </>
            ) : null}
            .
          </p>
        </div>
      ) : theirs ? (
        <div className="inset inset--info">
          <p className="inset__label">{c.assignee?.displayName} is working on this case</p>
          <p>
            Their claim lasts until {c.leaseExpiresAt ? clockTime(c.leaseExpiresAt) : 'they finish'}
            {lease ? ` (${lease} from now)` : ''}. You can still add a note for them below.
          </p>
        </div>
      ) : (
        <div className="claim">
          {mine ? (
            <p>
              <strong>You have claimed this case.</strong> Your claim lasts until {c.leaseExpiresAt ? clockTime(c.leaseExpiresAt) : '—'}
              {lease ? ` (${lease})` : ''} and renews while you work on it.
            </p>
          ) : (
            <p>Nobody has claimed this case yet. Claim it so colleagues know you are on it.</p>
          )}
          <Button variant="secondary" onClick={() => void doClaim()} disabled={claiming} aria-keyshortcuts="c">
            {claiming ? 'Claiming…' : mine ? 'Renew my claim' : 'Claim this case'}
          </Button>
        </div>
      )}

      {!resolved && !theirs ? (
        <form className="decision-form" onSubmit={submit} noValidate>
          <ErrorSummary errors={errors} />
          <fieldset className="fieldset">
            <legend className="fieldset__legend">What should happen to this post?</legend>
            <div className="radios">
              {DECISIONS.map((d) => (
                <div className="radios__item" key={d.decision}>
                  <input
                    className="radios__input"
                    type="radio"
                    id={`decision-${d.decision}`}
                    name="decision"
                    checked={decision === d.decision}
                    onChange={() => choose(d.decision)}
                    aria-describedby={`decision-${d.decision}-hint`}
                    aria-keyshortcuts={d.key}
                  />
                  <label className="radios__label" htmlFor={`decision-${d.decision}`}>
                    {d.label} <kbd className="kbd-hint">{d.key}</kbd>
                  </label>
                  <p className="radios__hint" id={`decision-${d.decision}-hint`}>
                    {d.hint}
                  </p>
                </div>
              ))}
            </div>
          </fieldset>
          {decision ? (
            <>
              <div className={`form-group${errors.length > 0 ? ' form-group--error' : ''}`}>
                <label className="label" htmlFor={STAFF_NOTE}>
                  Note for colleagues {decision === 'APPROVE' ? '(optional)' : ''}
                </label>
                <p className="hint" id={`${STAFF_NOTE}-hint`}>
                  Staff only; the author never sees it.
                </p>
                {errors.length > 0 ? (
                  <p className="error-message" id={`${STAFF_NOTE}-error`}>
                    <span className="visually-hidden">Error:</span> {errors[0].message}
                  </p>
                ) : null}
                <textarea
                  id={STAFF_NOTE}
                  ref={noteField}
                  className="textarea"
                  rows={3}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  aria-describedby={`${STAFF_NOTE}-hint${errors.length > 0 ? ` ${STAFF_NOTE}-error` : ''}`}
                />
              </div>
              <div className="form-group">
                <label className="label" htmlFor="author-note-template">
                  Kind note to the author: start from
                </label>
                <select
                  id="author-note-template"
                  className="select"
                  value={templateId}
                  onChange={(e) => {
                    setTemplateId(e.target.value);
                    setAuthorNote(AUTHOR_NOTE_TEMPLATES[decision].find((t) => t.id === e.target.value)?.body ?? '');
                  }}
                >
                  {AUTHOR_NOTE_TEMPLATES[decision].map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="form-group">
                <label className="label" htmlFor={AUTHOR_NOTE}>
                  What the author reads
                </label>
                <p className="hint" id={`${AUTHOR_NOTE}-hint`}>
                  Edit it as you like. Leave it empty to send the standard note, which says why kindly. Crisis resources are added for crisis cases.
                </p>
                <textarea
                  id={AUTHOR_NOTE}
                  className="textarea"
                  rows={4}
                  value={authorNote}
                  onChange={(e) => setAuthorNote(e.target.value)}
                  aria-describedby={`${AUTHOR_NOTE}-hint`}
                />
              </div>
              <button type="submit" ref={sendButton} disabled={resolving} className={`button button--${decision === 'REMOVE' ? 'warning' : 'primary'}`}>
                {resolving ? 'Sending…' : SEND_LABEL[decision]}
              </button>
            </>
          ) : null}
        </form>
      ) : null}

      <EscalateForm caseId={c.id} onProblem={fail} onDone={setDone} />
      <AddNoteForm caseId={c.id} onProblem={fail} onDone={setDone} />
    </section>
  );
}

/** A required free-text note: its text, its error, and `take()` giving the trimmed note or showing the error. */
function useRequiredNote(fieldId: string, whenEmpty: string) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<FieldError[]>([]);
  const take = (): string | null => {
    if (note.trim() === '') {
      setError([{ fieldId, message: whenEmpty }]);
      return null;
    }
    setError([]);
    return note.trim();
  };
  return { note, setNote, error, take };
}

function EscalateForm({
  caseId,
  onProblem,
  onDone,
}: {
  caseId: string;
  onProblem: (e: Parameters<typeof caseActionProblemOf>[0]) => void;
  onDone: (m: string) => void;
}) {
  const { note, setNote, error, take } = useRequiredNote('escalate-note', 'Say why a clinician should look');
  const [{ fetching }, escalate] = useMutation(EscalateCaseMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = take();
    if (text === null) return;
    const result = await escalate({ input: { caseId, note: text } }, CASE_TYPENAMES);
    if (result.error || !result.data) {
      if (result.error) onProblem(result.error);
      return;
    }
    setNote('');
    // The acknowledgement deadline is the clinicians' (a peer may not read it): say what happens, not when.
    onDone(
      result.data.escalateCase.status === 'OPEN'
        ? 'Escalated to a clinician. The clinician on call has been paged.'
        : 'Escalated to a clinician. A clinician is already following this client; your note was added.',
    );
  };
  return (
    <details className="case-action">
      <summary>Escalate to a clinician</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={error} />
        <div className="form-group">
          <label className="label" htmlFor="escalate-note">
            Why should a clinician look?
          </label>
          <textarea id="escalate-note" className="textarea" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <Button type="submit" variant="warning" disabled={fetching}>
          {fetching ? 'Paging…' : 'Escalate now'}
        </Button>
      </form>
    </details>
  );
}

function AddNoteForm({
  caseId,
  onProblem,
  onDone,
}: {
  caseId: string;
  onProblem: (e: Parameters<typeof caseActionProblemOf>[0]) => void;
  onDone: (m: string) => void;
}) {
  const { note, setNote, error, take } = useRequiredNote('case-note', 'Write the note');
  const [{ fetching }, addNote] = useMutation(AddCaseNoteMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = take();
    if (text === null) return;
    const result = await addNote({ input: { caseId, note: text } });
    if (result.error) {
      onProblem(result.error);
      return;
    }
    setNote('');
    onDone('Note added.');
  };
  return (
    <form className="case-action case-action--note" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary errors={error} />
      <div className="form-group">
        <label className="label" htmlFor="case-note">
          Add a note for colleagues
        </label>
        <p className="hint" id="case-note-hint">
          What you did or noticed. Staff only.
        </p>
        <textarea id="case-note" className="textarea" rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="case-note-hint" />
      </div>
      <Button type="submit" variant="secondary" disabled={fetching}>
        {fetching ? 'Adding…' : 'Add note'}
      </Button>
    </form>
  );
}
