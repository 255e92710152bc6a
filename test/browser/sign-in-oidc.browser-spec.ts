import { Browser, Page, Response } from 'playwright-core';
import { freePort } from '../utils/app-process';
import { AppProcess } from '../utils/app-process';
import { IdentityProviderProcess, startIdentityProviderProcess } from '../identity-provider/identity-provider-process';
import { launchBrowser, openJourney, startServer, WIDTHS } from './browser-harness';

/** A client is shown by a generated pseudonym, never by the provider's `name` claim (issue #17). */
const GENERATED_PSEUDONYM = /[A-Z][a-z]+ [A-Z][a-z]+ \d{1,2}/;

const CLIENT_ID = 'between-sessions-web';
const RESOURCE = 'urn:between-sessions:api';
/** Short, so each test sees the app renew its token before expiry; the app renews a quarter of a lifetime early. */
const ACCESS_TOKEN_SECONDS = 20;
const ME = '{ me { role displayName } }';

/**
 * Journey 1 in production: OpenID Connect authorization code + PKCE against a real provider
 * (node oidc-provider in its own process, test/identity-provider) and the real server started with
 * NODE_ENV=production, so the development picker does not exist. The browser signs in on the
 * provider's own pages, comes back signed in, renews its token before expiry (refresh token, or
 * the provider's session in a hidden frame when there is none), survives a reload without seeing
 * a form, and signs out at the provider too.
 */
describe('journey 1: signing in (production, OpenID Connect)', () => {
  let idp: IdentityProviderProcess;
  let server: AppProcess;
  let browser: Browser;
  let appUrl: string;

  beforeAll(async () => {
    // The provider registers the app's address, so the app's port is chosen first.
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    idp = await startIdentityProviderProcess({
      appOrigin: appUrl,
      clientId: CLIENT_ID,
      resource: RESOURCE,
      accessTokenSeconds: ACCESS_TOKEN_SECONDS,
      accounts: [
        { sub: 'idp-client-sky', role: 'CLIENT', name: 'Sky', cohort: 'spring', label: 'Sky (client)' },
        { sub: 'idp-peer-pat', role: 'PEER_SPECIALIST', name: 'Pat', label: 'Pat (peer specialist)' },
      ],
    });
    // JWT_SECRET stays set (the test environment's): production must ignore it and offer no picker.
    server = await startServer(
      { NODE_ENV: 'production', OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_RESOURCE: RESOURCE, TOXICITY_REQUIRED: 'false' },
      { port },
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await idp?.close();
  });

  /** The next answer of the provider's token endpoint for this grant type. */
  const tokenResponse = (page: Page, grantType: 'authorization_code' | 'refresh_token', timeout = 30_000): Promise<Response> =>
    page.waitForResponse(
      (res) =>
        res.url() === `${idp.issuer}/token` &&
        res.request().method() === 'POST' &&
        new URLSearchParams(res.request().postData() ?? '').get('grant_type') === grantType,
      { timeout },
    );

  const isSilentAuthorization = (url: string) => url.startsWith(`${idp.issuer}/auth?`) && new URL(url).searchParams.get('prompt') === 'none';

  /** Whether the next GraphQL request the page sends carries exactly this access token. */
  const nextApiToken = (page: Page) =>
    page.waitForRequest((req) => req.url() === `${appUrl}/graphql` && req.method() === 'POST').then((req) => req.headers().authorization);

  describe.each(WIDTHS)('at %i px', (width) => {
    it('should sign in at the provider, renew before expiry, stay signed in across a reload without a form, and sign out there too', async () => {
      await idp.setRefreshTokens(true);
      const journey = await openJourney(browser, appUrl, 'sign-in-oidc', width);
      const { page } = journey;
      // Every time the provider's login form is shown in the tab.
      const loginForms: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && frame.url().startsWith(`${idp.issuer}/interaction/`)) loginForms.push(frame.url());
      });
      try {
        await page.goto('/');
        await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
        // Production: the program's sign-in only; the demo-member picker does not exist, on the page or on the server.
        await page.getByRole('button', { name: 'Sign in with your program account' }).waitFor();
        expect(await page.getByRole('radio').count()).toBe(0);
        expect(await page.getByText(/demo/i).count()).toBe(0);
        expect((await page.request.get('/auth/dev/members')).status()).toBe(404);
        await journey.shot('sign-in');
        expect(await journey.axe()).toEqual([]);

        // The provider's page; cancelling there comes back with a calm word, not an error page.
        await page.getByRole('button', { name: 'Sign in with your program account' }).click();
        await page.getByRole('heading', { level: 1, name: 'Sign in to your program' }).waitFor();
        expect(new URL(page.url()).origin).toBe(idp.issuer);
        await journey.shot('provider-sign-in');
        expect(await journey.axe()).toEqual([]);
        await page.getByRole('button', { name: 'Cancel' }).click();
        await page.getByText('Sign-in was cancelled').waitFor();
        await journey.shot('sign-in-cancelled');
        expect(await journey.axe()).toEqual([]);

        await page.getByRole('button', { name: 'Sign in with your program account' }).click();
        await page.getByRole('radio', { name: 'Sky (client)' }).check();
        const signedIn = tokenResponse(page, 'authorization_code');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        const tokens = (await (await signedIn).json()) as { access_token: string; id_token: string; refresh_token?: string };
        await page.getByRole('heading', { level: 1, name: 'Spaces' }).waitFor();
        await page.getByText('Signed in as').getByText(GENERATED_PSEUDONYM).waitFor();
        expect(new URL(page.url()).pathname).toBe('/');
        await journey.shot('signed-in');
        expect(await journey.axe()).toEqual([]);

        // The provider's access token is what the API takes; its ID token (audience: the web client) is refused.
        expect((await server.gql<{ me: { role: string } }>(ME, {}, tokens.access_token)).data?.me.role).toBe('CLIENT');
        expect((await server.gql(ME, {}, tokens.id_token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        // No token anywhere a script could read it later: memory only.
        const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
        expect(stored).not.toMatch(/eyJ/);
        expect(tokens.refresh_token).toBeDefined();
        expect(stored).not.toContain(tokens.refresh_token);

        // Before the access token expires the app swaps it, with the refresh token, and uses the new one.
        const refreshed = await tokenResponse(page, 'refresh_token', ACCESS_TOKEN_SECONDS * 3 * 1000);
        expect(refreshed.status()).toBe(200);
        const renewed = (await refreshed.json()) as { access_token: string };
        expect(renewed.access_token).not.toBe(tokens.access_token);
        const usedToken = nextApiToken(page);
        await page.getByRole('link', { name: 'Anxiety' }).click();
        expect(await usedToken).toBe(`Bearer ${renewed.access_token}`);
        await page.getByRole('heading', { level: 1, name: 'Anxiety' }).waitFor();

        // A reload loses the tokens (memory only) and asks the provider again, without showing its form.
        const formsBeforeReload = loginForms.length;
        const silent = page.waitForRequest((req) => req.frame() === page.mainFrame() && isSilentAuthorization(req.url()));
        await page.reload();
        await silent;
        await page.getByRole('heading', { level: 1, name: 'Anxiety' }).waitFor();
        await page.getByText('Signed in as').getByText(GENERATED_PSEUDONYM).waitFor();
        expect(loginForms).toHaveLength(formsBeforeReload);
        await journey.shot('after-reload');

        // Signing out ends the provider's session too: its confirmation, then back here.
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('heading', { level: 1, name: 'Sign out of the test identity provider?' }).waitFor();
        await journey.shot('provider-sign-out');
        expect(await journey.axe()).toEqual([]);
        await page.getByRole('button', { name: 'Yes, sign me out' }).click();
        await page.getByText('You have signed out').waitFor();
        expect(new URL(page.url()).origin).toBe(appUrl);
        await journey.shot('signed-out');
        expect(await journey.axe()).toEqual([]);
        // The provider no longer knows this browser: signing in asks who you are again.
        await page.getByRole('button', { name: 'Sign in with your program account' }).click();
        await page.getByRole('heading', { level: 1, name: 'Sign in to your program' }).waitFor();
        expect(loginForms).toHaveLength(formsBeforeReload + 1);
        expect(journey.problems()).toEqual([]);
      } finally {
        await journey.close();
      }
    });
  });

  it('should renew through the provider session in a hidden frame when the provider gives no refresh token', async () => {
    await idp.setRefreshTokens(false);
    const journey = await openJourney(browser, appUrl, 'sign-in-oidc-frame', 1280);
    const { page } = journey;
    try {
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in with your program account' }).click();
      await page.getByRole('radio', { name: 'Pat (peer specialist)' }).check();
      const signedIn = tokenResponse(page, 'authorization_code');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const tokens = (await (await signedIn).json()) as { access_token: string; refresh_token?: string };
      expect(tokens.refresh_token).toBeUndefined();
      await page.getByText('Signed in as').getByText('Pat').waitFor();

      // prompt=none from a frame of this page, answered on the app's callback address, exchanged for a new token.
      const framed = page.waitForRequest((req) => req.frame() !== page.mainFrame() && isSilentAuthorization(req.url()), {
        timeout: ACCESS_TOKEN_SECONDS * 3 * 1000,
      });
      await framed;
      const renewed = (await (await tokenResponse(page, 'authorization_code')).json()) as { access_token: string };
      expect(renewed.access_token).not.toBe(tokens.access_token);
      // A peer specialist lands in the moderation workspace; the spaces are one link away.
      await page.getByRole('link', { name: 'Spaces', exact: true }).click();
      const usedToken = nextApiToken(page);
      await page.getByRole('link', { name: 'Anxiety' }).click();
      expect(await usedToken).toBe(`Bearer ${renewed.access_token}`);
      await page.getByRole('heading', { level: 1, name: 'Anxiety' }).waitFor();
      // The frame is gone once it answered, and nothing (CSP included) complained.
      expect(await page.locator('iframe').count()).toBe(0);
      expect(journey.problems()).toEqual([]);
    } finally {
      await journey.close();
      await idp.setRefreshTokens(true);
    }
  });
});
