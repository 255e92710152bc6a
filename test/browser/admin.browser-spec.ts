import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { Client } from 'pg';
import { Role } from '../../src/common/domain/role.enum';
import { WATCHED_WORDS_CACHE_MS } from '../../src/screening/watched-words.cache';
import { AppProcess } from '../utils/app-process';
import {
  api,
  expectAccessible,
  expectForbidden,
  expectNoStaffPage,
  JourneyPage,
  JourneyServer,
  openConsoleSection,
  openJourney,
  SAM_ADMIN,
  signInAs,
  SKY,
  startJourneyServer,
  tokenFor,
  Width,
  WIDTHS,
} from './browser-harness';

const PAT = { sub: 'demo-peer-pat', name: 'Pat (peer specialist)' };

/**
 * The admins' program console (issue 14, third section) in a real browser against the real
 * server and worker: a watched word added in the console holds the next post with it, the
 * "would this be caught?" box says so without storing anything, a peer's read of that post shows
 * in the filtered audit log (and its CSV), the queues and assignments pages work, and every page
 * passes axe at both widths.
 */
describe('staff: the program console', () => {
  let journeys: JourneyServer;
  let server: AppProcess;
  let browser: Browser;
  let base: string;
  let db: Client;
  let admin: string;
  let pat: string;
  let sky: string;
  let patId: string;

  beforeAll(async () => {
    journeys = await startJourneyServer();
    ({ server, browser, base, db } = journeys);
    admin = await tokenFor(SAM_ADMIN.sub, Role.ADMIN, SAM_ADMIN.name);
    pat = await tokenFor(PAT.sub, Role.PEER_SPECIALIST, PAT.name);
    sky = await tokenFor(SKY.sub, Role.CLIENT, SKY.name);
    // Members exist from their first request: the console lists Pat once Pat has signed in once.
    patId = (await api<{ me: { id: string } }>(server, pat, '{ me { id } }')).me.id;
    await api(server, admin, '{ me { id } }');
    await api(server, sky, '{ me { id } }');
  }, 180_000);

  afterAll(async () => {
    await journeys?.stop();
  });

  /** A screenshot, axe, and nothing wider than the screen (tables scroll inside their own region). */
  async function checked(journey: JourneyPage, step: string): Promise<void> {
    await expectAccessible(journey, step);
    const scrollWidth = await journey.page.evaluate(() => document.documentElement.scrollWidth);
    expect({ step, scrollWidth }).toEqual({ step, scrollWidth: journey.page.viewportSize()!.width });
  }

  async function rowCounts(): Promise<Record<string, number>> {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM screenings)::int AS screenings,
              (SELECT count(*) FROM screening_requests)::int AS requests, (SELECT count(*) FROM moderation_cases)::int AS cases,
              (SELECT count(*) FROM audit_events)::int AS audit`,
    );
    return rows[0] as Record<string, number>;
  }

  describe.each(WIDTHS)('at %i px', (width: Width) => {
    it('should hold the next post with a word the admin adds, preview it without storing, show the peer’s read in the audit log, and show the queues', async () => {
      // Letters only: digits read as look-alike letters (3 as e) and would be stored changed.
      const word = width === 375 ? 'quillfeathernarrow' : 'quillfeatherwide';
      // Each width starts with Pat on no space (the other width left them on one).
      const spaceId = (await api<{ spaces: Array<{ id: string; name: string }> }>(server, admin, '{ spaces { id name } }')).spaces.find(
        (s) => s.name === 'General check-in',
      )!.id;
      await server.gql('mutation($s: ID!, $m: ID!) { unassignPeerSpecialist(spaceId: $s, memberId: $m) }', { s: spaceId, m: patId }, admin);
      const journey = await openJourney(browser, base, 'admin', width);
      const { page } = journey;
      try {
        // An admin lands in the console.
        // The harness matches a radio by its label's first word (the name ends in a parenthesis).
        await signInAs(page, 'Sam');
        await page.getByRole('heading', { level: 1, name: 'Program console' }).waitFor();
        await checked(journey, 'console');

        // Assignments: assign Pat to a space and take them off again.
        await openConsoleSection(page, 'Assignments');
        const select = page.getByLabel(`Assign ${PAT.name} to a space`);
        await select.selectOption({ label: 'General check-in' });
        await page.getByRole('button', { name: `Assign ${PAT.name}`, exact: true }).click();
        await page.getByRole('status').getByText(`${PAT.name} now looks after General check-in.`).waitFor();
        await checked(journey, 'assignments');
        await page.getByRole('button', { name: `Remove ${PAT.name} from General check-in` }).click();
        await page.getByRole('status').getByText(`${PAT.name} no longer looks after General check-in.`).waitFor();
        // And back: Pat looks after the space the client posts in below.
        await select.selectOption({ label: 'General check-in' });
        await page.getByRole('button', { name: `Assign ${PAT.name}`, exact: true }).click();
        await page.getByRole('button', { name: `Remove ${PAT.name} from General check-in` }).waitFor();

        // Watched words: the admin adds one that holds.
        await openConsoleSection(page, 'Watched words');
        await page.getByRole('button', { name: 'Save watched word' }).click();
        await page.getByRole('alert').getByRole('link', { name: 'Enter the word or phrase to watch for' }).waitFor();
        await checked(journey, 'watched-word-error');
        await page.getByLabel('Word or phrase').fill(word);
        await page.getByLabel('Hold the post').check();
        await page.getByRole('button', { name: 'Save watched word' }).click();
        await page.getByRole('status').getByText(`Saved: “${word}” holds the post.`, { exact: false }).waitFor();
        const savedAt = Date.now();
        await page.getByRole('cell', { name: word, exact: true }).waitFor();

        // Would this be caught? Yes, and nothing is written anywhere.
        const before = await rowCounts();
        await page.getByLabel('Sample text').fill(`Looking forward to the ${word.toUpperCase()} session`);
        await page.getByRole('button', { name: 'Check this text' }).click();
        await page.getByText('Caught: it would be held because it contains a watched word.').waitFor();
        await page.getByText(`“${word}”: holds the post (on your list)`, { exact: false }).waitFor();
        expect(await page.getByText('Not included:').isVisible()).toBe(true);
        expect(await rowCounts()).toEqual(before);
        await checked(journey, 'preview-caught');

        // The client's next post with the word is held, and they see it held. The worker reads the
        // list through a cache of WATCHED_WORDS_CACHE_MS, which the page tells the admin.
        const client = await openJourney(browser, base, 'admin-client', width);
        let postId: string;
        try {
          await signInAs(client.page, SKY.name);
          await client.page.getByRole('link', { name: 'General check-in' }).click();
          await client.page.getByRole('link', { name: 'Start a new thread' }).click();
          await client.page.getByLabel('Title').fill(`Next week (${width})`);
          await client.page.getByLabel('Your post').fill(`Is the ${word} group still on next week?`);
          const wait = WATCHED_WORDS_CACHE_MS + 500 - (Date.now() - savedAt);
          if (wait > 0) await client.page.waitForTimeout(wait);
          await client.page.getByRole('button', { name: 'Send' }).click();
          await client.page.getByText('Held for a quick review: a peer specialist will look at it soon').waitFor();
          await client.shot('client-held');
          const threadId = client.page.url().split('/threads/')[1];
          const { thread } = await api<{ thread: { firstPost: { id: string; status: string } } }>(
            server,
            sky,
            'query($id: ID!) { thread(id: $id) { firstPost { id status } } }',
            { id: threadId },
          );
          expect(thread.firstPost.status).toBe('HELD');
          postId = thread.firstPost.id;
        } finally {
          await client.close();
        }

        // The peer opens the case and reads the post.
        const { moderationQueue } = await api<{ moderationQueue: { edges: Array<{ node: { id: string; postId: string; reasons: string[] } }> } }>(
          server,
          pat,
          '{ moderationQueue(first: 100) { edges { node { id postId reasons } } } }',
        );
        const opened = moderationQueue.edges.find((e) => e.node.postId === postId);
        expect(opened?.node.reasons).toContain('WATCHED_WORD');
        const read = await api<{ moderationCase: { post: { body: string } } }>(server, pat, 'query($id: ID!) { moderationCase(id: $id) { post { body } } }', {
          id: opened!.node.id,
        });
        expect(read.moderationCase.post.body).toContain(word);

        // The audit log, filtered by that peer, shows the read.
        await openConsoleSection(page, 'Audit log');
        await page.getByLabel('Who acted').selectOption({ label: PAT.name });
        await page.getByLabel('Action').fill('post.viewed');
        await page.getByRole('button', { name: 'Apply filters' }).click();
        const table = page.getByTestId('audit-table');
        await table.getByText(postId, { exact: true }).first().waitFor();
        expect(await table.getByText(PAT.name).count()).toBeGreaterThan(0);
        await checked(journey, 'audit-filtered');

        // The CSV of that range holds the read, and the download itself is audited.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
        const csv = readFileSync(await download.path(), 'utf8');
        expect(csv.split('\r\n')[0]).toBe('"id","createdAt","actorId","actorRole","action","targetType","targetId","requestId","details"');
        expect(csv).toContain(`"${patId}","PEER_SPECIALIST","post.viewed","post","${postId}"`);
        await page.getByRole('status').getByText('The download is recorded in the audit log.', { exact: false }).waitFor();
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'audit.exported' AND details->>'actorId' = $1`, [patId]);
        expect(rows[0].n).toBeGreaterThanOrEqual(1);

        // Queue health shows every queue.
        await openConsoleSection(page, 'Queue health');
        const queues = page.getByTestId('queue-table');
        for (const name of ['screening', 'escalation', 'moderation', 'webhook', 'sweeps'])
          await queues.getByRole('rowheader', { name: new RegExp(`^${name}`) }).waitFor();
        await page.getByText('Posts waiting for screening').waitFor();
        await checked(journey, 'queues');

        expect(journey.problems()).toEqual([]);
      } finally {
        await journey.close();
      }
    }, 120_000);
  });

  it('should show who acted in the audit log by name and role with the id below, and an erased client as erased, never by their old name', async () => {
    const lee = await tokenFor('demo-clinician-lee', Role.CLINICIAN, 'Dr. Lee');
    const leeId = (await api<{ me: { id: string } }>(server, lee, '{ me { id } }')).me.id;
    await api(server, lee, 'mutation { setMyPagingEmail(email: "lee@example.org") }');
    const skyId = (await api<{ me: { id: string } }>(server, sky, '{ me { id } }')).me.id;
    // A client who chose a name, then asked to be erased: their earlier events must not keep it.
    const wren = await tokenFor(`browser-audit-wren-${Date.now()}`, Role.CLIENT, 'Wren');
    const wrenId = (await api<{ me: { id: string } }>(server, wren, '{ me { id } }')).me.id;
    await api(server, wren, 'mutation { setMyPseudonym(displayName: "Wren") { id } }');
    await api(server, admin, 'mutation($id: ID!) { eraseMember(memberId: $id) { id } }', { id: wrenId });

    const journey = await openJourney(browser, base, 'admin-audit-names', 1280);
    const { page } = journey;
    try {
      await signInAs(page, 'Sam');
      await openConsoleSection(page, 'Audit log');
      const table = page.getByTestId('audit-table');
      const rowOf = (id: string) => table.getByRole('row').filter({ hasText: id });
      const filterBy = async (action: string) => {
        await page.getByLabel('Action').fill(action);
        await page.getByRole('button', { name: 'Apply filters' }).click();
        await table.getByText(action, { exact: true }).first().waitFor();
      };

      // Clients by their pseudonym, the id on the line below; the erased one as a former member, marked erased.
      await filterBy('member.pseudonym_chosen');
      await rowOf(wrenId).first().waitFor();
      expect(await rowOf(skyId).first().getByRole('cell').nth(1).innerText()).toBe(`${SKY.name}\nclient\n${skyId}`);
      expect(await rowOf(wrenId).first().getByRole('cell').nth(1).innerText()).toBe(`Former member\nclient, erased\n${wrenId}`);
      expect(await table.getByText('Wren').count()).toBe(0);
      await checked(journey, 'audit-clients');

      // A clinician by name and role; the member acted on by name too.
      await filterBy('staff.paging_email.set');
      const leeRow = rowOf(leeId).first();
      expect(await leeRow.getByRole('cell').nth(1).innerText()).toBe(`Dr. Lee (clinician)\nclinician\n${leeId}`);
      expect(await leeRow.getByRole('cell').nth(3).innerText()).toBe(`member\nDr. Lee (clinician)\nclinician\n${leeId}`);

      await filterBy('member.erased');
      const erasure = rowOf(wrenId).first();
      expect(await erasure.getByRole('cell').nth(1).innerText()).toMatch(/^Sam \(program staff\)\nprogram staff\n/);
      expect(await erasure.getByRole('cell').nth(3).innerText()).toBe(`member\nFormer member\nclient, erased\n${wrenId}`);
      await checked(journey, 'audit-erased');
      expect(journey.problems()).toEqual([]);
    } finally {
      await journey.close();
    }
  }, 60_000);

  it('should show a client and a peer specialist no console, and the server refuses them the audit log anyway', async () => {
    const journey = await openJourney(browser, base, 'admin-refused', 1280);
    try {
      await signInAs(journey.page, SKY.name);
      await expectNoStaffPage(journey.page, '/admin/audit', 'Program console');
      // A peer specialist lands in their queue; the console is not theirs either.
      await signInAs(journey.page, 'Pat');
      await journey.page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor();
      await expectNoStaffPage(journey.page, '/admin/audit', 'Program console');
      for (const token of [sky, pat]) await expectForbidden(server, token, '{ auditEvents(first: 1) { edges { node { id } } } }');
    } finally {
      await journey.close();
    }
  }, 60_000);
});
