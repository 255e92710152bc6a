import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of the signed webhook. The receiver recomputes the signature and refuses old timestamps (replay). */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-between-sessions-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'x-between-sessions-signature';

/** What leaves the building: ids, grades and a link. Never post text, evidence or names. */
export interface EscalationWebhookBody {
  type: 'escalation.page';
  escalationId: string;
  caseId: string | null;
  postId: string | null;
  severity: string;
  level: number;
  /** 0 for a level's first page; at the last level, how many times everyone was paged again. */
  reminder: number;
  ackDueAt: string;
  link: string;
}

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`: signing the timestamp with the body stops replays with a new time. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers (and tests): a valid signature over a timestamp no older than `toleranceSeconds`. */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(now / 1000 - seconds) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
