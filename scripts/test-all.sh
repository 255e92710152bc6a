#!/usr/bin/env bash
# The one command that proves the project works on a fresh clone:
# install, make sure PostgreSQL, Redis and Chromium are there, build (server and web app), type-check,
# lint, unit tests, end-to-end tests, real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-services.sh

started=$(date +%s)
step() { echo; echo "==> $* ($(( $(date +%s) - started ))s)"; }

step "dependencies"
ensure_node
ensure_node_modules
step "services"
ensure_postgres
ensure_redis
bash scripts/ensure-chromium.sh
step "build (tsc -p tsconfig.build.json: src and migrations, what production runs; the web app with its bundle budget)"
npm run -s build
step "type-check (tsc -p tsconfig.json: src, migrations, scripts, tests)"
npm run -s typecheck
step "lint (zero warnings)"
npm run -s lint
step "unit tests"
npx jest --selectProjects unit --ci
step "end-to-end tests (real PostgreSQL, Redis, BullMQ workers)"
npx jest --selectProjects e2e --ci --maxWorkers=1
step "browser tests (Playwright on Debian's chromium, the real server, worker, PostgreSQL, Redis)"
npx jest --selectProjects browser --ci --maxWorkers=1
step "all green"
