/** Plain-words numbers for the Insights page: durations, shares and withheld counts. */

export const FEWER_THAN_FIVE = 'fewer than 5';

export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return 'no data';
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} hours`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? 'no data' : `${Math.round(share * 100)}%`;
}

export function formatClients(count: { count?: number | null; fewerThanFive: boolean }): string {
  return count.fewerThanFive ? FEWER_THAN_FIVE : String(count.count ?? 0);
}

/** A bucket's label: "Mon 3 Nov" for a day, "Week of 3 Nov" for a week. */
export function bucketLabel(from: string, bucket: 'DAY' | 'WEEK'): string {
  const at = new Date(from);
  const day = at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return bucket === 'WEEK' ? `Week of ${day}` : `${at.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' })} ${day}`;
}

/** "1 reply", "3 replies". */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
