import { Browser, Locator, Page } from 'playwright-core';
import { Role } from '../../src/common/domain/role.enum';
import { AppProcess } from '../utils/app-process';
import { uniqueSub } from '../utils/factories';
import {
  api,
  expectFocus,
  JourneyPage,
  launchBrowser,
  openJourney,
  RIVER,
  seedThread,
  signInAs,
  SKY,
  spaceIdBySlug,
  startServer,
  tokenFor,
  WIDTHS,
} from './browser-harness';

/** Presses Tab until `target` has focus (keyboard reachability), then checks the focus style shows. */
async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((el) => el === document.activeElement, handle)) {
      const style = await target.evaluate((el) => {
        const s = getComputedStyle(el);
        return { background: s.backgroundColor, shadow: s.boxShadow, outline: s.outlineStyle };
      });
      // The house focus style: the yellow background (links and buttons) or a yellow outline.
      expect([style.background, style.shadow, style.outline].join(' ')).toMatch(/rgb\(255, 221, 0\)|solid/);
      return;
    }
  }
  throw new Error(`could not reach ${String(target)} with the Tab key`);
}

async function expectNoAxeProblems(journey: JourneyPage): Promise<void> {
  expect(await journey.axe()).toEqual([]);
}

/**
 * Journey 5 (support others): River reacts to Sky's thread (by touch and by keyboard), quotes a
 * reply in her own reply, and reports a post; Sky, signed in elsewhere, sees the unread count rise
 * live, reads the notifications, opens one, and marks them all read.
 */
describe('journey 5: supporting others', () => {
  let server: AppProcess;
  let browser: Browser;
  let baseUrl: string;
  let skyToken: string;
  let robinToken: string;
  let spaceId: string;

  beforeAll(async () => {
    server = await startServer();
    baseUrl = server.url.replace(/\/graphql$/, '');
    browser = await launchBrowser();
    skyToken = await tokenFor(SKY.sub, SKY.role, SKY.name);
    robinToken = await tokenFor(uniqueSub('robin'), Role.CLIENT, 'Robin');
    // Clients are shown by a pseudonym, never the token's name: Robin chooses hers.
    await api(server, robinToken, 'mutation($name: String!) { setMyPseudonym(displayName: $name) { id } }', { name: 'Robin' });
    spaceId = await spaceIdBySlug(server, skyToken, 'wins-and-gratitude');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe.each(WIDTHS)('at %i px', (width) => {
    it('should react, quote, report, and show the author their notifications live', async () => {
      // Sky's thread with one reply from Robin, both screened by the real worker.
      const title = `A small win today (${width})`;
      await seedThread(server, spaceId, skyToken, title, '<p>I went outside for ten minutes and it helped.</p>', [
        { token: robinToken, body: '<p>Ten minutes counts. I try a short walk after lunch.</p>' },
      ]);
      const river = await openJourney(browser, baseUrl, 'support', width);
      const sky = await openJourney(browser, baseUrl, 'support-author', width);
      try {
        // Sky is signed in on another device, on the spaces page.
        await signInAs(sky.page, SKY.name);
        // Robin's reply is already there for her: the header says so once it has loaded.
        const unreadBefore = (await api<{ unreadNotificationCount: number }>(server, skyToken, '{ unreadNotificationCount }')).unreadNotificationCount;
        expect(unreadBefore).toBeGreaterThan(0);
        await sky.page.getByRole('link', { name: `Notifications ${unreadBefore} unread`, exact: true }).waitFor();

        // River finds Sky's thread by links, as a person does.
        const page = river.page;
        await signInAs(page, RIVER.name);
        await page.getByRole('link', { name: 'Wins & gratitude' }).click();
        await page.getByRole('link', { name: title }).click();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        const opening = page.getByRole('article').filter({ hasText: 'I went outside for ten minutes' });
        const reactions = opening.getByRole('group', { name: 'Reactions to Sky’s post' });
        await reactions.waitFor();
        // Five supportive reactions, named in words; none pressed yet, no down-votes anywhere.
        await expect(reactions.getByRole('button').allTextContents()).resolves.toEqual(['Heart', 'Hug', 'Strength', 'I relate', 'Thank you']);
        await river.shot('thread');
        await expectNoAxeProblems(river);

        // A hug by touch or mouse...
        const hug = reactions.getByRole('button', { name: /^Hug/ });
        expect(await hug.getAttribute('aria-pressed')).toBe('false');
        await hug.click();
        await reactions.getByRole('button', { name: 'Hug 1', exact: true, pressed: true }).waitFor();
        // ...and a heart by keyboard: Tab to it, Space to press it.
        const heart = reactions.getByRole('button', { name: /^Heart/ });
        await page.locator('body').focus();
        await tabTo(page, heart);
        await page.keyboard.press('Space');
        await reactions.getByRole('button', { name: 'Heart 1', exact: true, pressed: true }).waitFor();
        await river.shot('reacted');
        await expectNoAxeProblems(river);

        // Sky's header count rises without a reload.
        await sky.page.getByRole('link', { name: `Notifications ${unreadBefore + 1} unread`, exact: true }).waitFor();

        // Quote Robin's reply in River's own reply.
        const robinReply = page.getByRole('article').filter({ hasText: 'Ten minutes counts' });
        await robinReply.getByRole('button', { name: /^Quote Robin’s post/ }).click();
        await page.getByText('Your reply will quote Robin').waitFor();
        await expectFocus(page, 'id', 'reply-body');
        await page.keyboard.type('Walks after lunch help me too. Well done, Sky.');
        await river.shot('quoting');
        await expectNoAxeProblems(river);
        await page.getByRole('button', { name: 'Send reply' }).click();
        const sent = page.getByRole('article').filter({ hasText: 'Walks after lunch help me too' });
        await sent.getByText('Posted').waitFor({ timeout: 20_000 });
        // The reply shows the post it quotes, as the server returns it.
        await sent.getByText('Quoting Robin').waitFor();
        await sent.getByText('Ten minutes counts. I try a short walk after lunch.').waitFor();
        await river.shot('quoted-reply');
        await expectNoAxeProblems(river);

        // Report Robin's reply: one question on its own page, by keyboard.
        await tabTo(page, robinReply.getByRole('link', { name: /^Report/ }));
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Report a post' }).waitFor();
        await page.getByText('Robin is not told who reported it.').waitFor();
        await river.shot('report');
        await expectNoAxeProblems(river);
        await page.getByRole('button', { name: 'Send report' }).click();
        await page.getByRole('alert').getByRole('link', { name: 'Choose why you are reporting this post' }).waitFor();
        await river.shot('report-error');
        await expectNoAxeProblems(river);
        // The first radio is where Tab enters the group; Space chooses it.
        await tabTo(page, page.getByRole('radio', { name: 'It is unkind or hurtful to someone' }));
        await page.keyboard.press('Space');
        await expect(page.getByRole('radio', { name: 'It is unkind or hurtful to someone' }).isChecked()).resolves.toBe(true);
        await page.getByLabel('Anything else you want to tell the peer specialists (optional)').fill('It felt dismissive to me.');
        await tabTo(page, page.getByRole('button', { name: 'Send report' }));
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Thank you for telling us' }).waitFor();
        await page.getByText('Nobody else is told that you reported it.').waitFor();
        await river.shot('report-sent');
        await expectNoAxeProblems(river);
        expect(river.problems()).toEqual([]);

        // Sky: the reply and the reactions, live, then the notifications page.
        await sky.page.getByRole('link', { name: `Notifications ${unreadBefore + 2} unread`, exact: true }).waitFor();
        await sky.shot('header-unread');
        await sky.page.getByRole('link', { name: /^Notifications/ }).click();
        await sky.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
        const replyNotice = sky.page.getByRole('article').filter({ hasText: `River replied to “${title}”.` });
        await replyNotice.getByText('New', { exact: true }).waitFor();
        // Newest first: the earlier width's thread had the same reactions.
        const reactionNotice = sky.page.getByRole('article').filter({ hasText: 'Reactions so far: Heart 1, Hug 1.' }).first();
        await reactionNotice.getByRole('link', { name: 'Members reacted to your thread' }).waitFor();
        await sky.shot('notifications');
        await expectNoAxeProblems(sky);

        // Opening one reads it and lands on the reply in its thread.
        await replyNotice.getByRole('link', { name: 'New reply in your thread' }).click();
        await sky.page.getByRole('heading', { level: 1, name: title }).waitFor();
        const landed = sky.page.getByRole('article').filter({ hasText: 'Walks after lunch help me too' });
        await landed.waitFor();
        await sky.page.waitForFunction(() => document.activeElement?.tagName === 'ARTICLE');
        await expect(landed.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
        // Sky sees the reactions on her own post in words, and cannot react to it herself.
        await sky.page.getByText('Reactions: Heart 1, Hug 1').waitFor();
        await sky.shot('opened-reply');
        await expectNoAxeProblems(sky);

        await sky.page.getByRole('link', { name: /^Notifications/ }).click();
        await sky.page.getByRole('button', { name: 'Mark all as read' }).click();
        await sky.page.getByText('You are up to date.').waitFor();
        await sky.page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
        await sky.shot('all-read');
        await expectNoAxeProblems(sky);
        expect(sky.problems()).toEqual([]);

        // Robin was told that River quoted them; nobody was told who reported.
        const robin = await api<{ notifications: { edges: Array<{ node: { kind: string; body: string } }> } }>(
          server,
          robinToken,
          '{ notifications(first: 20) { edges { node { kind body } } } }',
        );
        const robinSees = robin.notifications.edges.map((e) => e.node);
        expect(robinSees).toContainEqual({ kind: 'REPLY_TO_YOUR_POST', body: 'River quoted your post in a reply.' });
        expect(JSON.stringify(robinSees)).not.toMatch(/report/i);
      } finally {
        await river.close();
        await sky.close();
      }
    });
  });
});
