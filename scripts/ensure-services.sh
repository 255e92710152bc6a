#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer, starting the local services when they are installed but
# stopped. Prints what to install when they are missing. Sourced or run.
#   ensure_node      -> Node.js as package.json's engines asks (older ones fail later, and cryptically)
#   ensure_postgres  -> needs PostgreSQL at TEST_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
#                       and that URL signing in (a fresh Debian install asks for a password on 127.0.0.1)
#   ensure_redis [URL] -> needs Redis at URL (default TEST_REDIS_URL, else redis://127.0.0.1:${REDIS_PORT:-6379})
#   ensure_port_free PORT -> nothing listens on 127.0.0.1:PORT, where the app will (the demo's check)
# Only a server on this machine (127.0.0.1 / localhost) is started; another host is only checked.
set -u

ensure_node() {
  # The same rule as package.json's "engines"; without it an old Node stops in the middle of a
  # script (Node 18 has no process.loadEnvFile) and nothing says why.
  if ! command -v node >/dev/null 2>&1; then
    echo "Node.js is not installed. This project needs Node.js 20 (>= 20.19) or 22+ (https://nodejs.org/en/download)." >&2
    return 1
  fi
  node -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    if ((major === 20 && minor >= 19) || major >= 22) process.exit(0);
    console.error(`This project needs Node.js 20 (>= 20.19) or 22+; this is ${process.version} (${process.execPath}). Debian 12 ships Node 18: install a newer one (https://nodejs.org/en/download) and run again.`);
    process.exit(1);
  '
}

# "host port" of a postgres:// or redis:// URL (default port when it names none).
url_host_port() { node -e 'const u = new URL(process.argv[1]); process.stdout.write(`${u.hostname.replace(/^\[|\]$/g, "")} ${u.port || process.argv[2]}`)' "$1" "$2"; }
# The URL without its password, for messages.
url_for_humans() { node -e 'const u = new URL(process.argv[1]); if (u.password) u.password = "***"; process.stdout.write(u.href)' "$1"; }
is_local_host() { case "$1" in 127.0.0.1|localhost|::1) return 0 ;; *) return 1 ;; esac; }

pg_admin_url() { printf '%s' "${TEST_PG_ADMIN_URL:-postgres://postgres@127.0.0.1:${PGPORT:-5432}/postgres}"; }
pg_answers() { pg_isready -q -d "$(pg_admin_url)" -t 2 2>/dev/null; }

# Answering is not enough: Debian's own pg_hba.conf asks for a password on 127.0.0.1, and the tests
# would then fail with a SCRAM error from deep inside their setup. -w: never prompt for one.
pg_admin_signs_in() {
  command -v psql >/dev/null 2>&1 || return 0
  local url problem
  url="$(pg_admin_url)"
  if problem=$(PGCONNECT_TIMEOUT=5 psql -w -X -q -d "$url" -tAc 'SELECT 1' 2>&1 >/dev/null); then return 0; fi
  echo "PostgreSQL answers, but the tests cannot sign in with TEST_PG_ADMIN_URL=$(url_for_humans "$url"):" >&2
  echo "  $problem" >&2
  echo "The tests need a superuser (or CREATEDB and CREATEROLE) at that URL. A fresh Debian install asks for a password on 127.0.0.1; give postgres one and say it in the URL:" >&2
  echo "  su postgres -c \"psql -c \\\"ALTER ROLE postgres PASSWORD 'postgres'\\\"\"" >&2
  echo "  TEST_PG_ADMIN_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres npm run test:all" >&2
  echo "(or, on a machine used only for this, 'trust' for 127.0.0.1 in pg_hba.conf)." >&2
  return 1
}

ensure_postgres() {
  local url host port
  url="$(pg_admin_url)"
  read -r host port <<<"$(url_host_port "$url" 5432)"
  if ! command -v pg_isready >/dev/null 2>&1; then
    if [ -n "${TEST_PG_ADMIN_URL:-}" ]; then
      echo "pg_isready is not installed (Debian: postgresql-client), so $(url_for_humans "$url") is not checked here; the tests will say if it does not answer."
      return 0
    fi
    echo "PostgreSQL is not installed. Install it (Debian: apt-get install -y postgresql) or point TEST_PG_ADMIN_URL at a server." >&2
    return 1
  fi
  if pg_answers; then pg_admin_signs_in; return; fi
  if is_local_host "$host" && command -v pg_lsclusters >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null 2>&1; then
    local version
    version=$(pg_lsclusters --no-header 2>/dev/null | awk -v port="$port" '$3==port{print $1 " " $2; exit}')
    if [ -n "$version" ]; then
      echo "Starting PostgreSQL $version (port $port)..."
      # pg_ctlcluster starts a cluster as its owner only: root or the postgres user.
      # shellcheck disable=SC2086
      pg_ctlcluster --skip-systemctl-redirect $version start || [ "$(id -u)" -eq 0 ] || echo "Could not start it as $(id -un): run 'sudo pg_ctlcluster $version start' (or 'sudo service postgresql start')." >&2
      for _ in $(seq 1 30); do
        if pg_answers; then pg_admin_signs_in; return; fi
        sleep 1
      done
    fi
  fi
  echo "PostgreSQL does not answer at $host:$port${TEST_PG_ADMIN_URL:+ (TEST_PG_ADMIN_URL)} and could not be started." >&2
  return 1
}

# The app listens on 127.0.0.1:PORT (src/bootstrap.ts). Taken by another app, it would fail only
# after the install and the web build, with a bare "listen EADDRINUSE" that does not say what to do.
ensure_port_free() {
  node -e '
    const port = Number(process.argv[1]);
    // Not a port at all: the validation of PORT in the app names it.
    if (!Number.isInteger(port) || port < 0 || port > 65535) process.exit(0);
    const server = require("node:net").createServer();
    server.once("error", (error) => {
      if (error.code !== "EADDRINUSE") throw error;
      const inEnvFile = require("node:fs").existsSync(".env") && /^PORT=/m.test(require("node:fs").readFileSync(".env", "utf8"));
      console.error(`Port ${port} on 127.0.0.1 is already in use (another app?). Choose a free one, e.g. PORT=3100 npm run demo` +
        (inEnvFile ? " (or change PORT in .env, which keeps the port of its first run)" : ""));
      process.exit(1);
    });
    server.listen(port, "127.0.0.1", () => server.close());
  ' "$1"
}

redis_answers() { redis-cli -u "$1" ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
  local url="${1:-${TEST_REDIS_URL:-redis://127.0.0.1:${REDIS_PORT:-6379}}}" host port
  read -r host port <<<"$(url_host_port "$url" 6379)"
  if command -v redis-cli >/dev/null 2>&1 && redis_answers "$url"; then return 0; fi
  if ! is_local_host "$host"; then
    echo "Redis does not answer at $url$(command -v redis-cli >/dev/null 2>&1 || echo ' (or redis-cli, to check it, is not installed: apt-get install -y redis-tools)')." >&2
    return 1
  fi
  if command -v redis-server >/dev/null 2>&1; then
    echo "Starting a local Redis on 127.0.0.1:$port..."
    local dir="${REDIS_DIR:-/tmp/between-sessions-redis}"
    mkdir -p "$dir"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$dir" --logfile "$dir/redis.log" >/dev/null
    for _ in $(seq 1 20); do redis_answers "$url" && return 0; sleep 0.5; done
    echo "Redis was started but does not answer at $url; see $dir/redis.log" >&2
    return 1
  fi
  echo "Redis is not installed. Install it (Debian: apt-get install -y redis-server) or set TEST_REDIS_URL (tests) / REDIS_URL (demo) to a running Redis." >&2
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
  ensure_node
  ensure_postgres
  ensure_redis
fi
