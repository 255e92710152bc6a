import { Browser } from 'playwright-core';
import { AppProcess } from '../utils/app-process';
import { JourneyPage, launchBrowser, openJourney, signInAs, startServer, WIDTHS } from './browser-harness';

/** The program's own line, as a deployment sets CRISIS_RESOURCES. */
const PROGRAM_RESOURCES = 'You can call or text 988 any time, day or night. Your program line is 555-0100, open every evening.';

/** Journey 4: get help now — a link on every page, the program's resources, and resources at once after a post that needs them. */
describe('journey 4: getting help now', () => {
  let server: AppProcess;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    server = await startServer({ CRISIS_RESOURCES: PROGRAM_RESOURCES });
    baseUrl = server.url.replace(/\/graphql$/, '');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function step(j: JourneyPage, name: string) {
    // Every page of the journey: the way to help is visible at the top, named plainly.
    const help = j.page.getByRole('banner').getByRole('link', { name: 'Need help now?' });
    await help.waitFor({ state: 'visible' });
    expect(await help.getAttribute('href')).toBe('/help');
    await j.shot(name);
    expect(await j.axe()).toEqual([]);
  }

  describe.each(WIDTHS)('at %i px', (width) => {
    it('should show the resources with numbers to tap, signed out, from the link in the header', async () => {
      const j = await openJourney(browser, baseUrl, 'help-signed-out', width);
      try {
        const { page } = j;
        await page.goto('/sign-in');
        await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
        await step(j, 'sign-in');
        await page.getByRole('banner').getByRole('link', { name: 'Need help now?' }).click();
        await page.getByRole('heading', { level: 1, name: 'Need help now?' }).waitFor();
        const call988 = page.getByRole('link', { name: 'Call 988' });
        await call988.waitFor();
        expect(await call988.getAttribute('href')).toBe('tel:988');
        expect(await page.getByRole('link', { name: 'Call 555-0100' }).getAttribute('href')).toBe('tel:5550100');
        await page.getByText('open every evening').waitFor();
        await step(j, 'help');
        expect(j.problems()).toEqual([]);
      } finally {
        await j.close();
      }
    });

    it('should show the resources at once, kindly, when screening sends them after a post, and keep them until read', async () => {
      const j = await openJourney(browser, baseUrl, 'help-after-post', width);
      try {
        const { page } = j;
        await signInAs(page, 'Sky');
        await step(j, 'spaces');
        await page.getByRole('link', { name: 'Depression' }).click();
        await page.getByRole('heading', { level: 1, name: 'Depression' }).waitFor();
        await step(j, 'space');
        await page.getByRole('link', { name: 'Start a new thread' }).click();
        await page.getByLabel('Title').fill(`Tonight (${width})`);
        await page.getByLabel('Your post').fill('I want to kill myself tonight. I cannot do this anymore.');
        await step(j, 'writing');
        await page.getByRole('button', { name: 'Send' }).click();

        const notice = page.getByRole('region', { name: 'We are here with you' });
        await notice.waitFor();
        // It takes focus, so a screen reader reads it first.
        await page.waitForFunction(() => document.activeElement?.textContent === 'We are here with you');
        await notice.getByText(/care team will reach out to you soon/).waitFor();
        expect(await notice.getByRole('link', { name: 'Call 988' }).getAttribute('href')).toBe('tel:988');
        expect(await notice.getByRole('link', { name: 'Call 555-0100' }).getAttribute('href')).toBe('tel:5550100');
        // Safe messaging: no labels, no alarm words in what the person reads.
        expect(await notice.innerText()).not.toMatch(/suicid|flagged|alarm|risk|emergency|warning/i);
        await page.getByText('Held for a quick review: a peer specialist will look at it soon').waitFor();
        await step(j, 'resources');

        await notice.getByRole('button', { name: 'Thank you, I have read this' }).click();
        await notice.waitFor({ state: 'detached' });
        await step(j, 'read');
        expect(j.problems()).toEqual([]);
      } finally {
        await j.close();
      }
    });
  });
});
