import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';

/** A person the provider knows, with the claims the forum reads from its access tokens. */
export interface TestAccount {
  sub: string;
  role: string;
  name?: string;
  cohort?: string;
  /** What the login page shows for this account. */
  label: string;
}

export interface TestIdentityProviderOptions {
  /** The web app's origin, e.g. http://127.0.0.1:41234: its redirect URIs are registered and CORS is allowed for it. */
  appOrigin: string;
  clientId: string;
  /** The API's resource indicator: access tokens for it are JWTs with this audience. */
  resource: string;
  accounts: readonly TestAccount[];
  /** Short lifetimes let a test watch the app renew before expiry. */
  accessTokenSeconds?: number;
}

export interface RunningIdentityProvider {
  issuer: string;
  /** Whether sign-ins from now on get a refresh token (off: the app must renew through the provider's session, prompt=none). */
  setRefreshTokens(issue: boolean): void;
  close(): Promise<void>;
}

/** Paths the web app registers (see web/src/lib/auth: the OIDC callback and where sign-out returns). */
export const APP_REDIRECT_PATH = '/sign-in/callback';
export const APP_POST_LOGOUT_PATH = '/';

const PAGE_STYLE = `body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}main{max-width:32rem;margin:2rem auto;padding:0 1rem}
fieldset{border:0;padding:0;margin:0 0 1.5rem}legend{font-weight:700;margin-bottom:.5rem}label{display:flex;gap:.75rem;align-items:center;padding:.75rem;border:2px solid #505a5f;border-radius:.25rem;margin:.5rem 0;min-height:2.75rem}
button{font:inherit;font-weight:700;padding:.75rem 1.25rem;border:2px solid #00703c;background:#00703c;color:#fff;border-radius:.25rem;min-height:2.75rem;margin:0 .5rem .5rem 0}
button.secondary{background:#fff;color:#1b1b1b;border-color:#505a5f}:focus-visible{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}`;

function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(title)} - Test identity provider</title><style>${PAGE_STYLE}</style></head><body><main>${body}</main></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID Connect provider (node `oidc-provider`) on 127.0.0.1 with a random port, set up as
 * a program's identity provider would be for the forum: one public client with PKCE, JWT access
 * tokens for the API's resource indicator carrying `role` (and `name`, `cohort`), refresh tokens,
 * RP-initiated logout, and the smallest login page a test can fill (pick an account). Consent is
 * implied for this first-party client, as a program's own provider would configure it.
 *
 * oidc-provider is ESM only: load this module in plain Node (>= 20.19 requires ESM), not inside
 * Jest's module sandbox.
 */
export async function startTestIdentityProvider(options: TestIdentityProviderOptions): Promise<RunningIdentityProvider> {
  const { default: Provider, errors } = await import('oidc-provider');
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  const accessTokenSeconds = options.accessTokenSeconds ?? 600;
  let issueRefreshTokens = true;

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_name: 'Between Sessions',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${options.appOrigin}${APP_REDIRECT_PATH}`],
        post_logout_redirect_uris: [`${options.appOrigin}${APP_POST_LOGOUT_PATH}`],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'offline_access', 'profile'],
    claims: { openid: ['sub'], profile: ['name'] },
    pkce: { required: () => true },
    // As most providers do for a client allowed the grant, without the prompt=consent that OIDC
    // Core asks of offline_access (a first-party app shows no consent page). The refresh token
    // still ends with the provider's session: signing out there ends it.
    issueRefreshToken: (_ctx, client) => issueRefreshTokens && client.grantTypeAllowed('refresh_token'),
    ttl: { AccessToken: accessTokenSeconds, IdToken: 3600, RefreshToken: 24 * 3600, Interaction: 600, Session: 24 * 3600, Grant: 24 * 3600 },
    // Only the web app's origin may call the token endpoint from a page.
    clientBasedCORS: (_ctx, origin) => origin === options.appOrigin,
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, name: account.name }) };
    },
    // The forum's claims travel in the access token itself: the API reads nothing else.
    extraTokenClaims: (_ctx, token) => {
      const account = 'accountId' in token && token.accountId ? accounts.get(token.accountId) : undefined;
      if (!account) return undefined;
      return { role: account.role, ...(account.name ? { name: account.name } : {}), ...(account.cohort ? { cohort: account.cohort } : {}) };
    },
    // A first-party client: the program's provider grants what it asks for without a consent page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { session, client, params, provider, result } = ctx.oidc;
      if (!session?.accountId || !client) return undefined;
      const grantId = (result?.consent as { grantId?: string } | undefined)?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      const grant = existing ?? new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      if (typeof params?.scope === 'string') grant.addOIDCScope(params.scope);
      grant.addResourceScope(options.resource, 'forum');
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.resource,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== options.resource) throw new errors.InvalidTarget();
          return { scope: 'forum', audience: options.resource, accessTokenFormat: 'jwt', accessTokenTTL: accessTokenSeconds, jwt: { sign: { alg: 'RS256' } } };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page(
            'Sign out',
            `<h1>Sign out of the test identity provider?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page('Signed out', '<h1>You are signed out</h1>');
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Error', `<h1>Something went wrong</h1><p>${htmlEscape(String(out.error))}: ${htmlEscape(String(out.error_description ?? ''))}</p>`);
    },
  };

  const provider = new Provider(issuer, configuration);
  const oidc = provider.callback();

  /** The login interaction: a page listing the accounts, and its form's answer. */
  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new errors.SessionNotFound('interaction mismatch');
    if (req.method === 'POST' && action === 'login') {
      const sub = (await formBody(req)).get('account') ?? '';
      if (!accounts.has(sub)) {
        res
          .writeHead(400, { 'content-type': 'text/html; charset=utf-8' })
          .end(page('Choose an account', '<h1>Choose an account</h1><p>That account does not exist.</p>'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
      return;
    }
    if (req.method === 'POST' && action === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person cancelled sign-in.' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const choices = [...accounts.values()]
      .map(
        (account, i) =>
          `<label><input type="radio" name="account" value="${htmlEscape(account.sub)}"${i === 0 ? ' checked' : ''}> ${htmlEscape(account.label)}</label>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(
      page(
        'Sign in',
        `<h1>Sign in to your program</h1>
<form method="post" action="/interaction/${htmlEscape(uid)}/login"><fieldset><legend>Who are you?</legend>${choices}</fieldset><button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${htmlEscape(uid)}/abort"><button class="secondary" type="submit">Cancel</button></form>`,
      ),
    );
  };

  handle = (req, res) => {
    const { pathname } = new URL(req.url ?? '/', issuer);
    // Browsers ask every origin for one; a 404 would be a console error in every browser test.
    if (pathname === '/favicon.ico') return void res.writeHead(204).end();
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(pathname);
    if (!match) return void oidc(req, res);
    interaction(req, res, match[1], match[2]).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Sign in', `<h1>Sign-in could not continue</h1><p>${htmlEscape(error instanceof Error ? error.message : 'unknown error')}</p>`));
    });
  };

  return {
    issuer,
    setRefreshTokens: (issue) => {
      issueRefreshTokens = issue;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
