import { OnCallTier } from '../../common/domain/escalation.enums';
import { onCallAt, primaryGaps, sameTierOverlaps, ShiftSpan } from './on-call-coverage';

const at = (hour: number) => new Date(Date.UTC(2026, 0, 1, hour));
const shift = (id: string, tier: OnCallTier, from: number, to: number, clinicianId = `c-${id}`): ShiftSpan => ({
  id,
  clinicianId,
  tier,
  startsAt: at(from),
  endsAt: at(to),
});

describe('on-call coverage', () => {
  it('should report the whole window as a gap when nobody is on the roster', () => {
    expect(primaryGaps([], at(0), at(24))).toEqual([{ startsAt: at(0), endsAt: at(24), afterShiftId: null, beforeShiftId: null }]);
  });

  it('should find no gap between back-to-back primary shifts', () => {
    expect(primaryGaps([shift('a', OnCallTier.PRIMARY, 0, 12), shift('b', OnCallTier.PRIMARY, 12, 24)], at(0), at(24))).toEqual([]);
  });

  it('should report the hole between two primary shifts with the shifts around it', () => {
    const gaps = primaryGaps([shift('a', OnCallTier.PRIMARY, 0, 8), shift('b', OnCallTier.PRIMARY, 10, 24)], at(0), at(24));
    expect(gaps).toEqual([{ startsAt: at(8), endsAt: at(10), afterShiftId: 'a', beforeShiftId: 'b' }]);
  });

  it('should not count a backup shift as cover', () => {
    const gaps = primaryGaps([shift('a', OnCallTier.PRIMARY, 0, 8), shift('b', OnCallTier.BACKUP, 8, 24)], at(0), at(24));
    expect(gaps).toEqual([{ startsAt: at(8), endsAt: at(24), afterShiftId: 'a', beforeShiftId: null }]);
  });

  it('should not report a gap inside a long shift that contains a shorter one', () => {
    expect(
      primaryGaps([shift('long', OnCallTier.PRIMARY, 0, 20), shift('short', OnCallTier.PRIMARY, 2, 4), shift('c', OnCallTier.PRIMARY, 20, 24)], at(0), at(24)),
    ).toEqual([]);
  });

  it('should report overlapping shifts of the same tier, clipped to the overlap', () => {
    const overlaps = sameTierOverlaps(
      [shift('a', OnCallTier.PRIMARY, 0, 10), shift('b', OnCallTier.PRIMARY, 8, 12), shift('c', OnCallTier.BACKUP, 0, 12)],
      at(0),
      at(24),
    );
    expect(overlaps).toEqual([{ tier: OnCallTier.PRIMARY, startsAt: at(8), endsAt: at(10), shiftIds: ['a', 'b'] }]);
  });

  it('should say who is on call now, a shift ending now no longer counting', () => {
    const shifts = [shift('a', OnCallTier.PRIMARY, 0, 10), shift('b', OnCallTier.BACKUP, 5, 12), shift('c', OnCallTier.PRIMARY, 10, 20)];
    expect(onCallAt(shifts, at(6))).toEqual({ primary: ['c-a'], backup: ['c-b'] });
    expect(onCallAt(shifts, at(10))).toEqual({ primary: ['c-c'], backup: ['c-b'] });
    expect(onCallAt(shifts, at(21))).toEqual({ primary: [], backup: [] });
  });
});
