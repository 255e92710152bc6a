import { Browser } from 'playwright-core';
import { AppProcess } from '../utils/app-process';
import { expectFocus, launchBrowser, openJourney, startServer, tabTo } from './browser-harness';

/** A journey by keyboard alone (sign in, find a space, write, read it posted, get help), with focus visible at every stop. */
describe('keyboard only', () => {
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

  it('should sign in, start a thread with formatting, see it posted and reach help, without a mouse', async () => {
    const j = await openJourney(browser, server.url.replace(/\/graphql$/, ''), 'keyboard', 1280, { reducedMotion: true });
    const { page } = j;
    try {
      await page.goto('/sign-in');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await tabTo(page, /Skip to main content/);
      await j.shot('skip-link');
      await tabTo(page, /^input/);
      await page.keyboard.press('Space');
      await tabTo(page, /button "Sign in"/);
      await j.shot('sign-in-focus');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Spaces' }).waitFor();
      // Focus moved to the new page's heading, so the next Tab starts from there.
      await expectFocus(page, 'tagName', 'H1');

      // As a person would, once the spaces are there: Tab from the heading while they load runs off the page's end.
      await page.getByRole('link', { name: 'Anxiety' }).waitFor();
      await tabTo(page, /a "Anxiety"/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Anxiety' }).waitFor();
      await tabTo(page, /Start a new thread/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Start a new thread' }).waitFor();

      await tabTo(page, /^input/);
      await page.keyboard.type('Small steps by keyboard');
      await tabTo(page, /button "B\s*Bold"/);
      await page.keyboard.press('Enter');
      // The button left the cursor on its placeholder in the text: typing replaces it.
      await page.keyboard.type('one thing');
      await page.keyboard.press('End');
      await page.keyboard.type(' at a time.');
      expect(await page.getByLabel('Your post').inputValue()).toBe('**one thing** at a time.');
      await j.shot('writing');
      await tabTo(page, /button "Send"/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Small steps by keyboard' }).waitFor();
      await page.getByText('Posted', { exact: true }).waitFor();
      await j.shot('posted');
      expect(await j.axe()).toEqual([]);

      // Back up to the header and to help, still by keyboard.
      await tabTo(page, /Need help now\?/, { backwards: true });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Need help now?' }).waitFor();
      // The app moves focus to the new page's heading once it is there; Tab goes on from it.
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Need help now?');
      await page.getByRole('link', { name: 'Call 988' }).waitFor();
      await tabTo(page, /Call 988/);
      await j.shot('help-focus');
      expect(j.problems()).toEqual([]);

      // prefers-reduced-motion: the "checking" pulse does not move.
      const animation = await page.evaluate(() => {
        const dot = document.createElement('span');
        dot.className = 'pulse';
        document.body.append(dot);
        const name = getComputedStyle(dot).animationName;
        dot.remove();
        return name;
      });
      expect(animation).toBe('none');
    } finally {
      await j.close();
    }
  });
});
