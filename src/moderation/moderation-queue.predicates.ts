import { CaseStatus } from '../common/domain/moderation.enums';

/**
 * Queue membership as pure predicates (after Coral's moderation counts): what the list shows and
 * what the counts count come from the same definitions, so they cannot drift apart. Each status
 * has a TypeScript form (events, tests) and a SQL form (lists, counts) side by side.
 *
 * A claim is a lease: a CLAIMED row whose lease has lapsed is back in the OPEN queue, without
 * anyone having to rewrite the row.
 */
export interface CaseQueueFacts {
  status: CaseStatus;
  leaseExpiresAt: Date | null;
}

/** `null` asks for the whole active queue: everything not yet resolved. */
export type QueueFilter = CaseStatus | null;

function leaseLive(row: CaseQueueFacts, now: Date): boolean {
  return row.status === CaseStatus.CLAIMED && row.leaseExpiresAt !== null && row.leaseExpiresAt.getTime() > now.getTime();
}

/** The status a moderator sees: a lapsed claim reads as OPEN. */
export function effectiveStatus(row: CaseQueueFacts, now: Date): CaseStatus {
  if (row.status === CaseStatus.RESOLVED) return CaseStatus.RESOLVED;
  return leaseLive(row, now) ? CaseStatus.CLAIMED : CaseStatus.OPEN;
}

export function inQueue(filter: QueueFilter, row: CaseQueueFacts, now: Date): boolean {
  if (filter === null) return row.status !== CaseStatus.RESOLVED;
  return effectiveStatus(row, now) === filter;
}

/** The same predicates over a `moderation_cases` alias; `now()` is one instant per statement. */
export function inQueueSql(filter: QueueFilter, alias: string): string {
  const liveClaim = `(${alias}.status = 'CLAIMED' AND ${alias}.lease_expires_at > now())`;
  switch (filter) {
    case null:
      return `${alias}.status <> 'RESOLVED'`;
    case CaseStatus.OPEN:
      return `(${alias}.status <> 'RESOLVED' AND NOT ${liveClaim})`;
    case CaseStatus.CLAIMED:
      return liveClaim;
    case CaseStatus.RESOLVED:
      return `${alias}.status = 'RESOLVED'`;
  }
}

/** Statuses counted per priority beside the queue (resolved history is not a queue). */
export const COUNTED_STATUSES = [CaseStatus.OPEN, CaseStatus.CLAIMED] as const;

/** `effectiveStatus` in SQL, from the same membership predicates. */
export function effectiveStatusSql(alias: string): string {
  return `CASE WHEN ${inQueueSql(CaseStatus.RESOLVED, alias)} THEN 'RESOLVED' WHEN ${inQueueSql(CaseStatus.CLAIMED, alias)} THEN 'CLAIMED' ELSE 'OPEN' END`;
}
