import { OnCallTier } from '../../common/domain/escalation.enums';

/** One shift as the coverage rules read it (UTC instants). */
export interface ShiftSpan {
  id: string;
  clinicianId: string;
  tier: OnCallTier;
  startsAt: Date;
  endsAt: Date;
}

/** A period of the window with no PRIMARY on call, with the shifts on either side (null: none in what was read). */
export interface CoverageGap {
  startsAt: Date;
  endsAt: Date;
  afterShiftId: string | null;
  beforeShiftId: string | null;
}

/** A period where two shifts of the same tier run at once: who is "the" primary is ambiguous (both are paged). */
export interface CoverageOverlap {
  tier: OnCallTier;
  startsAt: Date;
  endsAt: Date;
  shiftIds: [string, string];
}

/**
 * The periods of [from, to) with no PRIMARY shift. Shifts are half-open: one ending at 14:00 and
 * the next starting at 14:00 leave no gap.
 */
export function primaryGaps(shifts: readonly ShiftSpan[], from: Date, to: Date): CoverageGap[] {
  const primaries = shifts.filter((s) => s.tier === OnCallTier.PRIMARY && s.endsAt > from && s.startsAt < to).sort((a, b) => +a.startsAt - +b.startsAt);
  const gaps: CoverageGap[] = [];
  let cursor = from;
  let last: ShiftSpan | null = null;
  for (const shift of primaries) {
    if (shift.startsAt > cursor) gaps.push({ startsAt: cursor, endsAt: shift.startsAt, afterShiftId: last?.id ?? null, beforeShiftId: shift.id });
    if (shift.endsAt > cursor) {
      cursor = shift.endsAt;
      last = shift;
    }
  }
  if (cursor < to) gaps.push({ startsAt: cursor, endsAt: to, afterShiftId: last?.id ?? null, beforeShiftId: null });
  return gaps;
}

/** Every pair of same-tier shifts that overlap inside [from, to), clipped to the window. */
export function sameTierOverlaps(shifts: readonly ShiftSpan[], from: Date, to: Date): CoverageOverlap[] {
  const inWindow = shifts.filter((s) => s.endsAt > from && s.startsAt < to).sort((a, b) => +a.startsAt - +b.startsAt || a.id.localeCompare(b.id));
  const overlaps: CoverageOverlap[] = [];
  for (let i = 0; i < inWindow.length; i++) {
    for (let j = i + 1; j < inWindow.length && inWindow[j].startsAt < inWindow[i].endsAt; j++) {
      const [a, b] = [inWindow[i], inWindow[j]];
      if (a.tier !== b.tier) continue;
      const startsAt = new Date(Math.max(+b.startsAt, +from));
      const endsAt = new Date(Math.min(+a.endsAt, +b.endsAt, +to));
      if (endsAt > startsAt) overlaps.push({ tier: a.tier, startsAt, endsAt, shiftIds: [a.id, b.id] });
    }
  }
  return overlaps;
}

/** Who is on call at `at`, per tier, earliest shift first (overlapping shifts of one tier: all of them). */
export function onCallAt(shifts: readonly ShiftSpan[], at: Date): { primary: string[]; backup: string[] } {
  const covering = shifts.filter((s) => s.startsAt <= at && at < s.endsAt).sort((a, b) => +a.startsAt - +b.startsAt || a.id.localeCompare(b.id));
  const of = (tier: OnCallTier) => [...new Set(covering.filter((s) => s.tier === tier).map((s) => s.clinicianId))];
  return { primary: of(OnCallTier.PRIMARY), backup: of(OnCallTier.BACKUP) };
}
