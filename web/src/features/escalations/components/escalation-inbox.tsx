import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Link } from 'wouter';
import { useQuery } from 'urql';
import { Loading } from '../../../components/loading';
import { LoadProblem } from '../../../components/problem';
import { alertStaff } from '../../../lib/staff-alerts';
import { useNow } from '../../../lib/use-now';
import type { EscalationStatus, InboxEscalationFieldsFragment } from '../../../lib/gql/graphql';
import { EscalationsQuery } from '../api/escalations';
import { byUrgency, missedDeadlines, SEVERITY_BADGE, SEVERITY_LABEL } from '../escalation-labels';
import { useAcknowledge, type AckProblem } from '../hooks/use-acknowledge';
import { useLiveEscalations, withLatest } from '../hooks/use-live-escalations';
import { EscalationFacts } from './escalation-facts';

/** As many as one page holds: the program's whole unresolved list in practice. */
const INBOX_PAGE = 50;

function useEscalations(status: EscalationStatus) {
  const [result, reexecute] = useQuery({ query: EscalationsQuery, variables: { status, first: INBOX_PAGE } });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const items: InboxEscalationFieldsFragment[] = useMemo(() => result.data?.escalations.edges.map((e) => e.node) ?? [], [result.data]);
  return { result, items, refetch };
}

function InboxItem({
  e,
  viewerId,
  onAcknowledge,
  busy,
  problem,
}: {
  e: InboxEscalationFieldsFragment;
  viewerId: string;
  onAcknowledge?: (id: string) => void;
  busy: boolean;
  problem: AckProblem | null;
}) {
  const badge = SEVERITY_BADGE[e.severity];
  return (
    <li className={`queue-item queue-item--${badge}`}>
      <h3 className="queue-item__title">
        <Link href={`/escalations/${e.id}`} className="queue-item__link">
          <span className={`priority priority--${badge}`}>{SEVERITY_LABEL[e.severity]}</span>
          <span className="visually-hidden">: </span> {e.subject.displayName}
          {e.post?.thread ? <span className="queue-item__thread"> · {e.post.thread.title}</span> : null}
          {e.signalCount > 1 ? <span className="queue-item__thread"> · {e.signalCount} signals</span> : null}
        </Link>
      </h3>
      <EscalationFacts e={e} viewerId={viewerId} />
      {problem?.escalationId === e.id ? (
        <p className="error-message" role="alert">
          {problem.message}
        </p>
      ) : null}
      {onAcknowledge ? (
        <button type="button" className="button button--primary queue-item__action" disabled={busy} onClick={() => onAcknowledge(e.id)}>
          Acknowledge<span className="visually-hidden"> the escalation for {e.subject.displayName}</span>
        </button>
      ) : null}
    </li>
  );
}

/**
 * The clinician's live inbox: escalations waiting for an acknowledgement (most severe, then the
 * nearest deadline, first), then the acknowledged ones still to resolve. One button acknowledges;
 * every other open inbox shows it within a second (escalationChanged).
 */
export function EscalationInbox({ viewerId }: { viewerId: string }) {
  const open = useEscalations('OPEN');
  const acknowledged = useEscalations('ACKNOWLEDGED');
  const refetchOpen = open.refetch;
  const refetchAcknowledged = acknowledged.refetch;
  const refetchAll = useCallback(() => {
    refetchOpen();
    refetchAcknowledged();
  }, [refetchOpen, refetchAcknowledged]);
  const latest = useLiveEscalations(refetchAll);
  const ack = useAcknowledge(refetchAll);
  const now = useNow(5_000);

  const all = useMemo(() => withLatest([...open.items, ...acknowledged.items], latest), [open.items, acknowledged.items, latest]);
  const waiting = useMemo(() => all.filter((e) => e.status === 'OPEN').sort(byUrgency), [all]);
  const inHand = useMemo(() => all.filter((e) => e.status === 'ACKNOWLEDGED').sort(byUrgency), [all]);

  // Say it (and, when opted in, beep) when a new escalation arrives while the page is open.
  const announce = useRef<HTMLParagraphElement>(null);
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!open.result.data) return;
    const ids = new Set(waiting.map((e) => e.id));
    const fresh = seen.current ? waiting.filter((e) => !seen.current!.has(e.id)) : [];
    seen.current = new Set([...(seen.current ?? []), ...ids]);
    if (fresh.length === 0) return;
    const words = `${fresh.length === 1 ? 'A new escalation' : `${fresh.length} new escalations`}: ${fresh.map((e) => `${SEVERITY_LABEL[e.severity]}, ${e.subject.displayName}`).join('; ')}.`;
    if (announce.current) announce.current.textContent = words;
    alertStaff('New escalation', words, `escalation-${fresh[0].id}`);
  }, [open.result.data, waiting]);

  if ((open.result.fetching && !open.result.data) || (acknowledged.result.fetching && !acknowledged.result.data)) return <Loading what="Loading the inbox" />;
  if (!open.result.data || !acknowledged.result.data) return open.result.error || acknowledged.result.error ? <LoadProblem retry={refetchAll} /> : null;

  const overdue = waiting.filter((e) => missedDeadlines(e) > 0 || new Date(e.ackDueAt).getTime() < now).length;
  return (
    <>
      <p className="visually-hidden" role="status" ref={announce} />
      {overdue > 0 ? (
        <p className="queue-urgent">
          <strong>
            {overdue} escalation{overdue === 1 ? ' has' : 's have'} missed an acknowledgement deadline
          </strong>{' '}
          and {overdue === 1 ? 'is' : 'are'} paging more people until someone acknowledges.
        </p>
      ) : null}
      <section aria-labelledby="inbox-waiting">
        <h2 id="inbox-waiting">Waiting for a clinician ({waiting.length})</h2>
        {waiting.length === 0 ? (
          <p>No escalation is waiting. New ones appear here as soon as they are raised.</p>
        ) : (
          <ol className="queue-list" aria-labelledby="inbox-waiting">
            {waiting.map((e) => (
              <InboxItem key={e.id} e={e} viewerId={viewerId} onAcknowledge={(id) => void ack.acknowledge(id)} busy={ack.fetching} problem={ack.problem} />
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="inbox-acknowledged">
        <h2 id="inbox-acknowledged">Acknowledged, to resolve ({inHand.length})</h2>
        {inHand.length === 0 ? (
          <p>Nothing acknowledged is waiting for an outcome.</p>
        ) : (
          <ol className="queue-list" aria-labelledby="inbox-acknowledged">
            {inHand.map((e) => (
              <InboxItem key={e.id} e={e} viewerId={viewerId} busy={false} problem={ack.problem} />
            ))}
          </ol>
        )}
      </section>
      {open.result.data.escalations.pageInfo.hasNextPage || acknowledged.result.data.escalations.pageInfo.hasNextPage ? (
        <p className="hint">Only the {INBOX_PAGE} newest of each are shown.</p>
      ) : null}
      <p>
        <Link href="/escalations?show=resolved" className="link-standalone">
          Recently resolved escalations
        </Link>
      </p>
    </>
  );
}

/** The newest resolved escalations, with their outcome: a look back, not a work list. */
export function ResolvedEscalations({ viewerId }: { viewerId: string }) {
  const resolved = useEscalations('RESOLVED');
  useLiveEscalations(resolved.refetch);
  if (resolved.result.fetching && !resolved.result.data) return <Loading what="Loading resolved escalations" />;
  if (!resolved.result.data) return resolved.result.error ? <LoadProblem retry={resolved.refetch} /> : null;
  return (
    <>
      <p>
        <Link href="/escalations">Back to the inbox</Link>
      </p>
      <h2 id="inbox-resolved">Recently resolved ({resolved.items.length})</h2>
      {resolved.items.length === 0 ? (
        <p>No escalation has been resolved yet.</p>
      ) : (
        <ol className="queue-list" aria-labelledby="inbox-resolved">
          {resolved.items.map((e) => (
            <InboxItem key={e.id} e={e} viewerId={viewerId} busy={false} problem={null} />
          ))}
        </ol>
      )}
    </>
  );
}
