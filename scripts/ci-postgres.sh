#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL for the test suite, creates the test database,
# and prints ONLY its URL on stdout; progress goes to stderr. Idempotent: safe to run twice.
#   export TEST_DATABASE_URL="$(scripts/ci-postgres.sh)"
# Env: PGTEST_DB (default safeguarding_test), PGTEST_PASSWORD (default postgres), PGTEST_PORT (default 5432).
set -euo pipefail

db="${PGTEST_DB:-safeguarding_test}"
password="${PGTEST_PASSWORD:-postgres}"
port="${PGTEST_PORT:-5432}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
log() { echo "ci-postgres: $*" >&2; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  log "installing postgresql"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  log "creating cluster $version/main"
  $sudo pg_createcluster "$version" main --port "$port" >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -qx online; then
  log "starting cluster $version/main"
  $sudo pg_ctlcluster "$version" main start >&2
fi
cluster_port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"

as_postgres() { $sudo -u postgres "$@"; }
if [ "$(id -u)" -eq 0 ]; then as_postgres() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }; fi

for _ in $(seq 1 30); do
  if as_postgres pg_isready -q -p "$cluster_port"; then break; fi
  sleep 1
done
as_postgres pg_isready -q -p "$cluster_port" || { log "PostgreSQL did not become ready"; exit 1; }

as_postgres psql -q -p "$cluster_port" -v ON_ERROR_STOP=1 -c "ALTER USER postgres PASSWORD '$password'" >&2
if ! as_postgres psql -At -p "$cluster_port" -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -qx 1; then
  log "creating database $db"
  as_postgres createdb -p "$cluster_port" "$db" >&2
fi

echo "postgres://postgres:${password}@127.0.0.1:${cluster_port}/${db}"
