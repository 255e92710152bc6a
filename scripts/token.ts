/**
 * Prints a signed development token: npm run token -- --sub alice --role CLIENT [--name Sky] [--cohort spring] [--expires 12h]
 * Uses JWT_SECRET from the environment or, where the environment does not set it, from .env (which
 * `npm run demo` writes with a generated secret). Production tokens come from the identity provider.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { signDevToken } from '../src/common/auth/dev-token';
import { Role } from '../src/common/domain/role.enum';

/** The server refuses a shorter secret (src/config/env.schema.ts), so it would refuse these tokens too. */
const MIN_SECRET_CHARS = 32;

async function main(): Promise<void> {
  // The app's rule (src/process-entry.ts): .env fills in only what the environment does not set.
  const envFile = resolve('.env');
  const hasEnvFile = existsSync(envFile);
  if (hasEnvFile) process.loadEnvFile(envFile);
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      cohort: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const roles = Object.values(Role) as string[];
  if (!values.sub || !values.role || !roles.includes(values.role)) {
    console.error(`usage: npm run token -- --sub <subject> --role <${roles.join('|')}> [--name <pseudonym>] [--cohort <cohort>] [--expires 12h]`);
    process.exit(2);
  }
  const secret = process.env.JWT_SECRET;
  if (!secret) {
    console.error(
      `No JWT_SECRET to sign with: none in the environment, and ${hasEnvFile ? `none in ${envFile}` : `no ${envFile}`}.\n` +
        'Run `npm run demo` once (it writes .env with a generated secret), or set JWT_SECRET to the secret your server uses.',
    );
    process.exit(2);
  }
  if (secret.length < MIN_SECRET_CHARS) {
    console.error(`JWT_SECRET has ${secret.length} characters; the server needs at least ${MIN_SECRET_CHARS}, so it would accept no token signed with it.`);
    process.exit(2);
  }
  console.log(await signDevToken(secret, { sub: values.sub, role: values.role, name: values.name, cohort: values.cohort }, values.expires));
}

void main();
