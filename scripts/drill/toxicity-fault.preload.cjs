/**
 * FAULT INJECTION for `npm run drill -- classifier-fail` only. Loaded with `node -r` into a worker
 * process, it makes the toxicity phase fail: DRILL_TOXICITY_FAULT=throw rejects every classify()
 * call, =hang never settles. It is not part of the application (nothing in src/ reads it) and it
 * refuses to load when NODE_ENV=production.
 *
 * Plain CommonJS, type-checked through checkJs: it runs inside the built app, which has no build
 * step for tooling (see tsconfig.build.json).
 */
const { join } = require('node:path');

const mode = process.env.DRILL_TOXICITY_FAULT;
if (process.env.NODE_ENV === 'production') throw new Error('toxicity-fault preload refuses to run with NODE_ENV=production');
if (mode !== 'throw' && mode !== 'hang') throw new Error('toxicity-fault preload: set DRILL_TOXICITY_FAULT=throw|hang');

// The compiled module the worker itself loads (same file, so the same class): its one classifier is affected.
/** @type {typeof import('../../src/screening/toxicity/toxicity-classifier')} */
const { ToxicityClassifier } = require(join(__dirname, '..', '..', 'dist', 'src', 'screening', 'toxicity', 'toxicity-classifier.js'));
ToxicityClassifier.prototype.classify =
  mode === 'throw' ? () => Promise.reject(new Error('drill: injected toxicity phase failure')) : () => new Promise(() => undefined);
