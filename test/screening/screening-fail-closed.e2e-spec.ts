import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEFAULT_JOB_OPTIONS, JobProducer } from '../../src/queue/job-producer.service';
import { JOB_ID, JobName, QueueName } from '../../src/queue/queue.types';
import { ToxicityModel } from '../../src/screening/toxicity-model.provider';
import { ToxicityClassifier } from '../../src/screening/toxicity/toxicity-classifier';
import { writeToxicityFixture } from '../fixtures/toxicity-fixture';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createMember, createSpace, enqueueScreening, screened, writePost } from './screening-posts';
import { waitFor } from '../utils/wait-for';

describe('screening fails closed', () => {
  let fixtureDir: string;

  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), 'bs-toxicity-broken-'));
  });

  afterAll(async () => {
    await rm(fixtureDir, { recursive: true, force: true });
  });

  describe('when the toxicity phase throws on every attempt', () => {
    let app: TestApp;

    beforeAll(async () => {
      const fixture = await writeToxicityFixture(fixtureDir);
      app = await startTestApp({
        role: 'all',
        env: { TOXICITY_MODEL_URL: fixture.modelUrl, TOXICITY_VOCAB_URL: fixture.vocabUrl, TFJS_BACKEND: 'cpu', SCREENING_SWEEP_EVERY_MS: '200' },
      });
      // A model that loaded and then breaks: every classify() call from now on rejects.
      const { classifier } = app.running.app.get(ToxicityModel);
      if (!(classifier instanceof ToxicityClassifier)) throw new Error('the worker did not load the fixture model');
      classifier.dispose();
    });

    afterAll(() => app?.close());

    it('should hold the post for SCREENING_FAILED with an URGENT case after the last attempt, never publishing it', async () => {
      const author = await createMember(app.dataSource);
      const written = await writePost(app.dataSource, await createSpace(app.dataSource), author, 'Had a good walk with my dog today.');
      const jobs = app.running.app.get(JobProducer);
      await enqueueScreening(jobs, written);

      expect(await screened(app.dataSource, written.postId)).toEqual({ status: 'HELD', held_reason: 'SCREENING_FAILED' });
      const [moderationCase]: Array<{ priority: string; reasons: string[] }> = await app.dataSource.query(
        `SELECT priority, reasons FROM moderation_cases WHERE post_id = $1`,
        [written.postId],
      );
      expect(moderationCase).toEqual({ priority: 'URGENT', reasons: ['SCREENING_FAILED'] });
      const [outbox]: Array<{ state: string }> = await app.dataSource.query(`SELECT state FROM screening_requests WHERE post_id = $1`, [written.postId]);
      expect(outbox.state).toBe('FAILED');
      const [screening]: Array<{ decision: string; reasons: string[] }> = await app.dataSource.query(
        `SELECT decision, reasons FROM screenings WHERE post_id = $1`,
        [written.postId],
      );
      expect(screening).toEqual({ decision: 'HOLD', reasons: ['SCREENING_FAILED'] });
      // It took every attempt: the hold came from the last one, not the first failure.
      const job = await jobs.queue(QueueName.SCREENING).getJob(JOB_ID[JobName.SCREEN_POST]({ postId: written.postId, revision: 1 }));
      await waitFor('the job to be marked failed', async () => (await job?.isFailed()) ?? null);
      const failed = await jobs.queue(QueueName.SCREENING).getJob(JOB_ID[JobName.SCREEN_POST]({ postId: written.postId, revision: 1 }));
      expect(failed?.attemptsMade).toBe(DEFAULT_JOB_OPTIONS.attempts);
      const [notice]: Array<{ kind: string }> = await app.dataSource.query(`SELECT kind FROM notifications WHERE data->>'postId' = $1::text`, [written.postId]);
      expect(notice.kind).toBe('POST_HELD');
    });

    it('should page a clinician for a crisis post at once, without waiting for the broken model', async () => {
      const author = await createMember(app.dataSource);
      const written = await writePost(app.dataSource, await createSpace(app.dataSource), author, 'I want to kill myself tonight.');
      await enqueueScreening(app.running.app.get(JobProducer), written);

      expect(await screened(app.dataSource, written.postId)).toEqual({ status: 'HELD', held_reason: 'CRISIS' });
      const [screening]: Array<{ reasons: string[]; toxicity_status: string }> = await app.dataSource.query(
        `SELECT reasons, toxicity_status FROM screenings WHERE post_id = $1`,
        [written.postId],
      );
      expect(screening.toxicity_status).toBe('failed');
      const escalations: Array<{ severity: string }> = await app.dataSource.query(`SELECT severity FROM escalations WHERE post_id = $1`, [written.postId]);
      expect(escalations).toHaveLength(1);
      const notices: Array<{ kind: string }> = await app.dataSource.query(
        `SELECT n.kind FROM notifications n WHERE n.member_id = $1 AND n.data->>'postId' = $2::text`,
        [author, written.postId],
      );
      expect(notices.map((n) => n.kind)).toEqual(['CRISIS_RESOURCES']);
    });

    it("should keep the crisis phase's findings when a post it does not hold fails screening for good", async () => {
      const author = await createMember(app.dataSource);
      // Passive ideation: normally published with peer outreach, here the model's failure holds it.
      const written = await writePost(app.dataSource, await createSpace(app.dataSource), author, 'Some days I wish I could just not wake up.');
      await enqueueScreening(app.running.app.get(JobProducer), written);

      expect(await screened(app.dataSource, written.postId)).toEqual({ status: 'HELD', held_reason: 'SCREENING_FAILED' });
      const [screening]: Array<{ crisis_level: string; reasons: string[] }> = await app.dataSource.query(
        `SELECT crisis_level, reasons FROM screenings WHERE post_id = $1`,
        [written.postId],
      );
      expect(screening.reasons).toEqual(expect.arrayContaining(['CRISIS', 'SCREENING_FAILED']));
      const signals: Array<{ level: string }> = await app.dataSource.query(`SELECT level FROM risk_signals WHERE post_id = $1`, [written.postId]);
      expect(signals.map((r) => r.level)).toEqual([screening.crisis_level]);
      const notices: Array<{ kind: string }> = await app.dataSource.query(
        `SELECT n.kind FROM notifications n WHERE n.member_id = $1 AND n.data->>'postId' = $2::text`,
        [author, written.postId],
      );
      expect(notices.map((n) => n.kind)).toEqual(['CRISIS_RESOURCES']);
      const [moderationCase]: Array<{ priority: string; reasons: string[] }> = await app.dataSource.query(
        `SELECT priority, reasons FROM moderation_cases WHERE post_id = $1`,
        [written.postId],
      );
      expect(moderationCase.priority).toBe('URGENT');
      expect(moderationCase.reasons).toEqual(expect.arrayContaining(['CRISIS', 'SCREENING_FAILED']));
    });

    it('should hold a failed job found by the outbox sweeper when its hold never committed', async () => {
      const author = await createMember(app.dataSource);
      const written = await writePost(app.dataSource, await createSpace(app.dataSource), author, 'A quiet evening.');
      // A job that failed for good in Redis while the database did not record the hold.
      const queue = app.running.app.get(JobProducer).queue(QueueName.SCREENING);
      const job = await queue.add(
        JobName.SCREEN_POST,
        { postId: written.postId, revision: 1 },
        { jobId: JOB_ID[JobName.SCREEN_POST]({ postId: written.postId, revision: 1 }), attempts: 1 },
      );
      await waitFor('the job to fail', async () => (await job.isFailed()) || null);
      await app.dataSource.query(`DELETE FROM moderation_cases WHERE post_id = $1`, [written.postId]);
      await app.dataSource.query(`DELETE FROM notifications WHERE data->>'postId' = $1::text`, [written.postId]);
      await app.dataSource.query(`DELETE FROM screenings WHERE post_id = $1`, [written.postId]);
      await app.dataSource.query(`UPDATE posts SET status = 'PENDING', held_reason = NULL WHERE id = $1`, [written.postId]);
      await app.dataSource.query(`UPDATE screening_requests SET state = 'PENDING', created_at = now() - interval '1 hour' WHERE post_id = $1`, [
        written.postId,
      ]);

      expect(await screened(app.dataSource, written.postId)).toEqual({ status: 'HELD', held_reason: 'SCREENING_FAILED' });
    });
  });

  describe('when the model is required but cannot be loaded', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({
        role: 'all',
        env: {
          TOXICITY_REQUIRED: 'true',
          TOXICITY_MODEL_URL: `file://${join(fixtureDir, 'missing', 'model.json')}`,
          TOXICITY_VOCAB_URL: `file://${join(fixtureDir, 'missing', 'vocab.json')}`,
        },
      });
    });

    afterAll(() => app?.close());

    it('should report the model down in readiness', async () => {
      const res = await request(app.url.replace(/\/graphql$/, '')).get('/health/ready');
      expect(res.status).toBe(503);
      expect((res.body as { checks: Record<string, { status: string; state: string }> }).checks.toxicityModel).toMatchObject({
        status: 'down',
        state: 'unavailable',
      });
    });

    it('should hold a harmless post for review, still running crisis and word checks', async () => {
      const author = await createMember(app.dataSource);
      const written = await writePost(app.dataSource, await createSpace(app.dataSource), author, 'Had a good walk with my dog today.');
      await enqueueScreening(app.running.app.get(JobProducer), written);

      expect(await screened(app.dataSource, written.postId)).toEqual({ status: 'HELD', held_reason: 'SCREENING_FAILED' });
      const [screening]: Array<{ toxicity_status: string; crisis_level: string; phases: Array<{ name: string }> }> = await app.dataSource.query(
        `SELECT toxicity_status, crisis_level, phases FROM screenings WHERE post_id = $1`,
        [written.postId],
      );
      expect(screening.toxicity_status).toBe('unavailable');
      expect(screening.phases.map((p) => p.name)).toContain('crisis');
    });
  });

  describe('when the model is optional and not configured', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ role: 'all', env: { TOXICITY_REQUIRED: 'false' } });
    });

    afterAll(() => app?.close());

    it('should publish a harmless post screened on crisis patterns and watched words, marked toxicity unavailable', async () => {
      const author = await createMember(app.dataSource);
      const written = await writePost(app.dataSource, await createSpace(app.dataSource), author, 'Had a good walk with my dog today.');
      await enqueueScreening(app.running.app.get(JobProducer), written);

      expect(await screened(app.dataSource, written.postId)).toEqual({ status: 'PUBLISHED', held_reason: null });
      const [screening]: Array<{ toxicity_status: string; model_version: string | null }> = await app.dataSource.query(
        `SELECT toxicity_status, model_version FROM screenings WHERE post_id = $1`,
        [written.postId],
      );
      expect(screening).toEqual({ toxicity_status: 'unavailable', model_version: null });
    });
  });
});
