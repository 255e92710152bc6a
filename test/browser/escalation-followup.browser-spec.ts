import { Browser } from 'playwright-core';
import { Client } from 'pg';
import { Role } from '../../src/common/domain/role.enum';
import { runEnvironment } from '../setup/test-env';
import { AppProcess } from '../utils/app-process';
import { launchBrowser, openJourney, signInAs, startServer, tokenFor } from './browser-harness';

/** Two imminent-risk wordings from the paging tests: each is held, urgent, and escalated. */
const FIRST_TEXT = 'I am going to kill myself tonight. I have the pills ready and I wrote my goodbye letter.';
const SECOND_TEXT = 'I want to kill myself. I have the pills counted out and I am doing it tonight.';
const FIRST_TITLE = 'Tonight';
const SECOND_TITLE = 'Still here, barely';
const OUTREACH_NOTE = 'Phoned Sky; they picked up and are staying with their sister tonight.';

interface Gql {
  <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T>;
}

/**
 * One client, two crisis posts, one escalation (issue 14, what followed): the inbox folds both
 * signals into one row, the view lists them, each linked to its own post (its case view) by
 * mouse or keyboard, with both posts' cases and their state listed, outreach recorded in the form shows without a reload,
 * and resolving as "Reached the client" closes the loop on both posts' cases the way the
 * close-escalation-cases job says: a held post goes back to the peers, never without an open case.
 */
describe('staff: following an escalation through', () => {
  let server: AppProcess;
  let browser: Browser;
  let base: string;
  let gql: Gql;
  let lee: string;
  let sky: string;
  let spaceId: string;

  beforeAll(async () => {
    server = await startServer({ FORUM_RATE_LIMIT_MULTIPLIER: '10' });
    browser = await launchBrowser();
    base = server.url.replace(/\/graphql$/, '');
    gql = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
      const res = await server.gql<T>(query, variables, token);
      if (res.errors || !res.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
      return res.data;
    };
    lee = await tokenFor('demo-clinician-lee', Role.CLINICIAN, 'Dr. Lee');
    sky = await tokenFor('demo-client-sky', Role.CLIENT, 'Sky');
    const { spaces } = await gql<{ spaces: Array<{ id: string; name: string }> }>('{ spaces { id name } }', {}, sky);
    spaceId = spaces.find((s) => s.name === 'Anxiety')!.id;
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

  /** Polls until `check` gives a value (the screening worker and the close job run on their own time). */
  async function eventually<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('should fold two crisis posts into one escalation, record outreach without a reload, and hand the held posts back to peers on "Reached the client"', async () => {
    const firstId = await post(FIRST_TITLE, FIRST_TEXT);
    // The second only after the first is escalated, so it attaches as a signal rather than racing to raise its own.
    const escalationId = await eventually('the first escalation', async () => {
      const { escalations } = await gql<{ escalations: { edges: Array<{ node: { id: string; post: { id: string } | null } }> } }>(
        '{ escalations(first: 20) { edges { node { id post { id } } } } }',
        {},
        lee,
      );
      return escalations.edges.find((e) => e.node.post?.id === firstId)?.node.id;
    });
    const secondId = await post(SECOND_TITLE, SECOND_TEXT);
    await eventually('the second signal', async () => {
      const { escalation } = await gql<{ escalation: { signals: Array<{ postId: string | null }> } }>(
        'query ($id: ID!) { escalation(id: $id) { signals { postId } } }',
        { id: escalationId },
        lee,
      );
      return escalation.signals.some((s) => s.postId === secondId) ? true : undefined;
    });

    const journey = await openJourney(browser, base, 'escalation-followup', 1280);
    const { page } = journey;
    try {
      await signInAs(page, 'Dr. Lee');
      await page.getByRole('heading', { level: 1, name: 'Escalation inbox' }).waitFor();
      // One row for Sky, not two: the second post is a signal on the first's escalation.
      const rows = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(`${FIRST_TITLE}|${SECOND_TITLE}`) }) });
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      await rows.first().getByText('2 signals').waitFor();
      await journey.shot('inbox-two-signals');
      expect(await journey.axe()).toEqual([]);

      await rows
        .first()
        .getByRole('link', { name: new RegExp(FIRST_TITLE) })
        .click();
      await page.getByRole('heading', { level: 1, name: /Escalation for Sky/ }).waitFor();
      const signals = page.getByRole('region', { name: 'Signals' });
      await signals.getByText(/^2 signals from this client since/).waitFor();
      expect(await signals.getByRole('listitem').count()).toBe(2);
      await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
      await page.getByText(/Acknowledged by you at/).waitFor();
      await journey.shot('view-two-signals');
      expect(await journey.axe()).toEqual([]);

      // Each signal links to its own post, by a name that says what opens; both posts' cases are listed with their state.
      const signalLinks = signals.getByRole('link', { name: /^Open the post of signal \d with its evidence \(held\)$/ });
      expect(await signalLinks.count()).toBe(2);
      const cases = page.getByRole('region', { name: 'The moderation cases' });
      const caseItems = cases.getByRole('listitem');
      expect(await caseItems.count()).toBe(2);
      const caseLinks = cases.getByRole('link', { name: /^Open case [12] in the moderation workspace$/ });
      expect(await caseLinks.count()).toBe(2);
      for (const item of await caseItems.all()) expect(await item.textContent()).toMatch(/: Urgent priority, (open|claimed)[^—]* — the post of signal [12]\.$/);
      const caseIds = await Promise.all((await caseLinks.all()).map((l) => l.getAttribute('href')));
      expect(new Set(caseIds).size).toBe(2);
      // The signals' links go to the same two cases, the second signal to the second post's.
      expect(new Set(await Promise.all((await signalLinks.all()).map((l) => l.getAttribute('href'))))).toEqual(new Set(caseIds));
      // By keyboard: Tab runs case 1, case 2, signal 1, signal 2 (the cases section comes first).
      await caseLinks.nth(0).focus();
      const focusedName = () => page.evaluate(() => document.activeElement?.textContent ?? '');
      await page.keyboard.press('Tab');
      expect(await focusedName()).toBe('Open case 2 in the moderation workspace');
      await page.keyboard.press('Tab');
      expect(await focusedName()).toBe('Open the post of signal 1 with its evidence (held)');
      await page.keyboard.press('Tab');
      expect(await focusedName()).toBe('Open the post of signal 2 with its evidence (held)');
      await journey.shot('view-signal-link-focused');
      await page.keyboard.press('Enter');
      // The second post, held, in the staff case view with its evidence.
      await page.getByRole('heading', { level: 1, name: SECOND_TITLE }).waitFor();
      await page.getByText('pills counted out', { exact: false }).first().waitFor();
      await journey.shot('signal-2-post-in-case-view');
      expect(await journey.axe()).toEqual([]);
      // The way back leads to the escalation, not to a peer queue the clinician does not work.
      expect(await page.getByRole('link', { name: 'Back to the queue' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Back to the escalation' }).click();
      await page.getByRole('heading', { level: 1, name: /Escalation for Sky/ }).waitFor();
      await page.getByRole('region', { name: 'Outreach' }).waitFor();

      // Outreach: recorded in the form, listed from the mutation's answer, no reload.
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      const outreach = page.getByRole('region', { name: 'Outreach' });
      await outreach.getByText('No outreach is recorded yet.').waitFor();
      await outreach.getByLabel('How did you reach out?').selectOption('PHONE');
      await outreach.getByLabel('What happened').fill(OUTREACH_NOTE);
      await outreach.getByRole('button', { name: 'Record outreach' }).click();
      await outreach
        .getByRole('listitem')
        .filter({ hasText: OUTREACH_NOTE })
        .getByText(/^Phone call,/)
        .waitFor({ timeout: 5_000 });
      expect(await outreach.getByText('No outreach is recorded yet.').count()).toBe(0);
      expect(await outreach.getByLabel('What happened').inputValue()).toBe('');
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      await journey.shot('view-outreach-recorded');
      expect(await journey.axe()).toEqual([]);

      // The form says, before the click, what the close job will do with the held posts.
      expect(await page.locator('#outcome-REACHED_CLIENT-hint').textContent()).toMatch(/held post stays held and its case goes back to peer specialists/);
      expect(await page.locator('#outcome-NO_CONTACT_POSSIBLE-hint').textContent()).toMatch(/Every linked case goes back to peer specialists/);
      await page.getByLabel('Reached the client').check();
      await page.getByLabel('What was done, and why').fill('Reached Sky by phone; safety plan agreed, follow-up call booked for tomorrow.');
      await page.getByRole('button', { name: 'Resolve the escalation' }).click();
      await page.getByText('Resolved: Reached the client').waitFor();
      await journey.shot('view-resolved');
      expect(await journey.axe()).toEqual([]);
      expect(journey.problems()).toEqual([]);
    } finally {
      await journey.close();
    }

    // The loop closed in the database (before server.stop() drops it): both posts' cases carry the
    // outcome's note, and since both posts are held, REACHED_CLIENT hands each case back to the peers
    // (OPEN, unclaimed) rather than resolving it: a held post always keeps an open case for a peer to decide.
    const db = new Client({ connectionString: runEnvironment().databaseUrl });
    await db.connect();
    try {
      const { rows: escalation } = await db.query<{ status: string; outcome: string }>('SELECT status, outcome FROM escalations WHERE id = $1', [escalationId]);
      expect(escalation).toEqual([{ status: 'RESOLVED', outcome: 'REACHED_CLIENT' }]);
      const cases = await eventually(
        'the close-escalation-cases job',
        async () => {
          const { rows } = await db.query<{ post_id: string; status: string; assignee_id: string | null; post_status: string; notes: string[] }>(
            `SELECT c.post_id, c.status, c.assignee_id, p.status AS post_status,
                    ARRAY(SELECT n.body FROM case_notes n WHERE n.case_id = c.id ORDER BY n.created_at) AS notes
               FROM moderation_cases c JOIN posts p ON p.id = c.post_id
              WHERE c.post_id = ANY($1::uuid[]) ORDER BY c.opened_at`,
            [[firstId, secondId]],
          );
          return rows.length === 2 && rows.every((r) => r.notes.some((n) => n.startsWith('Escalation resolved:'))) ? rows : undefined;
        },
        20_000,
      );
      for (const row of cases) {
        expect(row.post_status).toBe('HELD');
        expect(row.status).toBe('OPEN');
        expect(row.assignee_id).toBeNull();
        expect(row.notes).toContain(
          'Escalation resolved: a clinician reached the client. Handed back to peer specialists to decide the post and keep in touch.',
        );
      }
      expect(cases.map((c) => c.post_id).sort()).toEqual([firstId, secondId].sort());
      // No held post is left without an open case, and none is stuck before screening.
      const { rows: dangling } = await db.query<{ id: string; status: string }>(
        `SELECT p.id, p.status FROM posts p WHERE p.id = ANY($1::uuid[])
            AND (p.status = 'PENDING' OR NOT EXISTS (SELECT 1 FROM moderation_cases c WHERE c.post_id = p.id AND c.status <> 'RESOLVED'))`,
        [[firstId, secondId]],
      );
      expect(dangling).toEqual([]);
    } finally {
      await db.end();
    }
  }, 150_000);
});
