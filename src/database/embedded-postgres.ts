import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/**
 * PGlite (PostgreSQL compiled to WASM) served on 127.0.0.1 through pglite-socket, so the app keeps
 * using the `pg` driver, real transactions and the same migrations as production. Only used when
 * DATABASE_URL is unset (demo, first run); never in production.
 */
export interface EmbeddedPostgres {
  readonly url: string;
  /**
   * Every later statement runs as `role`. PGlite is one superuser session shared by every
   * connection, so this is SET ROLE: the app gets exactly its role's permissions (a stray UPDATE
   * of the audit log is refused as on a real server), but it is no security boundary, since
   * RESET ROLE undoes it. Production runs a real PostgreSQL with two login roles.
   */
  setRole(role: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The app's pool against PGlite: one connection. PGlite is a single session, and pglite-socket
 * multiplexes connections onto it per protocol message: outside a transaction, two connections'
 * Parse/Bind/Execute interleave (one binds the other's statement: errors or wrong rows), and
 * inside one, every other connection waits, with no time limit, for it to end (a query on
 * another connection from inside a transaction never returns, and the pool wedges). With one
 * connection the waiting happens in the pool, where `connectionTimeoutMillis` bounds it.
 * See electric-sql/pglite issues #1046 and #985.
 */
export const EMBEDDED_POOL_SIZE = 1;

export async function startEmbeddedPostgres(options: { dataDir: string }): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir });
  // One spare: the pool may open a replacement before the server has seen the old connection close.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_POOL_SIZE + 1 });
  await server.start();
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    async setRole(role: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`not a role name: ${role}`);
      await db.exec(`SET ROLE ${role}`);
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
