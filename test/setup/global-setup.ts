import { createEnvironment } from '../utils/environment';
import { useRunEnvironment } from './test-env';

/**
 * The e2e project's one environment per run (test/utils/environment.ts: a fresh database migrated
 * by the schema owner, a Redis prefix of its own), so runs never see each other's data. Every test
 * app connects as the app's least-privilege login, so every e2e test shows the app works with it.
 * Teardown drops both. (The browser project gives each server an environment of its own instead:
 * browser-global-setup.ts.)
 */
export default async function globalSetup(): Promise<void> {
  useRunEnvironment(await createEnvironment({ label: 'test' }));
}
