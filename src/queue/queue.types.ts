/**
 * Queue names, job names and payloads as types. Payloads carry ids only: no post text, names or
 * evidence ever sits in Redis.
 */
export enum QueueName {
  SCREENING = 'screening',
  ESCALATION = 'escalation',
  MODERATION = 'moderation',
  WEBHOOK = 'webhook',
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
  /** A case's due time: re-notify the space's peer specialists if it is still open. */
  CASE_DUE = 'case-due',
  /** Deliver one signed webhook for an escalation. */
  DELIVER_ESCALATION_WEBHOOK = 'deliver-escalation-webhook',
  /** A member reported a post: open or join its moderation case (the forum cannot import moderation). */
  REVIEW_REPORT = 'review-report',
}

export interface JobPayloads {
  [JobName.SCREEN_POST]: { postId: string; revision: number };
  [JobName.SWEEP_SCREENING_OUTBOX]: Record<string, never>;
  [JobName.PAGE_ESCALATION]: { escalationId: string; level: number };
  [JobName.ESCALATION_DEADLINE]: { escalationId: string; level: number };
  [JobName.CASE_DUE]: { caseId: string; dueAt: string };
  [JobName.DELIVER_ESCALATION_WEBHOOK]: { escalationId: string; level: number };
  [JobName.REVIEW_REPORT]: { reportId: string };
}

/** Which queue carries each job. The compiler insists every job has a home. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SCREEN_POST]: QueueName.SCREENING,
  [JobName.SWEEP_SCREENING_OUTBOX]: QueueName.SCREENING,
  [JobName.PAGE_ESCALATION]: QueueName.ESCALATION,
  [JobName.ESCALATION_DEADLINE]: QueueName.ESCALATION,
  [JobName.CASE_DUE]: QueueName.MODERATION,
  [JobName.DELIVER_ESCALATION_WEBHOOK]: QueueName.WEBHOOK,
  [JobName.REVIEW_REPORT]: QueueName.MODERATION,
};

/**
 * Deterministic job ids: BullMQ ignores an add whose id already exists, so the API, the sweeper
 * and a retrying client can all enqueue the same work without doubling it.
 */
export const JOB_ID: { [N in JobName]: (data: JobPayloads[N]) => string } = {
  [JobName.SCREEN_POST]: ({ postId, revision }) => `screen-post:${postId}:${revision}`,
  [JobName.SWEEP_SCREENING_OUTBOX]: () => 'sweep-screening-outbox',
  [JobName.PAGE_ESCALATION]: ({ escalationId, level }) => `page-escalation:${escalationId}:${level}`,
  [JobName.ESCALATION_DEADLINE]: ({ escalationId, level }) => `escalation-deadline:${escalationId}:${level}`,
  [JobName.CASE_DUE]: ({ caseId, dueAt }) => `case-due:${caseId}:${Date.parse(dueAt)}`,
  [JobName.DELIVER_ESCALATION_WEBHOOK]: ({ escalationId, level }) => `webhook:${escalationId}:${level}`,
  // BullMQ refuses a custom id with ':' unless it splits into exactly three parts, hence the dash.
  [JobName.REVIEW_REPORT]: ({ reportId }) => `review-report-${reportId}`,
};
