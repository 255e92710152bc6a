import { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { Role } from '../../src/common/domain/role.enum';
import { utcToProgramLocal } from '../../web/src/features/admin/roster/program-time';
import { AppProcess } from '../utils/app-process';
import {
  api,
  expectAccessible,
  focusIsVisible,
  JourneyServer,
  openJourney,
  SAM_ADMIN,
  signInAs,
  SKY,
  startJourneyServer,
  tabTo,
  tokenFor,
} from './browser-harness';

const ZONE = 'America/New_York';
const LEE = { sub: 'demo-clinician-lee', name: 'Dr. Lee' };
const KIM = { sub: 'roster-clinician-kim', name: 'Dr. Kim' };
const MINUTE = 60_000;

/**
 * Types a program-local "YYYY-MM-DDTHH:mm" into the focused datetime-local field as a person does
 * in Chromium (en-US): month, day, year, Tab to the hour, hour and minute, then A or P. Two-digit
 * parts move on by themselves; the year does not, hence the Tab.
 */
async function typeDateTime(page: Page, local: string): Promise<void> {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)!;
  const h = Number(hour);
  await page.keyboard.type(`${month}${day}${year}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${String(((h + 11) % 12) + 1).padStart(2, '0')}${minute}${h < 12 ? 'A' : 'P'}`);
}

/** Tab out of a datetime-local field: past its last part and its calendar button, to whatever comes next. */
async function tabOutOf(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 4 && (await page.evaluate(() => document.activeElement?.id)) === id; i += 1) await page.keyboard.press('Tab');
}

/**
 * The on-call roster page (issue 17) against the real server, in a program zone that is not the
 * browser's: shifts entered as New York wall-clock times must be stored as the right UTC instants.
 */
describe('staff: the on-call roster', () => {
  let journeys: JourneyServer;
  let server: AppProcess;
  let browser: Browser;
  let base: string;
  let db: Client;
  let leeId: string;

  beforeAll(async () => {
    journeys = await startJourneyServer({ PROGRAM_TIME_ZONE: ZONE });
    ({ server, browser, base, db } = journeys);
    // The run's files share one database: start from an empty roster, and leave one behind.
    await db.query('DELETE FROM on_call_shifts');
    leeId = (await api<{ me: { id: string } }>(server, await tokenFor(LEE.sub, Role.CLINICIAN, LEE.name), '{ me { id } }')).me.id;
    await api(server, await tokenFor(KIM.sub, Role.CLINICIAN, KIM.name), '{ me { id } }');
    await api(server, await tokenFor(SAM_ADMIN.sub, Role.ADMIN, SAM_ADMIN.name), '{ me { id } }');
  }, 180_000);

  afterAll(async () => {
    await db?.query('DELETE FROM on_call_shifts');
    await journeys?.stop();
  });

  it('should add a primary and a backup covering now, show them on call, store UTC times, and delete one after confirming', async () => {
    const journey = await openJourney(browser, base, 'roster', 1280);
    const { page } = journey;
    try {
      await signInAs(page, 'Sam', '/admin/roster');
      await page.getByRole('heading', { level: 1, name: 'On-call roster' }).waitFor();
      await page.getByText('No one is on call now: level 1 pages all clinicians.').waitFor();
      await page.getByText(/Gap: no primary clinician is on call from now until/).waitFor();
      await page.getByText(`${ZONE} (E`, { exact: false }).first().waitFor();
      await expectAccessible(journey, 'empty');

      // The error summary links to each field.
      await page.getByRole('button', { name: 'Add shift' }).click();
      const summary = page.getByRole('alert');
      await summary.getByRole('link', { name: 'Select the clinician who is on call' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('shift-clinician');
      await summary.getByRole('link', { name: 'Enter when the shift starts' }).waitFor();
      await expectAccessible(journey, 'errors');

      const startsAt = Math.floor((Date.now() - 60 * MINUTE) / MINUTE) * MINUTE;
      const endsAt = startsAt + 4 * 60 * MINUTE;
      // Staff are shown with their role after the name ("Dr. Lee (clinician)").
      const pick = async (name: string) =>
        page.getByLabel('Clinician').selectOption(await page.locator('#shift-clinician option', { hasText: name }).getAttribute('value'));
      await pick(LEE.name);
      await page.getByLabel('Primary').check();
      await page.getByLabel('Starts').fill(utcToProgramLocal(startsAt, ZONE));
      await page.getByLabel('Ends').fill(utcToProgramLocal(endsAt, ZONE));
      await page.getByRole('button', { name: 'Add shift' }).click();
      await page
        .getByRole('status')
        .getByText(new RegExp(`^Added: ${LEE.name}.* is primary on call`))
        .waitFor();
      await page.getByRole('term').getByText('Primary').waitFor();
      expect(await page.getByText('No one is on call now').count()).toBe(0);
      // The gap now starts when Lee's shift ends, not now.
      await page.getByText(/Gap: no primary clinician is on call from \w{3} \d+ \w{3}, \d\d:\d\d until/).waitFor();

      // Stored as the UTC instants meant, though typed as New York times in a browser on UTC.
      const { rows } = await db.query('SELECT tier, starts_at, ends_at FROM on_call_shifts WHERE clinician_id = $1', [leeId]);
      expect(rows).toEqual([{ tier: 'PRIMARY', starts_at: new Date(startsAt), ends_at: new Date(endsAt) }]);

      await pick(KIM.name);
      await page.getByLabel('Backup').check();
      await page.getByLabel('Starts').fill(utcToProgramLocal(startsAt, ZONE));
      await page.getByLabel('Ends').fill(utcToProgramLocal(endsAt, ZONE));
      await page.getByRole('button', { name: 'Add shift' }).click();
      await page
        .getByRole('status')
        .getByText(new RegExp(`^Added: ${KIM.name}.* is backup on call`))
        .waitFor();
      await page.getByRole('definition').getByText(KIM.name, { exact: false }).waitFor();
      await expectAccessible(journey, 'both-on-call');

      // Delete the backup, with a confirm step.
      await page.getByRole('button', { name: new RegExp(`^Delete ${KIM.name}.*’s backup shift`) }).click();
      await page.getByRole('button', { name: new RegExp(`^Yes, delete ${KIM.name}.*’s backup shift`) }).waitFor();
      await expectAccessible(journey, 'confirm-delete');
      await page.getByRole('button', { name: new RegExp(`^Yes, delete`) }).click();
      await page
        .getByRole('status')
        .getByText(new RegExp(`^Deleted ${KIM.name}.*’s backup shift`))
        .waitFor();
      const left = await db.query('SELECT count(*)::int AS n FROM on_call_shifts');
      expect(left.rows[0].n).toBe(1);
      await expectAccessible(journey, 'after-delete');
      expect(journey.problems()).toEqual([]);
    } finally {
      await journey.close();
    }
  }, 120_000);

  it('should add a shift by keyboard alone on a 375 px phone, with nothing wider than the screen', async () => {
    const journey = await openJourney(browser, base, 'roster-keyboard', 375);
    const { page } = journey;
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    // Tomorrow: Kim's two-hour backup shift typed by keyboard, beside a primary one of Lee's set up here, so the table is there from the start.
    const startsAt = Math.floor((Date.now() + 26 * 60 * MINUTE) / MINUTE) * MINUTE;
    const endsAt = startsAt + 2 * 60 * MINUTE;
    await api(
      server,
      await tokenFor(SAM_ADMIN.sub, Role.ADMIN, SAM_ADMIN.name),
      'mutation($input: CreateOnCallShiftInput!) { createOnCallShift(input: $input) { id } }',
      { input: { clinicianId: leeId, tier: 'PRIMARY', startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() } },
    );
    try {
      await signInAs(page, 'Sam', '/admin/roster');
      await page.getByRole('heading', { level: 1, name: 'On-call roster' }).waitFor();
      await page.getByTestId('roster-table').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      await page.getByRole('heading', { level: 1, name: 'On-call roster' }).click();
      await tabTo(page, /^select /, {}, 80);
      expect(await focusedId()).toBe('shift-clinician');
      // A closed select moves through its options with the arrow keys.
      for (
        let i = 0;
        i < 5 && !(await page.$eval('#shift-clinician', (el) => (el as HTMLSelectElement).selectedOptions[0].text)).startsWith(KIM.name);
        i += 1
      ) {
        await page.keyboard.press('ArrowDown');
      }
      expect(await page.$eval('#shift-clinician', (el) => (el as HTMLSelectElement).selectedOptions[0].text)).toMatch(new RegExp(`^${KIM.name}`));
      await page.keyboard.press('Tab');
      expect(await focusedId()).toBe('shift-tier-PRIMARY');
      expect((await focusIsVisible(page)).visible).toBe(true);
      await page.keyboard.press('ArrowDown');
      expect(await focusedId()).toBe('shift-tier-BACKUP');
      expect(await page.getByLabel('Backup').isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await focusedId()).toBe('shift-start');
      await typeDateTime(page, utcToProgramLocal(startsAt, ZONE));
      expect(await page.getByLabel('Starts').inputValue()).toBe(utcToProgramLocal(startsAt, ZONE));
      await tabOutOf(page, 'shift-start');
      expect(await focusedId()).toBe('shift-end');
      await typeDateTime(page, utcToProgramLocal(endsAt, ZONE));
      expect(await page.getByLabel('Ends').inputValue()).toBe(utcToProgramLocal(endsAt, ZONE));
      await tabOutOf(page, 'shift-end');
      expect((await focusIsVisible(page)).what).toBe('button "Add shift"');
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .getByText(new RegExp(`^Added: ${KIM.name}.* is backup on call from`))
        .waitFor();

      const kim = await db.query(`SELECT s.tier, s.starts_at, s.ends_at FROM on_call_shifts s JOIN members m ON m.id = s.clinician_id WHERE m.sub = $1`, [
        KIM.sub,
      ]);
      expect(kim.rows).toEqual([{ tier: 'BACKUP', starts_at: new Date(startsAt), ends_at: new Date(endsAt) }]);

      // Nothing scrolls sideways: not the page, and not the table either, so every shift's Delete button is in view.
      await page
        .getByTestId('roster-table')
        .getByRole('cell', { name: `${KIM.name} (clinician)`, exact: true })
        .waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const table = await page.getByTestId('roster-table').evaluate((el) => ({ shown: el.parentElement!.clientWidth, needed: el.parentElement!.scrollWidth }));
      expect(table.needed).toBeLessThanOrEqual(table.shown);
      await expectAccessible(journey, 'added-by-keyboard');
      expect(journey.problems()).toEqual([]);
    } finally {
      await journey.close();
    }
  }, 120_000);

  it.each([
    ['a clinician', 'Dr. Lee'],
    ['a client', SKY.name],
  ])(
    'should show %s no roster page',
    async (_who, name) => {
      const journey = await openJourney(browser, base, 'roster-refused', 375);
      try {
        await signInAs(journey.page, name, '/admin/roster');
        await journey.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      } finally {
        await journey.close();
      }
    },
    60_000,
  );
});
