import { BROWSER_RUN_VAR } from './test-env';

/**
 * The browser project makes no shared database: each server a browser file starts has a fresh
 * environment of its own (startServer in test/browser/browser-harness.ts), so no file depends on
 * what another left or on the order files run in. This only names the run, for the teardown.
 */
export default function browserGlobalSetup(): void {
  process.env[BROWSER_RUN_VAR] = `${Date.now().toString(36)}${process.pid.toString(36)}`;
}
