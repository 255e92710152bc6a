import { SignJWT } from 'jose';
import { createSecretKey } from 'node:crypto';
import { Role } from '../../src/common/domain/role.enum';
import { probeDelivery, publishCaseChanged, subscribe, wsClient } from '../helpers/realtime';
import { waitFor } from '../utils/wait-for';
import { captureLogs, CapturedLogs } from '../helpers/captured-logs';
import { startTestApp, TestApp } from '../helpers/test-app';
import { assignToSpace, Member, member, postWithCase, space, uniqueSub } from '../utils/factories';
import { TEST_JWT_SECRET } from '../utils/environment';

type CaseEvent = { moderationQueueChanged: { id: string; status: string; post: { body: string | null } | null } };

/** graphql-ws's close code for a connection the server no longer permits (the protocol's `4403: Forbidden`). */
const FORBIDDEN = 4403;

describe('subscriptions end when the token that opened them expires', () => {
  let app: TestApp;
  let logs: CapturedLogs;
  let spaceId: string;
  let colleague: Member;

  async function heldPostWithCase(author: Member): Promise<string> {
    return (await postWithCase(app.dataSource, spaceId, author.id, { text: 'private words' })).caseId;
  }

  beforeAll(async () => {
    logs = captureLogs();
    app = await startTestApp({ role: 'api', logger: logs.logger });
    spaceId = await space(app.dataSource, { name: 'Expiry' });
    colleague = await member(app, Role.PEER_SPECIALIST, 'colleague');
    await assignToSpace(app.dataSource, spaceId, colleague.id);
  });

  afterAll(async () => app.close());

  it('should close a peer specialist’s socket with 4403 when the token expires, and deliver nothing after', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    // Seconds are the JWT's resolution; a few of them leave room for the first event on a busy machine.
    const exp = Math.floor(Date.now() / 1000) + 8;
    const peer = await member(app, Role.PEER_SPECIALIST, 'expiring', { expiresAt: exp });
    await assignToSpace(app.dataSource, spaceId, peer.id);

    let closed: { code: number } | null = null;
    const query = 'subscription { moderationQueueChanged { id status post { body } } }';
    const socket = wsClient(app.url, peer.token, { on: { closed: (event) => (closed = event as { code: number }) } });
    const sub = subscribe<CaseEvent>(socket, query);
    // The colleague's token outlives the test: what reaches them was published and fanned out.
    const colleagueSocket = wsClient(app.url, colleague.token);
    const colleagueSub = subscribe<CaseEvent>(colleagueSocket, query);
    for (const [listening, who] of [
      [sub, 'the expiring peer'],
      [colleagueSub, 'the colleague'],
    ] as const) {
      const probe = await heldPostWithCase(author);
      await probeDelivery(
        listening,
        publishCaseChanged(app, { caseId: probe, spaceId }),
        (e) => e.moderationQueueChanged.id === probe,
        `${who}'s subscription to be live`,
      );
    }

    const before = await heldPostWithCase(author);
    await app.gql('mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: before }, colleague.token);
    const event = await waitFor('an event while the token is valid', () => sub.events.find((e) => e.moderationQueueChanged.id === before));
    expect(event.moderationQueueChanged.post?.body).toContain('private words');

    const closeEvent = await waitFor('the socket to close at the token’s exp', () => closed, { timeoutMs: 20_000 });
    expect(closeEvent.code).toBe(FORBIDDEN);
    const received = sub.events.length;

    const after = await heldPostWithCase(author);
    await app.gql('mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: after }, colleague.token);
    await waitFor('the colleague to receive the event after the expiry', () => colleagueSub.events.find((e) => e.moderationQueueChanged.id === after));
    expect(sub.events).toHaveLength(received);
    expect(sub.events.find((e) => e.moderationQueueChanged.id === after)).toBeUndefined();
    colleagueSub.dispose();
    await colleagueSocket.dispose();
    await socket.dispose();
    expect(logs.errors()).toEqual([]);
  });

  it('should refuse a socket whose token is already expired, or carries no exp, with 4403', async () => {
    const key = createSecretKey(Buffer.from(TEST_JWT_SECRET));
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ role: Role.PEER_SPECIALIST })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(uniqueSub('old'))
      .setIssuedAt(now - 3600)
      .setExpirationTime(now - 60)
      .sign(key);
    const noExp = await new SignJWT({ role: Role.PEER_SPECIALIST })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(uniqueSub('forever'))
      .setIssuedAt()
      .sign(key);
    for (const token of [expired, noExp]) {
      let closed: { code: number } | null = null;
      const socket = wsClient(app.url, token, { on: { closed: (event) => (closed = event as { code: number }) } });
      const sub = subscribe(socket, 'subscription { moderationQueueChanged { id } }');
      const closeEvent = await waitFor('the refusal', () => closed);
      expect(closeEvent.code).toBe(FORBIDDEN);
      expect(sub.events).toEqual([]);
      await socket.dispose();
    }
  });
});
