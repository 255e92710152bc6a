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

/**
 * One page of an escalation: its level, and at the last level how many reminders came before it
 * (absent or 0 for the level's first page).
 */
export interface EscalationPage {
  escalationId: string;
  level: number;
  reminder?: number;
}

export interface JobPayloads {
  [JobName.SCREEN_POST]: { postId: string; revision: number };
  [JobName.SWEEP_SCREENING_OUTBOX]: Record<string, never>;
  [JobName.PAGE_ESCALATION]: EscalationPage;
  [JobName.ESCALATION_DEADLINE]: EscalationPage;
  [JobName.CASE_DUE]: { caseId: string; dueAt: string };
  [JobName.DELIVER_ESCALATION_WEBHOOK]: EscalationPage;
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
  [JobName.PAGE_ESCALATION]: (page) => `page-escalation:${page.escalationId}:${pageKey(page)}`,
  [JobName.ESCALATION_DEADLINE]: (page) => `escalation-deadline:${page.escalationId}:${pageKey(page)}`,
  [JobName.CASE_DUE]: ({ caseId, dueAt }) => `case-due:${caseId}:${Date.parse(dueAt)}`,
  [JobName.DELIVER_ESCALATION_WEBHOOK]: (page) => `webhook:${page.escalationId}:${pageKey(page)}`,
  // BullMQ refuses a custom id with ':' unless it splits into exactly three parts, hence the dash.
  [JobName.REVIEW_REPORT]: ({ reportId }) => `review-report-${reportId}`,
};

/** "2" for a level's first page, "4r3" for the third reminder at level 4. */
export function pageKey({ level, reminder }: EscalationPage): string {
  return reminder ? `${level}r${reminder}` : String(level);
}
