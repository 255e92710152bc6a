import { AuthProvider, type SignInMethod } from '../features/auth/hooks/auth-provider';
import type { AuthSession, SessionEnd } from '../features/auth/session';
import { GraphqlProvider } from './graphql-provider';
import { AppRoutes } from './routes';
import { Shell } from './shell';
import { ViewerProvider } from './viewer';

/** The whole app: the session (memory only), one GraphQL client per session, the signed-in member, the shell and its pages. */
export function App({ initial, method }: { initial?: { session: AuthSession | null; ended: SessionEnd | null }; method?: SignInMethod }) {
  return (
    <AuthProvider initial={initial} method={method}>
      <GraphqlProvider>
        <ViewerProvider>
          <Shell>
            <AppRoutes />
          </Shell>
        </ViewerProvider>
      </GraphqlProvider>
    </AuthProvider>
  );
}
