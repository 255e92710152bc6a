import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The app's database role, least privilege: read and write its tables, only append to and read
 * the audit log, read the migrations table, own nothing and create nothing. The owner of the schema
 * (whoever runs migrations, DATABASE_MIGRATION_URL) keeps the DDL, so app code cannot disable or
 * drop the audit log's trigger. The app's login role (DATABASE_URL) is made a member of
 * `between_sessions_app` by whoever creates it (test setup, the demo, a DBA).
 *
 * Roles are cluster-wide while grants are per database: the role is created only when missing
 * (and a concurrent migration of another database creating it too is not an error), and never
 * dropped here. Later migrations' tables get the same grants through default privileges, as long
 * as the same role runs them; an append-only table must revoke UPDATE and DELETE itself.
 */
export class GrantLeastPrivilegeAppRole1795840000000 implements MigrationInterface {
  name = 'GrantLeastPrivilegeAppRole1795840000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'between_sessions_app') THEN
          CREATE ROLE between_sessions_app NOLOGIN;
        END IF;
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
          RAISE EXCEPTION 'role between_sessions_app does not exist and % may not create it', current_user
            USING HINT = 'Create it once per cluster as an administrator (CREATE ROLE between_sessions_app NOLOGIN), or give the migration role CREATEROLE.';
      END $$
    `);
    await queryRunner.query(`
      GRANT USAGE ON SCHEMA public TO between_sessions_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO between_sessions_app;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO between_sessions_app;
      REVOKE UPDATE, DELETE ON "audit_events" FROM between_sessions_app;
      REVOKE INSERT, UPDATE, DELETE ON "migrations" FROM between_sessions_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO between_sessions_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO between_sessions_app;
    `);
    // PostgreSQL 15's default; older servers let every role create tables in public. A no-op
    // (with a warning) unless the migration role owns the schema.
    await queryRunner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The role stays (other databases of the cluster may grant to it), and so does the hardened schema.
    await queryRunner.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM between_sessions_app;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM between_sessions_app;
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM between_sessions_app;
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM between_sessions_app;
      REVOKE USAGE ON SCHEMA public FROM between_sessions_app;
    `);
  }
}
