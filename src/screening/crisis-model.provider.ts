import { FactoryProvider } from '@nestjs/common';
import { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/logging.module';
import { CrisisModel } from './crisis-model/crisis-model';

/**
 * The learned crisis model for the worker, loaded once from the committed weights (no download).
 * If the file cannot be read the worker still screens, on the crisis patterns alone, and says so
 * loudly: the patterns are the floor that never depends on a model.
 */
export class LoadedCrisisModel {
  constructor(readonly model: CrisisModel | null) {}
}

export const crisisModelProvider: FactoryProvider<LoadedCrisisModel> = {
  provide: LoadedCrisisModel,
  inject: [ROOT_LOGGER],
  useFactory: (logger: Logger): LoadedCrisisModel => {
    try {
      const model = CrisisModel.loadCommitted();
      logger.info({ crisisModel: model.version, threshold: model.threshold }, 'crisis model loaded');
      return new LoadedCrisisModel(model);
    } catch (error) {
      logger.error(
        { err: { name: (error as Error).name, message: (error as Error).message } },
        'crisis model could not be loaded: screening on crisis patterns alone',
      );
      return new LoadedCrisisModel(null);
    }
  },
};
