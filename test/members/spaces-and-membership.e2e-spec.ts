import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/domain/role.enum';
import { NotificationKind } from '../../src/notifications/entities/notification.entity';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { RealtimeEvent } from '../../src/notifications/realtime/realtime-events';
import { RedisPubSub } from '../../src/notifications/realtime/redis-pubsub';
import { allHostileInputs } from '../fixtures/hostile-inputs';
import { publishedThread } from '../forum/forum-fixtures';
import { probeDelivery, subscribe, wsClient } from '../helpers/realtime';
import { startTestApp, TestApp } from '../helpers/test-app';
import { Member, member, signToken, uniqueSub } from '../utils/factories';
import { waitFor } from '../utils/wait-for';

const SPACE_FIELDS = 'id slug name description cohort archived archivedAt';
const CREATE = `mutation($input: CreateSpaceInput!) { createSpace(input: $input) { ${SPACE_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateSpaceInput!) { updateSpace(input: $input) { ${SPACE_FIELDS} } }`;
const ARCHIVE = `mutation($id: ID!) { archiveSpace(id: $id) { ${SPACE_FIELDS} } }`;
const SPACES = `{ spaces { id archived } }`;
const DISCHARGE = `mutation($id: ID!) { dischargeMember(memberId: $id) { id displayName } }`;

type Space = { id: string; slug: string; name: string; description: string; cohort: string | null; archived: boolean; archivedAt: string | null };

describe('members: spaces and membership (open)', () => {
  let app: TestApp;
  let admin: Member;
  let client: Member;
  let peer: Member;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
    admin = await member(app, Role.ADMIN, 'space-admin');
    client = await member(app, Role.CLIENT, 'space-client', { cohort: 'spring' });
    peer = await member(app, Role.PEER_SPECIALIST, 'space-peer');
  });

  afterAll(async () => app.close());

  const createSpace = async (input: Record<string, unknown>) => {
    const res = await app.gql<{ createSpace: Space }>(CREATE, { input }, admin.token);
    if (!res.data?.createSpace) throw new Error(JSON.stringify(res.errors));
    return res.data.createSpace;
  };

  it('should let admins create, update and archive spaces, audited, and refuse everyone else', async () => {
    const created = await createSpace({ name: 'Sleep & rest', description: 'Winding down.', cohort: 'spring' });
    expect(created).toMatchObject({ slug: 'sleep-rest', name: 'Sleep & rest', description: 'Winding down.', cohort: 'spring', archived: false });
    const twin = await createSpace({ name: 'Sleep & rest' });
    expect(twin.slug).not.toBe(created.slug);

    const updated = await app.gql<{ updateSpace: Space }>(UPDATE, { input: { id: created.id, name: 'Sleep', cohort: null } }, admin.token);
    expect(updated.data?.updateSpace).toMatchObject({ name: 'Sleep', description: 'Winding down.', cohort: null });

    for (const who of [client, peer]) {
      expect((await app.gql(CREATE, { input: { name: 'Nope' } }, who.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await app.gql(UPDATE, { input: { id: created.id, name: 'Nope' } }, who.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await app.gql(ARCHIVE, { id: created.id }, who.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await app.gql(ARCHIVE, { id: randomUUID() }, admin.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const events: Array<{ action: string; actor_id: string }> = await app.dataSource.query(
      `SELECT action, actor_id FROM audit_events WHERE target_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(events).toEqual([
      { action: 'space.created', actor_id: admin.id },
      { action: 'space.updated', actor_id: admin.id },
    ]);
  });

  it('should answer hostile space names and descriptions with BAD_USER_INPUT or a space, never a server error', async () => {
    for (const input of allHostileInputs()) {
      const res = await app.gql<{ createSpace: Space }>(CREATE, { input: { name: input, description: input } }, admin.token);
      expect(res.status).toBeLessThan(500);
      if (res.errors) expect(res.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
      else expect(res.data?.createSpace.slug).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('should make an archived space read-only with a clear code and hide it from clients, not from staff', async () => {
    const target = await createSpace({ name: 'Old space' });
    const thread = await publishedThread(app, client, target.id);
    const archived = await app.gql<{ archiveSpace: Space }>(ARCHIVE, { id: target.id }, admin.token);
    expect(archived.data?.archiveSpace).toMatchObject({ archived: true, archivedAt: expect.any(String) });

    const refusals = [
      await app.gql(
        `mutation($input: CreateThreadInput!) { createThread(input: $input) { id } }`,
        { input: { spaceId: target.id, title: 'Hi', body: 'Hello' } },
        client.token,
      ),
      await app.gql(
        `mutation($input: CreateReplyInput!) { createReply(input: $input) { id } }`,
        { input: { threadId: thread.id, body: 'Reply' } },
        client.token,
      ),
      await app.gql(
        `mutation($input: EditPostInput!) { editPost(input: $input) { id } }`,
        { input: { postId: thread.firstPost.id, body: 'Edited' } },
        client.token,
      ),
      await app.gql(`mutation($input: ReactInput!) { react(input: $input) { id } }`, { input: { postId: thread.firstPost.id, kind: 'HUG' } }, peer.token),
    ];
    for (const res of refusals) {
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SPACE_ARCHIVED' });
      expect(res.errors?.[0].message).toMatch(/archived/);
    }
    // Still readable by link.
    const read = await app.gql<{ thread: { id: string } | null }>(`query($id: ID!) { thread(id: $id) { id } }`, { id: thread.id }, client.token);
    expect(read.data?.thread?.id).toBe(thread.id);

    const clientList = await app.gql<{ spaces: Array<{ id: string }> }>(SPACES, {}, client.token);
    expect(clientList.data?.spaces.map((s) => s.id)).not.toContain(target.id);
    const staffList = await app.gql<{ spaces: Array<{ id: string; archived: boolean }> }>(SPACES, {}, peer.token);
    expect(staffList.data?.spaces.find((s) => s.id === target.id)).toEqual({ id: target.id, archived: true });
  });

  it('should discharge a member: every request FORBIDDEN, open sockets closed, posts kept under their pseudonym; admins only, audited', async () => {
    const leaving = await member(app, Role.CLIENT, 'leaving');
    const reader = await member(app, Role.CLIENT, 'stays');
    const spaceRow = await createSpace({ name: 'Discharge test' });
    const thread = await publishedThread(app, leaving, spaceRow.id);
    const pseudonym = (await app.gql<{ me: { displayName: string } }>('{ me { displayName } }', {}, leaving.token)).data!.me.displayName;

    const socket = wsClient(app.url, leaving.token);
    const events = subscribe<{ notificationAdded: { title: string } }>(socket, 'subscription { notificationAdded { title } }');
    const notifications = app.running.app.get(NotificationsService);
    const notify = async (title: string): Promise<string> => {
      await app.dataSource.transaction((manager) =>
        notifications.notify(manager, [{ memberId: leaving.id, kind: NotificationKind.POST_HELD, title, body: 'probe' }]),
      );
      const [row]: Array<{ id: string }> = await app.dataSource.query(`SELECT id FROM notifications WHERE title = $1`, [title]);
      return row.id;
    };
    const probeTitle = `probe ${randomUUID()}`;
    const probeId = await notify(probeTitle);
    await probeDelivery(
      events,
      () => app.running.app.get(RedisPubSub).publish(RealtimeEvent.NOTIFICATION_ADDED, { notificationId: probeId, memberId: leaving.id }),
      (e) => e.notificationAdded.title === probeTitle,
      'the socket before discharge',
    );

    expect((await app.gql(DISCHARGE, { id: leaving.id }, peer.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(DISCHARGE, { id: leaving.id }, reader.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const discharged = await app.gql<{ dischargeMember: { id: string; displayName: string } }>(DISCHARGE, { id: leaving.id }, admin.token);
    expect(discharged.data?.dischargeMember).toEqual({ id: leaving.id, displayName: pseudonym });

    for (const query of ['{ me { id } }', SPACES, `query($id: ID!) { thread(id: $id) { id } }`]) {
      const res = await app.gql(query, { id: thread.id }, leaving.token);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DISCHARGED' });
      expect(res.errors?.[0].message).toMatch(/access to this forum has ended/);
    }
    // The open socket is closed at its next event, which it never receives.
    const after = `after ${randomUUID()}`;
    const afterId = await notify(after);
    await app.running.app.get(RedisPubSub).publish(RealtimeEvent.NOTIFICATION_ADDED, { notificationId: afterId, memberId: leaving.id });
    await waitFor('the socket to close', () => events.errors.length > 0 || events.completed, { timeoutMs: 10_000 });
    expect(events.events.map((e) => e.notificationAdded.title)).not.toContain(after);
    await socket.dispose();
    // A new socket is refused.
    const again = subscribe(wsClient(app.url, leaving.token), 'subscription { notificationAdded { title } }');
    await waitFor('the new socket to be refused', () => again.errors.length > 0 || again.completed, { timeoutMs: 10_000 });
    expect(again.events).toEqual([]);

    // Their posts stay, under their pseudonym.
    const read = await app.gql<{ thread: { author: { displayName: string } } }>(
      `query($id: ID!) { thread(id: $id) { author { displayName } } }`,
      { id: thread.id },
      reader.token,
    );
    expect(read.data?.thread.author.displayName).toBe(pseudonym);
    const [event] = await app.dataSource.query(`SELECT actor_id FROM audit_events WHERE action = 'member.discharged' AND target_id = $1`, [leaving.id]);
    expect(event).toEqual({ actor_id: admin.id });
  });
});

describe('members: MEMBERSHIP=invited', () => {
  let app: TestApp;
  let admin: Member;

  beforeAll(async () => {
    app = await startTestApp({ role: 'api', env: { MEMBERSHIP: 'invited' } });
    admin = await member(app, Role.ADMIN, 'invite-admin');
  });

  afterAll(async () => app.close());

  it('should let in only invited subjects (for the invited role), keep those who joined, and refuse the rest with a clear message', async () => {
    const stranger = await signToken(uniqueSub('stranger'), Role.CLIENT);
    const refused = await app.gql('{ me { id } }', {}, stranger);
    // The reason lets the web app sign them out with its own page rather than a failed load.
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_INVITED' });
    expect(refused.errors?.[0].message).toMatch(/invited members only/);
    expect(refused.status).toBeLessThan(500);

    const sub = uniqueSub('invited');
    const client = await member(app, Role.CLIENT, 'x').catch(() => null);
    expect(client).toBeNull();
    expect((await app.gql(`mutation($sub: String!) { inviteMember(sub: $sub, role: CLIENT) }`, { sub }, admin.token)).data).toEqual({ inviteMember: true });
    const asPeer = await app.gql('{ me { id } }', {}, await signToken(sub, Role.PEER_SPECIALIST));
    expect(asPeer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const token = await signToken(sub, Role.CLIENT);
    const joined = await app.gql<{ me: { id: string } }>('{ me { id } }', {}, token);
    expect(joined.data?.me.id).toEqual(expect.any(String));

    // Revoking the invite does not take away a membership that began.
    expect((await app.gql(`mutation($sub: String!) { revokeInvite(sub: $sub) }`, { sub }, admin.token)).data).toEqual({ revokeInvite: true });
    expect((await app.gql<{ me: { id: string } }>('{ me { id } }', {}, await signToken(sub, Role.CLIENT, { name: 'changed' }))).data?.me.id).toBe(
      joined.data?.me.id,
    );
    expect((await app.gql(`mutation($sub: String!) { revokeInvite(sub: $sub) }`, { sub }, admin.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const clientInvite = await app.gql(`mutation($sub: String!) { inviteMember(sub: $sub) }`, { sub: 'someone' }, token);
    expect(clientInvite.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const bad of ['', ' ', 'has space', 'x'.repeat(300), '\u0000']) {
      const res = await app.gql(`mutation($sub: String!) { inviteMember(sub: $sub) }`, { sub: bad }, admin.token);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const actions: Array<{ action: string }> = await app.dataSource.query(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY id`, [sub]);
    expect(actions.map((a) => a.action)).toEqual(['member.invited', 'member.invite_revoked']);
  });
});
