import { Browser } from 'playwright-core';
import { AppProcess } from '../utils/app-process';
import { launchBrowser, openJourney, signInAs, startServer, WIDTHS } from './browser-harness';

/** Journey 1 (development sign-in): pick a demo member, land on the spaces, sign out. */
describe('journey 1: signing in (development)', () => {
  let server: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe.each(WIDTHS)('at %i px', (width) => {
    it('should list the demo members, sign in as the client, show the spaces and sign out', async () => {
      const journey = await openJourney(browser, server.url.replace(/\/graphql$/, ''), 'sign-in', width);
      const { page } = journey;
      try {
        await page.goto('/');
        // Signed out: the app sends you to sign in, and help is one tap away on every page.
        await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
        await expectVisible(page.getByRole('link', { name: 'Need help now?' }));
        for (const role of ['Client', 'Peer specialist', 'Clinician', 'Admin']) await expectVisible(page.getByText(role, { exact: true }).first());
        await journey.shot('sign-in');
        expect(await journey.axe()).toEqual([]);

        // Choosing nobody is an error the summary names and links to.
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').getByRole('link', { name: 'Choose who to sign in as' }).waitFor();
        await journey.shot('sign-in-error');
        expect(await journey.axe()).toEqual([]);

        await signInAs(page, 'Sky');
        await expectVisible(page.getByText('Signed in as'));
        await page.getByRole('link', { name: 'Anxiety' }).waitFor();
        await journey.shot('spaces');
        expect(await journey.axe()).toEqual([]);

        // No token anywhere a script could read it later.
        const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
        expect(stored).not.toMatch(/eyJ/);

        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByText('You have signed out').waitFor();
        await journey.shot('signed-out');
        expect(await journey.axe()).toEqual([]);
        expect(journey.problems()).toEqual([]);
      } finally {
        await journey.close();
      }
    });
  });
});

async function expectVisible(locator: { waitFor(options: { state: 'visible' }): Promise<void> }): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}
