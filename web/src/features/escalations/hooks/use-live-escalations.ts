import { useCallback, useMemo, useState } from 'react';
import { useSubscription } from 'urql';
import type { EscalationStatus, InboxEscalationFieldsFragment } from '../../../lib/gql/graphql';
import { useLiveRefresh } from '../../../lib/use-live-refresh';
import { EscalationChangedSubscription, EscalationRaisedSubscription } from '../api/escalations';

/** Escalations only move forward: open, then acknowledged, then resolved. */
const PROGRESS: Record<EscalationStatus, number> = { OPEN: 0, ACKNOWLEDGED: 1, RESOLVED: 2 };

/**
 * Lays what the events said over what the last read returned: an escalation an event saw further
 * along (acknowledged, resolved) or that the list does not hold yet (just raised) shows as the event
 * had it; otherwise the read wins, being at least as fresh. The read that each event starts then
 * settles everything.
 */
export function withLatest(
  read: readonly InboxEscalationFieldsFragment[],
  latest: ReadonlyMap<string, InboxEscalationFieldsFragment>,
): InboxEscalationFieldsFragment[] {
  const byId = new Map(read.map((e) => [e.id, e]));
  for (const [id, event] of latest) {
    const known = byId.get(id);
    if (!known || PROGRESS[event.status] > PROGRESS[known.status]) byId.set(id, event);
  }
  return [...byId.values()];
}

/**
 * Keeps every page that shows escalations live: a new or climbing escalation (`escalationRaised`)
 * and a colleague's acknowledgement or resolution (`escalationChanged`) show at once from the event
 * (`latest`, for `withLatest`) and read the page again, so a countdown stops on every clinician's
 * screen together. The socket reconnecting, the network returning and a slow poll cover what a
 * dropped socket missed.
 */
export function useLiveEscalations(refetch: () => void): ReadonlyMap<string, InboxEscalationFieldsFragment> {
  const context = useMemo(() => ({ additionalTypenames: ['Escalation'] }), []);
  const [latest, setLatest] = useState<ReadonlyMap<string, InboxEscalationFieldsFragment>>(() => new Map());
  const remember = useCallback(
    (escalation: InboxEscalationFieldsFragment | undefined) => {
      if (escalation) setLatest((known) => new Map(known).set(escalation.id, escalation));
      refetch();
    },
    [refetch],
  );
  useSubscription({ query: EscalationRaisedSubscription, context }, (_previous: unknown, event) => {
    remember(event.escalationRaised);
    return event;
  });
  useSubscription({ query: EscalationChangedSubscription, context }, (_previous: unknown, event) => {
    remember(event.escalationChanged);
    return event;
  });
  useLiveRefresh(refetch);
  return latest;
}
