import { bucketStarts, factsPlan } from './engagement.service';

describe('factsPlan: which rows come from the rollup and which are read live', () => {
  const state = { completeUntil: '2026-12-02', liveFrom: new Date('2026-12-02T06:30:00Z') };

  it('should read everything live before the first refresh', () => {
    const from = new Date('2026-11-01T00:00:00Z');
    const to = new Date('2026-12-02T07:00:00Z');
    expect(factsPlan(from, to, null)).toEqual({ rollupFrom: '1970-01-01', rollupTo: '1970-01-01', live: [from, to, to, to] });
  });

  it("should take whole days and today's partial row from the rollup, and only [liveFrom, to) live, for a period from midnight to now", () => {
    const from = new Date('2026-09-04T00:00:00Z');
    const to = new Date('2026-12-02T06:35:00Z');
    expect(factsPlan(from, to, state)).toEqual({ rollupFrom: '2026-09-04', rollupTo: '2026-12-03', live: [from, from, state.liveFrom, to] });
  });

  it('should read a partial first day live, and a period ending before liveFrom up to its last midnight from the rollup', () => {
    const from = new Date('2026-11-20T12:00:00Z');
    const to = new Date('2026-11-25T08:00:00Z');
    expect(factsPlan(from, to, state)).toEqual({
      rollupFrom: '2026-11-21',
      rollupTo: '2026-11-25',
      live: [from, new Date('2026-11-21T00:00:00Z'), new Date('2026-11-25T00:00:00Z'), to],
    });
  });

  it('should read a period inside one day live', () => {
    const from = new Date('2026-11-20T01:00:00Z');
    const to = new Date('2026-11-20T05:00:00Z');
    expect(factsPlan(from, to, state).rollupFrom).toBe('1970-01-01');
    expect(factsPlan(from, to, state).live).toEqual([from, to, to, to]);
  });
});

describe('bucketStarts', () => {
  it('should start ISO weeks on Monday (UTC) and cover the whole period', () => {
    // 2026-11-26 is a Thursday.
    const starts = bucketStarts(new Date('2026-11-26T10:00:00Z'), new Date('2026-12-08T00:00:00Z'), 'week');
    expect(starts.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
  });

  it('should give one UTC day per bucket, the period end excluded', () => {
    const starts = bucketStarts(new Date('2026-11-26T00:00:00Z'), new Date('2026-11-28T00:00:00Z'), 'day');
    expect(starts.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-11-26', '2026-11-27']);
  });
});
