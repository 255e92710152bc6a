import { z } from 'zod';
import type { AppConfig } from '../config/app-config';

/**
 * The job table: every job's queue, payload schema, id and (for sweeps) schedule, each keyed by
 * job name so the compiler insists every job has all of them. Payloads carry ids only: no post
 * text, names or evidence ever sits in Redis.
 */
export enum QueueName {
  SCREENING = 'screening',
  ESCALATION = 'escalation',
  MODERATION = 'moderation',
  WEBHOOK = 'webhook',
  /**
   * The sweepers' repeatable jobs. A queue of their own because a delayed job joins the back of
   * its queue when it comes due: on the screening queue a sweep would wait behind a burst of
   * thousands of posts, exactly when it may be needed.
   */
  SWEEPS = 'sweeps',
}

export enum JobName {
  /** Screen one post revision. */
  SCREEN_POST = 'screen-post',
  /** Re-enqueue screening requests that are not finished (Redis was down, a job was lost). */
  SWEEP_SCREENING_OUTBOX = 'sweep-screening-outbox',
  /** Notify clinicians of a new escalation (in-app, subscription, webhook). */
  PAGE_ESCALATION = 'page-escalation',
  /** An escalation's acknowledgement deadline: climb a level if nobody acknowledged. */
  ESCALATION_DEADLINE = 'escalation-deadline',
  /** Page open escalations that never were, and climb those whose deadline job was lost. */
  SWEEP_ESCALATION_TIMERS = 'sweep-escalation-timers',
  /** A case's due time: re-notify the space's peer specialists if it is still open. */
  CASE_DUE = 'case-due',
  /** Deliver one signed webhook for an escalation. */
  DELIVER_ESCALATION_WEBHOOK = 'deliver-escalation-webhook',
  /** A member reported a post: open or join its moderation case (the forum cannot import moderation). */
  REVIEW_REPORT = 'review-report',
  /** Schedule the due-time jobs of cases coming due, and re-queue reports whose job was lost. */
  SWEEP_MODERATION_TIMERS = 'sweep-moderation-timers',
  /** Email one paged staff member (no PHI: severity, deadline, a link). */
  DELIVER_ESCALATION_EMAIL = 'deliver-escalation-email',
  /** Tell admins about a gap in the on-call roster in the next 72 hours (once per gap). */
  CHECK_ROSTER_GAPS = 'check-roster-gaps',
  /**
   * An escalation was resolved: its linked moderation cases are resolved or handed back to peers
   * with the outcome (escalation cannot import moderation, so moderation handles this job).
   */
  CLOSE_ESCALATION_CASES = 'close-escalation-cases',
  /** Recompute the engagement rollup's recent days (insights; today stays live). */
  REFRESH_ENGAGEMENT_ROLLUP = 'refresh-engagement-rollup',
  /** Remove the text of posts held or removed longer than RETENTION_DAYS_REMOVED (and the evidence quoting it). */
  SWEEP_RETENTION = 'sweep-retention',
}

/**
 * One page of an escalation: its level, at the last level how many reminders came before it, and
 * how many times a higher severity re-paged it (`round`); absent or 0 for the first.
 */
const escalationPage = z.strictObject({
  escalationId: z.uuid(),
  level: z.number().int().min(1).max(10),
  reminder: z.number().int().min(0).optional(),
  round: z.number().int().min(0).optional(),
});
/** A sweep needs nothing but its name: it reads what to do from PostgreSQL. */
const sweep = z.strictObject({});

/**
 * One schema per job. The producer validates a payload before it reaches Redis and the worker
 * validates it again (anything that came out of Redis is input, not truth), with the same schema.
 */
export const JOB_PAYLOAD = {
  [JobName.SCREEN_POST]: z.strictObject({ postId: z.uuid(), revision: z.number().int().positive() }),
  [JobName.SWEEP_SCREENING_OUTBOX]: sweep,
  [JobName.PAGE_ESCALATION]: escalationPage,
  [JobName.ESCALATION_DEADLINE]: escalationPage,
  [JobName.SWEEP_ESCALATION_TIMERS]: sweep,
  [JobName.CASE_DUE]: z.strictObject({ caseId: z.uuid(), dueAt: z.string() }),
  [JobName.DELIVER_ESCALATION_WEBHOOK]: escalationPage,
  [JobName.REVIEW_REPORT]: z.strictObject({ reportId: z.uuid() }),
  [JobName.SWEEP_MODERATION_TIMERS]: sweep,
  [JobName.DELIVER_ESCALATION_EMAIL]: z.strictObject({ deliveryId: z.uuid() }),
  [JobName.CHECK_ROSTER_GAPS]: sweep,
  [JobName.CLOSE_ESCALATION_CASES]: z.strictObject({ escalationId: z.uuid() }),
  [JobName.REFRESH_ENGAGEMENT_ROLLUP]: sweep,
  [JobName.SWEEP_RETENTION]: sweep,
} satisfies Record<JobName, z.ZodType>;

export type JobPayloads = { [N in JobName]: z.infer<(typeof JOB_PAYLOAD)[N]> };

export type EscalationPage = z.infer<typeof escalationPage>;

/** A job to put on its queue: the name says which queue, the data is that job's payload. */
export type JobRequest<N extends JobName = JobName> = { [K in N]: { name: K; data: JobPayloads[K] } }[N];

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SCREEN_POST]: QueueName.SCREENING,
  [JobName.SWEEP_SCREENING_OUTBOX]: QueueName.SWEEPS,
  [JobName.PAGE_ESCALATION]: QueueName.ESCALATION,
  [JobName.ESCALATION_DEADLINE]: QueueName.ESCALATION,
  [JobName.SWEEP_ESCALATION_TIMERS]: QueueName.SWEEPS,
  [JobName.CASE_DUE]: QueueName.MODERATION,
  [JobName.DELIVER_ESCALATION_WEBHOOK]: QueueName.WEBHOOK,
  [JobName.REVIEW_REPORT]: QueueName.MODERATION,
  [JobName.SWEEP_MODERATION_TIMERS]: QueueName.SWEEPS,
  // Email is an outbound delivery like the webhook: its own retries, never behind a page.
  [JobName.DELIVER_ESCALATION_EMAIL]: QueueName.WEBHOOK,
  [JobName.CHECK_ROSTER_GAPS]: QueueName.SWEEPS,
  [JobName.CLOSE_ESCALATION_CASES]: QueueName.MODERATION,
  [JobName.REFRESH_ENGAGEMENT_ROLLUP]: QueueName.SWEEPS,
  [JobName.SWEEP_RETENTION]: QueueName.SWEEPS,
};

/**
 * The sweeps: BullMQ job schedulers (repeatable jobs) rather than a timer in every worker, so one
 * sweep runs per interval however many workers there are. The value is the interval in ms.
 */
export const JOB_SCHEDULE = {
  [JobName.SWEEP_SCREENING_OUTBOX]: (config: AppConfig) => config.screening.sweepEveryMs,
  [JobName.SWEEP_ESCALATION_TIMERS]: (config: AppConfig) => config.escalationTimers.sweepSeconds * 1_000,
  [JobName.SWEEP_MODERATION_TIMERS]: (config: AppConfig) => config.escalationTimers.sweepSeconds * 1_000,
  [JobName.CHECK_ROSTER_GAPS]: (config: AppConfig) => config.roster.gapCheckSeconds * 1_000,
  // Every 5 minutes: a refresh recomputes about two weeks of days in well under a second at program scale.
  [JobName.REFRESH_ENGAGEMENT_ROLLUP]: () => 5 * 60_000,
  [JobName.SWEEP_RETENTION]: (config: AppConfig) => config.membership.retentionSweepSeconds * 1_000,
} satisfies Partial<Record<JobName, (config: AppConfig) => number>>;

export type ScheduledJobName = keyof typeof JOB_SCHEDULE;
/** Jobs put on a queue by a call (the scheduled ones are made by their scheduler). */
export type EnqueuedJobName = Exclude<JobName, ScheduledJobName>;

/**
 * Deterministic job ids: BullMQ ignores an add whose id already exists, so the API, the sweeper
 * and a retrying client can all enqueue the same work without doubling it.
 */
export const JOB_ID: { [N in EnqueuedJobName]: (data: JobPayloads[N]) => string } = {
  [JobName.SCREEN_POST]: ({ postId, revision }) => `screen-post:${postId}:${revision}`,
  [JobName.PAGE_ESCALATION]: (page) => `page-escalation:${page.escalationId}:${pageKey(page)}`,
  [JobName.ESCALATION_DEADLINE]: (page) => `escalation-deadline:${page.escalationId}:${pageKey(page)}`,
  [JobName.CASE_DUE]: ({ caseId, dueAt }) => `case-due:${caseId}:${Date.parse(dueAt)}`,
  [JobName.DELIVER_ESCALATION_WEBHOOK]: (page) => `webhook:${page.escalationId}:${pageKey(page)}`,
  // BullMQ refuses a custom id with ':' unless it splits into exactly three parts, hence the dash.
  [JobName.REVIEW_REPORT]: ({ reportId }) => `review-report-${reportId}`,
  [JobName.DELIVER_ESCALATION_EMAIL]: ({ deliveryId }) => `email-${deliveryId}`,
  [JobName.CLOSE_ESCALATION_CASES]: ({ escalationId }) => `close-escalation-cases-${escalationId}`,
};

/** "2" for a level's first page, "4r3" for the third reminder at level 4, "1s1" for level 1 re-paged at a higher severity. */
export function pageKey({ level, reminder, round }: Pick<EscalationPage, 'level' | 'reminder' | 'round'>): string {
  return `${level}${reminder ? `r${reminder}` : ''}${round ? `s${round}` : ''}`;
}

export function isJobName(name: string): name is JobName {
  return (Object.values(JobName) as string[]).includes(name);
}

/** Why a payload does not fit its schema: paths only, never values. */
export class InvalidJobPayloadError extends Error {
  override readonly name = 'InvalidJobPayloadError';
}

/** The payload checked against its job's schema; throws InvalidJobPayloadError naming the wrong fields. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayloads[N] {
  const parsed = JOB_PAYLOAD[name].safeParse(data);
  if (!parsed.success) throw new InvalidJobPayloadError(`invalid ${name} payload: ${parsed.error.issues.map((i) => i.path.join('.') || 'data').join(', ')}`);
  // The schema indexed by a generic name widens to the union of all payloads; it is this job's.
  return parsed.data as JobPayloads[N];
}
