import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AuthSession, SessionEnd } from '../session';

interface AuthState {
  session: AuthSession | null;
  ended: SessionEnd | null;
}

export interface Auth extends AuthState {
  signIn(session: AuthSession): void;
  signOut(reason?: SessionEnd): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/** setTimeout's longest delay; a later expiry is re-checked in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Holds the one session in memory (React state), and ends it when its token expires. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ session: null, ended: null });

  const signIn = useCallback((session: AuthSession) => setState({ session, ended: null }), []);
  const signOut = useCallback(async (reason: SessionEnd = 'signed-out') => {
    let ending: AuthSession | null = null;
    setState((current) => {
      ending = current.session;
      return current.session ? { session: null, ended: reason } : current;
    });
    await (ending as AuthSession | null)?.end();
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

  const value = useMemo<Auth>(() => ({ ...state, signIn, signOut }), [state, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
