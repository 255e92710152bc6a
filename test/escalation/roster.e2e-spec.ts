import { Role } from '../../src/common/domain/role.enum';
import { OnCallRosterService } from '../../src/escalation/roster/on-call-roster.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { member, Member, uniqueSub } from '../utils/factories';
import { waitFor } from '../utils/wait-for';

const CRISIS_TEXT = 'I am going to kill myself tonight. I have the pills ready and I wrote my goodbye letter.';
const HOUR = 3_600_000;
const SHIFT_FIELDS = 'id tier startsAt endsAt startsAtLocal endsAtLocal clinician { id displayName }';
const CREATE = `mutation ($input: CreateOnCallShiftInput!) { createOnCallShift(input: $input) { ${SHIFT_FIELDS} } }`;
const DELETE = 'mutation ($id: ID!) { deleteOnCallShift(id: $id) { id } }';

describe('on-call roster', () => {
  let app: TestApp;
  let admin: Member;
  let first: Member;
  let onCall: Member;
  let backup: Member;
  let peer: Member;

  beforeAll(async () => {
    app = await startTestApp({
      role: 'all',
      env: { PROGRAM_TIME_ZONE: 'America/New_York', ESCALATION_ACK_SECONDS: 'IMMINENT=600,HIGH=600,ELEVATED=600', ROSTER_GAP_CHECK_SECONDS: '3600' },
    });
    admin = await member(app, Role.ADMIN, 'roster-admin');
    // The first clinician the forum ever saw: paged at level 1 before the roster, not now.
    first = await member(app, Role.CLINICIAN, 'first-clinician');
    onCall = await member(app, Role.CLINICIAN, 'on-call');
    backup = await member(app, Role.CLINICIAN, 'backup');
    peer = await member(app, Role.PEER_SPECIALIST, 'peer');
  });

  // The run's other test files share this database: shifts left behind would decide who they page.
  afterAll(async () => {
    await app.dataSource.query(`DELETE FROM on_call_shifts`);
    await app.close();
  });

  async function createShift(input: { clinicianId: string; tier: string; startsAt: Date; endsAt: Date }, token = admin.token) {
    return app.gql<{ createOnCallShift: { id: string; startsAtLocal: string; clinician: { id: string } } }>(CREATE, { input }, token);
  }

  async function deleteAllShifts(): Promise<void> {
    const from = new Date(Date.now() - 40 * 24 * HOUR);
    const listed = await app.gql<{ onCallShifts: Array<{ id: string }> }>(
      'query ($from: DateTime!, $to: DateTime!) { onCallShifts(from: $from, to: $to) { id } }',
      { from, to: new Date(+from + 90 * 24 * HOUR) },
      admin.token,
    );
    for (const shift of listed.data!.onCallShifts) expect((await app.gql(DELETE, { id: shift.id }, admin.token)).errors).toBeUndefined();
  }

  async function crisisEscalation(): Promise<string> {
    const author = await app.token(uniqueSub('client'), Role.CLIENT);
    const spaces = await app.gql<{ spaces: Array<{ id: string }> }>('{ spaces { id } }', {}, author);
    const created = await app.gql<{ createThread: { firstPost: { id: string } } }>(
      'mutation ($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }',
      { input: { spaceId: spaces.data!.spaces[0].id, title: 'tonight', body: CRISIS_TEXT } },
      author,
    );
    const postId = created.data!.createThread.firstPost.id;
    return waitFor('the escalation', async () => {
      const rows: Array<{ id: string }> = await app.dataSource.query(`SELECT id FROM escalations WHERE post_id = $1 AND paged_level >= 1`, [postId]);
      return rows[0]?.id;
    });
  }

  async function pagedAtLevel1(escalationId: string): Promise<{ memberIds: string[]; body: string }> {
    const rows: Array<{ member_id: string; body: string }> = await app.dataSource.query(
      `SELECT member_id, body FROM notifications WHERE kind = 'ESCALATION' AND data->>'escalationId' = $1 AND (data->>'level')::int = 1`,
      [escalationId],
    );
    return { memberIds: rows.map((r) => r.member_id).sort(), body: rows[0]?.body ?? '' };
  }

  it('should refuse a shift that ends before it starts, a non-clinician, and callers who are not admins', async () => {
    const now = Date.now();
    const backwards = await createShift({ clinicianId: onCall.id, tier: 'PRIMARY', startsAt: new Date(now + HOUR), endsAt: new Date(now) });
    expect(backwards.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const notClinician = await createShift({ clinicianId: peer.id, tier: 'PRIMARY', startsAt: new Date(now), endsAt: new Date(now + HOUR) });
    expect(notClinician.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const asClinician = await createShift({ clinicianId: onCall.id, tier: 'PRIMARY', startsAt: new Date(now), endsAt: new Date(now + HOUR) }, onCall.token);
    expect(asClinician.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Other files of the run share the table: this file's shifts are its admin's.
    const rows: unknown[] = await app.dataSource.query(`SELECT 1 FROM on_call_shifts WHERE created_by = $1`, [admin.id]);
    expect(rows).toHaveLength(0);
  });

  it("should list shifts in the program's time zone, say who is on call now, and report gaps and overlaps", async () => {
    const now = Date.now();
    const primary = await createShift({ clinicianId: onCall.id, tier: 'PRIMARY', startsAt: new Date(now - HOUR), endsAt: new Date(now + 2 * HOUR) });
    expect(primary.errors).toBeUndefined();
    expect(primary.data!.createOnCallShift.clinician.id).toBe(onCall.id);
    expect(primary.data!.createOnCallShift.startsAtLocal).toMatch(/E[SD]T$/);
    expect(
      (await createShift({ clinicianId: backup.id, tier: 'BACKUP', startsAt: new Date(now - HOUR), endsAt: new Date(now + 2 * HOUR) })).errors,
    ).toBeUndefined();
    // Two primaries overlapping for an hour, then nobody from +4h.
    expect(
      (await createShift({ clinicianId: first.id, tier: 'PRIMARY', startsAt: new Date(now + HOUR), endsAt: new Date(now + 4 * HOUR) })).errors,
    ).toBeUndefined();

    const seen = await app.gql<{ onCallNow: { primary: { id: string } | null; backup: { id: string } | null; covered: boolean; timeZone: string } }>(
      '{ onCallNow { primary { id displayName } backup { id displayName } covered timeZone } }',
      {},
      peer.token,
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.onCallNow).toEqual({
      primary: { id: onCall.id, displayName: expect.any(String) },
      backup: { id: backup.id, displayName: expect.any(String) },
      covered: true,
      timeZone: 'America/New_York',
    });

    const gaps = await app.gql<{ onCallGaps: Array<{ kind: string; tier: string; startsAt: string; endsAt: string; shiftIds: string[] }> }>(
      'query ($from: DateTime!, $to: DateTime!) { onCallGaps(from: $from, to: $to) { kind tier startsAt endsAt startsAtLocal shiftIds } }',
      { from: new Date(now), to: new Date(now + 6 * HOUR) },
      admin.token,
    );
    expect(gaps.errors).toBeUndefined();
    const kinds = gaps.data!.onCallGaps.map((g) => g.kind);
    expect(kinds).toEqual(['OVERLAP', 'NO_PRIMARY']);
    const [overlap, gap] = gaps.data!.onCallGaps;
    expect(Date.parse(overlap.startsAt)).toBe(now + HOUR);
    expect(overlap.shiftIds).toHaveLength(2);
    expect(Date.parse(gap.startsAt)).toBe(now + 4 * HOUR);
    expect(Date.parse(gap.endsAt)).toBe(now + 6 * HOUR);

    const audit: Array<{ action: string }> = await app.dataSource.query(`SELECT action FROM audit_events WHERE action LIKE 'roster.%' AND actor_id = $1`, [
      admin.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['roster.shift.create', 'roster.shift.create', 'roster.shift.create']);
  });

  it('should page the PRIMARY on call at level 1, not the first clinician the forum saw', async () => {
    const escalationId = await crisisEscalation();
    expect((await pagedAtLevel1(escalationId)).memberIds).toEqual([onCall.id]);
    // The one escalation by id: a page of the newest ones may hold other tests' escalations of this run.
    const pages = await app.gql<{ escalation: { id: string; pages: Array<{ level: number; rosterCovered: boolean; recipients: Array<{ id: string }> }> } }>(
      'query ($id: ID!) { escalation(id: $id) { id pages { level rosterCovered recipients { id } deliveries { channel state } } } }',
      { id: escalationId },
      first.token,
    );
    const node = pages.data!.escalation;
    expect(node.pages).toEqual([expect.objectContaining({ level: 1, rosterCovered: true, recipients: [{ id: onCall.id }] })]);
    await app.gql('mutation ($id: ID!) { acknowledgeEscalation(id: $id) { id } }', { id: escalationId }, onCall.token);
  });

  it('should page every clinician at level 1 and say so when nobody is on call', async () => {
    await deleteAllShifts();
    const escalationId = await crisisEscalation();
    const paged = await pagedAtLevel1(escalationId);
    expect(paged.memberIds).toEqual(expect.arrayContaining([first.id, onCall.id, backup.id]));
    expect(paged.body).toContain('Nobody is on call right now');
    const [page]: Array<{ roster_covered: boolean }> = await app.dataSource.query(`SELECT roster_covered FROM escalation_pages WHERE escalation_id = $1`, [
      escalationId,
    ]);
    expect(page.roster_covered).toBe(false);
    await app.gql('mutation ($id: ID!) { acknowledgeEscalation(id: $id) { id } }', { id: escalationId }, onCall.token);
  });

  it('should list for admins only the clinicians who may be put on call, not discharged ones or other roles', async () => {
    const gone = await member(app, Role.CLINICIAN, 'discharged-clinician');
    await app.dataSource.query(`UPDATE members SET discharged_at = now() WHERE id = $1`, [gone.id]);
    const QUERY = '{ onCallClinicians { id displayName role } }';
    const listed = await app.gql<{ onCallClinicians: Array<{ id: string; role: string }> }>(QUERY, {}, admin.token);
    expect(listed.errors).toBeUndefined();
    const ids = listed.data!.onCallClinicians.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([first.id, onCall.id, backup.id]));
    expect(ids).not.toContain(gone.id);
    expect(ids).not.toContain(peer.id);
    expect(ids).not.toContain(admin.id);
    expect(new Set(listed.data!.onCallClinicians.map((m) => m.role))).toEqual(new Set(['CLINICIAN']));
    expect((await app.gql(QUERY, {}, onCall.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const now = Date.now();
    const onCallWhileGone = await createShift({ clinicianId: gone.id, tier: 'PRIMARY', startsAt: new Date(now), endsAt: new Date(now + HOUR) });
    expect(onCallWhileGone.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const stored: unknown[] = await app.dataSource.query(`SELECT 1 FROM on_call_shifts WHERE clinician_id = $1`, [gone.id]);
    expect(stored).toHaveLength(0);
  });

  it('should tell admins once about a gap in the next 72 hours', async () => {
    const now = Date.now();
    await createShift({ clinicianId: onCall.id, tier: 'PRIMARY', startsAt: new Date(now - HOUR), endsAt: new Date(now + 10 * HOUR) });
    await createShift({ clinicianId: backup.id, tier: 'PRIMARY', startsAt: new Date(now + 12 * HOUR), endsAt: new Date(now + 80 * HOUR) });
    const sut = app.running.app.get(OnCallRosterService);
    const firstRun = await sut.notifyUpcomingGaps();
    expect(firstRun.gaps).toBe(1);
    expect(firstRun.notified).toBeGreaterThanOrEqual(1);
    expect(await sut.notifyUpcomingGaps()).toEqual({ gaps: 1, notified: 0 });
    // (The check also ran when the worker started, with no roster at all: that notice is another gap's.)
    const told: Array<{ body: string }> = await app.dataSource.query(
      `SELECT body FROM notifications WHERE member_id = $1 AND kind = 'ROSTER_GAP' AND (data->>'startsAt')::timestamptz = $2`,
      [admin.id, new Date(now + 10 * HOUR)],
    );
    expect(told).toHaveLength(1);
    expect(told[0].body).toMatch(/No PRIMARY clinician is on call from .* E[SD]T until .* E[SD]T/);
  });
});
