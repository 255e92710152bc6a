import { Role } from '../../src/common/domain/role.enum';
import { RealtimeEvent } from '../../src/notifications/realtime/realtime-events';
import { RedisPubSub } from '../../src/notifications/realtime/redis-pubsub';
import { probeDelivery, subscribe, Subscribed, wsClient } from '../helpers/realtime';
import { startTestApp, TestApp } from '../helpers/test-app';
import { member, Member, space } from '../utils/factories';
import { waitFor } from '../utils/wait-for';
import { createReply, createThread } from './forum-fixtures';

const MY_POST_CHANGED = 'subscription { myPostChanged { id status statusNote author { id } } }';
type Changed = { myPostChanged: { id: string; status: string; statusNote: string | null; author: { id: string } } };

/** The signed-in author's own posts, live: what the web app shows instead of polling. */
describe('myPostChanged', () => {
  let app: TestApp;
  let spaceId: string;
  let author: Member;
  let other: Member;
  let admin: Member;
  let authorEvents: Subscribed<Changed>;
  let otherEvents: Subscribed<Changed>;
  const clients: Array<ReturnType<typeof wsClient>> = [];

  beforeAll(async () => {
    // API and the real screening worker in one process, as `npm start` runs them.
    app = await startTestApp();
    spaceId = await space(app.dataSource);
    author = await member(app, Role.CLIENT, 'changes-author');
    other = await member(app, Role.CLIENT, 'changes-other');
    admin = await member(app, Role.ADMIN, 'changes-admin');
    for (const [who, assign] of [
      [author, (s: Subscribed<Changed>) => (authorEvents = s)],
      [other, (s: Subscribed<Changed>) => (otherEvents = s)],
    ] as const) {
      const client = wsClient(app.url, who.token);
      clients.push(client);
      const subscribed = subscribe<Changed>(client, MY_POST_CHANGED);
      assign(subscribed);
      // Live before anything is posted: a probe event for a post of this member's own comes through.
      const probe = await createThread(app, who, spaceId, 'Probe', 'Just checking in.');
      const publish = () => app.running.app.get(RedisPubSub).publish(RealtimeEvent.POST_CHANGED, { postId: probe.firstPost.id, authorId: who.id });
      await probeDelivery(subscribed, publish, (e) => e.myPostChanged.id === probe.firstPost.id, 'the probe event');
    }
  });

  afterAll(async () => {
    authorEvents?.dispose();
    otherEvents?.dispose();
    for (const client of clients) await client.dispose();
    await app.close();
  });

  const eventsFor = (events: Subscribed<Changed>, postId: string) => events.events.filter((e) => e.myPostChanged.id === postId);

  it('should tell the author when screening publishes their post, and nobody else', async () => {
    const thread = await createThread(app, author, spaceId, 'A steady day', 'I went for a walk and it helped.');
    expect(thread.firstPost.status).toBe('PENDING');
    const event = await waitFor('the published event', () => eventsFor(authorEvents, thread.firstPost.id)[0]);
    expect(event.myPostChanged).toMatchObject({ status: 'PUBLISHED', statusNote: null, author: { id: author.id } });
    // The other client's socket got nothing, although the post is public now.
    const reply = await createReply(app, other, thread.id, 'Walks help me too.');
    await waitFor("the other member's own reply event", () => eventsFor(otherEvents, reply.id).length > 0);
    expect(eventsFor(otherEvents, thread.firstPost.id)).toEqual([]);
    expect(eventsFor(authorEvents, reply.id)).toEqual([]);
  });

  it("should tell the author when screening holds their post, with the kind note, and again when a peer specialist's decision releases it", async () => {
    const thread = await createThread(app, author, spaceId, 'Tonight', 'I want to kill myself tonight.');
    const postId = thread.firstPost.id;
    const held = await waitFor('the held event', () => eventsFor(authorEvents, postId)[0]);
    expect(held.myPostChanged.status).toBe('HELD');
    expect(held.myPostChanged.statusNote).toMatch(/peer specialist/i);

    const queue = await app.gql<{ moderationQueue: { edges: Array<{ node: { id: string; postId: string } }> } }>(
      '{ moderationQueue(first: 100) { edges { node { id postId } } } }',
      {},
      admin.token,
    );
    const caseId = queue.data?.moderationQueue.edges.find((e) => e.node.postId === postId)?.node.id;
    expect(caseId).toBeDefined();
    const resolved = await app.gql(
      'mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { id } }',
      { input: { caseId, decision: 'APPROVE' } },
      admin.token,
    );
    expect(resolved.errors).toBeUndefined();
    await waitFor('the released event', () => eventsFor(authorEvents, postId).some((e) => e.myPostChanged.status === 'PUBLISHED'));
    expect(eventsFor(otherEvents, postId)).toEqual([]);
  });
});
