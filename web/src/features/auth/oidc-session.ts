import * as oauth from 'oauth4webapi';
import type { OidcSettings } from './api/sign-in-config';
import type { AuthSession, SessionEnd } from './session';

/*
 * What this tab keeps in sessionStorage (gone when the tab closes; never a token, tokens stay in
 * memory): the PKCE verifier, state and nonce of the one sign-in request in flight, which must
 * survive the round trip through the provider's pages (the standard place for a browser client),
 * and two flags that are not secrets.
 */
const PENDING_KEY = 'between-sessions.oidc.pending';
/** This tab is signed in: a reload asks the provider silently (prompt=none) instead of showing the sign-in page. */
const SIGNED_IN_KEY = 'between-sessions.oidc.signed-in';
/** Set just before the provider's sign-out, so the page it returns to can say "You have signed out". */
const SIGNED_OUT_KEY = 'between-sessions.oidc.signed-out';

/** Errors with which a prompt=none request says "the person has to sign in themselves". */
const INTERACTION_NEEDED = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);

/** A hidden frame that has not come back by then has failed (a provider that refuses framing never does). */
const SILENT_RENEWAL_TIMEOUT_MS = 10_000;
/** After a renewal that failed for a passing reason (offline, provider briefly down), try again this much later, while the token lasts. */
const RENEWAL_RETRY_MS = 15_000;
/** A token this close to expiry is renewed before it is used. */
const EXPIRY_MARGIN_MS = 5_000;

interface PendingSignIn {
  state: string;
  codeVerifier: string;
  nonce: string;
  /** The app path to show after signing in. */
  returnTo: string;
  /** A prompt=none request: "sign in needed" is then an answer, not a failure. */
  silent: boolean;
}

/** What the page should do as it loads. */
export type OidcStart =
  | { kind: 'signed-in'; session: AuthSession; returnTo: string }
  | { kind: 'signed-out'; returnTo: string; ended: SessionEnd | null; problem?: SignInProblem }
  /** The browser is on its way to the provider: render nothing more. */
  | { kind: 'redirecting' };

export type SignInProblem = 'cancelled' | 'failed';

function currentPath(): string {
  const { pathname, search, hash } = window.location;
  return `${pathname}${search}${hash}`;
}

function takeFromSession(key: string): string | null {
  const value = sessionStorage.getItem(key);
  sessionStorage.removeItem(key);
  return value;
}

/**
 * OpenID Connect sign-in for the web app: authorization code with PKCE (public client, no secret)
 * through `oauth4webapi`, against the provider GET /auth/config names. Tokens live in memory only.
 */
export class OidcClient {
  private metadata: Promise<oauth.AuthorizationServer> | undefined;
  private readonly client: oauth.Client;
  private readonly issuer: URL;
  /** Plain http only where the server allows it (a provider on the same machine, as in the tests). */
  private readonly requestOptions: { [oauth.allowInsecureRequests]?: boolean };

  constructor(
    private readonly settings: OidcSettings,
    private readonly origin = window.location.origin,
  ) {
    this.client = { client_id: settings.clientId };
    this.issuer = new URL(settings.issuer);
    this.requestOptions = this.issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
  }

  /** The hidden renewal frame loads the app at the callback address: that page must do nothing (the parent reads its address). */
  isRenewalFrame(): boolean {
    return window.self !== window.top && window.location.pathname === this.settings.redirectPath;
  }

  /**
   * As the page loads: finish a sign-in the provider sent back, or, where this tab was signed in
   * (a reload), ask the provider again without showing anything; otherwise signed out.
   */
  async start(): Promise<OidcStart> {
    if (window.location.pathname === this.settings.redirectPath) return this.finishSignIn(new URL(window.location.href));
    const ended: SessionEnd | null = takeFromSession(SIGNED_OUT_KEY) ? 'signed-out' : null;
    if (!ended && sessionStorage.getItem(SIGNED_IN_KEY)) {
      await this.signIn(currentPath(), { silent: true });
      return { kind: 'redirecting' };
    }
    return { kind: 'signed-out', returnTo: currentPath(), ended };
  }

  /** Sends the browser to the provider's sign-in (or, silent, to a prompt=none check); back at `returnTo` after. */
  async signIn(returnTo: string, { silent = false }: { silent?: boolean } = {}): Promise<void> {
    const pending = this.newRequest(returnTo, silent);
    const url = await this.authorizationUrl(pending);
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    window.location.assign(url.href);
  }

  /** Ends the provider's session too, where it offers RP-initiated logout; it then sends the browser back to `/`. */
  async signOutAtProvider(idToken: string | undefined): Promise<void> {
    sessionStorage.removeItem(SIGNED_IN_KEY);
    let endpoint: string | undefined;
    try {
      endpoint = (await this.server()).end_session_endpoint;
    } catch {
      return;
    }
    if (!endpoint) return;
    sessionStorage.setItem(SIGNED_OUT_KEY, '1');
    const url = new URL(endpoint);
    url.searchParams.set('client_id', this.settings.clientId);
    url.searchParams.set('post_logout_redirect_uri', `${this.origin}${this.settings.postLogoutRedirectPath}`);
    if (idToken) url.searchParams.set('id_token_hint', idToken);
    window.location.assign(url.href);
  }

  /** Forgets that this tab was signed in (the session expired here): a reload shows the sign-in page. */
  forgetSignedIn(): void {
    sessionStorage.removeItem(SIGNED_IN_KEY);
  }

  async refresh(refreshToken: string): Promise<oauth.TokenEndpointResponse> {
    const as = await this.server();
    const response = await oauth.refreshTokenGrantRequest(as, this.client, oauth.None(), refreshToken, {
      ...this.requestOptions,
      additionalParameters: this.resourceParameter(),
    });
    return oauth.processRefreshTokenResponse(as, this.client, response);
  }

  /**
   * A new token without a refresh token: the same authorization request with prompt=none, in a
   * hidden frame, answered at once while the provider's session lives. The frame ends on this
   * origin's callback address, whose query this page reads (same origin) before removing it.
   */
  async renewInFrame(): Promise<oauth.TokenEndpointResponse> {
    const pending = this.newRequest('', true);
    const url = await this.authorizationUrl(pending);
    const callback = await new Promise<URL>((resolve, reject) => {
      const frame = document.createElement('iframe');
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.title = 'Renewing your sign-in';
      frame.setAttribute('aria-hidden', 'true');
      const finish = (settle: () => void) => {
        window.clearTimeout(timer);
        frame.remove();
        settle();
      };
      const timer = window.setTimeout(() => finish(() => reject(new Error('silent renewal timed out'))), SILENT_RENEWAL_TIMEOUT_MS);
      frame.addEventListener('load', () => {
        let href: string;
        try {
          href = frame.contentWindow?.location.href ?? '';
        } catch {
          return; // still on the provider's origin
        }
        if (href.startsWith(this.redirectUri())) finish(() => resolve(new URL(href)));
      });
      frame.src = url.href;
      document.body.append(frame);
    });
    return this.exchangeCode(callback, pending);
  }

  private async finishSignIn(callback: URL): Promise<OidcStart> {
    const saved = takeFromSession(PENDING_KEY);
    // A callback this tab did not start (an old bookmark, a forged link) signs no one in.
    if (!saved) return { kind: 'signed-out', returnTo: '/', ended: null };
    const pending = JSON.parse(saved) as PendingSignIn;
    try {
      const tokens = await this.exchangeCode(callback, pending);
      sessionStorage.setItem(SIGNED_IN_KEY, '1');
      return { kind: 'signed-in', session: new OidcSession(this, tokens), returnTo: pending.returnTo };
    } catch (error) {
      sessionStorage.removeItem(SIGNED_IN_KEY);
      if (error instanceof oauth.AuthorizationResponseError) {
        if (pending.silent && INTERACTION_NEEDED.has(error.error)) return { kind: 'signed-out', returnTo: pending.returnTo, ended: null };
        if (error.error === 'access_denied') return { kind: 'signed-out', returnTo: pending.returnTo, ended: null, problem: 'cancelled' };
      }
      return { kind: 'signed-out', returnTo: pending.returnTo, ended: null, problem: 'failed' };
    }
  }

  private async exchangeCode(callback: URL, pending: PendingSignIn): Promise<oauth.TokenEndpointResponse> {
    const as = await this.server();
    const parameters = oauth.validateAuthResponse(as, this.client, callback, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(as, this.client, oauth.None(), parameters, this.redirectUri(), pending.codeVerifier, {
      ...this.requestOptions,
      additionalParameters: this.resourceParameter(),
    });
    // The ID token is kept for the provider's sign-out (id_token_hint); the nonce ties it to this request.
    return oauth.processAuthorizationCodeResponse(as, this.client, response, { expectedNonce: pending.nonce, requireIdToken: true });
  }

  private newRequest(returnTo: string, silent: boolean): PendingSignIn {
    return { state: oauth.generateRandomState(), codeVerifier: oauth.generateRandomCodeVerifier(), nonce: oauth.generateRandomNonce(), returnTo, silent };
  }

  private async authorizationUrl(pending: PendingSignIn): Promise<URL> {
    const as = await this.server();
    if (!as.authorization_endpoint) throw new Error('the identity provider names no authorization endpoint');
    const url = new URL(as.authorization_endpoint);
    const parameters: Record<string, string> = {
      client_id: this.settings.clientId,
      redirect_uri: this.redirectUri(),
      response_type: 'code',
      scope: this.settings.scopes,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      ...this.resourceParameter(),
      ...(pending.silent ? { prompt: 'none' } : {}),
    };
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    return url;
  }

  private resourceParameter(): Record<string, string> {
    return this.settings.resource ? { resource: this.settings.resource } : {};
  }

  private redirectUri(): string {
    return `${this.origin}${this.settings.redirectPath}`;
  }

  /** The provider's metadata, fetched once per page load; a failed fetch is tried again next time. */
  private server(): Promise<oauth.AuthorizationServer> {
    this.metadata ??= oauth
      .discoveryRequest(this.issuer, { ...this.requestOptions, algorithm: 'oidc' })
      .then((response) => oauth.processDiscoveryResponse(this.issuer, response))
      .catch((error: unknown) => {
        this.metadata = undefined;
        throw error;
      });
    return this.metadata;
  }
}

/**
 * One signed-in session: the access token (for the API), the refresh token when the provider
 * issues one, and the ID token (for sign-out), all in this object only. The access token is
 * renewed before it expires: with the refresh token, or else through the provider's session in a
 * hidden frame. When renewal cannot happen the token runs out and the app says the session ended.
 */
class OidcSession implements AuthSession {
  readonly method = 'oidc';
  private accessToken: string | null = null;
  private expiry = new Date(0);
  private refreshToken: string | undefined;
  private idToken: string | undefined;
  private renewing: Promise<void> | null = null;
  private timer: number | undefined;
  private ended = false;

  constructor(
    private readonly oidc: OidcClient,
    tokens: oauth.TokenEndpointResponse,
  ) {
    this.accept(tokens);
  }

  expiresAt(): Date {
    return this.expiry;
  }

  async getToken(): Promise<string | null> {
    // A timer in a background tab may run late: renew now rather than send a token about to lapse.
    if (!this.ended && Date.now() >= this.expiry.getTime() - EXPIRY_MARGIN_MS) await this.renew();
    return !this.ended && Date.now() < this.expiry.getTime() ? this.accessToken : null;
  }

  async end(reason: SessionEnd): Promise<void> {
    const idToken = this.idToken;
    this.ended = true;
    window.clearTimeout(this.timer);
    this.accessToken = null;
    this.refreshToken = undefined;
    this.idToken = undefined;
    if (reason === 'signed-out') await this.oidc.signOutAtProvider(idToken);
    else this.oidc.forgetSignedIn();
  }

  private accept(tokens: oauth.TokenEndpointResponse): void {
    this.accessToken = tokens.access_token;
    // Without expires_in (optional in OAuth), assume five minutes: renewal then keeps it honest.
    this.expiry = new Date(Date.now() + (tokens.expires_in ?? 300) * 1000);
    // Public clients' refresh tokens rotate: each answer carries the next one (or none, keeping the last).
    this.refreshToken = tokens.refresh_token ?? this.refreshToken;
    this.idToken = tokens.id_token ?? this.idToken;
    const lifetime = this.expiry.getTime() - Date.now();
    this.schedule(lifetime - Math.min(60_000, lifetime / 4));
  }

  private schedule(delayMs: number): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.renew(), Math.max(0, delayMs));
  }

  private renew(): Promise<void> {
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    try {
      let tokens: oauth.TokenEndpointResponse;
      try {
        tokens = this.refreshToken ? await this.oidc.refresh(this.refreshToken) : await this.oidc.renewInFrame();
      } catch (error) {
        // A refresh token the provider no longer honours: the provider's session may still renew us.
        if (!(this.refreshToken && error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant')) throw error;
        this.refreshToken = undefined;
        tokens = await this.oidc.renewInFrame();
      }
      if (!this.ended) this.accept(tokens);
    } catch (error) {
      // The provider's session is over: nothing renews this one, it ends with its token.
      if (error instanceof oauth.AuthorizationResponseError && INTERACTION_NEEDED.has(error.error)) return;
      // Offline or the provider briefly away: try again while the token still lasts.
      if (!this.ended && this.expiry.getTime() - Date.now() > RENEWAL_RETRY_MS + EXPIRY_MARGIN_MS) this.schedule(RENEWAL_RETRY_MS);
    }
  }
}
