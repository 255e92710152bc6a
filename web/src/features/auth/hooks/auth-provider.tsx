import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SignInConfig } from '../api/sign-in-config';
import type { OidcClient, SignInProblem } from '../oidc-session';
import type { AuthSession, SessionEnd } from '../session';

interface AuthState {
  session: AuthSession | null;
  ended: SessionEnd | null;
}

/** How this server signs people in, decided once as the page loads (GET /auth/config). */
export interface SignInMethod {
  /** null: the server could not say (unreachable); the sign-in page tries the development picker, which says so. */
  config: SignInConfig | null;
  /** The identity provider's client, with OIDC sign-in. */
  oidc: OidcClient | null;
  /** What went wrong with the sign-in the provider just sent back, if anything. */
  problem: SignInProblem | null;
}

export interface Auth extends AuthState {
  signIn(session: AuthSession): void;
  signOut(reason?: SessionEnd): Promise<void>;
  method: SignInMethod;
}

const NO_METHOD: SignInMethod = { config: null, oidc: null, problem: null };

const AuthContext = createContext<Auth | null>(null);

/** setTimeout's longest delay; a later expiry is re-checked in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Holds the one session in memory (React state), and ends it when its token expires. `initial`: a session the page load already made (OIDC). */
export function AuthProvider({ children, initial, method = NO_METHOD }: { children: ReactNode; initial?: AuthState; method?: SignInMethod }) {
  const [state, setState] = useState<AuthState>(initial ?? { session: null, ended: null });
  // The session to end, read outside React's state updates: an updater may run later (or twice), and ending must happen exactly once.
  const current = useRef<AuthSession | null>(state.session);

  const signIn = useCallback((session: AuthSession) => {
    current.current = session;
    setState({ session, ended: null });
  }, []);
  const signOut = useCallback(async (reason: SessionEnd = 'signed-out') => {
    const ending = current.current;
    if (!ending) return;
    current.current = null;
    setState({ session: null, ended: reason });
    await ending.end(reason);
  }, []);

  const { session } = state;
  useEffect(() => {
    if (!session) return undefined;
    let timer: number | undefined;
    const check = () => {
      const left = session.expiresAt().getTime() - Date.now();
      if (left <= 0) void signOut('expired');
      else timer = window.setTimeout(check, Math.min(left, MAX_TIMER_MS));
    };
    check();
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo<Auth>(() => ({ ...state, signIn, signOut, method }), [state, signIn, signOut, method]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
