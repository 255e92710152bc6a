import { Link } from 'wouter';
import { StaffNotes } from '../../../components/staff-notes';
import type { EscalationQuery } from '../../../lib/gql/graphql';
import { PRIORITY_LABEL } from '../../../lib/risk-labels';
import { caseStateWords } from '../escalation-labels';
import { caseFromEscalation } from '../../../lib/case-links';

type Escalation = NonNullable<EscalationQuery['escalation']>;
type CaseState = Pick<NonNullable<Escalation['case']>, 'id' | 'status' | 'priority' | 'decision'>;

/** Every case once, the escalation's own first, each with the signals (numbered as the Signals list does) whose posts it is about. */
function linkedCases(e: Escalation): Array<{ c: CaseState; signals: number[] }> {
  const byId = new Map<string, { c: CaseState; signals: number[] }>();
  if (e.case) byId.set(e.case.id, { c: e.case, signals: [] });
  e.signals.forEach((s, i) => {
    if (!s.case) return;
    const entry = byId.get(s.case.id) ?? { c: s.case, signals: [] };
    entry.signals.push(i + 1);
    byId.set(s.case.id, entry);
  });
  return [...byId.values()];
}

function signalWords(signals: readonly number[]): string {
  if (signals.length === 0) return '';
  const numbers = signals.length === 1 ? `signal ${signals[0]}` : `signals ${signals.slice(0, -1).join(', ')} and ${signals.at(-1)}`;
  return ` — the post of ${numbers}`;
}

/**
 * The moderation cases of an escalation's posts: one escalation gathers a client's signals from
 * several posts, each with its own case. Their state is read-only here; each opens in the
 * moderation workspace, which clinicians may use. The escalation's own case shows its notes.
 */
export function EscalationCases({ e, viewerId }: { e: Escalation; viewerId: string }) {
  const cases = linkedCases(e);
  const several = cases.length > 1;
  return (
    <section aria-labelledby="escalation-case-heading">
      <h2 id="escalation-case-heading">{several ? 'The moderation cases' : 'The moderation case'}</h2>
      {cases.length === 0 ? (
        <p>No moderation case goes with this escalation.</p>
      ) : (
        <ol className="follow-through-list">
          {cases.map(({ c, signals }, i) => (
            <li key={c.id}>
              <Link href={caseFromEscalation(c.id, e.id)}>
                {several ? `Open case ${i + 1} in the moderation workspace` : 'Open the case in the moderation workspace'}
              </Link>
              : {PRIORITY_LABEL[c.priority]} priority, {caseStateWords(c)}
              {signalWords(signals)}.
            </li>
          ))}
        </ol>
      )}
      {e.case ? (
        <>
          <h3>{several ? 'Notes on case 1 by peer specialists and clinicians' : 'Notes by peer specialists and clinicians'}</h3>
          <StaffNotes notes={e.case.notes} viewerId={viewerId} />
        </>
      ) : null}
    </section>
  );
}
