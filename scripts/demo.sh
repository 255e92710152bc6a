#!/usr/bin/env bash
# Runs the forum on a fresh clone: installs what is missing, uses embedded PostgreSQL (PGlite)
# when DATABASE_URL is unset, starts a local Redis if none answers, migrates, seeds demo data,
# starts API + worker and prints the GraphQL URL with a token per role.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-services.sh

ensure_node_modules
if [ -f .env ]; then set -a; source .env; set +a; fi
export JWT_SECRET="${JWT_SECRET:-demo-secret-change-me-demo-secret-0123456789}"
export NODE_ENV="${NODE_ENV:-development}"
export PORT="${PORT:-3000}"
export REDIS_PREFIX="${REDIS_PREFIX:-bs-demo}"
export TOXICITY_REQUIRED="${TOXICITY_REQUIRED:-false}"
export PGLITE_DATA_DIR="${PGLITE_DATA_DIR:-./.data/pglite}"

redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
case "$redis_url" in
  redis://127.0.0.1:*|redis://localhost:*) REDIS_PORT="${redis_url##*:}"; REDIS_PORT="${REDIS_PORT%%/*}" ensure_redis || { echo "The demo needs Redis (queues)." >&2; exit 1; } ;;
  *) echo "Using Redis at $redis_url" ;;
esac

if [ -z "${DATABASE_URL:-}" ]; then
  echo "DATABASE_URL is unset: using embedded PostgreSQL (PGlite) in $PGLITE_DATA_DIR (the app runs in it as between_sessions_app)"
elif [ -z "${DATABASE_MIGRATION_URL:-}" ]; then
  echo "DATABASE_MIGRATION_URL is unset: DATABASE_URL's role migrates (one-role install; see .env.example for the two-role setup)"
fi
echo "Building..."
npm run -s build
exec node dist/scripts/demo.js
