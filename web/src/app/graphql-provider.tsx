import { useEffect, useMemo, type ReactNode } from 'react';
import { Provider } from 'urql';
import { useAuth } from '../features/auth/hooks/auth-provider';
import { createGraphqlConnection } from '../lib/graphql-client';

/**
 * A new GraphQL client for every session (and one without a token while signed out, for the
 * public crisis resources): a member never sees what the previous one had cached.
 */
export function GraphqlProvider({ children }: { children: ReactNode }) {
  const { session, signOut } = useAuth();
  const connection = useMemo(
    () =>
      createGraphqlConnection({
        getToken: () => (session ? session.getToken() : Promise.resolve(null)),
        onUnauthenticated: () => {
          if (session) void signOut('expired');
        },
        onAccessEnded: () => {
          if (session) void signOut('access-ended');
        },
        onNotInvited: () => {
          if (session) void signOut('not-invited');
        },
      }),
    [session, signOut],
  );
  useEffect(() => () => connection.dispose(), [connection]);
  return <Provider value={connection.client}>{children}</Provider>;
}
