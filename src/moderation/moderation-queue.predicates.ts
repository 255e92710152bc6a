import { CaseStatus } from '../common/domain/moderation.enums';

/**
 * Queue membership as predicates (after Coral's moderation counts): what the list shows, what the
 * counts count and the status an event carries come from the same definitions, so they cannot
 * drift apart. They are SQL over a `moderation_cases` alias, because that is where every one of
 * them is evaluated; `now()` is one instant per statement.
 *
 * A claim is a lease: a CLAIMED row whose lease has lapsed is back in the OPEN queue, without
 * anyone having to rewrite the row.
 */

/** `null` asks for the whole active queue: everything not yet resolved. */
export type QueueFilter = CaseStatus | null;

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

/** The status a moderator sees (a lapsed claim reads as OPEN), from the same membership predicates. */
export function effectiveStatusSql(alias: string): string {
  return `CASE WHEN ${inQueueSql(CaseStatus.RESOLVED, alias)} THEN 'RESOLVED' WHEN ${inQueueSql(CaseStatus.CLAIMED, alias)} THEN 'CLAIMED' ELSE 'OPEN' END`;
}
