/**
 * Who is paged at each level, by a simple documented rule until the program keeps an on-call
 * roster: clinicians in the order they joined (first seen, then id) form the rota.
 *
 * - level 1: the on-call clinician (the first in the rota);
 * - level 2: on-call and backup (the first two);
 * - level 3: every clinician;
 * - level 4 (the last): every clinician and every admin, paged again on every deadline until
 *   someone acknowledges.
 *
 * With no clinician at all, admins are paged at every level: a page never goes to nobody.
 */
export const MAX_LEVEL = 4;

export interface RotaMember {
  id: string;
  role: 'CLINICIAN' | 'ADMIN';
}

export function recipientsForLevel(level: number, clinicians: readonly RotaMember[], admins: readonly RotaMember[]): RotaMember[] {
  if (clinicians.length === 0) return [...admins];
  if (level <= 1) return clinicians.slice(0, 1);
  if (level === 2) return clinicians.slice(0, 2);
  if (level === 3) return [...clinicians];
  return [...clinicians, ...admins];
}
