import { readFile } from 'node:fs/promises';
import { Client } from 'pg';
import { Browser } from 'playwright-core';
import { JobName, QueueName } from '../../src/queue/queue.types';
import { runEnvironment } from '../setup/test-env';
import { TEST_REDIS_URL } from '../utils/environment';
import { openQueue } from '../utils/queue-jobs';
import { waitFor } from '../utils/wait-for';
import { AppProcess } from '../utils/app-process';
import {
  expectForbidden,
  expectNoStaffPage,
  launchBrowser,
  openJourney,
  RIVER,
  SAM_ADMIN,
  seedThread,
  signInAs,
  SKY,
  spaceIdBySlug,
  startServer,
  tokenFor,
  WIDTHS,
} from './browser-harness';

/**
 * The Insights page (issue 18) in a real browser against the real server and worker: the summary
 * tiles, the charts with their words and tables, the space and period picker, the CSV of the
 * series, and the threads waiting for an answer, each a link to its thread. A client never sees it.
 */
describe('staff: the Insights page', () => {
  let server: AppProcess;
  let browser: Browser;
  let base: string;
  let waitingThreadId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    base = server.url.replace(/\/graphql$/, '');
    const sky = await tokenFor(SKY.sub, SKY.role, SKY.name);
    const river = await tokenFor(RIVER.sub, RIVER.role, RIVER.name);
    await tokenFor(SAM_ADMIN.sub, SAM_ADMIN.role, SAM_ADMIN.name);
    const spaceId = await spaceIdBySlug(server, sky, 'anxiety');
    await seedThread(server, spaceId, sky, 'Sleep before group', 'I keep waking at 4am before group days. Anyone else?', [
      { token: river, body: 'Yes, me too. Writing things down before bed helps me a bit.' },
    ]);
    const waiting = await seedThread(server, spaceId, river, 'First week', 'It is my first week in the program and I am nervous.');
    waitingThreadId = waiting.threadId;
    // Two days ago, so it has waited past 24 hours for an answer (the figures count from first publication).
    const db = new Client({ connectionString: runEnvironment().databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE posts SET published_at = published_at - interval '2 days' WHERE id = $1`, [waiting.postIds[0]]);
      // The worker's first refresh ran before that day had anything: refresh again (the sweep's job, run now), as the next sweep would.
      const refreshedAt = async () => (await db.query<{ at: string }>(`SELECT refreshed_at::text AS at FROM insights_rollup_state`)).rows[0]?.at ?? null;
      const before = await refreshedAt();
      const queue = openQueue(QueueName.SWEEPS, TEST_REDIS_URL, runEnvironment().redisPrefix);
      try {
        await queue.add(JobName.REFRESH_ENGAGEMENT_ROLLUP, {}, { jobId: `browser-refresh-${Date.now()}` });
        await waitFor('the rollup to be refreshed', async () => {
          const at = await refreshedAt();
          return at !== null && at !== before;
        });
      } finally {
        await queue.close();
      }
    } finally {
      await db.end();
    }
    // A client may not ask for the figures at all.
    await expectForbidden(server, sky, '{ insightSpaces { id } }');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const width of WIDTHS) {
    it(`should show the figures, charts, tables and waiting threads with no serious accessibility problem at ${width}px`, async () => {
      const journey = await openJourney(browser, base, 'insights', width);
      const { page } = journey;
      try {
        await signInAs(page, 'Sam', '/insights');
        await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
        await page.getByText('Active clients').waitFor();
        // Two clients posted: fewer than five, so the count is withheld in words; one thread of two waited past 24 hours.
        await page.locator('.insights-tile', { hasText: 'Active clients' }).getByText('fewer than 5').waitFor();
        await page.locator('.insights-tile', { hasText: 'New threads' }).getByText('2', { exact: true }).waitFor();
        await page.locator('.insights-tile', { hasText: 'Unanswered for 24 hours' }).getByText('of 1 thread started over a day ago').waitFor();
        await page.getByRole('heading', { name: 'Threads and replies' }).waitFor();
        const waitingLink = page.getByRole('link', { name: 'Open the thread in Anxiety' });
        await waitingLink.waitFor();
        expect(await waitingLink.getAttribute('href')).toBe(`/threads/${waitingThreadId}`);
        await journey.shot('summary');
        expect(await journey.axe()).toEqual([]);

        // Pick a space and a longer period; the address keeps the choice.
        await page.getByLabel('Space', { exact: true }).selectOption({ label: 'Anxiety' });
        await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Last 90 days' });
        await page.waitForURL(/days=90/);
        expect(await page.getByLabel('Chart by', { exact: true }).inputValue()).toBe('WEEK');
        await page.getByText('Last 90 days, Anxiety').waitFor();
        // The chart's numbers as a table, for screen readers and anyone who prefers them.
        await page.getByText('Show the numbers as a table').first().click();
        await page.getByRole('table', { name: 'Threads and replies' }).waitFor();
        // 90 days by ISO week: 13 or 14 weeks, both threads and the reply in them.
        await page.locator('.insights-chart__summary', { hasText: /^2 new threads and 1 reply over 1[34] weeks/ }).waitFor();
        await journey.shot('picked');
        expect(await journey.axe()).toEqual([]);

        if (width === 1280) {
          const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the series (CSV)' }).click()]);
          const csv = await readFile(await download.path(), 'utf8');
          const [header, ...rows] = csv.trim().split('\r\n');
          expect(header).toMatch(/^from,to,active clients,new threads,replies,/);
          expect(rows.reduce((sum, row) => sum + Number(row.split(',')[3]), 0)).toBe(2);
          expect(csv).toContain('fewer than 5');
          expect(download.suggestedFilename()).toMatch(/^insights-anxiety-.*-week\.csv$/);
        }

        // A waiting thread is one step away.
        await page.getByRole('link', { name: 'Open the thread in Anxiety' }).click();
        await page.getByRole('heading', { level: 1, name: 'First week' }).waitFor();
        expect(journey.problems()).toEqual([]);
      } finally {
        await journey.close();
      }
    });
  }

  it('should not show the page or its link to a client', async () => {
    const journey = await openJourney(browser, base, 'insights-client', 375);
    const { page } = journey;
    try {
      await signInAs(page, SKY.name);
      await expectNoStaffPage(page, '/insights', 'Insights');
    } finally {
      await journey.close();
    }
  });
});
