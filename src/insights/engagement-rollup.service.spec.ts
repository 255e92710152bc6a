import { dayRuns } from './engagement-rollup.service';

describe('dayRuns: late-marked days recomputed in runs of consecutive days', () => {
  it('should join consecutive days into one half-open run and keep gaps apart', () => {
    expect(dayRuns(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-07'])).toEqual([
      ['2026-10-01', '2026-10-04'],
      ['2026-10-07', '2026-10-08'],
    ]);
  });

  it('should cut a long run at 31 days, so no transaction holds the rollup for long', () => {
    const days = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    expect(dayRuns(days)).toEqual([
      ['2026-01-01', '2026-02-01'],
      ['2026-02-01', '2026-02-10'],
    ]);
  });
});
