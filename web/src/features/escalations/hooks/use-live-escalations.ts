import { useMemo } from 'react';
import { useSubscription } from 'urql';
import { useLiveRefresh } from '../../../lib/use-live-refresh';
import { EscalationChangedSubscription, EscalationRaisedSubscription } from '../api/escalations';

/**
 * Keeps every page that shows escalations live: a new or climbing escalation (`escalationRaised`)
 * and a colleague's acknowledgement or resolution (`escalationChanged`) both read the page again,
 * so a countdown stops on every clinician's screen at once. The socket reconnecting, the network
 * returning and a slow poll cover what a dropped socket missed.
 */
export function useLiveEscalations(refetch: () => void): void {
  const context = useMemo(() => ({ additionalTypenames: ['Escalation'] }), []);
  const onEvent = (_previous: unknown, event: unknown) => {
    refetch();
    return event;
  };
  useSubscription({ query: EscalationRaisedSubscription, context }, onEvent);
  useSubscription({ query: EscalationChangedSubscription, context }, onEvent);
  useLiveRefresh(refetch);
}
