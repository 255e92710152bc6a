import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useLocation, useSearch } from 'wouter';
import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { alertStaff } from '../../../lib/staff-alerts';
import type { CaseStatus, QueueCaseFieldsFragment } from '../../../lib/gql/graphql';
import { ModerationQueueQuery } from '../api/moderation';
import { PRIORITY_LABEL, PRIORITY_ORDER, REASON_LABEL, REASON_ORDER } from '../case-labels';
import { useLiveQueue } from '../hooks/use-live-queue';
import { useShortcuts } from '../hooks/use-shortcuts';
import { applyFilters, filtersFrom, searchOf, type QueueFilters } from '../queue-filters';
import { QueueCaseItem } from './queue-case-item';
import { ShortcutsHelp, useShortcutsHelp } from './shortcuts-help';

/** As many cases as one page holds; the peer's whole active queue in practice. */
export const QUEUE_PAGE = 50;

/** The queue's cases in server order (shared with the case view's next/previous, from the same cached query). */
export function useQueueCases() {
  const [result, reexecute] = useQuery({ query: ModerationQueueQuery, variables: { first: QUEUE_PAGE } });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const cases: QueueCaseFieldsFragment[] = useMemo(() => result.data?.moderationQueue.edges.map((e) => e.node) ?? [], [result.data]);
  return { result, cases, refetch };
}

const STATE_TABS: Array<{ state: CaseStatus | null; label: string }> = [
  { state: null, label: 'All active' },
  { state: 'OPEN', label: 'Open' },
  { state: 'CLAIMED', label: 'Claimed' },
];

/**
 * The peer specialist's live queue: their spaces' unresolved cases, most urgent first, then the
 * nearest due time (the server's order). Filters live in the address; counts per state come
 * from the server's own predicates, so they never drift from the list.
 */
export function ModerationQueue({ viewerId }: { viewerId: string }) {
  const { result, cases, refetch } = useQueueCases();
  useLiveQueue(refetch);
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = filtersFrom(search);
  const setFilters = (next: Partial<QueueFilters>) => navigate(`/moderation${searchOf({ ...filters, ...next })}`, { replace: true });
  const help = useShortcutsHelp();
  const list = useRef<HTMLOListElement>(null);

  const moveFocus = (step: 1 | -1) => {
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('[data-case-link]') ?? [])];
    if (links.length === 0) return;
    const at = links.findIndex((link) => link === document.activeElement);
    links[at === -1 ? 0 : Math.min(links.length - 1, Math.max(0, at + step))].focus();
  };
  useShortcuts({ j: () => moveFocus(1), k: () => moveFocus(-1), '?': help.open });

  const { data, fetching, error } = result;
  const counts = data?.moderationQueue.counts ?? [];
  const countOf = (state: CaseStatus | null) => counts.filter((c) => state === null || c.status === state).reduce((sum, c) => sum + c.count, 0);
  const urgentOpen = counts.filter((c) => c.status === 'OPEN' && c.priority === 'URGENT').reduce((sum, c) => sum + c.count, 0);
  const spaces = useMemo(() => {
    const byId = new Map<string, string>();
    for (const c of cases) if (c.post?.thread) byId.set(c.post.thread.space.id, c.post.thread.space.name);
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [cases]);
  const shown = applyFilters(cases, filters);
  const filtered = Boolean(filters.spaceId || filters.priority || filters.reason);

  // Say it out loud when an urgent case arrives while the page is open.
  const announce = useRef<HTMLParagraphElement>(null);
  const lastUrgent = useRef<number | null>(null);
  useEffect(() => {
    if (!data) return;
    if (lastUrgent.current !== null && urgentOpen > lastUrgent.current && announce.current) {
      announce.current.textContent = `A new urgent case is in the queue. ${urgentOpen} urgent open.`;
      alertStaff('New urgent case', `A new urgent case is in the queue. ${urgentOpen} urgent open.`, 'urgent-case');
    }
    lastUrgent.current = urgentOpen;
  }, [data, urgentOpen]);

  if (fetching && !data) return <Loading what="Loading the queue" />;
  if (!data) return error ? <LoadProblem retry={refetch} /> : null;

  return (
    <>
      <p className="visually-hidden" role="status" ref={announce} />
      <nav aria-label="Cases by state" className="queue-tabs">
        <ul>
          {STATE_TABS.map((tab) => (
            <li key={tab.label}>
              <button type="button" className="queue-tabs__tab" aria-pressed={filters.state === tab.state} onClick={() => setFilters({ state: tab.state })}>
                {tab.label} <span className="queue-tabs__count">{countOf(tab.state)}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {urgentOpen > 0 ? (
        <p className="queue-urgent">
          <strong>
            {urgentOpen} urgent case{urgentOpen === 1 ? '' : 's'} open
          </strong>{' '}
          — shown first.
        </p>
      ) : null}

      <details className="queue-filters" open={filtered || undefined}>
        <summary>Filter the queue{filtered ? ' (filtered)' : ''}</summary>
        <div className="queue-filters__fields">
          <div className="form-group">
            <label className="label" htmlFor="filter-space">
              Space
            </label>
            <select id="filter-space" className="select" value={filters.spaceId ?? ''} onChange={(e) => setFilters({ spaceId: e.target.value || null })}>
              <option value="">All your spaces</option>
              {spaces.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="filter-priority">
              Priority
            </label>
            <select
              id="filter-priority"
              className="select"
              value={filters.priority ?? ''}
              onChange={(e) => setFilters({ priority: (e.target.value || null) as QueueFilters['priority'] })}
            >
              <option value="">Any priority</option>
              {PRIORITY_ORDER.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABEL[p]}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="filter-reason">
              Reason
            </label>
            <select
              id="filter-reason"
              className="select"
              value={filters.reason ?? ''}
              onChange={(e) => setFilters({ reason: (e.target.value || null) as QueueFilters['reason'] })}
            >
              <option value="">Any reason</option>
              {REASON_ORDER.map((r) => (
                <option key={r} value={r}>
                  {REASON_LABEL[r]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </details>

      <h2 className="queue-heading">
        {shown.length === 1 ? '1 case' : `${shown.length} cases`}
        {filters.state ? ` ${filters.state === 'OPEN' ? 'open' : 'claimed'}` : ''}
        {filtered ? ' matching the filters' : ''}
      </h2>
      {shown.length === 0 ? (
        <p>
          {cases.length === 0
            ? 'Nothing is waiting for review in your spaces. New cases appear here as soon as screening opens them.'
            : 'No case matches these filters.'}
        </p>
      ) : (
        <ol className="queue-list" ref={list} aria-label="Cases, most urgent first">
          {shown.map((item) => (
            <QueueCaseItem key={item.id} item={item} viewerId={viewerId} href={`/moderation/cases/${item.id}${search ? `?${search}` : ''}`} />
          ))}
        </ol>
      )}
      {data.moderationQueue.pageInfo.hasNextPage ? <p className="hint">Only the {QUEUE_PAGE} most urgent cases are shown; decide these first.</p> : null}
      <p className="hint">
        Press <kbd>?</kbd> for keyboard shortcuts.
      </p>
      <ShortcutsHelp controller={help} />
    </>
  );
}
