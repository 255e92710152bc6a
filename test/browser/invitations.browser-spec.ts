import { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { Role } from '../../src/common/domain/role.enum';
import { AppProcess } from '../utils/app-process';
import { api, expectAccessible, JourneyServer, openJourney, RIVER, SAM_ADMIN, signInAs, SKY, startJourneyServer, tokenFor } from './browser-harness';

/**
 * MEMBERSHIP=invited in a real browser against the real server: the admin invites an identity
 * provider subject on the Members page, that person can then sign in and use the forum; someone
 * never invited, or whose invite was revoked before they joined, is turned away at sign-in with
 * words saying why and what to do, and is never made a member.
 */
describe('staff: invitations while membership is by invitation', () => {
  let journeys: JourneyServer;
  let server: AppProcess;
  let browser: Browser;
  let base: string;
  let db: Client;

  beforeAll(async () => {
    journeys = await startJourneyServer({ MEMBERSHIP: 'invited' });
    ({ server, browser, base, db } = journeys);
    // Admins always get in, so a program can start with an empty invite list.
    await api(server, await tokenFor(SAM_ADMIN.sub, Role.ADMIN, SAM_ADMIN.name), '{ me { id } }');
  }, 180_000);

  afterAll(async () => {
    await journeys?.stop();
  });

  const isMember = async (sub: string) => (await db.query('SELECT 1 FROM members WHERE sub = $1', [sub])).rows.length === 1;
  const invited = async () => (await db.query<{ sub: string; role: string | null }>('SELECT sub, role FROM member_invites ORDER BY sub')).rows;

  /** The development sign-in as a demo member who may not be let in: lands back on the sign-in page, or on the forum. */
  async function trySignIn(page: Page, name: string): Promise<void> {
    await page.goto('/sign-in');
    await page.getByRole('radio', { name: new RegExp(`^${name}\\b`) }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('should let an invited subject join and use the forum, and turn away one never invited or revoked before joining', async () => {
    const journey = await openJourney(browser, base, 'invitations', 1280);
    const sky = await openJourney(browser, base, 'invitations-sky', 375);
    const river = await openJourney(browser, base, 'invitations-river', 375);
    const { page } = journey;
    try {
      // Nobody is invited yet: River is turned away with the reason, and is not made a member.
      await trySignIn(river.page, RIVER.name);
      await river.page.getByText('You have not been invited yet').waitFor();
      await river.page.getByText('Ask your program team to invite you', { exact: false }).waitFor();
      await river.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await river.page.getByText('Signed in as').count()).toBe(0);
      await expectAccessible(river, 'not-invited');
      expect(await isMember(RIVER.sub)).toBe(false);

      await signInAs(page, 'Sam', '/admin/members');
      await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
      await page.getByTestId('membership-mode').getByText('Invited only', { exact: false }).waitFor();
      await page.getByText('Nobody is invited yet.').waitFor();

      // An empty sign-in id is refused in the error summary, linked to the field.
      await page.getByRole('button', { name: 'Invite', exact: true }).click();
      await page.getByRole('alert').getByRole('link', { name: 'Enter the sign-in id (subject) to invite' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('invite-sub');
      await expectAccessible(journey, 'invite-error');

      await page.getByLabel('Sign-in id (subject)').fill(SKY.sub);
      await page.getByLabel('May join as').selectOption('CLIENT');
      await page.getByRole('button', { name: 'Invite', exact: true }).click();
      await page.getByRole('status').getByText(`Invited ${SKY.sub} as client.`, { exact: false }).waitFor();
      // The role stays chosen for the next invite (a list of clients, one after another); River may join as any role.
      await page.getByLabel('Sign-in id (subject)').fill(RIVER.sub);
      await page.getByLabel('May join as').selectOption('');
      await page.getByRole('button', { name: 'Invite', exact: true }).click();
      await page.getByRole('status').getByText(`Invited ${RIVER.sub}.`, { exact: false }).waitFor();
      await page.getByRole('rowheader', { name: RIVER.sub }).waitFor();
      await expectAccessible(journey, 'two-invited');
      expect(await invited()).toEqual([
        { sub: RIVER.sub, role: null },
        { sub: SKY.sub, role: 'CLIENT' },
      ]);

      // River's invite is revoked before River joins.
      await page.getByRole('button', { name: `Revoke the invite for ${RIVER.sub}` }).click();
      await page.getByRole('status').getByText(`Revoked the invite for ${RIVER.sub}.`, { exact: false }).waitFor();
      await page.getByRole('rowheader', { name: RIVER.sub }).waitFor({ state: 'detached' });
      await page.getByRole('rowheader', { name: SKY.sub }).waitFor();
      await expectAccessible(journey, 'revoked');
      expect(await invited()).toEqual([{ sub: SKY.sub, role: 'CLIENT' }]);
      const { rows: audit } = await db.query<{ action: string; target_id: string }>(
        `SELECT action, target_id FROM audit_events WHERE action IN ('member.invited', 'member.invite_revoked') ORDER BY id`,
      );
      expect(audit).toEqual([
        { action: 'member.invited', target_id: SKY.sub },
        { action: 'member.invited', target_id: RIVER.sub },
        { action: 'member.invite_revoked', target_id: RIVER.sub },
      ]);

      // Sky, invited, signs in and uses the forum: her spaces list, and a space's threads.
      await trySignIn(sky.page, SKY.name);
      await sky.page.getByText('Signed in as').waitFor();
      await sky.page.getByRole('link', { name: 'General check-in' }).click();
      await sky.page.getByRole('heading', { level: 1, name: 'General check-in' }).waitFor();
      await expectAccessible(sky, 'invited-joined');
      expect(await isMember(SKY.sub)).toBe(true);

      // River, revoked before joining, is turned away as before.
      await trySignIn(river.page, RIVER.name);
      await river.page.getByText('You have not been invited yet').waitFor();
      expect(await isMember(RIVER.sub)).toBe(false);

      expect(journey.problems()).toEqual([]);
      expect(sky.problems()).toEqual([]);
    } finally {
      await river.close();
      await sky.close();
      await journey.close();
    }
  }, 180_000);
});
