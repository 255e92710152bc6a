#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on 127.0.0.1, starting the local services when they are
# installed but stopped. Prints what to install when they are missing. Sourced or run.
#   ensure_postgres  -> needs PostgreSQL at TEST_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres)
#   ensure_redis     -> needs Redis at REDIS_URL / TEST_REDIS_URL (default redis://127.0.0.1:6379)
set -u

pg_answers() { pg_isready -q -h 127.0.0.1 -p "${PGPORT:-5432}" -t 2 2>/dev/null; }

ensure_postgres() {
  if pg_answers; then return 0; fi
  if command -v pg_lsclusters >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null 2>&1; then
    local version
    version=$(pg_lsclusters --no-header 2>/dev/null | awk '$2=="main"{print $1; exit}')
    if [ -n "$version" ]; then
      echo "Starting PostgreSQL $version (cluster main)..."
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
      for _ in $(seq 1 30); do pg_answers && return 0; sleep 1; done
    fi
  fi
  if ! command -v pg_isready >/dev/null 2>&1; then
    echo "PostgreSQL is not installed. Install it (Debian: apt-get install -y postgresql) or point TEST_PG_ADMIN_URL at a server." >&2
  else
    echo "PostgreSQL does not answer on 127.0.0.1:${PGPORT:-5432} and could not be started." >&2
  fi
  return 1
}

redis_answers() { redis-cli -h 127.0.0.1 -p "${REDIS_PORT:-6379}" ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
  if command -v redis-cli >/dev/null 2>&1 && redis_answers; then return 0; fi
  if command -v redis-server >/dev/null 2>&1; then
    echo "Starting a local Redis on 127.0.0.1:${REDIS_PORT:-6379}..."
    local dir="${REDIS_DIR:-/tmp/between-sessions-redis}"
    mkdir -p "$dir"
    redis-server --daemonize yes --bind 127.0.0.1 --port "${REDIS_PORT:-6379}" --save "" --appendonly no --dir "$dir" --logfile "$dir/redis.log" >/dev/null
    for _ in $(seq 1 20); do redis_answers && return 0; sleep 0.5; done
    echo "Redis was started but does not answer; see $dir/redis.log" >&2
    return 1
  fi
  echo "Redis is not installed. Install it (Debian: apt-get install -y redis-server) or set REDIS_URL to a running Redis." >&2
  return 1
}

ensure_node_modules() {
  # Reinstall when the lockfile is newer than the last install (or nothing is installed yet).
  if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing dependencies (npm ci)..."
    npm ci --no-audit --no-fund
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -e
  ensure_postgres
  ensure_redis
fi
