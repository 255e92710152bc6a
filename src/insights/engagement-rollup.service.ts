import { Injectable } from '@nestjs/common';
import { InsightsRepository } from './insights.repository';

/** Days recomputed on every refresh before the last one finished: late first replies, decisions and acknowledgements land in them. */
export const ROLLUP_RECOMPUTE_DAYS = 14;
/** Days per transaction when building the rollup from scratch, so no statement holds a lock for long. */
const CHUNK_DAYS = 31;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Keeps the daily rollup up to date: from scratch on the first run (from the earliest data), then
 * the last ROLLUP_RECOMPUTE_DAYS before `complete_until` and every day since, up to today (UTC),
 * which stays live. Run by the `refresh-engagement-rollup` sweep; safe to run twice at once
 * (the repository serialises refreshes with an advisory lock; a refresh is a recomputation).
 */
@Injectable()
export class EngagementRollupService {
  constructor(private readonly insights: InsightsRepository) {}

  async refresh(now = new Date()): Promise<{ fromDay: string; toDay: string }> {
    const today = now.toISOString().slice(0, 10);
    const completeUntil = await this.insights.rollupCompleteUntil();
    const firstDay = completeUntil ? addDays(completeUntil, -ROLLUP_RECOMPUTE_DAYS) : ((await this.insights.firstDataDay()) ?? today);
    const fromDay = firstDay < today ? firstDay : today;
    let chunkStart = fromDay;
    do {
      const chunkEnd = addDays(chunkStart, CHUNK_DAYS) < today ? addDays(chunkStart, CHUNK_DAYS) : today;
      await this.insights.refreshDays(chunkStart, chunkEnd);
      chunkStart = chunkEnd;
    } while (chunkStart < today);
    return { fromDay, toDay: today };
  }
}
