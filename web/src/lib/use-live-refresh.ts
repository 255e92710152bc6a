import { useEffect } from 'react';
import { onSocketReconnected } from './socket-reconnects';

/** If a socket drop swallowed events, the pages read again this often anyway. */
const SAFETY_REFETCH_MS = 30_000;

/**
 * What a live page does besides its subscription: read again when the socket reconnects, the
 * network returns or the tab comes back (each may have missed events), and a slow safety poll.
 */
export function useLiveRefresh(refetch: () => void): void {
  useEffect(() => {
    const timer = window.setInterval(refetch, SAFETY_REFETCH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refetch();
    };
    const stopListening = onSocketReconnected(refetch);
    window.addEventListener('online', refetch);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      stopListening();
      window.removeEventListener('online', refetch);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refetch]);
}
