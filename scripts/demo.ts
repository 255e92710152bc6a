/**
 * The demo process behind `npm run demo`: API + worker in one process, demo members of every role,
 * demo spaces and threads (posted through the real API, so they are screened like any post), and
 * the tokens to try it with. Ctrl-C stops it; data stays under ./.data/ for the next run.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { startApp } from '../src/bootstrap';
import { signDevToken } from '../src/common/auth/dev-token';
import { Role } from '../src/common/domain/role.enum';
import { AppConfig } from '../src/config/app-config';
import { createRootLogger } from '../src/logging/logger';
import { seedDemoData, DEMO_MEMBERS } from './demo-seed';

/** What the demo assumes where neither the environment nor .env says otherwise (a .env written before the demo wrote its own). */
const DEMO_DEFAULTS: Record<string, string> = { REDIS_PREFIX: 'bs-demo', TOXICITY_REQUIRED: 'false' };

async function main(): Promise<void> {
  // The app's rule (src/process-entry.ts): .env fills in what the environment does not set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  for (const [name, value] of Object.entries(DEMO_DEFAULTS)) process.env[name] ??= value;
  // Links in escalation emails name the port the demo serves on, also when PORT=3100 overrides .env's.
  process.env.PUBLIC_BASE_URL ??= `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
  const config = AppConfig.fromEnv();
  const secret = config.auth.secret;
  if (!secret) throw new Error('The demo signs its own tokens: set JWT_SECRET (npm run demo writes one into .env).');
  const running = await startApp('all', config, createRootLogger(process.env.LOG_LEVEL ?? 'warn'));
  const graphqlUrl = running.graphqlUrl as string;

  const tokens: Record<string, string> = {};
  for (const member of DEMO_MEMBERS) {
    tokens[member.sub] = await signDevToken(secret, { sub: member.sub, role: member.role, name: member.name, cohort: member.cohort }, '30d');
  }
  await seedDemoData(graphqlUrl, tokens);
  // The demo's peer specialist moderates every space (admins do this with assignPeerSpecialist).
  await running.app.get(DataSource).query(
    `INSERT INTO space_moderators (space_id, member_id)
     SELECT s.id, m.id FROM spaces s CROSS JOIN members m WHERE m.role = 'PEER_SPECIALIST' AND m.sub = ANY($1)
     ON CONFLICT DO NOTHING`,
    [DEMO_MEMBERS.filter((m) => m.role === Role.PEER_SPECIALIST).map((m) => m.sub)],
  );

  const appUrl = graphqlUrl.replace(/graphql$/, '');
  console.log(`\nBetween Sessions is running.\n  Web app: ${appUrl}  (open it in a browser and sign in as a demo member)`);
  console.log(`  GraphQL: POST ${graphqlUrl}\n  Health:  ${appUrl}health/ready\n`);
  console.log('Demo tokens (Authorization: Bearer <token>), valid 30 days:');
  for (const member of DEMO_MEMBERS) {
    console.log(`\n  ${member.role.padEnd(15)} ${member.name} (sub ${member.sub})\n  ${tokens[member.sub]}`);
  }
  const client = DEMO_MEMBERS.find((m) => m.role === Role.CLIENT);
  if (client) {
    console.log(
      `\nTry:\n  curl -s ${graphqlUrl} -H 'content-type: application/json' -H 'authorization: Bearer ${tokens[client.sub]}' -d '{"query":"{ me { id role displayName } }"}'`,
    );
  }
  console.log('\nMore tokens for this server: npm run token -- --sub alice --role CLIENT [--name Sky] (JWT_SECRET from the environment or .env)\n');
  // Ctrl-C and SIGTERM go through the app's own shutdown hooks (bounded by SHUTDOWN_GRACE_SECONDS):
  // a handler here as well would close the embedded database twice at once.
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // scripts/demo.sh checked the port before installing and building; another app took it since.
  if ((error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE') console.error('Choose a free port, e.g. PORT=3100 npm run demo');
  process.exit(1);
});
