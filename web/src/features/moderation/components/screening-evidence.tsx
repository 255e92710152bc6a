import type { ModerationCaseQuery } from '../../../lib/gql/graphql';
import { CRISIS_LABEL } from '../case-labels';

type CaseData = NonNullable<ModerationCaseQuery['moderationCase']>;

export interface WatchedWordHit {
  phrase: string;
  action: string;
  why?: string;
}

/** The case evidence carries watched-word hits as JSON text, one object per hit. */
export function watchedWordHitsOf(c: CaseData): WatchedWordHit[] {
  return (c.evidence?.watchedWordHits ?? []).flatMap((raw) => {
    try {
      const hit = JSON.parse(raw) as Partial<WatchedWordHit>;
      return typeof hit.phrase === 'string' ? [{ phrase: hit.phrase, action: String(hit.action ?? ''), why: hit.why }] : [];
    } catch {
      return [];
    }
  });
}

const DISCOUNT_LABEL: Record<string, string> = {
  NEGATED: 'negated ("not")',
  OTHER_PERSON: 'about someone else',
  PAST: 'in the past',
  QUOTED: 'quoted',
  NO_RISK_CONTEXT: 'no risk context',
  HYPOTHETICAL: 'hypothetical, figurative or said as a joke',
  GENERAL: 'said of people in general',
  CLINICAL: 'clinical, not about the author',
};

/**
 * Context lines (the author's recent signal, agreement with a post in crisis) never set the level:
 * they open a check-in. Saying "counted as No crisis signal" beside them read as if the risk was dismissed.
 */
const CONTEXT_CONSTRUCTS: Record<string, string> = {
  AUTHOR_CONTEXT: "context from the author's recent posts: opens a check-in, does not set the level",
  THREAD_CONTEXT: 'context from the thread: opens a check-in, does not set the level',
};

/** What screening saw: crisis evidence, watched-word hits and toxicity scores, each with its numbers. */
export function ScreeningEvidence({ c }: { c: CaseData }) {
  const screening = c.post?.screening;
  const hits = watchedWordHitsOf(c);
  const toxicity = (screening?.toxicity ?? []).filter((t) => t.score >= 0.05);
  return (
    <section className="evidence" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">What screening saw</h2>
      {!screening ? <p>No screening of the current revision is available{c.post?.status === 'PENDING' ? ' yet: it is being screened' : ''}.</p> : null}
      {screening ? (
        <>
          <p>
            Crisis level: <strong>{CRISIS_LABEL[screening.crisisLevel]}</strong>. Screening decided to {screening.decision === 'HOLD' ? 'hold' : 'publish'} the
            post.
          </p>
          <h3>Crisis evidence</h3>
          {screening.crisisEvidence.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul className="evidence__list">
              {screening.crisisEvidence.map((e, i) => (
                <li key={`${e.phrase}-${i}`}>
                  <q>{e.phrase}</q> —{' '}
                  {CONTEXT_CONSTRUCTS[e.construct] ?? (
                    <>
                      {e.construct}, counted as <strong>{CRISIS_LABEL[e.level]}</strong>
                      {e.discount ? `, discounted: ${DISCOUNT_LABEL[e.discount] ?? e.discount}` : ''}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>Watched words</h3>
          {hits.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul className="evidence__list">
              {hits.map((hit, i) => (
                <li key={`${hit.phrase}-${i}`}>
                  <q>{hit.phrase}</q> — {hit.action === 'HOLD' ? 'holds the post' : 'flags it for review'}
                  {hit.why ? `. ${hit.why}` : ''}
                </li>
              ))}
            </ul>
          )}
          <h3>Toxicity</h3>
          {screening.toxicityStatus !== 'ok' ? (
            <p>The toxicity model was unavailable for this post.</p>
          ) : toxicity.length === 0 ? (
            <p>No label above 5%.</p>
          ) : (
            <table className="evidence__scores">
              <caption className="visually-hidden">Toxicity labels and scores</caption>
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {toxicity.map((t) => (
                  <tr key={t.label}>
                    <td>{t.label.replace(/_/g, ' ')}</td>
                    <td>
                      <meter min={0} max={1} value={t.score} aria-hidden="true" /> {Math.round(t.score * 100)}%
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
