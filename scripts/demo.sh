#!/usr/bin/env bash
# Runs the forum on a fresh clone: installs what is missing, writes a .env for this clone when there
# is none (a generated JWT_SECRET and the addresses it uses, so `npm run token` signs tokens this
# server accepts), uses embedded PostgreSQL (PGlite) when DATABASE_URL is unset, starts a local
# Redis if none answers, migrates, seeds demo data, starts API + worker and prints the GraphQL URL
# with a token per role. As in the app, variables set in the environment win over .env.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-services.sh

ensure_node || exit 1

new_secret() { node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))'; }
# A Redis key prefix of this clone's own: two clones' demos on one Redis would otherwise share the
# screening queue, and one's worker would take the other's posts (which it cannot find in its own
# database), leaving them "being checked" for good.
new_prefix() { node -e 'process.stdout.write("bs-demo-" + require("node:crypto").randomBytes(4).toString("hex"))'; }
# A variable as the app will see it: the environment first, then .env (process.loadEnvFile's rule).
app_env() { node -e 'if (require("node:fs").existsSync(".env")) process.loadEnvFile(".env"); process.stdout.write(process.env[process.argv[1]] ?? "")' "$1"; }

# Before the install, the build and the first .env (which keeps the port it names): a port another
# app holds is said at once, with how to choose another, not as EADDRINUSE a minute later.
port="$(app_env PORT)"
ensure_port_free "${port:-3000}" || exit 1
ensure_node_modules

if [ ! -f .env ]; then
  port="${port:-3000}"
  if [ -n "${DATABASE_URL:-}" ]; then database="DATABASE_URL=$DATABASE_URL"; else database="# DATABASE_URL is unset: an embedded PostgreSQL (PGlite) keeps its data in PGLITE_DATA_DIR."; fi
  (
    umask 077
    cat > .env <<ENV
# Written by \`npm run demo\` for this clone; never commit it (it is in .gitignore).
# .env.example explains every variable. Variables set in the environment win over this file.
NODE_ENV=development
PORT=$port
# PUBLIC_BASE_URL (links in escalation emails) follows PORT in the demo; set it here only for another address.
$database
PGLITE_DATA_DIR=${PGLITE_DATA_DIR:-./.data/pglite}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
REDIS_PREFIX=${REDIS_PREFIX:-$(new_prefix)}
# No toxicity model downloaded (npm run model:fetch): screen with crisis patterns and watched words.
TOXICITY_REQUIRED=${TOXICITY_REQUIRED:-false}
# Signs and checks development tokens: the demo's and \`npm run token\`'s. Generated for this clone.
JWT_SECRET=${JWT_SECRET:-$(new_secret)}
ENV
  )
  echo "Wrote .env for this clone (with a generated JWT_SECRET that npm run token uses too)."
elif [ -z "$(app_env JWT_SECRET)" ]; then
  printf '\n# Added by `npm run demo`: signs and checks development tokens (npm run token).\nJWT_SECRET=%s\n' "$(new_secret)" >> .env
  echo "Added a generated JWT_SECRET to .env."
fi

redis_url="$(app_env REDIS_URL)"
redis_url="${redis_url:-redis://127.0.0.1:6379}"
case "$redis_url" in
  redis://127.0.0.1*|redis://localhost*) ensure_redis "$redis_url" || { echo "The demo needs Redis (queues)." >&2; exit 1; } ;;
  *) echo "Using Redis at $redis_url" ;;
esac

if [ -z "$(app_env DATABASE_URL)" ]; then
  pglite_dir="$(app_env PGLITE_DATA_DIR)"
  echo "DATABASE_URL is unset: using embedded PostgreSQL (PGlite) in ${pglite_dir:-./.data/pglite} (the app runs in it as between_sessions_app)"
elif [ -z "$(app_env DATABASE_MIGRATION_URL)" ]; then
  echo "DATABASE_MIGRATION_URL is unset: DATABASE_URL's role migrates (one-role install; see .env.example for the two-role setup)"
fi
# The demo process (scripts/demo.ts) starts the app from src through ts-node: dist/ holds only
# what production runs (npm run build), and the demo's seeding is not part of it.
# The web app is served from its build; (re)build it when it is missing or older than its sources.
if [ ! -f dist/web/index.html ] || [ -n "$(find web schema.gql -newer dist/web/index.html -not -path 'web/src/lib/gql/*' -print -quit)" ]; then
  echo "Building the web app (dist/web)..."
  npm run -s build:web
fi
exec npx ts-node --transpile-only scripts/demo.ts
