import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../src/common/domain/role.enum';
import { TOXICITY_FIXTURE_SENTENCES } from '../../src/screening/toxicity/toxicity-fixture-words';
import { writeToxicityFixture } from '../fixtures/toxicity-fixture';
import { runEnvironment } from '../setup/test-env';
import { TEST_JWT_SECRET, TEST_REDIS_URL } from '../utils/environment';
import { AppProcess, startAppProcess } from '../utils/app-process';
import { GraphqlResponse } from '../utils/graphql';
import { member, Member } from '../utils/factories';
import { waitFor } from '../utils/wait-for';

const CRISIS_TEXT = 'I am going to kill myself tonight. I have the pills ready and I wrote my goodbye letter.';

/**
 * The demo's database: no DATABASE_URL, so the app (its own process, as `npm run demo` runs it)
 * serves from embedded PGlite through pglite-socket, which runs one connection's transaction at a
 * time and holds every other connection's queries until it ends. A query that leaves its
 * transaction's connection waits for that transaction, which waits for the query: the request
 * hung, then the pool, the timers and shutdown with it. This runs the main flows there, every
 * request and wait bounded, so such a wait fails here instead of in the demo.
 */
describe('the main flows on the embedded database (PGlite)', () => {
  let app: AppProcess;
  let dataDir: string;
  let fixtureDir: string;
  let client: Member;
  let secondClient: Member;
  let reporter: Member;
  let peer: Member;
  let clinicianA: Member;
  let clinicianB: Member;
  let spaceId: string;

  function ok<T>(res: GraphqlResponse<T>): T {
    expect(res.errors).toBeUndefined();
    return res.data as T;
  }

  async function postThread(body: string, author = client): Promise<string> {
    const created = ok(
      await app.gql<{ createThread: { firstPost: { id: string } } }>(
        'mutation ($input: CreateThreadInput!) { createThread(input: $input) { firstPost { id } } }',
        { input: { spaceId, title: 'This week', body } },
        author.token,
      ),
    );
    return created.createThread.firstPost.id;
  }

  /** Polls through the API as a peer until screening moved the post (each poll is itself bounded). */
  async function screenedStatus(postId: string): Promise<string> {
    return waitFor(
      `post ${postId} to be screened`,
      async () => {
        const res = ok(await app.gql<{ post: { status: string } }>('query ($id: ID!) { post(id: $id) { status } }', { id: postId }, peer.token));
        return res.post.status !== 'PENDING' && res.post.status;
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  }

  async function caseOf(postId: string): Promise<{ id: string; priority: string; status: string }> {
    return waitFor(
      `a case for post ${postId} in the peer's queue`,
      async () => {
        const queue = ok(
          await app.gql<{ moderationQueue: { edges: Array<{ node: { id: string; priority: string; status: string; post: { id: string } } }> } }>(
            '{ moderationQueue(first: 100) { edges { node { id priority status post { id } } } } }',
            {},
            peer.token,
          ),
        );
        return queue.moderationQueue.edges.map((e) => e.node).find((n) => n.post.id === postId);
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  }

  async function claimAndResolve(caseId: string, decision: string, note?: string): Promise<void> {
    const claimed = ok(await app.gql<{ claimCase: { status: string } }>('mutation ($id: ID!) { claimCase(id: $id) { status } }', { id: caseId }, peer.token));
    expect(claimed.claimCase.status).toBe('CLAIMED');
    const resolved = ok(
      await app.gql<{ resolveCase: { status: string; decision: string } }>(
        'mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { status decision } }',
        { input: { caseId, decision, note } },
        peer.token,
      ),
    );
    expect(resolved.resolveCase).toEqual({ status: 'RESOLVED', decision });
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bs-pglite-'));
    fixtureDir = await mkdtemp(join(tmpdir(), 'bs-toxicity-fixture-'));
    const fixture = await writeToxicityFixture(fixtureDir);
    // No DATABASE_URL: the app starts PGlite in dataDir, as `npm run demo` does.
    app = await startAppProcess({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PGLITE_DATA_DIR: dataDir,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: `${runEnvironment().redisPrefix}-embedded`,
      JWT_SECRET: TEST_JWT_SECRET,
      TOXICITY_REQUIRED: 'false',
      TOXICITY_MODEL_URL: fixture.modelUrl,
      TOXICITY_VOCAB_URL: fixture.vocabUrl,
      TFJS_BACKEND: 'cpu',
      // An unacknowledged escalation climbs within seconds, so the timers are seen to keep running.
      ESCALATION_ACK_SECONDS: 'IMMINENT=2,HIGH=2,ELEVATED=2',
      TIMER_SWEEP_SECONDS: '1',
    });
    const admin = await member(app, Role.ADMIN, 'admin');
    client = await member(app, Role.CLIENT, 'client');
    secondClient = await member(app, Role.CLIENT, 'client-2');
    reporter = await member(app, Role.CLIENT, 'reporter');
    peer = await member(app, Role.PEER_SPECIALIST, 'peer');
    clinicianA = await member(app, Role.CLINICIAN, 'clinician-a');
    clinicianB = await member(app, Role.CLINICIAN, 'clinician-b');
    const spaces = ok(await app.gql<{ spaces: Array<{ id: string }> }>('{ spaces { id } }', {}, client.token));
    spaceId = spaces.spaces[0].id;
    const assigned = ok(
      await app.gql<{ assignPeerSpecialist: boolean }>(
        'mutation ($spaceId: ID!, $memberId: ID!) { assignPeerSpecialist(spaceId: $spaceId, memberId: $memberId) }',
        { spaceId, memberId: peer.id },
        admin.token,
      ),
    );
    expect(assigned.assignPeerSpecialist).toBe(true);
  }, 90_000); // PGlite's first start (initdb in WASM) and the migrations take most of this.

  afterAll(async () => {
    // Stopping is a test below; this only cleans up after an earlier failure.
    await app?.stop('SIGKILL').catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    await rm(fixtureDir, { recursive: true, force: true });
  });

  let crisisPostId: string;
  let unansweredCrisisPostId: string;
  let insultPostId: string;
  let calmPostId: string;

  async function escalationsByPost(): Promise<Map<string, { id: string; status: string; level: number }>> {
    const list = ok(
      await app.gql<{ escalations: { edges: Array<{ node: { id: string; postId: string; status: string; level: number } }> } }>(
        '{ escalations(first: 100) { edges { node { id postId status level } } } }',
        {},
        clinicianA.token,
      ),
    );
    return new Map(list.escalations.edges.map(({ node }) => [node.postId, node]));
  }

  it('should screen posts with the real worker: hold a crisis post with a case and an escalation, publish a calm one', async () => {
    crisisPostId = await postThread(CRISIS_TEXT);
    unansweredCrisisPostId = await postThread(CRISIS_TEXT, secondClient);
    insultPostId = await postThread(TOXICITY_FIXTURE_SENTENCES.insult);
    calmPostId = await postThread(TOXICITY_FIXTURE_SENTENCES.neutral);
    expect(await screenedStatus(crisisPostId)).toBe('HELD');
    expect(await screenedStatus(unansweredCrisisPostId)).toBe('HELD');
    expect(await screenedStatus(insultPostId)).toBe('HELD');
    expect(await screenedStatus(calmPostId)).toBe('PUBLISHED');
    expect((await caseOf(crisisPostId)).priority).toBe('URGENT');
    expect((await escalationsByPost()).get(crisisPostId)?.status).toBe('OPEN');
  });

  it("should let the space's peer specialist claim and decide cases: KEEP_HELD with a note, REMOVE, and APPROVE a report", async () => {
    const crisisCase = await caseOf(crisisPostId);
    const noted = ok(
      await app.gql<{ addCaseNote: { id: string } }>(
        'mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }',
        { input: { caseId: crisisCase.id, note: 'Reaching out to the client now.' } },
        peer.token,
      ),
    );
    expect(noted.addCaseNote.id).toBe(crisisCase.id);
    await claimAndResolve(crisisCase.id, 'KEEP_HELD', 'Stays held while the clinician follows up.');
    await claimAndResolve((await caseOf(insultPostId)).id, 'REMOVE', 'Insulting another member.');

    const reported = ok(
      await app.gql<{ reportPost: boolean }>(
        'mutation ($input: ReportPostInput!) { reportPost(input: $input) }',
        { input: { postId: calmPostId, reason: 'Not sure this is okay' } },
        reporter.token,
      ),
    );
    expect(reported.reportPost).toBe(true);
    await claimAndResolve((await caseOf(calmPostId)).id, 'APPROVE');

    const statuses = await Promise.all(
      [crisisPostId, insultPostId, calmPostId].map((id) =>
        app.gql<{ post: { status: string } }>('query ($id: ID!) { post(id: $id) { status } }', { id }, peer.token),
      ),
    );
    expect(statuses.map((s) => ok(s).post.status)).toEqual(['HELD', 'REMOVED', 'PUBLISHED']);
  });

  it('should let one clinician acknowledge and resolve the escalation, and answer a second one CONFLICT', async () => {
    const escalationId = (await escalationsByPost()).get(crisisPostId)!.id;
    const ack = 'mutation ($id: ID!) { acknowledgeEscalation(id: $id, note: "Calling now") { status acknowledgedBy { id } } }';

    const first = ok(await app.gql<{ acknowledgeEscalation: { status: string; acknowledgedBy: { id: string } } }>(ack, { id: escalationId }, clinicianA.token));
    expect(first.acknowledgeEscalation).toEqual({ status: 'ACKNOWLEDGED', acknowledgedBy: { id: clinicianA.id } });
    const second = await app.gql(ack, { id: escalationId }, clinicianB.token);
    expect(second.errors?.[0].extensions?.code).toBe('CONFLICT');

    const resolve = 'mutation ($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { status outcome } }';
    const input = { escalationId, outcome: 'CONTACTED_CLIENT', note: 'Reached the client; safety plan reviewed.' };
    const resolved = ok(await app.gql<{ resolveEscalation: { status: string; outcome: string } }>(resolve, { input }, clinicianA.token));
    expect(resolved.resolveEscalation).toEqual({ status: 'RESOLVED', outcome: 'CONTACTED_CLIENT' });
    const again = await app.gql(resolve, { input }, clinicianB.token);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('should take replies and show the thread page (statements unnamed: every connection shares the one PGlite session)', async () => {
    const threadQuery = 'query ($id: ID!) { thread(id: $id) { replyCount posts(first: 50) { edges { node { id status } } } } }';
    const thread = ok(
      await app.gql<{ post: { thread: { id: string } } }>('query ($id: ID!) { post(id: $id) { thread { id } } }', { id: calmPostId }, client.token),
    );
    const threadId = thread.post.thread.id;
    const reply = async (body: string) => {
      const created = ok(
        await app.gql<{ createReply: { id: string } }>(
          'mutation ($input: CreateReplyInput!) { createReply(input: $input) { id } }',
          { input: { threadId, body } },
          secondClient.token,
        ),
      );
      expect(await screenedStatus(created.createReply.id)).toBe('PUBLISHED');
      return created.createReply.id;
    };
    const pageIds = async () =>
      ok(await app.gql<{ thread: { posts: { edges: Array<{ node: { id: string } }> } } }>(threadQuery, { id: threadId }, client.token)).thread.posts.edges.map(
        (e) => e.node.id,
      );

    const first = await reply('Thank you, that helps me too.');
    expect(await pageIds()).toEqual([calmPostId, first]);
    const second = await reply('Trying it again tonight.');
    expect(await pageIds()).toEqual([calmPostId, first, second]);
  }, 60_000);

  it('should keep its timers running: an escalation nobody acknowledges climbs', async () => {
    const climbed = await waitFor(
      'the unacknowledged escalation to climb',
      async () => {
        const escalation = (await escalationsByPost()).get(unansweredCrisisPostId);
        return escalation && escalation.level >= 2 && escalation;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(climbed.level).toBeGreaterThanOrEqual(2);
  });

  it('should still answer afterwards, and stop cleanly on SIGTERM', async () => {
    const me = ok(await app.gql<{ me: { id: string } }>('{ me { id } }', {}, client.token));
    expect(me.me.id).toBe(client.id);
    expect((await app.get('/health/ready')).status).toBe(200);
    // Nest closes the application on SIGTERM, then re-raises the signal: a clean exit reads SIGTERM.
    expect(await app.stop('SIGTERM')).toBe('SIGTERM');
  });
});
