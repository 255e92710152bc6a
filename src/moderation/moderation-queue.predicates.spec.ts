import { CaseStatus } from '../common/domain/moderation.enums';
import { effectiveStatus, inQueue } from './moderation-queue.predicates';

describe('moderation queue predicates', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const later = new Date('2026-01-01T12:05:00Z');
  const earlier = new Date('2026-01-01T11:55:00Z');

  it('should read a claim with a live lease as CLAIMED', () => {
    expect(effectiveStatus({ status: CaseStatus.CLAIMED, leaseExpiresAt: later }, now)).toBe(CaseStatus.CLAIMED);
  });

  it('should put a claim whose lease lapsed back in the OPEN queue', () => {
    const row = { status: CaseStatus.CLAIMED, leaseExpiresAt: earlier };
    expect(effectiveStatus(row, now)).toBe(CaseStatus.OPEN);
    expect(inQueue(CaseStatus.OPEN, row, now)).toBe(true);
    expect(inQueue(CaseStatus.CLAIMED, row, now)).toBe(false);
  });

  it('should keep resolved cases out of the active queue', () => {
    const row = { status: CaseStatus.RESOLVED, leaseExpiresAt: null };
    expect(inQueue(null, row, now)).toBe(false);
    expect(inQueue(CaseStatus.RESOLVED, row, now)).toBe(true);
  });

  it('should place every row in exactly one status', () => {
    const rows = [
      { status: CaseStatus.OPEN, leaseExpiresAt: null },
      { status: CaseStatus.CLAIMED, leaseExpiresAt: later },
      { status: CaseStatus.CLAIMED, leaseExpiresAt: earlier },
      { status: CaseStatus.RESOLVED, leaseExpiresAt: null },
    ];
    for (const row of rows) {
      expect(Object.values(CaseStatus).filter((s) => inQueue(s, row, now))).toHaveLength(1);
    }
  });
});
