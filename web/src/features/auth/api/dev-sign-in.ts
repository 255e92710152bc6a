import type { AuthSession } from '../session';

export type MemberRole = 'CLIENT' | 'PEER_SPECIALIST' | 'CLINICIAN' | 'ADMIN';

export interface DevMember {
  sub: string;
  role: MemberRole;
  displayName: string;
  about: string;
}

/** The demo members to sign in as, or null where development sign-in does not exist (production: 404). */
export async function fetchDevMembers(signal?: AbortSignal): Promise<DevMember[] | null> {
  const res = await fetch('/auth/dev/members', { headers: { accept: 'application/json' }, signal });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`development sign-in answered ${res.status}`);
  return (await res.json()) as DevMember[];
}

/** Signs in as one demo member: the server signs a development token with JWT_SECRET. */
export async function devSignIn(sub: string): Promise<AuthSession> {
  const res = await fetch('/auth/dev/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ sub }),
  });
  if (!res.ok) throw new Error(`development sign-in answered ${res.status}`);
  const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
  return createDevSession(token, new Date(expiresAt));
}

function createDevSession(initialToken: string, expiresAt: Date): AuthSession {
  let token: string | null = initialToken;
  return {
    method: 'development',
    expiresAt: () => expiresAt,
    getToken: async () => (token !== null && Date.now() < expiresAt.getTime() ? token : null),
    // Nothing to end elsewhere: the server keeps no session for a development token.
    end: async () => {
      token = null;
    },
  };
}
