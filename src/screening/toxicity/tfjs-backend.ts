import * as tf from '@tensorflow/tfjs-core';
import { errorMessage } from './toxicity-model-source';

/**
 * Chooses the tfjs backend once per process (tfjs is a global singleton: one backend at a time).
 * `auto` tries tfjs-node (native, fastest, but an optional dependency whose install downloads
 * libtensorflow), then WASM, then the pure-JS CPU backend.
 */
export const TFJS_BACKEND_CHOICES = ['auto', 'node', 'wasm', 'cpu'] as const;
export type TfjsBackendChoice = (typeof TFJS_BACKEND_CHOICES)[number];
type ConcreteBackend = Exclude<TfjsBackendChoice, 'auto'>;

/** tfjs's own names for the backends, which is what `tf.getBackend()` reports. */
const TFJS_BACKEND_NAMES = {
  node: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
} as const satisfies Record<ConcreteBackend, string>;

const AUTO_ORDER: readonly ConcreteBackend[] = ['node', 'wasm', 'cpu'];

export interface TfjsBackendSelection {
  /** tfjs name of the backend in use: "tensorflow", "wasm" or "cpu". */
  backend: string;
  /** Backends tried before the one in use, and why each was passed over (for the worker log). */
  skipped: Array<{ backend: ConcreteBackend; reason: string }>;
}

export class TfjsBackendError extends Error {
  override readonly name = 'TfjsBackendError';
}

export function isTfjsBackendChoice(value: string): value is TfjsBackendChoice {
  return (TFJS_BACKEND_CHOICES as readonly string[]).includes(value);
}

export async function selectTfjsBackend(choice: TfjsBackendChoice): Promise<TfjsBackendSelection> {
  if (choice !== 'auto') {
    await activateBackend(choice);
    return { backend: tf.getBackend(), skipped: [] };
  }
  const skipped: TfjsBackendSelection['skipped'] = [];
  for (const candidate of AUTO_ORDER) {
    try {
      await activateBackend(candidate);
      return { backend: tf.getBackend(), skipped };
    } catch (error) {
      skipped.push({ backend: candidate, reason: errorMessage(error) });
    }
  }
  throw new TfjsBackendError(`no tfjs backend could be initialised: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}

async function activateBackend(backend: ConcreteBackend): Promise<void> {
  const name = TFJS_BACKEND_NAMES[backend];
  // The engine's field, not tf.getBackend(): that would initialise some backend as a side effect.
  if (tf.engine().backendName === name) {
    return;
  }
  const listenersBefore = snapshotCrashListeners();
  let activated: boolean;
  try {
    await registerBackend(backend);
    activated = await tf.setBackend(name);
  } finally {
    removeListenersAddedSince(listenersBefore);
  }
  if (!activated) {
    throw new TfjsBackendError(`tfjs backend "${name}" failed to initialise (see the tfjs warning above)`);
  }
  await tf.ready();
}

/** Importing a backend package registers it with tfjs-core; nothing is initialised yet. */
async function registerBackend(backend: ConcreteBackend): Promise<void> {
  switch (backend) {
    case 'node':
      try {
        // A variable module name: the package is optional, so the compiler must not resolve it.
        const tfjsNodePackage: string = '@tensorflow/tfjs-node';
        await import(tfjsNodePackage);
      } catch (error) {
        throw new TfjsBackendError(
          `TFJS_BACKEND=node but @tensorflow/tfjs-node is not installed or cannot load ` +
            `(it is an optional dependency that downloads libtensorflow at install): ${errorMessage(error)}`,
          { cause: error },
        );
      }
      return;
    case 'wasm':
      await import('@tensorflow/tfjs-backend-wasm');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
  }
}

type CrashEvent = 'uncaughtException' | 'unhandledRejection';
const CRASH_EVENTS: readonly CrashEvent[] = ['uncaughtException', 'unhandledRejection'];
type CrashListenerSnapshot = Record<CrashEvent, ReadonlySet<unknown>>;
/** process as a plain emitter: its typed overloads do not accept a union of event names. */
const processEvents: NodeJS.EventEmitter = process;

function snapshotCrashListeners(): CrashListenerSnapshot {
  return {
    uncaughtException: new Set(processEvents.listeners('uncaughtException')),
    unhandledRejection: new Set(processEvents.listeners('unhandledRejection')),
  };
}

/**
 * The WASM backend's Emscripten glue installs uncaughtException / unhandledRejection listeners
 * that rethrow, so any stray rejection anywhere would kill the worker (exit 7). Error handling
 * belongs to the application, so remove whatever backend initialisation added.
 */
function removeListenersAddedSince(before: CrashListenerSnapshot): void {
  for (const event of CRASH_EVENTS) {
    for (const listener of processEvents.listeners(event) as Array<(...args: unknown[]) => void>) {
      if (!before[event].has(listener)) {
        processEvents.removeListener(event, listener);
      }
    }
  }
}
