/**
 * Who is paged at each level. The on-call roster decides the first two levels:
 *
 * - level 1: the PRIMARY on call now (every PRIMARY when shifts overlap);
 * - level 2: the PRIMARY and the BACKUP on call now;
 * - level 3: every clinician;
 * - level 4 (the last): every clinician and every admin, paged again on every deadline until
 *   someone acknowledges.
 *
 * With no PRIMARY on call, levels 1 and 2 page every clinician (and the page says so); with a
 * PRIMARY but no BACKUP, level 2 does. With no clinician at all, admins are paged at every level:
 * a page never goes to nobody.
 */
export const MAX_LEVEL = 4;

export interface RotaMember {
  id: string;
  role: 'CLINICIAN' | 'ADMIN';
}

export interface PagingRota {
  clinicians: readonly RotaMember[];
  admins: readonly RotaMember[];
  /** Member ids of the PRIMARY and BACKUP shifts covering now. */
  onCall: { primary: readonly string[]; backup: readonly string[] };
}

/** Why these recipients: the roster, or a fallback the page must mention. */
export enum PagingBasis {
  ROSTER = 'ROSTER',
  /** No PRIMARY on call: every clinician is paged. */
  NO_PRIMARY_ON_CALL = 'NO_PRIMARY_ON_CALL',
  /** A PRIMARY but no BACKUP on call at level 2: every clinician is paged. */
  NO_BACKUP_ON_CALL = 'NO_BACKUP_ON_CALL',
  /** Levels 3 and 4 page everyone the level names. */
  EVERYONE = 'EVERYONE',
  /** There is no clinician at all: admins are paged. */
  NO_CLINICIANS = 'NO_CLINICIANS',
}

export interface PageRecipients {
  recipients: RotaMember[];
  basis: PagingBasis;
}

export function recipientsForLevel(level: number, rota: PagingRota): PageRecipients {
  const { clinicians, admins } = rota;
  if (clinicians.length === 0) return { recipients: [...admins], basis: PagingBasis.NO_CLINICIANS };
  if (level >= MAX_LEVEL) return { recipients: [...clinicians, ...admins], basis: PagingBasis.EVERYONE };
  if (level === 3) return { recipients: [...clinicians], basis: PagingBasis.EVERYONE };
  // A shift of someone who is no longer a clinician pages nobody; their tier counts as empty.
  const byId = new Map(clinicians.map((c) => [c.id, c]));
  const onShift = (ids: readonly string[]) => ids.map((id) => byId.get(id)).filter((m): m is RotaMember => m !== undefined);
  const primary = onShift(rota.onCall.primary);
  if (primary.length === 0) return { recipients: [...clinicians], basis: PagingBasis.NO_PRIMARY_ON_CALL };
  if (level <= 1) return { recipients: primary, basis: PagingBasis.ROSTER };
  const backup = onShift(rota.onCall.backup).filter((m) => !primary.includes(m));
  if (backup.length === 0) return { recipients: [...clinicians], basis: PagingBasis.NO_BACKUP_ON_CALL };
  return { recipients: [...primary, ...backup], basis: PagingBasis.ROSTER };
}
