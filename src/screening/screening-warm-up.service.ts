import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/logging.module';
import { LoadedCrisisModel } from './crisis-model.provider';
import type { CrisisModel } from './crisis-model/crisis-model';
import type { CrisisLevel } from './pipeline/crisis-detector';
import { screenText } from './pipeline/screen-text';

/**
 * Fixed texts (never a member's) that take the model-free phases through their paths: an ordinary
 * post, and one in crisis, so the patterns that only run once another has matched compile too.
 */
export const WARM_UP_TEXTS = [
  'Small steps this week: group helped, and I called my sister.',
  "I can't go on. I want to kill myself, I have the pills saved up and tonight is the night. Goodbye everyone.",
] as const;

/** Screens the warm-up texts with no toxicity model and no watched words; the crisis level each was read at. */
export async function warmUpScreeningPhases(crisisModel: CrisisModel | null): Promise<CrisisLevel[]> {
  const levels: CrisisLevel[] = [];
  for (const text of WARM_UP_TEXTS) levels.push((await screenText(text, { watchedWords: [], toxicity: null, crisisModel })).crisis.level);
  return levels;
}

/**
 * Runs the synchronous screening phases once while the worker starts, before it takes jobs (the
 * job workers start after every module's init). Their first run compiles hundreds of crisis and
 * word patterns: ~0.6 s of blocked event loop on an idle machine, seconds on a loaded one. On the
 * first jobs that stalled BullMQ's lock renewals: with short locks the jobs in hand lost them,
 * and were left active with no lock after their screening committed, until a stalled check.
 */
@Injectable()
export class ScreeningWarmUp implements OnModuleInit {
  constructor(
    private readonly crisisModel: LoadedCrisisModel,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const started = performance.now();
    try {
      await warmUpScreeningPhases(this.crisisModel.model);
      this.logger.info({ durationMs: Math.round(performance.now() - started) }, 'screening phases warmed up');
    } catch (error) {
      // Not fatal: a phase that throws fails each job closed (held for a person), which a worker that never started could not do.
      this.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'screening phases failed on the warm-up texts');
    }
  }
}
