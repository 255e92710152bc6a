import { useLocation, useSearch } from 'wouter';

export const PERIOD_DAYS = [7, 30, 90, 365] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

export interface InsightsPeriod {
  spaceId: string | null;
  days: PeriodDays;
  bucket: 'DAY' | 'WEEK';
}

/** The picked space and period live in the address, so a view can be shared and survives a reload. */
export function useInsightsPeriod(): [InsightsPeriod, (next: Partial<InsightsPeriod>) => void] {
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const daysParam = Number(search.get('days'));
  const days = (PERIOD_DAYS as readonly number[]).includes(daysParam) ? (daysParam as PeriodDays) : 30;
  const bucketParam = search.get('bucket');
  const bucket = bucketParam === 'DAY' || bucketParam === 'WEEK' ? bucketParam : days > 30 ? 'WEEK' : 'DAY';
  const period: InsightsPeriod = { spaceId: search.get('space') || null, days, bucket };
  const set = (next: Partial<InsightsPeriod>) => {
    const merged = { ...period, ...next };
    if (next.days && !next.bucket) merged.bucket = next.days > 30 ? 'WEEK' : 'DAY';
    const params = new URLSearchParams();
    if (merged.spaceId) params.set('space', merged.spaceId);
    params.set('days', String(merged.days));
    params.set('bucket', merged.bucket);
    navigate(`/insights?${params.toString()}`, { replace: true });
  };
  return [period, set];
}

/**
 * [from, to) for the last `days` UTC days: from midnight UTC `days - 1` days ago (whole days, as
 * the charts bucket them and as the server's daily rollup keeps them) to the current minute.
 */
export function periodRange(days: number, now = Date.now()): { from: string; to: string } {
  const to = new Date(Math.ceil(now / 60_000) * 60_000);
  const today = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  return { from: new Date(today - (days - 1) * 86_400_000).toISOString(), to: to.toISOString() };
}
