/**
 * Prints a signed development token: npm run token -- --sub alice --role CLIENT [--name Sky] [--cohort spring] [--expires 12h]
 * Uses JWT_SECRET (from the environment or .env). Production tokens come from the identity provider.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { signDevToken } from '../src/common/auth/dev-token';
import { Role } from '../src/common/domain/role.enum';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values } = parseArgs({
    options: { sub: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, cohort: { type: 'string' }, expires: { type: 'string', default: '12h' } },
  });
  const roles = Object.values(Role) as string[];
  if (!values.sub || !values.role || !roles.includes(values.role)) {
    console.error(`usage: npm run token -- --sub <subject> --role <${roles.join('|')}> [--name <pseudonym>] [--cohort <cohort>] [--expires 12h]`);
    process.exit(2);
  }
  const secret = process.env.JWT_SECRET;
  if (!secret || secret.length < 32) {
    console.error('JWT_SECRET must be set (at least 32 characters) to sign a development token.');
    process.exit(2);
  }
  console.log(await signDevToken(secret, { sub: values.sub, role: values.role, name: values.name, cohort: values.cohort }, values.expires));
}

void main();
