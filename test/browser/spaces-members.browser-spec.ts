import { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { Role } from '../../src/common/domain/role.enum';
import { AppProcess } from '../utils/app-process';
import { readFile } from 'node:fs/promises';
import {
  api,
  expectAccessible,
  expectFocus,
  JourneyServer,
  openConsoleSection,
  openJourney,
  RIVER,
  SAM_ADMIN,
  seedThread,
  signInAs,
  SKY,
  startJourneyServer,
  tabTo,
  tokenFor,
} from './browser-harness';

/**
 * The console's Spaces and Members pages in a real browser against the real server: a space the
 * admin creates shows in a client's list, leaves it once archived (after a confirm step), and a
 * client discharged from the Members page is refused from then on. Both pages pass axe.
 */
describe('staff: spaces and members in the program console', () => {
  let journeys: JourneyServer;
  let server: AppProcess;
  let browser: Browser;
  let base: string;
  let db: Client;
  let admin: string;
  let river: string;
  let sky: string;

  beforeAll(async () => {
    journeys = await startJourneyServer();
    ({ server, browser, base, db } = journeys);
    admin = await tokenFor(SAM_ADMIN.sub, Role.ADMIN, SAM_ADMIN.name);
    river = await tokenFor(RIVER.sub, Role.CLIENT, RIVER.name);
    // Members exist from their first request: River is listed once River has signed in once.
    await api(server, admin, '{ me { id } }');
    await api(server, river, '{ me { id } }');
    sky = await tokenFor(SKY.sub, Role.CLIENT, SKY.name);
    await api(server, sky, '{ me { id } }');
  }, 180_000);

  afterAll(async () => {
    await journeys?.stop();
  });

  /** The client's spaces list on their home page, after a fresh sign-in (a full load signs out). */
  async function clientSees(client: Page, spaceName: string): Promise<boolean> {
    await signInAs(client, SKY.name);
    await client.getByRole('link', { name: 'General check-in' }).waitFor();
    return (await client.getByRole('link', { name: spaceName, exact: true }).count()) > 0;
  }

  it('should create a space a client then sees, archive it out of their list, and discharge a client', async () => {
    const journey = await openJourney(browser, base, 'spaces-members', 1280);
    const client = await openJourney(browser, base, 'spaces-members-client', 375);
    const { page } = journey;
    const spaceName = 'Evening walkers';
    try {
      await signInAs(page, 'Sam');
      await page.getByRole('heading', { level: 1, name: 'Program console' }).waitFor();
      expect(await clientSees(client.page, spaceName)).toBe(false);

      // Spaces: an empty name is refused in the error summary, then the space is created.
      await openConsoleSection(page, 'Spaces');
      await page.getByRole('button', { name: 'Create space' }).click();
      await page.getByRole('alert').getByRole('link', { name: 'Enter a name for the space' }).waitFor();
      await expectAccessible(journey, 'space-error');
      await page.getByLabel('Name', { exact: true }).fill(spaceName);
      await page.getByLabel('Description (optional)').fill('For anyone who likes a walk after work.');
      await page.getByRole('button', { name: 'Create space' }).click();
      await page.getByRole('status').getByText(`Created “${spaceName}”. Every client sees it now.`).waitFor();
      const table = page.getByTestId('spaces-table');
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: spaceName }) });
      await row.getByRole('cell', { name: 'Open', exact: true }).waitFor();
      const { rows: created } = await db.query(`SELECT id, archived_at FROM spaces WHERE name = $1`, [spaceName]);
      expect(created).toHaveLength(1);
      expect(created[0].archived_at).toBeNull();
      expect(await clientSees(client.page, spaceName)).toBe(true);
      await client.shot('client-sees-space');

      // Archive asks first; keeping it open changes nothing.
      await row.getByRole('button', { name: `Archive “${spaceName}”` }).click();
      const confirm = page.getByRole('region', { name: `Archive “${spaceName}”?` });
      await confirm.getByText('read-only, hidden from lists', { exact: false }).waitFor();
      await expectFocus(page, 'textContent', `Archive “${spaceName}”?`);
      await expectAccessible(journey, 'space-archive-confirm');
      await confirm.getByRole('button', { name: 'Keep it open' }).click();
      expect((await db.query(`SELECT archived_at FROM spaces WHERE id = $1`, [created[0].id])).rows[0].archived_at).toBeNull();
      await row.getByRole('button', { name: `Archive “${spaceName}”` }).click();
      await confirm.getByRole('button', { name: `Yes, archive “${spaceName}”` }).click();
      await page.getByRole('status').getByText(`Archived “${spaceName}”.`, { exact: false }).waitFor();
      await row.getByRole('cell', { name: 'Archived: read-only, hidden from clients’ lists' }).waitFor();
      await expectAccessible(journey, 'spaces-archived');
      expect((await db.query(`SELECT archived_at FROM spaces WHERE id = $1`, [created[0].id])).rows[0].archived_at).not.toBeNull();
      expect(await clientSees(client.page, spaceName)).toBe(false);
      await client.shot('client-space-gone');

      // Members: the join rule in words, search, and discharge behind a confirm step.
      await openConsoleSection(page, 'Members');
      await page.getByTestId('membership-mode').waitFor();
      await page.getByLabel('Pseudonym contains').fill('Riv');
      await page.getByRole('button', { name: 'Find members' }).click();
      const members = page.getByTestId('members-table');
      await members.getByRole('rowheader', { name: RIVER.name, exact: true }).waitFor();
      await members.getByRole('rowheader', { name: SKY.name, exact: true }).waitFor({ state: 'detached' });
      const riverRow = members.getByRole('row').filter({ has: page.getByRole('rowheader', { name: RIVER.name, exact: true }) });
      await riverRow.getByRole('cell', { name: 'Active', exact: true }).waitFor();
      await expectAccessible(journey, 'members');
      await riverRow.getByRole('button', { name: `Discharge ${RIVER.name}` }).click();
      const discharge = page.getByRole('region', { name: `Discharge ${RIVER.name}?` });
      await discharge.getByText('cannot post or read', { exact: false }).waitFor();
      await discharge.getByText('under their pseudonym', { exact: false }).waitFor();
      await expectAccessible(journey, 'discharge-confirm');
      await discharge.getByRole('button', { name: `Yes, discharge ${RIVER.name}` }).click();
      await page.getByRole('status').getByText(`Discharged ${RIVER.name}.`, { exact: false }).waitFor();
      await riverRow.getByRole('cell', { name: 'Discharged: access ended, posts stay' }).waitFor();

      // Erase asks for the pseudonym typed out; a wrong one is refused and nothing is erased.
      await riverRow.getByRole('button', { name: `Erase ${RIVER.name}` }).click();
      const erase = page.getByRole('region', { name: `Erase ${RIVER.name}?` });
      await erase.getByText('The audit log keeps that the erasure happened', { exact: false }).waitFor();
      await erase.getByLabel(`Type their pseudonym, ${RIVER.name}, to confirm`).fill('Rive');
      await erase.getByRole('button', { name: `Erase ${RIVER.name}` }).click();
      await page
        .getByRole('alert')
        .getByRole('link', { name: `Type ${RIVER.name} exactly as shown to erase them` })
        .waitFor();
      await expectAccessible(journey, 'erase-confirm-error');
      await erase.getByRole('button', { name: 'Cancel' }).click();

      const { rows: riverRows } = await db.query(`SELECT discharged_at, erased_at, display_name FROM members WHERE display_name = $1`, [RIVER.name]);
      expect(riverRows).toHaveLength(1);
      expect(riverRows[0].discharged_at).not.toBeNull();
      expect(riverRows[0].erased_at).toBeNull();
      // The server refuses River from now on.
      const refused = await server.gql('{ me { id } }', {}, river);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      expect(journey.problems()).toEqual([]);
    } finally {
      await client.close();
      await journey.close();
    }
  }, 180_000);

  it('should edit a space by keyboard alone: a refused name in the error summary, then the change saved, audited and seen by a client', async () => {
    // Limited to a cohort Sky is not in, so the edit that opens it to every client shows in Sky's list.
    const before = { name: 'Morning pages', description: 'Write a page before breakfast.', cohort: 'autumn' };
    const after = { name: 'Morning notes', description: 'A few lines before breakfast, for anyone.' };
    const { createSpace } = await api<{ createSpace: { id: string } }>(
      server,
      admin,
      'mutation($input: CreateSpaceInput!) { createSpace(input: $input) { id } }',
      { input: before },
    );
    const journey = await openJourney(browser, base, 'space-edit', 1280);
    const client = await openJourney(browser, base, 'space-edit-client', 375);
    const { page } = journey;
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    try {
      expect(await clientSees(client.page, before.name)).toBe(false);
      await signInAs(page, 'Sam');
      await openConsoleSection(page, 'Spaces');
      const row = page
        .getByTestId('spaces-table')
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: before.name }) });
      await row.getByRole('cell', { name: 'Clients in cohort autumn' }).waitFor();

      // From the page's heading, by Tab alone (tabTo checks focus is visible at every stop), to the row's Edit button.
      await page.getByRole('heading', { level: 1, name: 'Spaces' }).click();
      await tabTo(page, new RegExp(`^button "Edit “${before.name}”"`));
      await page.keyboard.press('Enter');
      const panel = page.getByRole('region', { name: `Edit “${before.name}”` });
      await panel.waitFor();
      await expectFocus(page, 'textContent', `Edit “${before.name}”`);
      expect(await panel.getByLabel('Name', { exact: true }).inputValue()).toBe(before.name);
      expect(await panel.getByLabel('Cohort (optional)').inputValue()).toBe(before.cohort);

      // A one-letter name is the server's refusal, shown in the summary and linked to the field.
      await page.keyboard.press('Tab');
      expect(await focusedId()).toBe('edit-space-name');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('M');
      await page.keyboard.press('Enter');
      const summary = page.getByRole('alert');
      await summary.getByRole('link', { name: 'Not saved: name needs at least 2 characters.' }).waitFor();
      expect(await focusedId()).toBe('');
      await expectAccessible(journey, 'refused');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await focusedId()).toBe('edit-space-name');
      expect((await db.query('SELECT name FROM spaces WHERE id = $1', [createSpace.id])).rows[0].name).toBe(before.name);

      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(after.name);
      await page.keyboard.press('Tab');
      expect(await focusedId()).toBe('edit-space-description');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(after.description);
      await page.keyboard.press('Tab');
      expect(await focusedId()).toBe('edit-space-cohort');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Backspace');
      await tabTo(page, /^button "Save changes"/, {}, 3);
      await page.keyboard.press('Enter');
      await page.getByRole('status').getByText(`Saved “${after.name}”: every client sees it.`).waitFor();
      await panel.waitFor({ state: 'detached' });
      // Focus goes back to the row's Edit button, now under the new name.
      await page.waitForFunction((name) => document.activeElement?.textContent === `Edit “${name}”`, after.name);
      const edited = page
        .getByTestId('spaces-table')
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: after.name }) });
      await edited.getByRole('cell', { name: 'Every client' }).waitFor();
      await edited.getByText(after.description).waitFor();
      await expectAccessible(journey, 'saved');

      const { rows } = await db.query('SELECT name, description, cohort FROM spaces WHERE id = $1', [createSpace.id]);
      expect(rows).toEqual([{ name: after.name, description: after.description, cohort: null }]);
      const { rows: audit } = await db.query(`SELECT details FROM audit_events WHERE action = 'space.updated' AND target_id = $1 AND actor_role = 'ADMIN'`, [
        createSpace.id,
      ]);
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toMatchObject({ fields: 'name,description,cohort', cohort: null });
      expect(await clientSees(client.page, after.name)).toBe(true);
      await client.shot('client-sees-edited-space');
      expect(journey.problems()).toEqual([]);
    } finally {
      await client.close();
      await journey.close();
    }
  }, 180_000);

  it('should let a client choose a new name and download their own data from Your account', async () => {
    const { spaces } = await api<{ spaces: Array<{ id: string; name: string }> }>(server, sky, '{ spaces { id name } }');
    const spaceId = spaces.find((space) => space.name === 'General check-in')!.id;
    const title = 'A small win today';
    const body = 'I went for a short walk and it helped a bit.';
    await seedThread(server, spaceId, sky, title, body);
    // The harness named Sky through setMyPseudonym at start; as if that was more than a week ago.
    await db.query(`UPDATE members SET pseudonym_chosen_at = now() - interval '8 days' WHERE display_name = $1`, [SKY.name]);
    const journey = await openJourney(browser, base, 'account', 375);
    const { page } = journey;
    try {
      await signInAs(page, SKY.name);
      await page.getByRole('link', { name: 'Your account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      await page.getByText(`Others see you as ${SKY.name}.`).waitFor();

      // An email is not a name: the server's refusal shows in the error summary, linked to the field.
      await page.getByLabel('Choose a new name').fill('sky@example.org');
      await page.getByRole('button', { name: 'Save name' }).click();
      await page.getByRole('alert').getByRole('link').first().waitFor();
      await expectAccessible(journey, 'name-refused');
      const { rows: unchanged } = await db.query(`SELECT 1 FROM members WHERE display_name = $1`, [SKY.name]);
      expect(unchanged).toHaveLength(1);

      await page.getByLabel('Choose a new name').fill('Quiet Harbor');
      await page.getByRole('button', { name: 'Save name' }).click();
      await page.getByRole('status').getByText('Others now see you as Quiet Harbor.').waitFor();
      await page.getByText('Signed in as').getByText('Quiet Harbor').waitFor();
      await expectAccessible(journey, 'name-saved');
      // A second change in the same week is refused in words, and the name stays.
      await page.getByLabel('Choose a new name').fill('Another Name');
      await page.getByRole('button', { name: 'Save name' }).click();
      await page.getByRole('alert').getByRole('link', { name: 'You changed your name recently. You can choose a new one once a week.' }).waitFor();
      const { rows: kept } = await db.query(`SELECT 1 FROM members WHERE display_name = 'Quiet Harbor'`);
      expect(kept).toHaveLength(1);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download your data' }).click()]);
      expect(download.suggestedFilename()).toBe('between-sessions-my-data.json');
      const file = await download.path();
      const text = await readFile(file, 'utf8');
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      expect(text).toContain(body);
      expect(text).toContain('Quiet Harbor');
      expect(journey.problems()).toEqual([]);
    } finally {
      await journey.close();
    }
  }, 180_000);
});
