import { randomUUID } from 'node:crypto';
import { CrisisLevel } from '../../src/common/domain/crisis-level.enum';
import { EscalationSeverity } from '../../src/common/domain/escalation.enums';
import { Role } from '../../src/common/domain/role.enum';
import { EscalationTrigger } from '../../src/escalation/entities/escalation.entity';
import { EscalationsService } from '../../src/escalation/escalations.service';
import { NotificationKind } from '../../src/notifications/entities/notification.entity';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { JobProducer } from '../../src/queue/job-producer.service';
import { JobName, QueueName } from '../../src/queue/queue.types';
import { RetentionSweeper } from '../../src/screening/retention.sweeper';
import { allHostileInputs } from '../fixtures/hostile-inputs';
import { publishedReply, publishedThread } from '../forum/forum-fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { tablesQuoting } from '../helpers/stored-text';
import { Member, member, postInThread, space } from '../utils/factories';
import { waitFor } from '../utils/wait-for';

const EXPORT = `{ exportMyData }`;
const ERASE = `mutation($id: ID!) { eraseMember(memberId: $id) { id displayName } }`;

interface Exported {
  member: { id: string; displayName: string };
  posts: Array<{ id: string; threadTitle: string | null; revisions: Array<{ revision: number; bodyText: string }> }>;
  reactions: Array<{ postId: string; kind: string }>;
  reports: Array<{ postId: string; reason: string }>;
  notifications: Array<{ title: string }>;
}

/** A screening quoting the post, as the worker writes one (evidence phrases are the post's words). */
async function screeningQuoting(app: TestApp, postId: string, revision: number, phrase: string): Promise<void> {
  await app.dataSource.query(
    `INSERT INTO screenings (post_id, revision, decision, crisis_level, crisis_evidence, watched_word_hits)
     VALUES ($1, $2, 'HOLD', 'HIGH', $3::jsonb, $4::jsonb) ON CONFLICT (post_id, revision) DO UPDATE SET crisis_evidence = EXCLUDED.crisis_evidence, watched_word_hits = EXCLUDED.watched_word_hits`,
    [
      postId,
      revision,
      JSON.stringify([{ patternId: 'active-ideation', tier: 'HIGH', effectiveTier: 'HIGH', phrase, discount: null }]),
      JSON.stringify([{ source: 'ADMIN_LIST', ruleId: 'r1', phrase, action: 'HOLD', why: 'listed' }]),
    ],
  );
}

/** Crisis evidence quoting a phrase, as screening hands it to escalation. */
const quoting = (phrase: string) => [{ patternId: 'active-ideation', tier: 'HIGH', effectiveTier: 'HIGH', phrase, discount: null }];

describe('members: their own data, erasure and retention', () => {
  let app: TestApp;
  let admin: Member;
  let spaceId: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { RETENTION_DAYS_REMOVED: '30' } });
    admin = await member(app, Role.ADMIN, 'data-admin');
    spaceId = await space(app.dataSource);
  });

  afterAll(async () => app.close());

  it("should export the member's posts with their revisions, reactions, reports and notifications, and nothing of others'; audited", async () => {
    const sky = await member(app, Role.CLIENT, 'export-sky');
    const river = await member(app, Role.CLIENT, 'export-river');
    const theirs = await publishedThread(app, river, spaceId, 'River thread', 'River private words');
    const mine = await publishedThread(app, sky, spaceId, 'My thread', 'My first words');
    const edit = await app.gql(
      `mutation($input: EditPostInput!) { editPost(input: $input) { id } }`,
      { input: { postId: mine.firstPost.id, body: 'My second words' } },
      sky.token,
    );
    expect(edit.errors).toBeUndefined();
    await app.gql(`mutation($input: ReactInput!) { react(input: $input) { id } }`, { input: { postId: theirs.firstPost.id, kind: 'HUG' } }, sky.token);
    await app.gql(
      `mutation($input: ReportPostInput!) { reportPost(input: $input) }`,
      { input: { postId: theirs.firstPost.id, reason: 'Felt off' } },
      sky.token,
    );
    await app.dataSource.transaction((manager) =>
      app.running.app.get(NotificationsService).notify(manager, [{ memberId: sky.id, kind: NotificationKind.POST_HELD, title: 'For Sky', body: 'A note' }]),
    );

    const res = await app.gql<{ exportMyData: string }>(EXPORT, {}, sky.token);
    expect(res.errors).toBeUndefined();
    const raw = res.data!.exportMyData;
    const data = JSON.parse(raw) as Exported;
    expect(data.member.id).toBe(sky.id);
    expect(data.posts).toHaveLength(1);
    expect(data.posts[0]).toMatchObject({ id: mine.firstPost.id, threadTitle: 'My thread' });
    expect(data.posts[0].revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(data.posts[0].revisions[1].bodyText).toContain('My second words');
    expect(data.reactions).toEqual([expect.objectContaining({ postId: theirs.firstPost.id, kind: 'HUG' })]);
    expect(data.reports).toEqual([expect.objectContaining({ postId: theirs.firstPost.id, reason: 'Felt off' })]);
    expect(data.notifications.map((n) => n.title)).toContain('For Sky');
    expect(raw).not.toContain('River private words');
    expect(raw).not.toContain(river.id);
    expect(raw).not.toMatch(/export-sky-/); // no subject

    const [event] = await app.dataSource.query(`SELECT actor_id FROM audit_events WHERE action = 'member.data_exported' AND target_id = $1`, [sky.id]);
    expect(event).toEqual({ actor_id: sky.id });
  });

  it("should erase on an admin's request: text, revisions, quoted evidence, notifications and pseudonym gone, the audit trail kept", async () => {
    const leaving = await member(app, Role.CLIENT, 'erase-me');
    const reader = await member(app, Role.CLIENT, 'erase-reader');
    const thread = await publishedThread(app, leaving, spaceId, 'Private title', 'Words only I should own');
    const reply = await publishedReply(app, leaving, thread.id, 'A reply of mine');
    await screeningQuoting(app, thread.firstPost.id, 1, 'words only i should own');
    await app.dataSource.query(`INSERT INTO risk_signals (subject_id, post_id, revision, level, evidence) VALUES ($1, $2, 1, 'HIGH', $3::jsonb)`, [
      leaving.id,
      thread.firstPost.id,
      JSON.stringify([{ patternId: 'p', phrase: 'words only i should own' }]),
    ]);
    // An escalation about the post, with a second signal attached to it: both quote the text.
    const quoted = JSON.stringify([{ patternId: 'p', phrase: 'words only i should own' }]);
    const [escalation]: Array<{ id: string }> = await app.dataSource.query(
      `INSERT INTO escalations (dedupe_key, subject_id, post_id, trigger, severity, ack_due_at, evidence)
       VALUES ($1, $2, $3, 'CRISIS', 'HIGH', now() + interval '15 minutes', $4::jsonb) RETURNING id`,
      [`erase-test:${thread.firstPost.id}`, leaving.id, thread.firstPost.id, quoted],
    );
    await app.dataSource.query(
      `INSERT INTO escalation_signals (escalation_id, source_key, post_id, level, evidence) VALUES ($1, 'erase-test', $2, 'HIGH', $3::jsonb)`,
      [escalation.id, thread.firstPost.id, quoted],
    );
    await app.dataSource.transaction((manager) =>
      app.running.app.get(NotificationsService).notify(manager, [{ memberId: leaving.id, kind: NotificationKind.POST_HELD, title: 'Yours', body: 'x' }]),
    );
    const auditBefore = await app.dataSource.query(`SELECT id, action, actor_id, details FROM audit_events WHERE actor_id = $1 ORDER BY id`, [leaving.id]);
    expect(auditBefore.length).toBeGreaterThan(0);

    for (const who of [leaving, reader]) expect((await app.gql(ERASE, { id: leaving.id }, who.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(ERASE, { id: randomUUID() }, admin.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const erased = await app.gql<{ eraseMember: { id: string; displayName: string } }>(ERASE, { id: leaving.id }, admin.token);
    expect(erased.errors).toBeUndefined();
    expect(erased.data?.eraseMember).toEqual({ id: leaving.id, displayName: 'Former member' });

    const posts: Array<{ body_text: string; body_html: string }> = await app.dataSource.query(`SELECT body_text, body_html FROM posts WHERE author_id = $1`, [
      leaving.id,
    ]);
    expect(posts).toHaveLength(2);
    for (const p of posts) expect(p).toEqual({ body_text: "[removed at the member's request]", body_html: "<p>[removed at the member's request]</p>" });
    const revisions: Array<{ body_text: string }> = await app.dataSource.query(`SELECT body_text FROM post_revisions WHERE post_id = ANY($1::uuid[])`, [
      [thread.firstPost.id, reply.id],
    ]);
    expect(revisions.every((r) => r.body_text === "[removed at the member's request]")).toBe(true);
    const [title] = await app.dataSource.query(`SELECT title FROM threads WHERE id = $1`, [thread.id]);
    expect(title.title).toBe("[removed at the member's request]");
    const screenings: unknown[] = await app.dataSource.query(`SELECT crisis_evidence, watched_word_hits FROM screenings WHERE post_id = $1`, [
      thread.firstPost.id,
    ]);
    expect(JSON.stringify(screenings)).not.toContain('words only');
    expect(JSON.stringify(screenings)).toContain('active-ideation');
    const signals: unknown[] = await app.dataSource.query(`SELECT evidence FROM risk_signals WHERE post_id = $1`, [thread.firstPost.id]);
    expect(JSON.stringify(signals)).not.toContain('words only');
    const escalationEvidence: unknown[] = await app.dataSource.query(
      `SELECT evidence FROM escalations WHERE id = $1 UNION ALL SELECT evidence FROM escalation_signals WHERE escalation_id = $1`,
      [escalation.id],
    );
    expect(escalationEvidence).toHaveLength(2);
    expect(JSON.stringify(escalationEvidence)).not.toContain('words only');
    expect(await app.dataSource.query(`SELECT id FROM notifications WHERE member_id = $1`, [leaving.id])).toEqual([]);

    // Others see the thread under "Former member", without the text; the erased member is out.
    const read = await app.gql<{ thread: { title: string; author: { displayName: string }; firstPost: { body: string } } }>(
      `query($id: ID!) { thread(id: $id) { title author { displayName } firstPost { body } } }`,
      { id: thread.id },
      reader.token,
    );
    expect(read.data?.thread.author.displayName).toBe('Former member');
    expect(read.data?.thread.firstPost.body).not.toContain('Words only');
    expect((await app.gql('{ me { id } }', {}, leaving.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // The audit log: earlier events untouched, the erasure recorded with who did it.
    expect(await app.dataSource.query(`SELECT id, action, actor_id, details FROM audit_events WHERE actor_id = $1 ORDER BY id`, [leaving.id])).toEqual(
      auditBefore,
    );
    const [event] = await app.dataSource.query(`SELECT actor_id, actor_role FROM audit_events WHERE action = 'member.erased' AND target_id = $1`, [leaving.id]);
    expect(event).toEqual({ actor_id: admin.id, actor_role: 'ADMIN' });
  });

  it('should refuse hostile member ids with BAD_USER_INPUT, never a server error', async () => {
    for (const input of allHostileInputs().slice(0, 60)) {
      for (const mutation of [ERASE, `mutation($id: ID!) { dischargeMember(memberId: $id) { id } }`]) {
        const res = await app.gql(mutation, { id: input }, admin.token);
        expect(res.status).toBeLessThan(500);
        expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
    }
  });

  it('should purge the text of posts held or removed longer than RETENTION_DAYS_REMOVED in a scheduled sweep, and keep the rest', async () => {
    const author = await member(app, Role.CLIENT, 'retention');
    const oldHeld = await postInThread(app.dataSource, spaceId, author.id, { status: 'HELD', text: 'old held words' });
    const oldRemoved = await postInThread(app.dataSource, spaceId, author.id, { status: 'HELD', text: 'old removed words' });
    const recentHeld = await postInThread(app.dataSource, spaceId, author.id, { status: 'HELD', text: 'recent held words' });
    const oldPublished = await postInThread(app.dataSource, spaceId, author.id, { status: 'PUBLISHED', text: 'old published words' });
    await app.dataSource.query(`UPDATE posts SET status = 'REMOVED' WHERE id = $1`, [oldRemoved.postId]);
    await app.dataSource.query(`UPDATE posts SET status_changed_at = now() - interval '31 days' WHERE id = ANY($1::uuid[])`, [
      [oldHeld.postId, oldRemoved.postId, oldPublished.postId],
    ]);
    await app.dataSource.query(`UPDATE posts SET status_changed_at = now() - interval '29 days' WHERE id = $1`, [recentHeld.postId]);
    await app.dataSource.query(
      `INSERT INTO post_revisions (post_id, revision, author_id, body_html, body_text) VALUES ($1, 1, $2, '<p>old held words</p>', 'old held words')`,
      [oldHeld.postId, author.id],
    );
    await screeningQuoting(app, oldHeld.postId, 1, 'old held words');

    // The sweep is a repeatable job of the worker; run one now rather than wait for its interval.
    const schedulers = await app.running.app.get(JobProducer).queue(QueueName.SWEEPS).getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.name)).toContain(JobName.SWEEP_RETENTION);
    // The worker's own run of the sweep may take some of them first (SKIP LOCKED): the rows are what count.
    await app.running.app.get(RetentionSweeper).sweep();

    const rows: Array<{ id: string; body_text: string }> = await app.dataSource.query(`SELECT id, body_text FROM posts WHERE author_id = $1`, [author.id]);
    const text = new Map(rows.map((r) => [r.id, r.body_text]));
    expect(text.get(oldHeld.postId)).toBe('[removed after the retention period]');
    expect(text.get(oldRemoved.postId)).toBe('[removed after the retention period]');
    expect(text.get(recentHeld.postId)).toBe('recent held words');
    expect(text.get(oldPublished.postId)).toBe('old published words');
    const [revision] = await app.dataSource.query(`SELECT body_text FROM post_revisions WHERE post_id = $1`, [oldHeld.postId]);
    expect(revision.body_text).toBe('[removed after the retention period]');
    const screenings: unknown[] = await app.dataSource.query(`SELECT crisis_evidence FROM screenings WHERE post_id = $1`, [oldHeld.postId]);
    expect(JSON.stringify(screenings)).not.toContain('old held words');
    const purged = await app.dataSource.query(`SELECT target_id FROM audit_events WHERE action = 'post.text_purged' AND target_id = ANY($1::text[])`, [
      [oldHeld.postId, oldRemoved.postId],
    ]);
    expect(purged).toHaveLength(2);
    // A second sweep finds nothing more to do.
    await app.running.app.get(RetentionSweeper).sweep();
    const again: Array<{ n: number }> = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'post.text_purged' AND target_id = ANY($1::text[])`,
      [[oldHeld.postId, oldRemoved.postId]],
    );
    expect(again[0].n).toBe(2);
  });

  it("should purge a removed thread's titles (the old one too) from the notifications that quote them, and the reasons typed when reporting it", async () => {
    const tag = randomUUID().slice(0, 8);
    const author = await member(app, Role.CLIENT, 'retention-titled');
    const replier = await member(app, Role.CLIENT, 'retention-replier');
    const reporter = await member(app, Role.CLIENT, 'retention-reporter');
    const firstTitle = `Quiet evening ${tag}`;
    const laterTitle = `Quieter evening ${tag}`;
    const reason = `it says private words ${tag}`;
    const keptTitle = `Kept evening ${tag}`;
    const thread = await publishedThread(app, author, spaceId, firstTitle, 'A calm day today.');
    const kept = await publishedThread(app, author, spaceId, keptTitle, 'Another calm day.');
    // Each published reply tells the thread's author, quoting the title as it was then.
    await publishedReply(app, replier, thread.id, 'Glad to hear it.');
    await publishedReply(app, replier, kept.id, 'Glad to hear it too.');
    const reported = await app.gql(
      `mutation($input: ReportPostInput!) { reportPost(input: $input) }`,
      { input: { postId: thread.firstPost.id, reason } },
      reporter.token,
    );
    expect(reported.errors).toBeUndefined();
    const renamed = await app.gql(
      `mutation($input: EditPostInput!) { editPost(input: $input) { id } }`,
      { input: { postId: thread.firstPost.id, body: 'A calm day today.', title: laterTitle } },
      author.token,
    );
    expect(renamed.errors).toBeUndefined();
    await waitFor('the renamed thread to be screened', async () => {
      const [row]: Array<{ status: string }> = await app.dataSource.query(`SELECT status FROM posts WHERE id = $1`, [thread.firstPost.id]);
      return row.status !== 'PENDING';
    });
    await publishedReply(app, replier, thread.id, 'Still glad.');
    // Before: the titles are in the notifications, the reason in the report (the check can fail).
    expect(await tablesQuoting(app, firstTitle)).toContain('notifications.body');
    expect(await tablesQuoting(app, laterTitle)).toEqual(expect.arrayContaining(['notifications.body', 'threads.title']));
    expect(await tablesQuoting(app, reason)).toContain('reports.reason');

    await app.dataSource.query(`UPDATE posts SET status = 'REMOVED', status_changed_at = now() - interval '31 days' WHERE id = $1`, [thread.firstPost.id]);
    await app.running.app.get(RetentionSweeper).sweep();

    for (const words of [firstTitle, laterTitle, reason]) expect({ words, in: await tablesQuoting(app, words) }).toEqual({ words, in: [] });
    const told: Array<{ body: string }> = await app.dataSource.query(
      `SELECT body FROM notifications WHERE member_id = $1 AND kind = 'REPLY_IN_YOUR_THREAD' AND data->>'threadId' = $2`,
      [author.id, thread.id],
    );
    expect(told.map((n) => n.body)).toEqual([
      expect.stringContaining('“[removed after the retention period]”'),
      expect.stringContaining('“[removed after the retention period]”'),
    ]);
    // The report itself stays (who reported, when); another thread's notification keeps its title.
    const [report] = await app.dataSource.query(`SELECT reason FROM reports WHERE post_id = $1 AND reporter_id = $2`, [thread.firstPost.id, reporter.id]);
    expect(report).toEqual({ reason: '[removed after the retention period]' });
    expect(await tablesQuoting(app, keptTitle)).toEqual(expect.arrayContaining(['notifications.body', 'threads.title']));
  });

  it("should purge a held post's words from the escalation it joined, in every table, and keep the other posts' words there", async () => {
    const tag = randomUUID().slice(0, 8);
    const escalations = app.running.app.get(EscalationsService);
    // What screening does: the first post raises the client's escalation and it is paged (staff are
    // notified in-app, emailed, webhooks sent); the next post's signal joins it and tells them.
    const raise = async (client: Member, first: { postId: string; phrase: string }, joining: { postId: string; phrase: string }) => {
      const escalationId = await app.dataSource.transaction(async (manager) => {
        const raised = await escalations.raise(manager, {
          dedupeKey: `screening:${first.postId}:1`,
          subjectId: client.id,
          postId: first.postId,
          caseId: null,
          trigger: EscalationTrigger.CRISIS,
          severity: EscalationSeverity.HIGH,
          evidence: quoting(first.phrase),
        });
        await escalations.recordRiskSignal(manager, {
          subjectId: client.id,
          postId: first.postId,
          revision: 1,
          level: CrisisLevel.HIGH,
          evidence: quoting(first.phrase),
        });
        return raised.escalationId;
      });
      await app.running.app.get(JobProducer).enqueue({ name: JobName.PAGE_ESCALATION, data: { escalationId, level: 1 } });
      await waitFor('the escalation to be paged', async () => {
        const [row]: Array<{ paged_level: number }> = await app.dataSource.query(`SELECT paged_level FROM escalations WHERE id = $1`, [escalationId]);
        return row.paged_level >= 1;
      });
      await app.dataSource.transaction((manager) =>
        escalations.recordRiskSignal(manager, {
          subjectId: client.id,
          postId: joining.postId,
          revision: 1,
          level: CrisisLevel.HIGH,
          evidence: quoting(joining.phrase),
        }),
      );
      return escalationId;
    };
    const heldPost = async (client: Member, phrase: string) => {
      const post = await postInThread(app.dataSource, spaceId, client.id, { status: 'HELD', text: `I wrote ${phrase} here` });
      await screeningQuoting(app, post.postId, 1, phrase);
      return { postId: post.postId, phrase };
    };

    // One client: the purged post joined the escalation a kept post raised. Another: the purged post raised it, a kept one joined.
    const joined = await member(app, Role.CLIENT, 'retention-joined');
    const keptFirst = await heldPost(joined, `kept first ${tag}`);
    const purgedJoining = await heldPost(joined, `purged joining ${tag}`);
    const joinedEscalation = await raise(joined, keptFirst, purgedJoining);
    const raisedBy = await member(app, Role.CLIENT, 'retention-raised');
    const purgedFirst = await heldPost(raisedBy, `purged first ${tag}`);
    const keptJoining = await heldPost(raisedBy, `kept joining ${tag}`);
    const raisedEscalation = await raise(raisedBy, purgedFirst, keptJoining);
    const signals: Array<{ escalation_id: string; n: number }> = await app.dataSource.query(
      `SELECT escalation_id, count(*)::int AS n FROM escalation_signals WHERE escalation_id = ANY($1::uuid[]) GROUP BY escalation_id ORDER BY escalation_id`,
      [[joinedEscalation, raisedEscalation]],
    );
    expect(signals.map((s) => s.n)).toEqual([2, 2]);
    // Staff were paged and told of the joining signals: their notifications are among the rows searched below.
    const told: Array<{ n: number }> = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE data->>'escalationId' = ANY($1::text[]) AND data ? 'signalId'`,
      [[joinedEscalation, raisedEscalation]],
    );
    expect(told[0].n).toBeGreaterThan(0);
    // Before: each phrase is in the post and in every evidence that quotes it (the check can fail).
    expect(await tablesQuoting(app, purgedJoining.phrase)).toEqual(
      expect.arrayContaining(['escalation_signals.evidence', 'escalations.evidence', 'posts.body_text', 'risk_signals.evidence', 'screenings.crisis_evidence']),
    );

    await app.dataSource.query(`UPDATE posts SET status_changed_at = now() - interval '31 days' WHERE id = ANY($1::uuid[])`, [
      [purgedJoining.postId, purgedFirst.postId],
    ]);
    await app.running.app.get(RetentionSweeper).sweep();

    for (const purged of [purgedJoining, purgedFirst])
      expect({ phrase: purged.phrase, in: await tablesQuoting(app, purged.phrase) }).toEqual({ phrase: purged.phrase, in: [] });
    for (const kept of [keptFirst, keptJoining]) {
      expect(await tablesQuoting(app, kept.phrase)).toEqual(
        expect.arrayContaining(['escalations.evidence', 'posts.body_text', 'risk_signals.evidence', 'screenings.crisis_evidence']),
      );
    }
    expect(await tablesQuoting(app, keptJoining.phrase)).toContain('escalation_signals.evidence');
    // What the escalation says stays: its pattern and tier, for every item, the purged ones without their words.
    const [{ evidence }]: Array<{ evidence: Array<Record<string, unknown>> }> = await app.dataSource.query(`SELECT evidence FROM escalations WHERE id = $1`, [
      joinedEscalation,
    ]);
    expect(evidence).toEqual([
      { patternId: 'active-ideation', tier: 'HIGH', effectiveTier: 'HIGH', phrase: keptFirst.phrase, discount: null },
      { patternId: 'active-ideation', tier: 'HIGH', effectiveTier: 'HIGH', phrase: '[removed]', discount: null },
    ]);
  });
});
