import { Browser, Page } from 'playwright-core';
import { Role } from '../../src/common/domain/role.enum';
import { AppProcess } from '../utils/app-process';
import { expectForbidden, expectNoStaffPage, JourneyPage, launchBrowser, openJourney, signInAs, startServer, tokenFor, Width, WIDTHS } from './browser-harness';

/** The same words the screening e2e tests use for an imminent-risk post: held, URGENT, escalated. */
const CRISIS_TEXT = 'I want to kill myself. I have the pills counted out and I am doing it tonight.';
/** A watched word the admin adds below, so a routine (NORMAL, no crisis) case exists to approve with one key. */
const WATCHED = 'pineapple';

const PAT = { sub: 'demo-peer-pat', name: 'Pat (peer specialist)' };
const ALEX = { sub: 'browser-peer-alex', name: 'Alex' };
const SKY = { sub: 'demo-client-sky', name: 'Sky' };

interface Gql {
  <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T>;
}

/**
 * The peer specialist's moderation workspace (issue 14, first section), in a real browser against
 * the real server and worker: the live queue, the case view with its evidence, decisions by
 * keyboard, a colleague's claim and a racing decision, and the staff routing in the shell.
 */
describe('staff: the moderation workspace', () => {
  let server: AppProcess;
  let browser: Browser;
  let base: string;
  let gql: Gql;
  let admin: string;
  let pat: string;
  let alex: string;
  let sky: string;
  let spaceId: string;

  beforeAll(async () => {
    // Urgent cases due at once, so the queue shows "Overdue" in words; the rest hours away.
    server = await startServer({ CASE_DUE_SECONDS: 'URGENT=1,HIGH=1800,NORMAL=14400,LOW=86400' });
    browser = await launchBrowser();
    base = server.url.replace(/\/graphql$/, '');
    gql = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
      const res = await server.gql<T>(query, variables, token);
      if (res.errors || !res.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
      return res.data;
    };
    admin = await tokenFor('demo-admin-sam', Role.ADMIN, 'Sam (program staff)');
    pat = await tokenFor(PAT.sub, Role.PEER_SPECIALIST, PAT.name);
    alex = await tokenFor(ALEX.sub, Role.PEER_SPECIALIST, ALEX.name);
    sky = await tokenFor(SKY.sub, Role.CLIENT, SKY.name);
    const { spaces } = await gql<{ spaces: Array<{ id: string; name: string }> }>('{ spaces { id name } }', {}, sky);
    spaceId = spaces.find((s) => s.name === 'Anxiety')!.id;
    for (const peer of [pat, alex]) {
      const { me } = await gql<{ me: { id: string } }>('{ me { id } }', {}, peer);
      await gql('mutation ($m: ID!, $s: ID!) { assignPeerSpecialist(memberId: $m, spaceId: $s) }', { m: me.id, s: spaceId }, admin);
    }
    await gql('mutation ($input: AddWatchedWordInput!) { setWatchedWord(input: $input) { id } }', { input: { term: WATCHED, action: 'HOLD' } }, admin);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function post(title: string, body: string): Promise<string> {
    const { createThread } = await gql<{ createThread: { firstPost: { id: string } } }>(
      'mutation ($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }',
      { input: { spaceId, title, body } },
      sky,
    );
    return createThread.firstPost.id;
  }

  async function caseOf(postId: string): Promise<{ id: string; status: string; decision: string | null; post: { status: string } }> {
    for (let i = 0; i < 100; i += 1) {
      const { moderationQueue } = await gql<{ moderationQueue: { edges: Array<{ node: { id: string; postId: string } }> } }>(
        '{ moderationQueue(first: 100) { edges { node { id postId } } } }',
        {},
        pat,
      );
      const found = moderationQueue.edges.find((e) => e.node.postId === postId);
      if (found) {
        const { moderationCase } = await gql<{ moderationCase: { id: string; status: string; decision: string | null; post: { status: string } } }>(
          'query ($id: ID!) { moderationCase(id: $id) { id status decision post { status } } }',
          { id: found.node.id },
          pat,
        );
        return moderationCase;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no case for post ${postId}`);
  }

  async function caseById(id: string) {
    const { moderationCase } = await gql<{ moderationCase: { status: string; decision: string | null; post: { status: string } } }>(
      'query ($id: ID!) { moderationCase(id: $id) { status decision post { status } } }',
      { id },
      pat,
    );
    return moderationCase;
  }

  /** Development sign-in as the peer specialist: the app lands them in their queue, not the spaces. */
  async function signInAsPat(page: Page): Promise<void> {
    queueSubscribed = watchQueueSubscription(page);
    await page.goto('/sign-in');
    await page.getByRole('radio', { name: /^Pat \(peer specialist\)/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor();
  }

  /** Resolves once the page has asked for the live queue over its socket (a post before that would only show at the next poll). */
  let queueSubscribed: Promise<void> = Promise.resolve();
  function watchQueueSubscription(page: Page): Promise<void> {
    return new Promise((resolve) => {
      page.on('websocket', (socket) => {
        socket.on('framesent', (frame) => {
          const payload = String(frame.payload);
          if (payload.includes('"subscribe"') && payload.includes('moderationQueueChanged')) resolve();
        });
      });
    });
  }

  async function checked(journey: JourneyPage, step: string): Promise<void> {
    await journey.shot(step);
    expect(await journey.axe()).toEqual([]);
  }

  describe.each(WIDTHS)('at %i px', (width: Width) => {
    it('should land the peer in the live queue, show a new urgent crisis case without a reload, and decide cases by keyboard alone', async () => {
      const journey = await openJourney(browser, base, 'moderation', width);
      const { page } = journey;
      try {
        await signInAsPat(page);
        await expectVisible(page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Moderation queue' }));
        await checked(journey, 'queue');

        // A marker that a reload would wipe: the case must arrive over the socket.
        await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
        const crisisTitle = `Tonight ${width}`;
        const routineTitle = `Fruit ${width}`;
        await queueSubscribed;
        const crisisPostId = await post(crisisTitle, CRISIS_TEXT);
        const crisisLink = page.getByRole('link', { name: new RegExp(`Urgent.*${crisisTitle}`) });
        await crisisLink.waitFor({ timeout: 30_000 });
        expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
        const crisisItem = page.getByRole('listitem').filter({ has: crisisLink });
        await expectVisible(crisisItem.getByText('Crisis signal'));
        await expectVisible(crisisItem.getByText(/Overdue by/));
        await expectVisible(crisisItem.getByText('Nobody yet'));
        const routinePostId = await post(routineTitle, `I had a ${WATCHED} smoothie after group and it helped.`);
        await page.getByRole('link', { name: new RegExp(routineTitle) }).waitFor({ timeout: 30_000 });
        await checked(journey, 'queue-live');

        // Filters: by reason, with the counts beside the states.
        await page.getByText('Filter the queue').click();
        await page.getByLabel('Reason').selectOption('WATCHED_WORD');
        await expectVisible(page.getByRole('link', { name: new RegExp(routineTitle) }));
        expect(await crisisLink.count()).toBe(0);
        await checked(journey, 'queue-filtered');
        await page.getByLabel('Reason').selectOption('');
        await crisisLink.waitFor();

        // Keyboard only from here: Tab leaves the filter for the list, j moves through it, Enter opens, c claims, a approves.
        await page.keyboard.press('Tab');
        const routineCase = await caseOf(routinePostId);
        const crisisCase = await caseOf(crisisPostId);
        for (let i = 0; i < 10; i += 1) {
          await page.keyboard.press('j');
          const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
          if (focused.includes(routineTitle)) break;
        }
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: routineTitle }).waitFor();
        await expectVisible(page.locator('mark.evidence-mark').filter({ hasText: WATCHED }));
        await checked(journey, 'case-routine');

        await page.keyboard.press('?');
        await expectVisible(page.getByRole('dialog', { name: 'Keyboard shortcuts' }));
        await checked(journey, 'shortcuts-help');
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden' });

        await page.keyboard.press('c');
        await page.getByText('You have claimed this case.').waitFor();
        await expectVisible(page.getByText(/Your claim lasts until/));
        await checked(journey, 'case-claimed');
        await page.keyboard.press('a');
        await page.getByRole('status').filter({ hasText: 'Approved: shared with the group' }).waitFor();
        expect(await caseById(routineCase.id)).toMatchObject({ status: 'RESOLVED', decision: 'APPROVE', post: { status: 'PUBLISHED' } });
        await checked(journey, 'case-approved');

        // Next is the crisis case; "a" there never publishes at once, and holding asks for the note first.
        await page.keyboard.press('j');
        await page.getByRole('heading', { level: 1, name: crisisTitle }).waitFor();
        await expectVisible(page.getByRole('heading', { name: 'Crisis evidence' }));
        await page.keyboard.press('a');
        await expectVisible(page.getByRole('button', { name: 'Approve and share' }));
        expect((await caseById(crisisCase.id)).status).not.toBe('RESOLVED');
        await page.keyboard.press('h');
        await page.waitForFunction(() => document.activeElement?.id === 'decision-note');
        // Shortcuts never fire while typing: these letters land in the note, nothing is decided.
        await page.keyboard.type('Calling them now, safety plan on file. chr');
        expect((await caseById(crisisCase.id)).status).not.toBe('RESOLVED');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        await checked(journey, 'case-crisis-hold');
        await page.keyboard.press('Enter');
        await page.getByRole('status').filter({ hasText: 'Kept held: the author will be contacted' }).waitFor();
        expect(await caseById(crisisCase.id)).toMatchObject({ status: 'RESOLVED', decision: 'KEEP_HELD', post: { status: 'HELD' } });
        await expectVisible(page.getByText('Calling them now, safety plan on file. chr'));
        await checked(journey, 'case-crisis-held');
        expect(journey.problems()).toEqual([]);
      } finally {
        await journey.close();
      }
    });
  });

  it("should show a colleague's claim live, and a racing claim's CONFLICT kindly with the case refreshed", async () => {
    const journey = await openJourney(browser, base, 'moderation-conflict', 1280);
    const { page } = journey;
    // The socket passes through, except that server messages can be held back to make the race certain.
    let holdBack = false;
    const held: Array<() => void> = [];
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      const upstream = ws.connectToServer();
      upstream.onMessage((message) => (holdBack ? held.push(() => ws.send(message)) : ws.send(message)));
    });
    try {
      await signInAsPat(page);
      const seenPostId = await post('Seen live', `Another ${WATCHED} story.`);
      const racedPostId = await post('Raced', `A third ${WATCHED} story.`);
      const seen = await caseOf(seenPostId);
      const raced = await caseOf(racedPostId);

      await goInApp(page, `/moderation/cases/${seen.id}`);
      await page.getByRole('button', { name: 'Claim this case' }).waitFor();
      await gql('mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: seen.id }, alex);
      await page.getByText('Alex (peer specialist) is working on this case').waitFor({ timeout: 10_000 });
      await checked(journey, 'colleague-claimed');

      await goInApp(page, `/moderation/cases/${raced.id}`);
      await page.getByRole('button', { name: 'Claim this case' }).waitFor();
      holdBack = true;
      await gql('mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: raced.id }, alex);
      await page.getByRole('button', { name: 'Claim this case' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Someone got to this case first' });
      await alert.waitFor();
      await expectVisible(alert.getByText(/Another moderator is working on this case/));
      await page.getByText('Alex (peer specialist) is working on this case').waitFor();
      await checked(journey, 'claim-conflict');
      holdBack = false;
      for (const release of held.splice(0)) release();
      expect(journey.problems()).toEqual([]);
    } finally {
      await journey.close();
    }
  });

  it('should show the decision in the case panel as soon as the server answers it, never the claim before it, however long the case takes to read again', async () => {
    const journey = await openJourney(browser, base, 'moderation-decided', 1280);
    const { page } = journey;
    // Reads of the case are held back for 3 s once the decision is sent: what a busy server does.
    let slowReads = false;
    await page.route(/\/graphql$/, async (route) => {
      if (slowReads && (route.request().postData() ?? '').includes('query ModerationCase(')) await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.fallback();
    });
    try {
      await signInAsPat(page);
      const decided = await caseOf(await post('Decided at once', `A ${WATCHED} that stays held.`));
      await goInApp(page, `/moderation/cases/${decided.id}`);
      await page.getByRole('button', { name: 'Claim this case' }).click();
      await page.getByText('You have claimed this case.').waitFor();
      await page.getByLabel(/^Keep held and reach out/).check();
      await page.locator('#decision-note').fill('Reaching out by message today.');

      // From the moment the answer arrives, the claim is never on screen again.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { claimSeen: string[] }).claimSeen = seen;
        new MutationObserver(() => {
          if (document.body.innerText.includes('You have claimed this case.')) seen.push(String(performance.now()));
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      slowReads = true;
      const answered = page.waitForResponse((r) => (r.request().postData() ?? '').includes('mutation ResolveCase('));
      await page.getByRole('button', { name: 'Keep held', exact: true }).click();
      expect((await answered).ok()).toBe(true);
      await page.evaluate(() => ((window as unknown as { claimSeen: string[] }).claimSeen.length = 0));
      const panel = page.getByRole('region', { name: 'Decision' });
      // Well before the case's own read comes back (3 s).
      await panel.locator('.inset__label', { hasText: 'Kept held: the author will be contacted' }).waitFor({ timeout: 1_000 });
      await panel.getByText('Decided by you').waitFor({ timeout: 1_000 });
      expect(await page.locator('.summary-list div', { hasText: 'State' }).locator('dd').innerText()).toBe('Kept held: the author will be contacted');
      await checked(journey, 'decided-at-once');
      // And still after the slow read has landed.
      await page.waitForTimeout(3_500);
      await panel.locator('.inset__label', { hasText: 'Kept held: the author will be contacted' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { claimSeen: string[] }).claimSeen)).toEqual([]);
      expect(await caseById(decided.id)).toMatchObject({ status: 'RESOLVED', decision: 'KEEP_HELD', post: { status: 'HELD' } });
      expect(journey.problems()).toEqual([]);
    } finally {
      slowReads = false;
      await journey.close();
    }
  });

  it('should keep staff links and pages from clients, and the server refuses them anyway', async () => {
    const journey = await openJourney(browser, base, 'moderation-client', 375);
    const { page } = journey;
    try {
      await signInAs(page, 'Sky');
      await expectNoStaffPage(page, '/moderation', 'Moderation queue');
      await checked(journey, 'client-refused');
      await expectForbidden(server, sky, '{ moderationQueue(first: 5) { edges { node { id } } } }');
    } finally {
      await journey.close();
    }
  });
});

/** A link followed inside the app (the session lives in memory: a full page load would sign out). */
async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => window.history.pushState(null, '', to), path);
}

async function expectVisible(locator: { waitFor(options: { state: 'visible' }): Promise<void> }): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}
