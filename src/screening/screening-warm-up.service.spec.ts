import { CrisisModel } from './crisis-model/crisis-model';
import { warmUpScreeningPhases } from './screening-warm-up.service';

describe(warmUpScreeningPhases.name, () => {
  it('should take the crisis text through the matching patterns, not only the ordinary one', async () => {
    // A warm-up text the patterns no longer match would leave their evidence paths to the first job.
    expect(await warmUpScreeningPhases(CrisisModel.loadCommitted())).toEqual(['NONE', 'IMMINENT']);
  });

  it('should run without the learned model, as the worker does when its weights cannot be read', async () => {
    expect(await warmUpScreeningPhases(null)).toEqual(['NONE', 'IMMINENT']);
  });
});
