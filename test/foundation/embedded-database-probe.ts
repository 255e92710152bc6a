/**
 * Run as a child process by database-roles.e2e-spec.ts: PGlite loads itself with dynamic imports,
 * which Jest's module sandbox cannot do. Starts the API on the embedded database from the
 * environment, prints what its own connection may do as one JSON line, and stops.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { startApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import { createRootLogger } from '../../src/logging/logger';

async function main(): Promise<void> {
  const running = await startApp('api', AppConfig.fromEnv(), createRootLogger('silent'));
  try {
    const dataSource = running.app.get(DataSource);
    const [who]: Array<{ role: string }> = await dataSource.query(`SELECT current_user AS role`);
    const spaces: Array<{ slug: string }> = await dataSource.query(`SELECT slug FROM spaces ORDER BY slug`);
    const updateAuditLog = await dataSource.query(`UPDATE audit_events SET action = 'rewritten'`).then(
      () => null,
      (error: Error & { code?: string }) => ({ code: error.code, message: error.message }),
    );
    console.log(JSON.stringify({ role: who.role, spaces: spaces.map((s) => s.slug), updateAuditLog }));
  } finally {
    await running.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
