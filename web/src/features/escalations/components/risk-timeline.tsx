import { lazy, Suspense, useEffect, useId, useMemo, useRef } from 'react';
import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { fullTime, timeAgo } from '../../../lib/format-time';
import type { EscalationSeverity } from '../../../lib/gql/graphql';
import { CRISIS_LABEL, PRIORITY_LABEL } from '../../../lib/risk-labels';
import { ClientRiskTimelineQuery } from '../api/escalations';
import { SEVERITY_LABEL, SEVERITY_ORDER } from '../escalation-labels';
import { riskSummary, riskWeeks, weekLabel, type RiskEntry, type RiskWeek } from '../risk-weeks';

// uPlot and its styles load only when a clinician opens an escalation.
const RiskChart = lazy(() => import('./risk-chart').then((m) => ({ default: m.RiskChart })));

/** As far back as the chart reaches in practice; the list says when there is more. */
const TIMELINE_PAGE = 100;

const KIND_LABEL: Record<RiskEntry['kind'], string> = { RISK_SIGNAL: 'Risk signal', CASE: 'Moderation case', ESCALATION: 'Escalation' };

function entryDetail(e: RiskEntry): string {
  if (e.kind === 'RISK_SIGNAL') return e.crisisLevel ? CRISIS_LABEL[e.crisisLevel] : 'Risk signal';
  const grade = e.kind === 'CASE' ? PRIORITY_LABEL[e.grade as keyof typeof PRIORITY_LABEL] : SEVERITY_LABEL[e.grade as EscalationSeverity];
  return [grade, e.status?.toLowerCase()].filter(Boolean).join(', ');
}

function escalationsWords(w: RiskWeek): string {
  if (w.escalations === 0) return '0';
  const parts = SEVERITY_ORDER.filter((s) => w.escalationsBySeverity[s] > 0).map((s) => `${w.escalationsBySeverity[s]} ${SEVERITY_LABEL[s].toLowerCase()}`);
  return `${w.escalations} (${parts.join(', ')})`;
}

/** The client's risk over weeks: a chart, the same numbers as a table, then every entry. `refreshKey` changing reads it again. */
export function RiskTimeline({ memberId, name, refreshKey }: { memberId: string; name: string; refreshKey: string }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ClientRiskTimelineQuery, variables: { memberId, first: TIMELINE_PAGE } });
  // The escalation on the page changed (acknowledged, resolved, climbed): its entry here changed too.
  const shownKey = useRef(refreshKey);
  useEffect(() => {
    if (shownKey.current === refreshKey) return;
    shownKey.current = refreshKey;
    reexecute({ requestPolicy: 'network-only' });
  }, [refreshKey, reexecute]);
  const entries = useMemo(() => data?.clientRiskTimeline.edges.map((e) => e.node) ?? [], [data]);
  const weeks = useMemo(() => riskWeeks(entries, Date.now()), [entries]);
  const summary = useMemo(() => riskSummary(weeks), [weeks]);
  const captionId = useId();

  return (
    <section aria-labelledby="risk-timeline-heading" className="risk-timeline">
      <h2 id="risk-timeline-heading">{name}: risk over time</h2>
      {fetching && !data ? <Loading what="Loading the risk timeline" /> : null}
      {!data && error ? <LoadProblem retry={() => reexecute({ requestPolicy: 'network-only' })} /> : null}
      {data ? (
        <>
          <ul className="risk-legend" aria-hidden="true">
            <li className="risk-legend__item risk-legend__item--signals">Risk signals (left bar, blue)</li>
            <li className="risk-legend__item risk-legend__item--cases">Moderation cases (middle bar, grey)</li>
            <li className="risk-legend__item risk-legend__item--escalations">Escalations (right bar, red)</li>
          </ul>
          <Suspense fallback={<Loading what="Drawing the chart" />}>
            <RiskChart weeks={weeks} summary={summary} />
          </Suspense>
          {/* Focusable and named: at 320 px (400% zoom) the table is wider than the page, and a keyboard must be able to scroll it. */}
          <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
            <table className="risk-table">
              <caption id={captionId}>Each week: risk signals (with the highest level seen), moderation cases and escalations by severity</caption>
              <thead>
                <tr>
                  <th scope="col">Week of</th>
                  <th scope="col">Risk signals</th>
                  <th scope="col">Cases</th>
                  <th scope="col">Escalations</th>
                </tr>
              </thead>
              <tbody>
                {[...weeks].reverse().map((w) => (
                  <tr key={w.start}>
                    <th scope="row">{weekLabel(w.start)}</th>
                    <td>
                      {w.signals}
                      {w.highestSignal ? ` (highest: ${CRISIS_LABEL[w.highestSignal].toLowerCase()})` : ''}
                    </td>
                    <td>{w.cases}</td>
                    <td>{escalationsWords(w)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Every entry, newest first</h3>
          {entries.length === 0 ? (
            <p>Nothing recorded yet.</p>
          ) : (
            <ol className="history-list">
              {entries.map((e) => (
                <li key={`${e.kind}-${e.id}`}>
                  <strong>{KIND_LABEL[e.kind]}</strong>: {entryDetail(e)} ·{' '}
                  <time dateTime={e.at} title={fullTime(e.at)}>
                    {timeAgo(e.at)}
                  </time>
                </li>
              ))}
            </ol>
          )}
          {data.clientRiskTimeline.pageInfo.hasNextPage ? <p className="hint">Only the {TIMELINE_PAGE} newest entries are shown.</p> : null}
        </>
      ) : null}
    </section>
  );
}
