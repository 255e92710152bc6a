import { useEffect, useMemo } from 'react';
import { useSubscription } from 'urql';
import { ModerationQueueChangedSubscription } from '../api/moderation';

/** If a socket drop swallowed events, the pages read again this often anyway. */
const SAFETY_REFETCH_MS = 30_000;

/**
 * Keeps every page that shows cases live: each `moderationQueueChanged` event invalidates the
 * queries holding a ModerationCase, which urql then reads again from the server (lists, counts and
 * the open case alike). A slow poll, and a read when the tab comes back or the network returns,
 * cover what a dropped socket missed.
 */
export function useLiveQueue(refetch: () => void): void {
  const context = useMemo(() => ({ additionalTypenames: ['ModerationCase'] }), []);
  // Each event also reads the page again: an empty queue holds no ModerationCase for the
  // invalidation to find, so a first case would otherwise wait for the safety poll.
  useSubscription({ query: ModerationQueueChangedSubscription, context }, (_previous: unknown, event: unknown) => {
    refetch();
    return event;
  });
  useEffect(() => {
    const timer = window.setInterval(refetch, SAFETY_REFETCH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refetch();
    };
    window.addEventListener('online', refetch);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', refetch);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refetch]);
}
