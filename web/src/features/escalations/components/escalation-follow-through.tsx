import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useMutation } from 'urql';
import { ErrorSummary, type FieldError } from '../../../components/error-summary';
import { fullTime, timeAgo } from '../../../lib/format-time';
import type { EscalationFollowThroughFieldsFragment, OutreachChannel } from '../../../lib/gql/graphql';
import { RecordOutreachMutation } from '../api/escalations';
import { caseFromEscalation } from '../../../lib/case-links';

const DELIVERY_WORDS: Record<string, string> = { DELIVERED: 'delivered', FAILED: 'failed', PENDING: 'pending', NOT_SENT: 'not sent' };
const CHANNEL_WORDS: Record<string, string> = { IN_APP: 'In the app', EMAIL: 'Email', WEBHOOK: 'Program webhook' };
const OUTREACH_CHANNELS: Array<{ value: OutreachChannel; label: string }> = [
  { value: 'PHONE', label: 'Phone call' },
  { value: 'VIDEO', label: 'Video call' },
  { value: 'MESSAGE', label: 'Message' },
  { value: 'IN_PERSON', label: 'In person' },
  { value: 'OTHER', label: 'Other' },
];

/**
 * What followed an escalation: each signal attached (one open escalation per client gathers them),
 * each page and how every channel fared, and the outreach made, with a form to record more.
 */
export function EscalationFollowThrough({ e }: { e: EscalationFollowThroughFieldsFragment }) {
  const first = e.signals[0];
  return (
    <>
      <section aria-labelledby="signals-heading">
        <h2 id="signals-heading">Signals</h2>
        {first ? (
          <p>
            {e.signals.length === 1 ? '1 signal' : `${e.signals.length} signals`} from this client since{' '}
            <time dateTime={first.createdAt}>{fullTime(first.createdAt)}</time>.
          </p>
        ) : (
          <p>No signals are recorded.</p>
        )}
        <ol className="follow-through-list">
          {e.signals.map((s, i) => (
            <li key={s.id}>
              <strong>{s.level.toLowerCase()}</strong>, <time dateTime={s.createdAt}>{timeAgo(s.createdAt)}</time>
              {s.trigger === 'THREAT_TO_OTHERS' ? ' — threat to others: duty-to-warn review' : null}
              {s.raisedSeverity ? ' — raised the severity, so the clinicians were paged again' : null}
              {s.postId ? (
                <>
                  {'. '}
                  <SignalPostLink signal={s} n={i + 1} escalationId={e.id} />
                </>
              ) : (
                ' (not from a post)'
              )}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">Pages</h2>
        {e.pages.length === 0 ? <p>No page has been sent yet.</p> : null}
        <ol className="follow-through-list">
          {e.pages.map((p) => (
            <li key={`${p.level}:${p.reminder}:${p.pagedAt}`}>
              Level {p.level}
              {p.reminder > 0 ? `, reminder ${p.reminder}` : ''}, {p.severity.toLowerCase()}, <time dateTime={p.pagedAt}>{timeAgo(p.pagedAt)}</time>
              {p.rosterCovered ? null : ' — nobody was on call, so every clinician was paged'}
              <ul>
                {p.deliveries.map((d, i) => (
                  <li key={i}>
                    {CHANNEL_WORDS[d.channel] ?? d.channel}
                    {d.recipient ? ` to ${d.recipient.displayName}` : ''}: {DELIVERY_WORDS[d.state] ?? d.state.toLowerCase()}
                    {d.state === 'FAILED' ? ` after ${d.attempts} attempts` : ''}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
      <Outreach e={e} />
    </>
  );
}

type Signal = EscalationFollowThroughFieldsFragment['signals'][number];

/**
 * Where a signal's post opens. Its moderation case is the staff view of one post, held ones
 * included, with the screening evidence marked (clinicians may open cases); a post without a case
 * opens in its thread. The name says what opens and which signal, so a list of them reads apart.
 */
function SignalPostLink({ signal, n, escalationId }: { signal: Signal; n: number; escalationId: string }) {
  const which = <span className="visually-hidden"> of signal {n}</span>;
  if (signal.case) {
    return (
      <Link href={caseFromEscalation(signal.case.id, escalationId)}>
        Open the post{which} with its evidence{signal.post?.status === 'HELD' ? ' (held)' : ''}
      </Link>
    );
  }
  if (signal.post?.thread) {
    return <Link href={`/threads/${signal.post.thread.id}#post-${signal.post.id}`}>Open the post{which} in its thread</Link>;
  }
  return <>The post is not available (it may have been deleted).</>;
}

function Outreach({ e }: { e: EscalationFollowThroughFieldsFragment }) {
  const [channel, setChannel] = useState<OutreachChannel | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [{ fetching }, record] = useMutation(RecordOutreachMutation);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FieldError[] = [];
    if (!channel) missing.push({ fieldId: 'outreach-channel', message: 'Choose how you reached out' });
    if (!note.trim()) missing.push({ fieldId: 'outreach-note', message: 'Write what happened' });
    setErrors(missing);
    if (missing.length > 0 || !channel) return;
    const result = await record({ escalationId: e.id, input: { channel, note } });
    if (result.error) {
      const message =
        result.error.graphQLErrors[0]?.extensions.code === 'BAD_USER_INPUT'
          ? result.error.graphQLErrors[0].message
          : 'The outreach was not saved. Please try again.';
      setErrors([{ fieldId: 'outreach-note', message }]);
      return;
    }
    // The answer carries the new list; urql's cache updates this escalation from it.
    setChannel('');
    setNote('');
  };

  const channelError = errors.find((x) => x.fieldId === 'outreach-channel');
  const noteError = errors.find((x) => x.fieldId === 'outreach-note');
  return (
    <section aria-labelledby="outreach-heading">
      <h2 id="outreach-heading">Outreach</h2>
      {e.outreach.length === 0 ? <p>No outreach is recorded yet.</p> : null}
      <ol className="follow-through-list">
        {e.outreach.map((o) => (
          <li key={o.id}>
            {OUTREACH_CHANNELS.find((c) => c.value === o.channel)?.label ?? o.channel}, <time dateTime={o.createdAt}>{timeAgo(o.createdAt)}</time>
            {o.by ? ` by ${o.by.displayName}` : ''}: {o.note}
          </li>
        ))}
      </ol>
      <ErrorSummary errors={errors} />
      <form onSubmit={(ev) => void onSubmit(ev)} noValidate>
        <div className={channelError ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="outreach-channel">
            How did you reach out?
          </label>
          {channelError ? (
            <p className="error-message" id="outreach-channel-error">
              <span className="visually-hidden">Error: </span>
              {channelError.message}
            </p>
          ) : null}
          <select
            id="outreach-channel"
            className="select"
            value={channel}
            aria-describedby={channelError ? 'outreach-channel-error' : undefined}
            onChange={(ev) => setChannel(ev.target.value as OutreachChannel | '')}
          >
            <option value="">Choose</option>
            {OUTREACH_CHANNELS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className={noteError ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="outreach-note">
            What happened
          </label>
          {noteError ? (
            <p className="error-message" id="outreach-note-error">
              <span className="visually-hidden">Error: </span>
              {noteError.message}
            </p>
          ) : null}
          <textarea
            id="outreach-note"
            className="textarea"
            rows={3}
            value={note}
            aria-describedby={noteError ? 'outreach-note-error' : undefined}
            onChange={(ev) => setNote(ev.target.value)}
          />
        </div>
        <button type="submit" className="button button--secondary" disabled={fetching}>
          Record outreach
        </button>
      </form>
    </section>
  );
}
