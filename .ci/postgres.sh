#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages (plus PostGIS when Debian has a
# package for the installed server version), starts a cluster, creates the
# `vigie` role and the `vigie_test` database, and prints the URL the store's
# PostgreSQL tests read from VIGIE_TEST_PG_URL.
#
# Usage (from .ci/run):
#   export VIGIE_TEST_PG_URL="$(bash .ci/postgres.sh | tail -n 1)"
# Everything but the URL goes to stderr, so the last stdout line is the URL.
# Idempotent: safe to run on a machine where PostgreSQL is already running.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql from Debian's packages"
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

PGVER="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
log "PostgreSQL major version ${PGVER}"

# PostGIS is optional: the store falls back to a lat/lon bounding box without it.
if [ ! -f "/usr/share/postgresql/${PGVER}/extension/postgis.control" ]; then
  if apt-cache show "postgresql-${PGVER}-postgis-3" >/dev/null 2>&1 \
     || { apt-get update -qq >&2 && apt-cache show "postgresql-${PGVER}-postgis-3" >/dev/null 2>&1; }; then
    log "installing postgresql-${PGVER}-postgis-3"
    apt-get install -y -qq "postgresql-${PGVER}-postgis-3" >&2 || log "PostGIS install failed; continuing without it"
  else
    log "no PostGIS package for PostgreSQL ${PGVER}; the store will use its bounding-box fallback"
  fi
fi

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "${PGVER} main"; then
  log "creating cluster ${PGVER}/main"
  pg_createcluster "${PGVER}" main >&2
fi
if ! pg_lsclusters -h | awk -v v="${PGVER}" '$1==v && $2=="main" {print $4}' | grep -qx online; then
  log "starting cluster ${PGVER}/main"
  pg_ctlcluster "${PGVER}" main start >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="${PGVER}" '$1==v && $2=="main" {print $3}')"

for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p "${PORT}"; then break; fi
  sleep 1
done
pg_isready -h 127.0.0.1 -p "${PORT}" >&2

PSQL=(runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q -p "${PORT}")
"${PSQL[@]}" -d postgres >&2 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigie') THEN
    CREATE ROLE vigie LOGIN PASSWORD 'vigie';
  END IF;
END $$;
SQL
if ! "${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'vigie_test'" | grep -q 1; then
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE vigie_test OWNER vigie" >&2
fi
if [ -f "/usr/share/postgresql/${PGVER}/extension/postgis.control" ]; then
  # PostGIS must be created by a superuser; the store then finds it installed.
  "${PSQL[@]}" -d vigie_test -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2 || log "could not create the postgis extension"
fi

URL="postgres://vigie:vigie@127.0.0.1:${PORT}/vigie_test"
log "ready: ${URL}"
echo "${URL}"
