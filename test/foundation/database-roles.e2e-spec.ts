import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../../src/bootstrap';
import { Role } from '../../src/common/domain/role.enum';
import { AppConfig } from '../../src/config/app-config';
import { APP_DATABASE_ROLE } from '../../src/database/data-source-options';
import { DatabaseRoleError } from '../../src/database/database-connection';
import { createRootLogger } from '../../src/logging/logger';
import { startTestApp, TestApp, testEnv } from '../helpers/test-app';
import { uniqueSub } from '../utils/factories';
import { createEnvironment, Environment, TEST_APP_LOGIN, TEST_SCHEMA_OWNER } from '../utils/environment';

const DEFAULT_SPACES = ['anxiety', 'coping-skills', 'depression', 'general-check-in', 'wins-and-gratitude'];

async function spaceSlugs(app: TestApp): Promise<string[]> {
  const res = await app.gql<{ spaces: Array<{ slug: string }> }>('{ spaces { slug } }', {}, await app.token(uniqueSub('client'), Role.CLIENT));
  expect(res.errors).toBeUndefined();
  return res.data!.spaces.map((s) => s.slug).sort();
}

async function updateAuditLog(app: TestApp): Promise<unknown> {
  return app.dataSource.query(`UPDATE audit_events SET action = 'rewritten'`).catch((error: Error) => error);
}

/**
 * Who may do what to the database: migrations run as the schema owner (DATABASE_MIGRATION_URL),
 * the app as a login role with the grants of between_sessions_app (DATABASE_URL). Each test here
 * uses a database of its own, made empty, so the boot-time migration really runs.
 */
describe('database roles: migrations as the schema owner, the app with least privilege', () => {
  let urls: Environment;

  beforeAll(async () => {
    urls = await createEnvironment({ label: 'test-roles', migrate: false });
  });

  afterAll(async () => urls.destroy());

  it("should refuse to start an unmigrated database with only the app's role, saying to set DATABASE_MIGRATION_URL", async () => {
    const starting = startApp('api', AppConfig.fromEnv(testEnv({ DATABASE_URL: urls.appUrl })), createRootLogger('silent'));
    await expect(starting).rejects.toBeInstanceOf(DatabaseRoleError);
    await expect(starting).rejects.toThrow(/DATABASE_MIGRATION_URL/);
  });

  it('should migrate at boot as DATABASE_MIGRATION_URL and then serve as DATABASE_URL, which owns nothing', async () => {
    const app = await startTestApp({ role: 'api', env: { DATABASE_URL: urls.appUrl, DATABASE_MIGRATION_URL: urls.ownerUrl } });
    try {
      expect(await spaceSlugs(app)).toEqual(DEFAULT_SPACES);
      const [who]: Array<{ role: string; owners: string[] }> = await app.dataSource.query(
        `SELECT current_user AS role, array_agg(DISTINCT tableowner::text) AS owners FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(who).toEqual({ role: TEST_APP_LOGIN.name, owners: [TEST_SCHEMA_OWNER.name] });
      expect(await updateAuditLog(app)).toMatchObject({ code: '42501', message: expect.stringMatching(/^permission denied/) });
    } finally {
      await app.close();
    }
  });

  it('should refuse to start in production as a role that could rewrite the audit log', async () => {
    const env = testEnv({
      NODE_ENV: 'production',
      DATABASE_URL: urls.ownerUrl,
      JWT_JWKS_URL: 'http://127.0.0.1:1/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example.org/',
      JWT_AUDIENCE: 'between-sessions',
    });
    const starting = startApp('api', AppConfig.fromEnv(env), createRootLogger('silent'));
    await expect(starting).rejects.toBeInstanceOf(DatabaseRoleError);
    await expect(starting).rejects.toThrow(/append-only audit log/);
  });

  it("should run the embedded database (the demo's) with the app role's permissions", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bs-pglite-'));
    try {
      const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'embedded-database-probe.ts')], {
        cwd: join(__dirname, '..', '..'),
        env: { PATH: process.env.PATH, ...testEnv({ DATABASE_URL: '', PGLITE_DATA_DIR: dataDir }) },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({
        role: APP_DATABASE_ROLE,
        spaces: DEFAULT_SPACES,
        updateAuditLog: { code: '42501', message: expect.stringMatching(/^permission denied/) },
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
