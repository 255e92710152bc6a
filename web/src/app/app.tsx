import { AuthProvider } from '../features/auth/hooks/auth-provider';
import { GraphqlProvider } from './graphql-provider';
import { AppRoutes } from './routes';
import { Shell } from './shell';
import { ViewerProvider } from './viewer';

/** The whole app: the session (memory only), one GraphQL client per session, the signed-in member, the shell and its pages. */
export function App() {
  return (
    <AuthProvider>
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
