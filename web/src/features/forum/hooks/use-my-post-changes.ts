import { useMemo } from 'react';
import { useSubscription } from 'urql';
import { MyPostChangedSubscription } from '../api/posting';

/**
 * Keeps the signed-in author's posts live: every change the server announces (screened, held,
 * released) makes the pages that show posts, threads or notices read them again, so what is on
 * screen is the server's real state, never a guess.
 */
export function useMyPostChanges(enabled: boolean): void {
  const context = useMemo(() => ({ additionalTypenames: ['Post', 'Thread', 'Notification'] }), []);
  useSubscription({ query: MyPostChangedSubscription, pause: !enabled, context });
}
