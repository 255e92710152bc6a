import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Role } from '../../src/common/domain/role.enum';
import { NotificationKind } from '../../src/notifications/entities/notification.entity';
import { NotificationInbox } from '../../src/notifications/notification-inbox.service';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { RealtimeEvent } from '../../src/notifications/realtime/realtime-events';
import { RedisPubSub } from '../../src/notifications/realtime/redis-pubsub';
import { createReply, createThread } from '../forum/forum-fixtures';
import { probeDelivery, subscribe, Subscribed, wsClient } from '../helpers/realtime';
import { startTestApp, TestApp } from '../helpers/test-app';
import { TEST_REDIS_URL } from '../utils/environment';
import { member, Member, space } from '../utils/factories';
import { waitFor } from '../utils/wait-for';

const NOTIFICATION_FIELDS = 'id kind title body postId readAt createdAt';
const NOTIFICATION_ADDED = `subscription { notificationAdded { ${NOTIFICATION_FIELDS} } }`;
const LIST = `{ notifications(first: 100) { edges { node { ${NOTIFICATION_FIELDS} } } } unreadNotificationCount }`;
const REACT = `mutation($input: ReactInput!) { react(input: $input) { id } }`;

interface Notice {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  postId: string | null;
  readAt: string | null;
  createdAt: string;
}
type Added = { notificationAdded: Notice };

const REPLY_TEXT = 'Walks help me too, maybe try one after dinner.';
/** Held by the crisis phase (HIGH): a reply nobody else may see until a peer specialist decides. */
const HELD_TEXT = 'I want to kill myself tonight.';

/**
 * Journey 5 on the server: replies, quotes and reactions reach the member they concern as
 * notifications, live, only once the reply is published, and without anyone's post text.
 * API and the real screening worker in one process (as `npm start` runs them).
 */
describe('support notifications', () => {
  let app: TestApp;
  let spaceId: string;
  let sky: Member;
  let river: Member;
  let ash: Member;
  let admin: Member;
  let skyEvents: Subscribed<Added>;
  let riverEvents: Subscribed<Added>;
  let redisMessages: string[];
  let redis: Redis;
  const clients: Array<ReturnType<typeof wsClient>> = [];

  const list = async (who: Member) => {
    const res = await app.gql<{ notifications: { edges: Array<{ node: Notice }> }; unreadNotificationCount: number }>(LIST, {}, who.token);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return { notices: res.data.notifications.edges.map((e) => e.node), unread: res.data.unreadNotificationCount };
  };
  const about = (notices: Notice[], postId: string) => notices.filter((n) => n.postId === postId);
  const statusOf = async (postId: string) => {
    const rows: Array<{ status: string }> = await app.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]);
    return rows[0].status;
  };
  const untilStatus = (postId: string, status: string) => waitFor(`post ${postId} ${status}`, async () => (await statusOf(postId)) === status);

  /**
   * Writes a fresh notification for the member and waits until their socket has it: events arrive
   * in the order they were published, so after this, anything announced earlier has arrived too.
   */
  const probe = async (who: Member, events: Subscribed<Added>, what: string) => {
    const notifications = app.running.app.get(NotificationsService);
    const title = `probe ${randomUUID()}`;
    let written = false;
    const publish = async () => {
      // Written once; published again (ids only) while the subscription is still being set up.
      if (!written) {
        written = true;
        await app.dataSource.transaction((manager) =>
          notifications.notify(manager, [{ memberId: who.id, kind: NotificationKind.POST_HELD, title, body: 'probe' }]),
        );
        return;
      }
      const [row]: Array<{ id: string }> = await app.dataSource.query(`SELECT id FROM notifications WHERE title = $1`, [title]);
      await app.running.app.get(RedisPubSub).publish(RealtimeEvent.NOTIFICATION_ADDED, { notificationId: row.id, memberId: who.id });
    };
    await probeDelivery(events, publish, (e) => e.notificationAdded.title === title, what);
  };

  const publishedThread = async (author: Member, title: string) => {
    const thread = await createThread(app, author, spaceId, title, 'I went for a walk today and it helped a little.');
    await untilStatus(thread.firstPost.id, 'PUBLISHED');
    return thread;
  };

  beforeAll(async () => {
    app = await startTestApp();
    spaceId = await space(app.dataSource);
    sky = await member(app, Role.CLIENT, 'support-sky');
    river = await member(app, Role.CLIENT, 'support-river');
    ash = await member(app, Role.CLIENT, 'support-ash');
    admin = await member(app, Role.ADMIN, 'support-admin');
    for (const [who, assign] of [
      [sky, (s: Subscribed<Added>) => (skyEvents = s)],
      [river, (s: Subscribed<Added>) => (riverEvents = s)],
    ] as const) {
      const client = wsClient(app.url, who.token);
      clients.push(client);
      const subscribed = subscribe<Added>(client, NOTIFICATION_ADDED);
      assign(subscribed);
      await probe(who, subscribed, 'the first probe');
    }
    // What crosses Redis, read off the channel itself.
    redisMessages = [];
    redis = new Redis(TEST_REDIS_URL);
    await redis.subscribe(`${app.config.redis.prefix}:events:notification-added`);
    redis.on('message', (_channel: string, message: string) => redisMessages.push(message));
  });

  afterAll(async () => {
    skyEvents?.dispose();
    riverEvents?.dispose();
    for (const client of clients) await client.dispose();
    await redis?.quit();
    await app?.close();
  });

  it('should tell the thread author, live, when a reply is published, and nobody else', async () => {
    const thread = await publishedThread(sky, 'Sleep has been hard');
    const reply = await createReply(app, river, thread.id, REPLY_TEXT);
    const [event] = await waitFor('the reply notification', () => {
      const found = skyEvents.events.filter((e) => e.notificationAdded.postId === reply.id);
      return found.length > 0 && found;
    });
    expect(event.notificationAdded).toMatchObject({
      kind: NotificationKind.REPLY_IN_YOUR_THREAD,
      title: 'New reply in your thread',
      body: expect.stringContaining('“Sleep has been hard”'),
      readAt: null,
    });
    expect(event.notificationAdded.body).not.toContain('Walks');
    expect(skyEvents.errors).toEqual([]);

    const { notices, unread } = await list(sky);
    expect(about(notices, reply.id)).toEqual([event.notificationAdded]);
    expect(unread).toBeGreaterThanOrEqual(1);
    // The replier hears nothing of their own reply.
    expect(about((await list(river)).notices, reply.id)).toEqual([]);
    expect(riverEvents.events.filter((e) => e.notificationAdded.postId === reply.id)).toEqual([]);
  });

  it('should say nothing while a reply is pending or held, and tell the thread author once a peer specialist publishes it', async () => {
    const thread = await publishedThread(sky, 'A long week');
    const reply = await createReply(app, river, thread.id, HELD_TEXT);
    await untilStatus(reply.id, 'HELD');
    // A notification would have been written with the hold; and a stray event would arrive before this probe.
    await probe(sky, skyEvents, 'a probe after the hold');
    expect(about((await list(sky)).notices, reply.id)).toEqual([]);
    expect(skyEvents.events.filter((e) => e.notificationAdded.postId === reply.id)).toEqual([]);

    const queue = await app.gql<{ moderationQueue: { edges: Array<{ node: { id: string; postId: string } }> } }>(
      '{ moderationQueue(first: 100) { edges { node { id postId } } } }',
      {},
      admin.token,
    );
    const caseId = queue.data?.moderationQueue.edges.find((e) => e.node.postId === reply.id)?.node.id;
    expect(caseId).toBeDefined();
    const resolved = await app.gql(
      'mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { id } }',
      { input: { caseId, decision: 'APPROVE' } },
      admin.token,
    );
    expect(resolved.errors).toBeUndefined();

    const event = await waitFor('the notification once published', () => skyEvents.events.find((e) => e.notificationAdded.postId === reply.id));
    expect(event.notificationAdded.kind).toBe(NotificationKind.REPLY_IN_YOUR_THREAD);
    // The author of the held reply was told about the decision, live, through the same subscription.
    const decision = await waitFor("the decision's notification to the reply's author", () =>
      riverEvents.events.find((e) => e.notificationAdded.postId === reply.id && e.notificationAdded.kind === NotificationKind.POST_PUBLISHED),
    );
    expect(decision.notificationAdded.title).toBe('Your post is shared with the group');
    // No notification anywhere carries the held words.
    const rows: Array<{ n: number }> = await app.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE title ILIKE $1 OR body ILIKE $1`, [
      '%kill myself%',
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('should tell a quoted author that they were quoted, the thread author once, and nobody twice when the reply is edited', async () => {
    const thread = await publishedThread(sky, 'Small wins');
    const first = await createReply(app, river, thread.id, 'I made my bed today.');
    await untilStatus(first.id, 'PUBLISHED');
    const quoting = await createReply(app, ash, thread.id, 'That counts, well done.', first.id);
    await waitFor('the quote notification', () => riverEvents.events.find((e) => e.notificationAdded.postId === quoting.id));
    // Both are written in the transaction that published the reply.
    await untilStatus(quoting.id, 'PUBLISHED');
    expect(about((await list(river)).notices, quoting.id).map((n) => [n.kind, n.body])).toEqual([
      [NotificationKind.REPLY_TO_YOUR_POST, expect.stringMatching(/quoted your post in a reply\.$/)],
    ]);
    expect(about((await list(sky)).notices, quoting.id).map((n) => n.kind)).toEqual([NotificationKind.REPLY_IN_YOUR_THREAD]);

    // Quoting the thread's own first post: its author is told once, as the one quoted.
    const quotingOpening = await createReply(app, ash, thread.id, 'Same here.', thread.firstPost.id);
    await untilStatus(quotingOpening.id, 'PUBLISHED');
    expect(about((await list(sky)).notices, quotingOpening.id).map((n) => n.kind)).toEqual([NotificationKind.REPLY_TO_YOUR_POST]);

    // An edit is screened and published again: no second notification.
    const edited = await app.gql(
      'mutation($input: EditPostInput!) { editPost(input: $input) { id revision } }',
      { input: { postId: quoting.id, body: 'That counts, well done you.' } },
      ash.token,
    );
    expect(edited.errors).toBeUndefined();
    // A second notification would be written in the transaction that published the edit.
    await waitFor('the edit published', async () => {
      const [row]: Array<{ status: string; revision: number }> = await app.dataSource.query(`SELECT status, revision FROM posts WHERE id = $1`, [quoting.id]);
      return row.revision === 2 && row.status === 'PUBLISHED';
    });
    expect(about((await list(river)).notices, quoting.id)).toHaveLength(1);
    expect(about((await list(sky)).notices, quoting.id)).toHaveLength(1);
  });

  it('should gather reactions into one unread notification per post with the totals, and start a new one after it is read', async () => {
    const thread = await publishedThread(sky, 'Gratitude');
    const postId = thread.firstPost.id;
    const readers = [river, ash, ...(await Promise.all([1, 2].map((n) => member(app, Role.CLIENT, `support-reader-${n}`))))];
    // The author's own reaction is not news to them.
    await app.gql(REACT, { input: { postId, kind: 'HEART' } }, sky.token);
    expect(about((await list(sky)).notices, postId)).toEqual([]);

    // At the same moment: they queue on the group's lock, so still one notification.
    const results = await Promise.all(readers.map((r) => app.gql(REACT, { input: { postId, kind: 'HUG' } }, r.token)));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    await app.gql(REACT, { input: { postId, kind: 'HEART' } }, river.token);
    // A reaction given twice counts once and changes nothing.
    await app.gql(REACT, { input: { postId, kind: 'HEART' } }, river.token);

    const gathered = about((await list(sky)).notices, postId);
    expect(gathered).toEqual([
      expect.objectContaining({
        kind: NotificationKind.REACTIONS_TO_YOUR_POST,
        title: 'Members reacted to your thread',
        body: 'Reactions so far: Heart 1, Hug 4.',
        readAt: null,
      }),
    ]);
    // Each update reached the author live, as the same notification.
    await waitFor('the latest totals', () =>
      skyEvents.events.some((e) => e.notificationAdded.id === gathered[0].id && e.notificationAdded.body === gathered[0].body),
    );
    expect(new Set(skyEvents.events.filter((e) => e.notificationAdded.postId === postId).map((e) => e.notificationAdded.id))).toEqual(
      new Set([gathered[0].id]),
    );

    const read = await app.gql('mutation($id: ID!) { markNotificationRead(id: $id) { readAt } }', { id: gathered[0].id }, sky.token);
    expect(read.errors).toBeUndefined();
    await app.gql(REACT, { input: { postId, kind: 'THANKS' } }, ash.token);
    const after = about((await list(sky)).notices, postId);
    expect(after.map((n) => [n.body, n.readAt === null])).toEqual([
      ['Reactions so far: Heart 1, Hug 4, Thank you 1.', true],
      ['Reactions so far: Heart 1, Hug 4.', false],
    ]);
  });

  it('should never gather one group into two notifications, when the second writer comes while the first has not committed', async () => {
    const inbox = app.running.app.get(NotificationInbox);
    const group = { postId: randomUUID() };
    const compose = (body: string) => async () => ({ memberId: ash.id, title: 'Members reacted to your reply', body, data: {} });
    let firstWritten!: () => void;
    const written = new Promise<void>((resolve) => (firstWritten = resolve));
    let secondDone = false;
    const second = (async () => {
      await written;
      await app.dataSource.transaction((manager) => inbox.gather(manager, NotificationKind.REACTIONS_TO_YOUR_POST, group, compose('second')));
      secondDone = true;
    })();
    const first = app.dataSource.transaction(async (manager) => {
      await inbox.gather(manager, NotificationKind.REACTIONS_TO_YOUR_POST, group, compose('first'));
      firstWritten();
      // Still open until the second writer is waiting on the group's lock (or, without one, has written its own row).
      await waitFor('the second writer to queue or finish', async () => {
        if (secondDone) return true;
        const [{ waiting }]: Array<{ waiting: number }> = await manager.query(
          `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()`,
        );
        return waiting > 0;
      });
    });
    await Promise.all([first, second]);
    expect(about((await list(ash)).notices, group.postId).map((n) => n.body)).toEqual(['second']);
  });

  it('should mark every notification read at once', async () => {
    const before = await list(sky);
    expect(before.unread).toBeGreaterThan(0);
    const res = await app.gql<{ markAllNotificationsRead: number }>('mutation { markAllNotificationsRead }', {}, sky.token);
    expect(res.data?.markAllNotificationsRead).toBe(before.unread);
    const after = await list(sky);
    expect(after.unread).toBe(0);
    expect(after.notices.every((n) => n.readAt !== null)).toBe(true);
    // Nobody else's were touched.
    expect((await list(river)).unread).toBeGreaterThan(0);
  });

  it('should announce only committed notifications, with ids alone crossing Redis', async () => {
    const notifications = app.running.app.get(NotificationsService);
    const seen = skyEvents.events.length;
    await expect(
      app.dataSource.transaction(async (manager) => {
        await notifications.notify(manager, [{ memberId: sky.id, kind: NotificationKind.POST_HELD, title: 'never', body: 'rolled back' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await app.dataSource.transaction((manager) =>
      notifications.notify(manager, [{ memberId: sky.id, kind: NotificationKind.POST_HELD, title: 'Committed', body: 'kept' }]),
    );
    const event = await waitFor('the committed notification', () => skyEvents.events.slice(seen).find((e) => e.notificationAdded.title === 'Committed'));
    expect(skyEvents.events.slice(seen).map((e) => e.notificationAdded.title)).toEqual(['Committed']);
    expect(skyEvents.errors).toEqual([]);

    expect(redisMessages.length).toBeGreaterThan(0);
    for (const message of redisMessages) expect(Object.keys(JSON.parse(message) as object).sort()).toEqual(['memberId', 'notificationId']);
    expect(redisMessages.some((m) => m.includes(event.notificationAdded.id))).toBe(true);
    expect(redisMessages.join('\n')).not.toMatch(/Walks|made my bed|Committed|kill/);
  });

  it('should refuse the subscription without a token', async () => {
    const anonymous = wsClient(app.url, null);
    const refused = subscribe<Added>(anonymous, NOTIFICATION_ADDED);
    await waitFor('the refusal', () => refused.errors.length > 0);
    // The socket itself is refused (graphql-ws's Forbidden close), before any event could flow.
    expect(refused.errors[0]).toMatchObject({ code: 4403 });
    expect(refused.events).toEqual([]);
    refused.dispose();
    await anonymous.dispose();
  });
});
