/**
 * Loaded with `node -r` into the API process by `npm run bench -- read` only: counts every
 * statement the `pg` driver sends (TypeORM's pool, transactions' BEGIN/COMMIT included) and
 * answers the running total on http://127.0.0.1:$BENCH_SQL_COUNTER_PORT, with a count per
 * statement "head" (its first words and tables, no parameter values), so a bench can say which
 * statements a request sends. The application carries
 * no counting switch of its own; without this preload nothing is counted.
 *
 * Plain CommonJS, type-checked through checkJs: it runs inside the built app, which has no build
 * step for tooling (see tsconfig.build.json).
 */
const { createServer } = require('node:http');
const { Client } = require('pg');

const port = Number(process.env.BENCH_SQL_COUNTER_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('sql-counter preload: set BENCH_SQL_COUNTER_PORT');

let statements = 0;
/** @type {Map<string, number>} */
const byHead = new Map();

/** The statement's text up to 90 characters, whitespace folded: SQL only, values are sent apart. */
function headOf(/** @type {unknown} */ config) {
  const text = typeof config === 'string' ? config : typeof config === 'object' && config !== null && 'text' in config ? String(config.text) : '?';
  return text.slice(0, 200).replace(/\s+/g, ' ').trim().slice(0, 90);
}
const prototype = /** @type {{ query: (...args: unknown[]) => unknown }} */ (/** @type {unknown} */ (Client.prototype));
const query = prototype.query;
prototype.query = function countedQuery(/** @type {unknown[]} */ ...args) {
  statements += 1;
  const head = headOf(args[0]);
  byHead.set(head, (byHead.get(head) ?? 0) + 1);
  return query.apply(this, args);
};

createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ statements, byHead: Object.fromEntries(byHead) }));
})
  .listen(port, '127.0.0.1')
  .unref();
