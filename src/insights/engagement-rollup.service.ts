import { Injectable } from '@nestjs/common';
import { InsightsRepository } from './insights.repository';

/** Days recomputed on every refresh before the last one finished: figures that depend on the clock (due after 24 h, past a deadline) settle in them. */
export const ROLLUP_RECOMPUTE_DAYS = 14;
/** Days per transaction when building the rollup from scratch, so no statement holds a lock for long. */
const CHUNK_DAYS = 31;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Consecutive days as half-open runs [from, to), none longer than CHUNK_DAYS. Days sorted ascending. */
export function dayRuns(days: string[]): Array<[string, string]> {
  const runs: Array<[string, string]> = [];
  for (const day of days) {
    const last = runs[runs.length - 1];
    if (last && last[1] === day && addDays(last[0], CHUNK_DAYS) > day) last[1] = addDays(day, 1);
    else runs.push([day, addDays(day, 1)]);
  }
  return runs;
}

/**
 * A post committed this long after it was published (a long transaction) still lands in the rollup:
 * the rollup stops this far back, and today's rows are recomputed on every refresh anyway.
 */
const SETTLE_MS = 60_000;

/**
 * Keeps the daily rollup up to date: from scratch on the first run (from the earliest data), then
 * the days older than that a late write marked (insights_dirty_days), the last
 * ROLLUP_RECOMPUTE_DAYS before `complete_until` and every day since, today up to a minute ago; the
 * rest is read live. Run by the `refresh-engagement-rollup` sweep; safe to run twice at
 * once (the repository serialises refreshes with an advisory lock; a refresh is a recomputation).
 */
@Injectable()
export class EngagementRollupService {
  /** The refresh under way in this process: a second sweep job arriving meanwhile joins it instead of redoing it. */
  private running: Promise<{ fromDay: string; until: Date }> | null = null;

  constructor(private readonly insights: InsightsRepository) {}

  refresh(now = new Date()): Promise<{ fromDay: string; until: Date }> {
    this.running ??= this.refreshOnce(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async refreshOnce(now: Date): Promise<{ fromDay: string; until: Date }> {
    const until = new Date(now.getTime() - SETTLE_MS);
    const today = until.toISOString().slice(0, 10);
    const state = await this.insights.rollupState();
    const firstDay = state ? addDays(state.completeUntil, -ROLLUP_RECOMPUTE_DAYS) : ((await this.insights.firstDataDay()) ?? today);
    const fromDay = firstDay < today ? firstDay : today;
    // Late writes to days before the window (a reply to an old thread, a decision on an old case):
    // their days first, in runs of consecutive days; the window's marks go with the window below.
    if (state)
      for (const [runFrom, runTo] of dayRuns((await this.insights.dirtyDays()).filter((d) => d < fromDay))) await this.insights.recomputeDays(runFrom, runTo);
    for (let chunkStart = fromDay; ; chunkStart = addDays(chunkStart, CHUNK_DAYS)) {
      const chunkEnd = addDays(chunkStart, CHUNK_DAYS);
      if (chunkEnd > today) {
        await this.insights.refreshUntil(chunkStart, until);
        break;
      }
      await this.insights.refreshUntil(chunkStart, new Date(`${chunkEnd}T00:00:00Z`));
    }
    return { fromDay, until };
  }
}
