import { useMemo } from 'react';
import { useSubscription } from 'urql';
import { useLiveRefresh } from '../../../lib/use-live-refresh';
import { ModerationQueueChangedSubscription } from '../api/moderation';

/**
 * Keeps every page that shows cases live: each `moderationQueueChanged` event invalidates the
 * queries holding a ModerationCase, which urql then reads again from the server (lists, counts and
 * the open case alike). A slow poll, and a read when the socket reconnects, the tab comes back or
 * the network returns, cover what a dropped socket missed.
 */
export function useLiveQueue(refetch: () => void): void {
  const context = useMemo(() => ({ additionalTypenames: ['ModerationCase'] }), []);
  // Each event also reads the page again: an empty queue holds no ModerationCase for the
  // invalidation to find, so a first case would otherwise wait for the safety poll.
  useSubscription({ query: ModerationQueueChangedSubscription, context }, (_previous: unknown, event: unknown) => {
    refetch();
    return event;
  });
  useLiveRefresh(refetch);
}
