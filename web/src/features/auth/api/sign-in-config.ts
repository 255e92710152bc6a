/** The identity provider's public settings, from the server (GET /auth/config): no secret, the app is a public client with PKCE. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Space-separated, always with `openid`. */
  scopes: string;
  /** RFC 8707 resource indicator for the API, when the provider needs one. */
  resource?: string;
  /** The app's addresses the provider sends the browser back to, after sign-in and after sign-out (registered at the provider). */
  redirectPath: string;
  postLogoutRedirectPath: string;
}

/** Which sign-in this server offers: the identity provider, the development picker, or none (production without OIDC). */
export type SignInConfig = { method: 'oidc'; oidc: OidcSettings } | { method: 'dev' } | { method: 'none' };

/** Asked once at start-up, so one build of the app serves every deployment. */
export async function fetchSignInConfig(): Promise<SignInConfig> {
  const res = await fetch('/auth/config', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`sign-in settings answered ${res.status}`);
  return (await res.json()) as SignInConfig;
}
