/**
 * FAULT INJECTION for the shutdown test only. Loaded with `node -r` into an app process: once the
 * migrations have run, one connection begins a transaction that nothing ever ends, holding the
 * `escalations` table locked, so the escalation sweeper's next query waits for ever (as the
 * timers' queries did behind the embedded database's deadlock). It is not part of the
 * application (nothing in src/ reads it) and refuses to load with NODE_ENV=production.
 *
 * Plain CommonJS, type-checked through checkJs: it runs inside the built app, which has no build
 * step for tooling (see tsconfig.build.json).
 */
const { DataSource } = require('typeorm');

if (process.env.NODE_ENV === 'production') throw new Error('stuck-transaction preload refuses to run with NODE_ENV=production');

const runMigrations = DataSource.prototype.runMigrations;
DataSource.prototype.runMigrations = async function (/** @type {Parameters<DataSource['runMigrations']>} */ ...args) {
  const migrations = await runMigrations.apply(this, args);
  const held = this.createQueryRunner();
  await held.startTransaction();
  await held.query('LOCK TABLE escalations IN ACCESS EXCLUSIVE MODE');
  return migrations;
};
