import { Browser, Locator, Page, WebSocketRoute } from 'playwright-core';
import { Role } from '../../src/common/domain/role.enum';
import { AppProcess } from '../utils/app-process';
import { expectForbidden, expectNoStaffPage, JourneyPage, launchBrowser, openJourney, signInAs, startServer, tokenFor, Width, WIDTHS } from './browser-harness';

/** The paging e2e test's words for an imminent-risk post: held, URGENT, escalated to a clinician. */
const CRISIS_TEXT = 'I am going to kill myself tonight. I have the pills ready and I wrote my goodbye letter.';
/** Crisis posts measured from "sent" to "on the peer's and the clinician's screens". */
const MEASURED_POSTS = 20;
/** Short acknowledgement deadlines, so an unacknowledged escalation reads "overdue" within the test. */
const ACK_SECONDS = 8;

const PAT = { sub: 'demo-peer-pat', name: 'Pat (peer specialist)' };
const LEE = { sub: 'demo-clinician-lee', name: 'Dr. Lee' };
/** A second clinician: not a demo member, so the test hands the sign-in page a token of its own for them. */
const KIM = { sub: 'browser-clinician-kim', name: 'Dr. Kim' };

interface Gql {
  <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T>;
}

interface InboxEscalation {
  id: string;
  status: string;
  post: { id: string } | null;
}

/**
 * The clinician's escalation inbox (issue 14, second section), in a real browser against the real
 * server and worker: a client's crisis post reaches the peer's queue and two clinicians' inboxes
 * without a reload, one acknowledges and the other's countdown stops, the escalation view with the
 * risk timeline, the outcome, and a dropped socket that comes back and shows what it missed.
 */
describe('staff: the escalation inbox', () => {
  let server: AppProcess;
  let browser: Browser;
  let base: string;
  let gql: Gql;
  let lee: string;
  let kim: string;
  let spaceId: string;

  beforeAll(async () => {
    server = await startServer({
      ESCALATION_ACK_SECONDS: `IMMINENT=${ACK_SECONDS},HIGH=${ACK_SECONDS},ELEVATED=${ACK_SECONDS}`,
      FORUM_RATE_LIMIT_MULTIPLIER: '10',
    });
    browser = await launchBrowser();
    base = server.url.replace(/\/graphql$/, '');
    gql = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
      const res = await server.gql<T>(query, variables, token);
      if (res.errors || !res.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
      return res.data;
    };
    const admin = await tokenFor('demo-admin-sam', Role.ADMIN, 'Sam (program staff)');
    const pat = await tokenFor(PAT.sub, Role.PEER_SPECIALIST, PAT.name);
    lee = await tokenFor(LEE.sub, Role.CLINICIAN, LEE.name);
    kim = await tokenFor(KIM.sub, Role.CLINICIAN, KIM.name);
    const sky = await tokenFor('demo-client-sky', Role.CLIENT, 'Sky');
    const { spaces } = await gql<{ spaces: Array<{ id: string; name: string }> }>('{ spaces { id name } }', {}, sky);
    spaceId = spaces.find((s) => s.name === 'Anxiety')!.id;
    const { me } = await gql<{ me: { id: string } }>('{ me { id } }', {}, pat);
    await gql('mutation ($m: ID!, $s: ID!) { assignPeerSpecialist(memberId: $m, spaceId: $s) }', { m: me.id, s: spaceId }, admin);
    await gql('{ me { id } }', {}, kim);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A crisis thread by a client of its own (one open escalation per client would fold a second post into the first). */
  async function crisisPost(title: string, label: string): Promise<string> {
    const author = await tokenFor(`browser-crisis-${label}`, Role.CLIENT, `Client ${label}`);
    const { createThread } = await gql<{ createThread: { firstPost: { id: string } } }>(
      'mutation ($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }',
      { input: { spaceId, title, body: CRISIS_TEXT } },
      author,
    );
    return createThread.firstPost.id;
  }

  async function escalationOf(postId: string): Promise<InboxEscalation> {
    for (let i = 0; i < 150; i += 1) {
      const { escalations } = await gql<{ escalations: { edges: Array<{ node: InboxEscalation }> } }>(
        '{ escalations(first: 100) { edges { node { id status post { id } } } } }',
        {},
        lee,
      );
      const found = escalations.edges.find((e) => e.node.post?.id === postId);
      if (found) return found.node;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no escalation for post ${postId}`);
  }

  async function resolveQuietly(escalationId: string): Promise<void> {
    await gql(
      'mutation ($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { id } }',
      { input: { escalationId, outcome: 'NO_ACTION_NEEDED', note: 'Test set-up: measured, then closed.' } },
      lee,
    );
  }

  /** Resolves once the page has subscribed to each named event over its socket (an event before that would wait for a poll). */
  function watchSubscriptions(page: Page, names: string[]): Promise<void> {
    const wanted = new Set(names);
    return new Promise((resolve) => {
      page.on('websocket', (socket) => {
        socket.on('framesent', (frame) => {
          const payload = String(frame.payload);
          if (!payload.includes('"subscribe"')) return;
          for (const name of wanted) if (payload.includes(name)) wanted.delete(name);
          if (wanted.size === 0) resolve();
        });
      });
    });
  }

  /** Dr. Kim is on the development sign-in page of this browser context only, signed with the test's own token. */
  async function offerKim(page: Page): Promise<void> {
    await page.route('**/auth/dev/members', async (route) => {
      const response = await route.fetch();
      const members = (await response.json()) as unknown[];
      await route.fulfill({ response, json: [...members, { sub: KIM.sub, role: 'CLINICIAN', displayName: KIM.name, about: 'A second clinician' }] });
    });
    await page.route('**/auth/dev/sign-in', async (route) => {
      const body = route.request().postDataJSON() as { sub?: string };
      if (body.sub !== KIM.sub) return route.continue();
      return route.fulfill({ json: { token: kim, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } });
    });
  }

  /** Development sign-in as a clinician: the app lands them in their inbox, live once both subscriptions are asked for. */
  async function signInToInbox(page: Page, name: string): Promise<void> {
    const subscribed = watchSubscriptions(page, ['escalationRaised', 'escalationChanged']);
    await signInAs(page, name);
    await page.getByRole('heading', { level: 1, name: 'Escalation inbox' }).waitFor();
    await subscribed;
  }

  async function signInToQueue(page: Page): Promise<void> {
    const subscribed = watchSubscriptions(page, ['moderationQueueChanged']);
    await signInAs(page, 'Pat');
    await page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor();
    await subscribed;
  }

  async function checked(journey: JourneyPage, step: string): Promise<void> {
    await journey.shot(step);
    expect(await journey.axe()).toEqual([]);
  }

  function inboxItem(page: Page, title: string): Locator {
    return page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(title) }) });
  }

  it("should show a client's crisis post in the peer's queue and two clinicians' inboxes without a reload, and stop the countdown for both when one acknowledges", async () => {
    const client = await openJourney(browser, base, 'escalations-client', 1280);
    const peer = await openJourney(browser, base, 'escalations-peer', 1280);
    const first = await openJourney(browser, base, 'escalations', 1280);
    const second = await openJourney(browser, base, 'escalations-second', 1280);
    try {
      await offerKim(second.page);
      await Promise.all([signInToInbox(first.page, LEE.name), signInToInbox(second.page, KIM.name), signInToQueue(peer.page)]);
      await expectVisible(first.page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Escalation inbox' }));
      await checked(first, 'inbox-empty');
      // Sound and desktop alerts are off until a click turns them on.
      await first.context.grantPermissions(['notifications'], { origin: base });
      const alerts = first.page.getByRole('button', { name: 'Sound and desktop alerts' });
      expect(await alerts.getAttribute('aria-pressed')).toBe('false');
      await alerts.click();
      await first.page.getByRole('button', { name: 'Sound and desktop alerts', pressed: true }).waitFor();
      await expectVisible(first.page.getByText('Sound and desktop alerts: on'));
      for (const page of [peer.page, first.page, second.page]) await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

      // The client writes it in the app, as a person does.
      const title = 'Tonight';
      await signInAs(client.page, 'Sky');
      await client.page.getByRole('link', { name: 'Anxiety' }).click();
      await client.page.getByRole('link', { name: 'Start a new thread' }).click();
      await client.page.getByLabel('Title').fill(title);
      await client.page.getByLabel('Your post').fill(CRISIS_TEXT);
      await client.page.getByRole('button', { name: 'Send' }).click();

      await peer.page.getByRole('link', { name: new RegExp(`Urgent.*${title}`) }).waitFor({ timeout: 30_000 });
      const mine = inboxItem(first.page, title);
      const theirs = inboxItem(second.page, title);
      await mine.waitFor({ timeout: 30_000 });
      await theirs.waitFor({ timeout: 30_000 });
      for (const page of [peer.page, first.page, second.page]) {
        expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      }
      await expectVisible(mine.getByText(/^(Imminent|High) risk$/));
      // No roster in this test: level 1 paged every clinician, and the row says so rather than naming an on-call clinician.
      await expectVisible(mine.getByText('Every clinician, as nobody was on call'));
      await expectVisible(mine.getByText(/Acknowledge within/));
      await checked(first, 'inbox-new');

      // Nobody acknowledged within the deadline: it climbs to the backup clinician, and the words say it is overdue.
      await theirs.getByText('Every clinician, as the on-call roster had a gap').waitFor({ timeout: (ACK_SECONDS + 10) * 1000 });
      await expectVisible(theirs.getByText(/Overdue: \d+ deadlines? missed/));
      await expectVisible(second.page.getByText(/missed an acknowledgement deadline/));
      await checked(second, 'inbox-overdue');

      const stopped = second.page
        .getByRole('region', { name: /Acknowledged, to resolve/ })
        .getByText(`Acknowledged by ${LEE.name} (clinician) at`, { exact: false });
      const acknowledgedAt = Date.now();
      await mine.getByRole('button', { name: /^Acknowledge/ }).click();
      const [stoppedAfterMs] = await Promise.all([
        stopped.waitFor({ timeout: 5_000 }).then(() => Date.now() - acknowledgedAt),
        first.page
          .getByRole('region', { name: /Acknowledged, to resolve/ })
          .getByText(/Acknowledged by you at/)
          .waitFor(),
      ]);
      expect(
        await second.page
          .getByRole('region', { name: /Waiting for a clinician/ })
          .getByRole('link', { name: new RegExp(title) })
          .count(),
      ).toBe(0);
      expect(await second.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      console.log(JSON.stringify({ measure: 'acknowledge clicked -> second inbox shows it acknowledged', ms: stoppedAfterMs }));
      await checked(second, 'inbox-acknowledged-by-colleague');

      // The escalation view: the held post with its evidence marked, the case, the risk timeline, the outcome.
      await first.page.getByRole('link', { name: new RegExp(title) }).click();
      await first.page.getByRole('heading', { level: 1, name: /Escalation for Sky/ }).waitFor();
      await expectVisible(first.page.getByText('Held: only staff see it'));
      await expectVisible(first.page.locator('mark.evidence-mark').first());
      const chart = first.page.getByRole('img', { name: /Risk over \d+ weeks/ });
      await chart.waitFor();
      await first.page.locator('.risk-chart canvas').waitFor();
      const table = first.page.getByRole('table', { name: /Each week/ });
      await expectVisible(table);
      expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(13);
      // This week, the first row: Sky's one escalation, by its severity.
      await expectVisible(
        table
          .getByRole('row')
          .nth(1)
          .getByText(/^1 \(1 (imminent|high) risk\)$/),
      );
      await checked(first, 'escalation-view');

      await first.page.getByRole('button', { name: 'Resolve the escalation' }).click();
      await first.page.getByRole('alert').getByRole('link', { name: 'Choose the outcome' }).waitFor();
      await checked(first, 'resolve-errors');
      await first.page.getByLabel('Reached the client').check();
      await first.page.getByLabel('What was done, and why').fill('Called Sky; they are with family tonight and agreed to the safety plan.');
      await first.page.getByRole('button', { name: 'Resolve the escalation' }).click();
      await first.page.getByText('Resolved: Reached the client').waitFor();
      await first.page.getByText(/Escalation: (Imminent|High) risk, resolved/).waitFor();
      await checked(first, 'escalation-resolved');
      // The second inbox hears of it too: nothing left to resolve there.
      await second.page.getByText('Nothing acknowledged is waiting for an outcome.').waitFor({ timeout: 5_000 });

      await first.page.getByRole('link', { name: 'Back to the inbox' }).click();
      await first.page.getByRole('link', { name: 'Recently resolved escalations' }).click();
      await first.page.getByRole('heading', { level: 1, name: 'Resolved escalations' }).waitFor();
      await expectVisible(inboxItem(first.page, title).getByText('Reached the client'));
      await checked(first, 'resolved-list');
      for (const journey of [client, peer, first, second]) expect(journey.problems()).toEqual([]);
    } finally {
      for (const journey of [client, peer, first, second]) await journey.close();
    }
  }, 150_000);

  it('should show what it missed while its socket was down once the socket comes back', async () => {
    const journey = await openJourney(browser, base, 'escalations-reconnect', 1280);
    const { page } = journey;
    // The socket passes through the test, which can cut it and refuse reconnects for a while.
    let down = false;
    const open: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      if (down) {
        void ws.close({ code: 1012, reason: 'test: still down' });
        return;
      }
      ws.connectToServer();
      open.push(ws);
    });
    try {
      await signInToInbox(page, LEE.name);
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      down = true;
      for (const ws of open.splice(0)) await ws.close({ code: 1012, reason: 'test: dropped' });

      // Raised while nobody could hear: only a read after the reconnect can show it (the safety poll is 30 s away).
      const title = 'While you were away';
      const postId = await crisisPost(title, 'reconnect');
      const missed = await escalationOf(postId);
      const reconnected = Date.now();
      down = false;
      await inboxItem(page, title).waitFor({ timeout: 25_000 });
      console.log(JSON.stringify({ measure: 'socket back -> missed escalation shown', ms: Date.now() - reconnected }));
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      expect(open.length).toBeGreaterThan(0);
      await resolveQuietly(missed.id);
      expect(journey.problems().filter((p) => !/WebSocket/.test(p))).toEqual([]);
    } finally {
      await journey.close();
    }
  });

  it("should measure a crisis post's way to the peer's queue and the clinician's inbox", async () => {
    const peer = await openJourney(browser, base, 'escalations-measure-peer', 1280);
    const clinician = await openJourney(browser, base, 'escalations-measure', 1280);
    try {
      await Promise.all([signInToQueue(peer.page), signInToInbox(clinician.page, LEE.name)]);
      const toQueue: number[] = [];
      const toInbox: number[] = [];
      for (let i = 1; i <= MEASURED_POSTS; i += 1) {
        const title = `Measured ${i} of ${MEASURED_POSTS}`;
        const sent = Date.now();
        const [postId, queueMs, inboxMs] = await Promise.all([
          crisisPost(title, `measure-${i}`),
          peer.page
            .getByRole('link', { name: new RegExp(`Urgent.*${title}$`) })
            .waitFor({ timeout: 30_000 })
            .then(() => Date.now() - sent),
          inboxItem(clinician.page, `${title}$`)
            .waitFor({ timeout: 30_000 })
            .then(() => Date.now() - sent),
        ]);
        toQueue.push(queueMs);
        toInbox.push(inboxMs);
        // Closed at once, so the inbox holds one at a time and the escalation stops paging.
        await resolveQuietly((await escalationOf(postId)).id);
        await inboxItem(clinician.page, `${title}$`).waitFor({ state: 'detached', timeout: 10_000 });
      }
      console.log(JSON.stringify({ measure: 'crisis post sent -> visible', posts: MEASURED_POSTS, peerQueue: stats(toQueue), clinicianInbox: stats(toInbox) }));
      expect(toInbox).toHaveLength(MEASURED_POSTS);
    } finally {
      await peer.close();
      await clinician.close();
    }
  }, 240_000);

  describe.each(WIDTHS)('at %i px', (width: Width) => {
    it('should pass axe on every inbox page', async () => {
      const journey = await openJourney(browser, base, 'escalations-axe', width);
      const { page } = journey;
      try {
        const postId = await crisisPost(`Axe check ${width}`, `axe-${width}`);
        await escalationOf(postId);
        await signInToInbox(page, LEE.name);
        await inboxItem(page, `Axe check ${width}`).waitFor();
        await checked(journey, 'inbox');
        await page.getByRole('link', { name: `Axe check ${width}`, exact: false }).click();
        await page.getByRole('img', { name: /Risk over/ }).waitFor();
        await page.locator('.risk-chart canvas').waitFor();
        await checked(journey, 'view');
        await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
        await page.getByText(/Acknowledged by you at/).waitFor();
        await checked(journey, 'view-acknowledged');
        await page.getByRole('link', { name: 'Back to the inbox' }).click();
        await page.getByRole('link', { name: 'Recently resolved escalations' }).click();
        await page.getByRole('heading', { level: 1, name: 'Resolved escalations' }).waitFor();
        await checked(journey, 'resolved');
        expect(journey.problems()).toEqual([]);
      } finally {
        await journey.close();
      }
    });
  });

  it('should keep the inbox from clients and peer specialists, and the server refuses a client anyway', async () => {
    const journey = await openJourney(browser, base, 'escalations-refused', 375);
    const { page } = journey;
    try {
      await signInAs(page, 'Sky');
      await expectNoStaffPage(page, '/escalations', 'Escalation inbox');
      // A peer specialist works the queue; the inbox is not theirs either.
      await signInAs(page, 'Pat');
      await page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor();
      await expectNoStaffPage(page, '/escalations', 'Escalation inbox');
      const sky = await tokenFor('demo-client-sky', Role.CLIENT, 'Sky');
      await expectForbidden(server, sky, '{ escalations(first: 5) { edges { node { id } } } }');
    } finally {
      await journey.close();
    }
  });
});

function stats(ms: number[]): { p50: number; max: number; min: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1], min: sorted[0] };
}

async function expectVisible(locator: { waitFor(options: { state: 'visible' }): Promise<void> }): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}
