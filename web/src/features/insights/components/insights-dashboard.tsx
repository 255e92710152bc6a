import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { EngagementSeriesQuery, EngagementSummaryQuery, InsightSpacesQuery, UnansweredThreadsQuery } from '../api/insights';
import { PERIOD_DAYS, periodRange, useInsightsPeriod, type PeriodDays } from '../hooks/use-insights-period';
import { bucketLabel, countOf, formatClients, formatMinutes, formatShare } from '../insights-format';
import { downloadText, seriesCsv } from '../series-csv';
import { SeriesChart, type ChartSeries } from './series-chart';

const PERIOD_LABEL: Record<PeriodDays, string> = { 7: 'Last 7 days', 30: 'Last 30 days', 90: 'Last 90 days', 365: 'Last 12 months' };

/** One labelled choice of the picker. */
function PickerSelect(props: { id: string; label: string; value: string; options: Array<{ value: string; label: string }>; onChange(value: string): void }) {
  return (
    <div className="form-group">
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      <select id={props.id} className="select" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="insights-tile">
      <dt className="insights-tile__label">{label}</dt>
      <dd className="insights-tile__value">{value}</dd>
      {detail ? <dd className="insights-tile__detail">{detail}</dd> : null}
    </div>
  );
}

/** The tile's second line for a median: where 9 in 10 fall, when there is anything to say. */
function nineInTen(p90Minutes: number | null | undefined): string | undefined {
  return p90Minutes === null || p90Minutes === undefined ? undefined : `median; 9 in 10 within ${formatMinutes(p90Minutes)}`;
}

/**
 * The Insights page: is the peer space working? Figures only (counts and times, never post text),
 * for one space or every space the viewer may see, over a period they pick.
 */
export function InsightsDashboard() {
  const [period, setPeriod] = useInsightsPeriod();
  // The period ends at the minute the page asked; picking again asks afresh.
  const [asked, setAsked] = useState(() => Date.now());
  const range = useMemo(() => periodRange(period.days, asked), [period.days, asked]);
  const variables = { spaceId: period.spaceId, ...range };

  const [spacesResult] = useQuery({ query: InsightSpacesQuery });
  const [summaryResult, refetchSummary] = useQuery({ query: EngagementSummaryQuery, variables });
  const [seriesResult] = useQuery({ query: EngagementSeriesQuery, variables: { ...variables, bucket: period.bucket } });
  const [unansweredResult] = useQuery({ query: UnansweredThreadsQuery, variables: { spaceId: period.spaceId } });

  const spaces = spacesResult.data?.insightSpaces ?? [];
  const spaceName = (id: string) => spaces.find((s) => s.id === id)?.name ?? 'a space';
  const figures = summaryResult.data?.engagementSummary;
  const points = seriesResult.data?.engagementSeries.points ?? [];
  // The bucket of the data on screen (while a new pick loads, the previous series is still shown).
  const shownBucket = seriesResult.data?.engagementSeries.bucket ?? period.bucket;

  const charts = useMemo(() => {
    const labels = points.map((p) => bucketLabel(p.from, shownBucket));
    const xs = points.map((p) => Date.parse(p.from) / 1000);
    const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const threads = points.map((p) => p.newThreads);
    const replies = points.map((p) => p.replies);
    const busiest = points.length ? labels[replies.indexOf(Math.max(...replies))] : '';
    const firstReply = points.map((p) => p.timeToFirstReply.p50Minutes ?? null);
    const known = firstReply.filter((v): v is number => v !== null);
    const cases = points.map((p) => p.moderation.casesOpened);
    const unanswered = points.map((p) => p.unansweredThreads);
    const activity: ChartSeries[] = [
      { label: 'Replies', values: replies, stroke: '#1d4f6e' },
      { label: 'New threads', values: threads, stroke: '#b35c00', dash: [8, 5] },
    ];
    const speed: ChartSeries[] = [{ label: 'Median time to first reply (min)', values: firstReply, stroke: '#1d4f6e' }];
    const safety: ChartSeries[] = [
      { label: 'Cases opened', values: cases, stroke: '#1d4f6e' },
      { label: 'Unanswered threads', values: unanswered, stroke: '#b35c00', dash: [8, 5] },
    ];
    return {
      labels,
      xs,
      activity,
      activitySummary: points.length
        ? `${countOf(total(threads), 'new thread', 'new threads')} and ${countOf(total(replies), 'reply', 'replies')} over ${countOf(points.length, shownBucket === 'WEEK' ? 'week' : 'day', shownBucket === 'WEEK' ? 'weeks' : 'days')}; most replies in ${busiest}.`
        : 'No data for this period.',
      speed,
      speedSummary: known.length
        ? `The median time to a first reply ranged from ${formatMinutes(Math.min(...known))} to ${formatMinutes(Math.max(...known))}.`
        : 'No thread in this period had a first reply yet.',
      safety,
      safetySummary: `${countOf(total(cases), 'moderation case', 'moderation cases')} opened and ${countOf(total(unanswered), 'thread', 'threads')} left unanswered for 24 hours.`,
    };
  }, [points, shownBucket]);

  const exportCsv = () => {
    const where = period.spaceId
      ? spaceName(period.spaceId)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
      : 'all-spaces';
    downloadText(`insights-${where}-${range.from.slice(0, 10)}-to-${range.to.slice(0, 10)}-${period.bucket.toLowerCase()}.csv`, seriesCsv(points));
  };

  return (
    <>
      <form className="insights-picker" onSubmit={(e) => e.preventDefault()} aria-label="Space and period">
        <PickerSelect
          id="insights-space"
          label="Space"
          value={period.spaceId ?? ''}
          options={[{ value: '', label: 'All your spaces' }, ...spaces.map((s) => ({ value: s.id, label: s.name }))]}
          onChange={(value) => {
            setAsked(Date.now());
            setPeriod({ spaceId: value || null });
          }}
        />
        <PickerSelect
          id="insights-period"
          label="Period"
          value={String(period.days)}
          options={PERIOD_DAYS.map((d) => ({ value: String(d), label: PERIOD_LABEL[d] }))}
          onChange={(value) => {
            setAsked(Date.now());
            setPeriod({ days: Number(value) as PeriodDays });
          }}
        />
        <PickerSelect
          id="insights-bucket"
          label="Chart by"
          value={period.bucket}
          options={[
            { value: 'DAY', label: 'Day' },
            { value: 'WEEK', label: 'Week' },
          ]}
          onChange={(value) => setPeriod({ bucket: value as 'DAY' | 'WEEK' })}
        />
      </form>

      <section aria-labelledby="insights-summary">
        <h2 id="insights-summary">Summary</h2>
        <p className="hint">
          {PERIOD_LABEL[period.days]}, {period.spaceId ? spaceName(period.spaceId) : 'all your spaces'}. Counts only: no post is shown here. Groups of fewer
          than 5 clients are not counted, so nobody can be singled out.
        </p>
        {summaryResult.fetching && !figures ? <Loading what="Loading the figures" /> : null}
        {summaryResult.error && !figures ? <LoadProblem retry={() => refetchSummary({ requestPolicy: 'network-only' })} /> : null}
        {figures ? (
          <>
            <h3>Taking part</h3>
            <dl className="insights-tiles">
              <Tile label="Active clients" value={formatClients(figures.activeClients)} detail="posted at least once" />
              <Tile label="New threads" value={String(figures.newThreads)} />
              <Tile label="Replies" value={String(figures.replies)} />
              <Tile label="Reactions" value={String(figures.reactions)} />
            </dl>
            <h3>Getting an answer</h3>
            <dl className="insights-tiles">
              <Tile
                label="Time to first reply"
                value={formatMinutes(figures.timeToFirstReply.p50Minutes)}
                detail={nineInTen(figures.timeToFirstReply.p90Minutes)}
              />
              <Tile
                label="Unanswered for 24 hours"
                value={String(figures.unansweredThreads)}
                detail={`of ${countOf(figures.threadsPastFirstDay, 'thread', 'threads')} started over a day ago`}
              />
              <Tile
                label="Peer specialist replies"
                value={String(figures.peerSpecialistReplies)}
                detail={`${formatShare(figures.peerSpecialistFirstReplyShare)} of first replies`}
              />
            </dl>
            <h3>Keeping people safe</h3>
            <dl className="insights-tiles">
              <Tile
                label="Moderation cases opened"
                value={String(figures.moderation.casesOpened)}
                detail={figures.moderation.casesByReason.map((r) => `${r.count} ${r.reason.toLowerCase().replace(/_/g, ' ')}`).join(', ') || undefined}
              />
              <Tile
                label="Time to first look"
                value={formatMinutes(figures.moderation.timeToFirstLook.p50Minutes)}
                detail={nineInTen(figures.moderation.timeToFirstLook.p90Minutes)}
              />
              <Tile label="Decided in time" value={formatShare(figures.moderation.decidedWithinDueShare)} detail="of cases decided or past due" />
              {figures.escalations ? (
                figures.escalations.fewerThanFive ? (
                  <Tile label="Escalations" value="fewer than 5 clients" detail="not counted, so nobody can be singled out" />
                ) : (
                  <>
                    <Tile label="Escalations raised" value={String(figures.escalations.raised ?? 0)} />
                    <Tile
                      label="Time to acknowledge"
                      value={formatMinutes(figures.escalations.timeToAcknowledge?.p50Minutes)}
                      detail={
                        figures.escalations.acknowledgedWithinDeadlineShare === null
                          ? undefined
                          : `median; ${formatShare(figures.escalations.acknowledgedWithinDeadlineShare)} within the deadline`
                      }
                    />
                    <Tile label="Climbed past level 1" value={String(figures.escalations.climbedPastLevelOne ?? 0)} />
                  </>
                )
              ) : null}
            </dl>
          </>
        ) : null}
      </section>

      <section aria-labelledby="insights-trends">
        <div className="insights-section-head">
          <h2 id="insights-trends">Over time</h2>
          <button type="button" className="button button--secondary" onClick={exportCsv} disabled={points.length === 0}>
            Download the series (CSV)
          </button>
        </div>
        {seriesResult.fetching && points.length === 0 ? <Loading what="Loading the charts" /> : null}
        {points.length ? (
          <div className="insights-charts">
            <SeriesChart
              id="chart-activity"
              title="Threads and replies"
              summary={charts.activitySummary}
              labels={charts.labels}
              xs={charts.xs}
              series={charts.activity}
              unit="posts"
            />
            <SeriesChart
              id="chart-speed"
              title="Time to first reply"
              summary={charts.speedSummary}
              labels={charts.labels}
              xs={charts.xs}
              series={charts.speed}
              unit="minutes"
              formatValue={(v) => (v === null ? 'no reply yet' : formatMinutes(v))}
            />
            <SeriesChart
              id="chart-safety"
              title="Cases and unanswered threads"
              summary={charts.safetySummary}
              labels={charts.labels}
              xs={charts.xs}
              series={charts.safety}
              unit="count"
            />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="insights-unanswered">
        <h2 id="insights-unanswered">Threads waiting for an answer</h2>
        <p className="hint">Started over 24 hours ago, with no reply from anyone but the person who started them. Newest first.</p>
        {unansweredResult.fetching && !unansweredResult.data ? <Loading what="Loading the threads" /> : null}
        {unansweredResult.data ? (
          unansweredResult.data.unansweredThreadList.edges.length === 0 ? (
            <p>Every thread has had an answer. Thank you.</p>
          ) : (
            <ol className="insights-unanswered">
              {unansweredResult.data.unansweredThreadList.edges.map(({ node }) => (
                <li key={node.threadId}>
                  <Link href={`/threads/${node.threadId}`}>Open the thread in {spaceName(node.spaceId)}</Link>
                  <span className="insights-unanswered__wait">
                    {' '}
                    waiting {formatMinutes(node.waitingHours * 60)}, since{' '}
                    {new Date(node.startedAt).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}
                  </span>
                </li>
              ))}
            </ol>
          )
        ) : null}
      </section>
    </>
  );
}
