import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { ViewerQuery } from '../features/auth/api/viewer';
import { useAuth } from '../features/auth/hooks/auth-provider';
import { useMyPostChanges } from '../features/forum/hooks/use-my-post-changes';
import type { ViewerQuery as ViewerQueryResult } from '../lib/gql/graphql';

export type Viewer = ViewerQueryResult['me'];

interface ViewerState {
  viewer: Viewer | null;
  /** Signed in, and the member is still being read. */
  loading: boolean;
}

const ViewerContext = createContext<ViewerState>({ viewer: null, loading: false });

/** Who is signed in (`me`), for every page; and, while signed in, the live updates of their own posts. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const [{ data, fetching }] = useQuery({ query: ViewerQuery, pause: !session, requestPolicy: 'cache-first' });
  const viewer = session ? (data?.me ?? null) : null;
  useMyPostChanges(viewer !== null);
  return <ViewerContext.Provider value={{ viewer, loading: Boolean(session) && !viewer && fetching }}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerState {
  return useContext(ViewerContext);
}
