import { Role } from '../../src/common/domain/role.enum';
import { probeDelivery, publishCaseChanged, subscribe, wsClient } from '../helpers/realtime';
import { waitFor } from '../utils/wait-for';
import { countStatements } from '../helpers/statement-counter';
import { assignToSpace, Member, member, postWithCase, space } from '../utils/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('moderation queue, claims and decisions', () => {
  let app: TestApp;
  let spaceId: string;
  let peerA: Member;
  let peerB: Member;
  let outsider: Member;

  function heldPostWithCase(author: Member, priority = 'HIGH', status: 'HELD' | 'PUBLISHED' = 'HELD'): Promise<{ postId: string; caseId: string }> {
    return postWithCase(app.dataSource, spaceId, author.id, { priority, status });
  }

  async function postStatus(postId: string): Promise<string> {
    const [row]: Array<{ status: string }> = await app.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [postId]);
    return row.status;
  }

  beforeAll(async () => {
    app = await startTestApp({ role: 'all', env: { TIMER_SWEEP_SECONDS: '1', CASE_DUE_SECONDS: 'URGENT=1,HIGH=1800,NORMAL=14400,LOW=86400' } });
    spaceId = await space(app.dataSource, { name: 'Moderation test' });
    peerA = await member(app, Role.PEER_SPECIALIST, 'peer-a');
    peerB = await member(app, Role.PEER_SPECIALIST, 'peer-b');
    outsider = await member(app, Role.PEER_SPECIALIST, 'peer-outside');
    await app.dataSource.query(`INSERT INTO space_moderators (space_id, member_id) VALUES ($1, $2), ($1, $3)`, [spaceId, peerA.id, peerB.id]);
  });

  afterAll(async () => app.close());

  it('should give exactly one of two racing moderators the claim, and CONFLICT to the other', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { caseId } = await heldPostWithCase(author);
    const claim = 'mutation ($id: ID!) { claimCase(id: $id) { id status assignee { id } } }';
    const results = await Promise.all([app.gql(claim, { id: caseId }, peerA.token), app.gql(claim, { id: caseId }, peerB.token)]);
    const codes = results.map((r) => r.errors?.[0].extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((r) => !r.errors) as unknown as { data: { claimCase: { status: string; assignee: { id: string } } } };
    expect(winner.data.claimCase.status).toBe('CLAIMED');
    expect([peerA.id, peerB.id]).toContain(winner.data.claimCase.assignee.id);
  });

  it('should free a case whose lease lapsed', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { caseId } = await heldPostWithCase(author);
    await app.gql('mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: caseId }, peerA.token);
    await app.dataSource.query(`UPDATE moderation_cases SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [caseId]);
    const taken = await app.gql<{ claimCase: { assignee: { id: string } } }>(
      'mutation ($id: ID!) { claimCase(id: $id) { assignee { id } } }',
      { id: caseId },
      peerB.token,
    );
    expect(taken.data?.claimCase.assignee.id).toBe(peerB.id);
  });

  it('should refuse, in the database, a claim without its holder or the end of its lease', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { caseId } = await heldPostWithCase(author);
    for (const broken of [`assignee_id = NULL, lease_expires_at = now() + interval '5 minutes'`, `assignee_id = '${peerA.id}', lease_expires_at = NULL`]) {
      await expect(app.dataSource.query(`UPDATE moderation_cases SET status = 'CLAIMED', ${broken} WHERE id = $1`, [caseId])).rejects.toThrow(
        /moderation_cases_claim_has_lease/,
      );
    }
  });

  it('should publish on APPROVE and tell the author', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { postId, caseId } = await heldPostWithCase(author);
    const res = await app.gql<{ resolveCase: { status: string; decision: string } }>(
      'mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { status decision } }',
      { input: { caseId, decision: 'APPROVE' } },
      peerA.token,
    );
    expect(res.data?.resolveCase).toEqual({ status: 'RESOLVED', decision: 'APPROVE' });
    expect(await postStatus(postId)).toBe('PUBLISHED');
    const notes = await app.gql<{ notifications: { edges: Array<{ node: { kind: string; postId: string } }> } }>(
      '{ notifications { edges { node { kind postId } } } }',
      {},
      author.token,
    );
    expect(notes.data?.notifications.edges.map((e) => e.node)).toContainEqual({ kind: 'POST_PUBLISHED', postId });
  });

  it('should require a note to REMOVE, remove the post, tell the author kindly, and audit the decision', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { postId, caseId } = await heldPostWithCase(author);
    const mutation = 'mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { status decision notes { body } } }';
    const noNote = await app.gql(mutation, { input: { caseId, decision: 'REMOVE' } }, peerA.token);
    expect(noNote.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await postStatus(postId)).toBe('HELD');

    const removed = await app.gql<{ resolveCase: { notes: Array<{ body: string }> } }>(
      mutation,
      { input: { caseId, decision: 'REMOVE', note: 'Insulting another member.' } },
      peerA.token,
    );
    expect(removed.errors).toBeUndefined();
    expect(removed.data?.resolveCase.notes.map((n) => n.body)).toEqual(['Insulting another member.']);
    expect(await postStatus(postId)).toBe('REMOVED');
    const [note]: Array<{ kind: string; body: string }> = await app.dataSource.query(`SELECT kind, body FROM notifications WHERE member_id = $1`, [author.id]);
    expect(note.kind).toBe('POST_REMOVED');
    expect(note.body).toMatch(/could hurt others/);
    const again = await app.gql(mutation, { input: { caseId, decision: 'APPROVE' } }, peerA.token);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const audit: unknown[] = await app.dataSource.query(`SELECT 1 FROM audit_events WHERE action = 'case.resolve' AND target_id = $1`, [caseId]);
    expect(audit).toHaveLength(1);
  });

  it("should read one case by id for the case view (resolved ones too), null outside the peer's spaces", async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { caseId, postId } = await heldPostWithCase(author);
    const query = 'query ($id: ID!) { moderationCase(id: $id) { id status postId } }';
    const open = await app.gql<{ moderationCase: { id: string; status: string; postId: string } | null }>(query, { id: caseId }, peerA.token);
    expect(open.data?.moderationCase).toEqual({ id: caseId, status: 'OPEN', postId });
    const outside = await app.gql<{ moderationCase: null }>(query, { id: caseId }, outsider.token);
    expect(outside.errors).toBeUndefined();
    expect(outside.data?.moderationCase).toBeNull();
    const client = await app.gql(query, { id: caseId }, author.token);
    expect(client.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await app.gql('mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { id } }', { input: { caseId, decision: 'APPROVE' } }, peerA.token);
    const resolved = await app.gql<{ moderationCase: { status: string } }>(query, { id: caseId }, peerB.token);
    expect(resolved.data?.moderationCase.status).toBe('RESOLVED');
  });

  it("should send the author the moderator's edited note instead of the standard one", async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { caseId } = await heldPostWithCase(author);
    const res = await app.gql(
      'mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { id } }',
      {
        input: {
          caseId,
          decision: 'KEEP_HELD',
          note: 'Calling them today.',
          authorNote: 'Thank you for trusting the group, Sam will call you this afternoon.',
        },
      },
      peerA.token,
    );
    expect(res.errors).toBeUndefined();
    const [note]: Array<{ kind: string; title: string; body: string }> = await app.dataSource.query(
      `SELECT kind, title, body FROM notifications WHERE member_id = $1`,
      [author.id],
    );
    expect(note).toEqual({
      kind: 'POST_HELD',
      title: 'A peer specialist will be in touch',
      body: 'Thank you for trusting the group, Sam will call you this afternoon.',
    });
  });

  it('should keep a reported post held with KEEP_HELD', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { postId, caseId } = await heldPostWithCase(author, 'NORMAL', 'PUBLISHED');
    const res = await app.gql(
      'mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { decision } }',
      {
        input: { caseId, decision: 'KEEP_HELD', note: 'Reaching out first.' },
      },
      peerA.token,
    );
    expect(res.errors).toBeUndefined();
    expect(await postStatus(postId)).toBe('HELD');
  });

  it('should order the queue by priority, then due time, page it without gaps, and count what it lists', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    for (const priority of ['LOW', 'URGENT', 'NORMAL', 'HIGH', 'URGENT']) await heldPostWithCase(author, priority);
    const query = `query ($after: String) { moderationQueue(status: OPEN, first: 2, after: $after) {
      edges { node { id priority dueAt status post { id status } } } pageInfo { hasNextPage endCursor } counts { status priority count } } }`;
    const seen: Array<{ id: string; priority: string; dueAt: string }> = [];
    let after: string | null = null;
    let counts: Array<{ status: string; priority: string; count: number }> = [];
    type QueuePage = {
      moderationQueue: {
        edges: Array<{ node: { id: string; priority: string; dueAt: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        counts: Array<{ status: string; priority: string; count: number }>;
      };
    };
    do {
      const page: { data: QueuePage | null | undefined; errors: unknown } = await app.gql<QueuePage>(query, { after }, peerA.token);
      expect(page.errors).toBeUndefined();
      const queue: QueuePage['moderationQueue'] = page.data!.moderationQueue;
      seen.push(...queue.edges.map((e) => e.node));
      counts = queue.counts;
      after = queue.pageInfo.hasNextPage ? queue.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    const ranks = seen.map((s) => ['URGENT', 'HIGH', 'NORMAL', 'LOW'].indexOf(s.priority));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const openCount = counts.filter((c) => c.status === 'OPEN').reduce((sum, c) => sum + c.count, 0);
    expect(openCount).toBe(seen.length);
    for (const priority of ['URGENT', 'HIGH', 'NORMAL', 'LOW']) {
      expect(counts.find((c) => c.status === 'OPEN' && c.priority === priority)?.count).toBe(seen.filter((s) => s.priority === priority).length);
    }

    // A peer specialist not assigned to the space sees none of it.
    const other = await app.gql<QueuePage>(query, { after: null }, outsider.token);
    expect(other.data?.moderationQueue.edges).toEqual([]);
    const claimOther = await app.gql('mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: seen[0].id }, outsider.token);
    expect(claimOther.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('should hide a post after three distinct reports and put it in the queue with the reports as reason', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { postId, caseId } = await heldPostWithCase(author, 'LOW', 'PUBLISHED');
    await app.gql('mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { id } }', { input: { caseId, decision: 'APPROVE' } }, peerA.token);
    const report = 'mutation ($input: ReportPostInput!) { reportPost(input: $input) }';
    for (let i = 0; i < 3; i += 1) {
      const reporter = await member(app, Role.CLIENT, `reporter-${i}`);
      const res = await app.gql(report, { input: { postId, reason: 'This felt hurtful.' } }, reporter.token);
      expect(res.errors).toBeUndefined();
      if (i < 2) expect(await postStatus(postId)).toBe('PUBLISHED');
    }
    expect(await postStatus(postId)).toBe('HELD');
    const opened = await waitFor('the report case', async () => {
      const rows: Array<{ id: string; reasons: string[]; priority: string; source_keys: string[] }> = await app.dataSource.query(
        `SELECT id, reasons, priority, source_keys FROM moderation_cases WHERE post_id = $1 AND status <> 'RESOLVED'`,
        [postId],
      );
      return rows[0]?.source_keys.length === 3 ? rows[0] : null;
    });
    expect(opened.reasons).toEqual(['USER_REPORT']);
    expect(opened.priority).toBe('NORMAL');
  });

  it('should tell subscribed staff of that space when a case changes, and not a peer of another space', async () => {
    type Changed = { moderationQueueChanged: { id: string; status: string } };
    const elsewhere = await member(app, Role.PEER_SPECIALIST, 'peer-elsewhere');
    const otherSpace = await space(app.dataSource, { name: 'Another space' });
    await assignToSpace(app.dataSource, otherSpace, elsewhere.id);
    const author = await member(app, Role.CLIENT, 'author');
    const mine = wsClient(app.url, peerA.token);
    const theirs = wsClient(app.url, elsewhere.token);
    const q = 'subscription { moderationQueueChanged { id status } }';
    const mySub = subscribe<Changed>(mine, q);
    const theirSub = subscribe<Changed>(theirs, q);
    /** Proves `sub` live and caught up: an event of a new case in `inSpace` reaches it. */
    const probe = async (sub: typeof mySub, inSpace: string, what: string) => {
      const { caseId } = await postWithCase(app.dataSource, inSpace, author.id);
      await probeDelivery(sub, publishCaseChanged(app, { caseId, spaceId: inSpace }), (e) => e.moderationQueueChanged.id === caseId, what);
    };
    await probe(mySub, spaceId, "peer A's subscription to be live");
    await probe(theirSub, otherSpace, "the other space's peer's subscription to be live");

    const { caseId } = await heldPostWithCase(author);
    await app.gql('mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: caseId }, peerA.token);
    const event = await waitFor('the event', () => mySub.events.find((e) => e.moderationQueueChanged.id === caseId));
    expect(event.moderationQueueChanged.status).toBe('CLAIMED');
    // An event published after the claim's reaches the other peer, so the claim's was processed for them, and withheld.
    await probe(theirSub, otherSpace, "a later event of the other peer's own space");
    expect(theirSub.events.find((e) => e.moderationQueueChanged.id === caseId)).toBeUndefined();
    expect(theirSub.errors).toEqual([]);
    mySub.dispose();
    theirSub.dispose();
    await mine.dispose();
    await theirs.dispose();
  });

  it('should audit staff reading held posts through the queue: one event per thread, each post once per request', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const first = await heldPostWithCase(author, 'URGENT');
    const second = await heldPostWithCase(author, 'URGENT');
    const reader = await member(app, Role.PEER_SPECIALIST, 'reader');
    await assignToSpace(app.dataSource, spaceId, reader.id);
    const viewedBy = async (id: string): Promise<unknown[]> =>
      app.dataSource.query(`SELECT 1 FROM audit_events WHERE action = 'post.viewed' AND actor_id = $1`, [id]);

    // The list (ids and states, no text) reads nothing worth recording.
    const list = await app.gql('{ moderationQueue(first: 100) { edges { node { post { id status } } } } }', {}, reader.token);
    expect(list.errors).toBeUndefined();
    expect(await viewedBy(reader.id)).toEqual([]);

    // The case's post is reached twice in one request (post, and its own thread's context).
    const res = await app.gql<{ moderationQueue: { edges: Array<{ node: { post: { id: string; body: string } } }> } }>(
      '{ moderationQueue(first: 40) { edges { node { post { id body } threadContext { id body } } } } }',
      {},
      reader.token,
    );
    expect(res.errors).toBeUndefined();
    const seen = res.data!.moderationQueue.edges.map((e) => e.node.post.id);
    expect(seen).toEqual(expect.arrayContaining([first.postId, second.postId]));

    const events: Array<{ target_type: string; target_id: string; details: { postIds: string[] } }> = await app.dataSource.query(
      `SELECT target_type, target_id, details FROM audit_events WHERE action = 'post.viewed' AND actor_id = $1`,
      [reader.id],
    );
    const audited = events.flatMap((e) => e.details.postIds);
    expect(audited).toEqual(expect.arrayContaining([first.postId, second.postId]));
    expect(new Set(audited).size).toBe(audited.length);
    expect(events.find((e) => e.details.postIds.includes(first.postId))).toMatchObject({ target_type: 'post', target_id: first.postId });
  });

  it('should let staff of the space add notes to a case a colleague holds, and refuse the rest', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { caseId } = await heldPostWithCase(author);
    await app.gql('mutation ($id: ID!) { claimCase(id: $id) { id } }', { id: caseId }, peerA.token);
    const add = 'mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id status assignee { id } notes { body author { id } } } }';

    const byColleague = await app.gql<{ addCaseNote: { status: string; assignee: { id: string }; notes: Array<{ body: string; author: { id: string } }> } }>(
      add,
      { input: { caseId, note: 'I know this client from group; they respond well to a direct check-in.' } },
      peerB.token,
    );
    expect(byColleague.errors).toBeUndefined();
    // A note is not a claim: the case stays with its holder.
    expect(byColleague.data!.addCaseNote).toMatchObject({ status: 'CLAIMED', assignee: { id: peerA.id } });
    expect(byColleague.data!.addCaseNote.notes.at(-1)).toEqual({
      body: 'I know this client from group; they respond well to a direct check-in.',
      author: { id: peerB.id },
    });

    const blank = await app.gql(add, { input: { caseId, note: '   ' } }, peerA.token);
    expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const outOfScope = await app.gql(add, { input: { caseId, note: 'hello' } }, outsider.token);
    expect(outOfScope.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const notes: Array<{ n: number }> = await app.dataSource.query(`SELECT count(*)::int AS n FROM case_notes WHERE case_id = $1`, [caseId]);
    expect(notes[0].n).toBe(1);
    const audit: Array<{ actor_id: string }> = await app.dataSource.query(`SELECT actor_id FROM audit_events WHERE action = 'case.note' AND target_id = $1`, [
      caseId,
    ]);
    expect(audit).toEqual([{ actor_id: peerB.id }]);
  });

  it('should escalate a case to clinicians and remind the space when a case is overdue', async () => {
    const author = await member(app, Role.CLIENT, 'author');
    const { caseId } = await heldPostWithCase(author, 'URGENT');
    const res = await app.gql<{ escalateCase: { id: string; severity: string; status: string; case: { id: string } } }>(
      'mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { id severity status case { id } } }',
      { input: { caseId, note: 'Mentions not feeling safe at home.' } },
      peerA.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.escalateCase).toMatchObject({ severity: 'ELEVATED', status: 'OPEN', case: { id: caseId } });
    await app.dataSource.query(`UPDATE moderation_cases SET due_at = now() - interval '1 second' WHERE id = $1`, [caseId]);
    const reminded = await waitFor('the overdue reminder', async () => {
      const rows: unknown[] = await app.dataSource.query(
        `SELECT 1 FROM notifications WHERE kind = 'CASE_OVERDUE' AND data->>'caseId' = $1 AND member_id = $2`,
        [caseId, peerA.id],
      );
      return rows.length > 0;
    });
    expect(reminded).toBe(true);
  });

  it('should remind only peers still in the program: a discharged peer of the space is left out, and a space left with none reminds every active peer', async () => {
    const admin = await member(app, Role.ADMIN, 'discharging-admin');
    const staying = await member(app, Role.PEER_SPECIALIST, 'peer-staying');
    const leaving = await member(app, Role.PEER_SPECIALIST, 'peer-leaving');
    const leftAlone = await member(app, Role.PEER_SPECIALIST, 'peer-left-alone');
    const shared = await space(app.dataSource, { name: 'Discharge reminders' });
    const orphaned = await space(app.dataSource, { name: 'Discharge reminders, no peer left' });
    await app.dataSource.query(`INSERT INTO space_moderators (space_id, member_id) VALUES ($1, $2), ($1, $3), ($4, $5)`, [
      shared,
      staying.id,
      leaving.id,
      orphaned,
      leftAlone.id,
    ]);
    for (const peer of [leaving, leftAlone]) {
      const res = await app.gql(`mutation($id: ID!) { dischargeMember(memberId: $id) { id } }`, { id: peer.id }, admin.token);
      expect(res.errors).toBeUndefined();
    }
    const author = await member(app, Role.CLIENT, 'discharge-reminders-author');
    const inShared = await postWithCase(app.dataSource, shared, author.id, { priority: 'URGENT', status: 'HELD' });
    const inOrphaned = await postWithCase(app.dataSource, orphaned, author.id, { priority: 'URGENT', status: 'HELD' });
    await app.dataSource.query(`UPDATE moderation_cases SET due_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [
      [inShared.caseId, inOrphaned.caseId],
    ]);
    const remindedOf = (caseId: string): Promise<string[]> =>
      app.dataSource
        .query(`SELECT member_id FROM notifications WHERE kind = 'CASE_OVERDUE' AND data->>'caseId' = $1`, [caseId])
        .then((rows: Array<{ member_id: string }>) => rows.map((r) => r.member_id));
    // One transaction writes a case's reminders: once any is there, all of them are.
    await waitFor('both reminders', async () => (await remindedOf(inShared.caseId)).length > 0 && (await remindedOf(inOrphaned.caseId)).length > 0);
    expect(await remindedOf(inShared.caseId)).toEqual([staying.id]);
    const everyPeer = await remindedOf(inOrphaned.caseId);
    expect(everyPeer).toEqual(expect.arrayContaining([peerA.id, staying.id]));
    expect(everyPeer).not.toContain(leftAlone.id);
    expect(everyPeer).not.toContain(leaving.id);
  });

  it("should read a page of cases with their context and the authors' history in the same number of statements, however many cases", async () => {
    for (let i = 0; i < 12; i += 1) await heldPostWithCase(await member(app, Role.CLIENT, `paged-author-${i}`));
    const query = `query ($n: Int) { moderationQueue(first: $n) { edges { node { id
      post { id body } threadContext { id } notes { body } evidence { decision }
      authorRecentCases { id } authorRiskSignals { id } } } } }`;
    const run = (n: number) =>
      countStatements(async () => {
        const res = await app.gql<{ moderationQueue: { edges: Array<{ node: { threadContext: unknown[] } }> } }>(query, { n }, peerA.token);
        expect(res.errors).toBeUndefined();
        expect(res.data?.moderationQueue.edges).toHaveLength(n);
        expect(res.data?.moderationQueue.edges.every((e) => e.node.threadContext.length > 0)).toBe(true);
      });
    expect(await run(12)).toBe(await run(2));
  });
});
