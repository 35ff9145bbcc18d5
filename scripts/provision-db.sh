#!/usr/bin/env bash
# Ensures a PostgreSQL >= 15 with the pgvector extension is reachable and that Ratchet's
# database exists. Idempotent: every step checks before it acts.
#
# Environment (all optional):
#   RATCHET_DB_HOST (127.0.0.1)  RATCHET_DB_PORT (5432)  RATCHET_DB_USER (postgres)
#   RATCHET_DB_NAME (ratchet)
# Exit codes: 0 ready, 1 PostgreSQL unreachable, 2 pgvector could not be installed, 3 database not created.
set -euo pipefail

HOST=${RATCHET_DB_HOST:-127.0.0.1}
PORT=${RATCHET_DB_PORT:-5432}
DBUSER=${RATCHET_DB_USER:-postgres}
DBNAME=${RATCHET_DB_NAME:-ratchet}

say() { printf 'provision-db: %s\n' "$*" >&2; }
die() { local code=$1; shift; say "ERROR: $*"; exit "$code"; }
psql_q() { psql -X -q -t -A -h "$HOST" -p "$PORT" -U "$DBUSER" "$@"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

command -v psql >/dev/null || die 1 "psql not found; install the PostgreSQL client (apt-get install postgresql-client)."

# 1. A running server. Start the local Debian cluster if it is installed but stopped.
if ! pg_isready -q -h "$HOST" -p "$PORT"; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] && { [ "$HOST" = 127.0.0.1 ] || [ "$HOST" = localhost ]; }; then
    for v in $(ls /etc/postgresql); do
      say "starting local PostgreSQL $v cluster 'main'"
      as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start || true
    done
    for _ in $(seq 1 30); do pg_isready -q -h "$HOST" -p "$PORT" && break; sleep 1; done
  fi
  pg_isready -q -h "$HOST" -p "$PORT" || die 1 "no PostgreSQL answers on $HOST:$PORT. Start it, or set RATCHET_DB_HOST/RATCHET_DB_PORT, or use 'docker compose up -d postgres'."
fi

server_num=$(psql_q -d postgres -c 'show server_version_num')
[ "$server_num" -ge 150000 ] || die 1 "PostgreSQL on $HOST:$PORT is version $server_num; Ratchet needs 15 or newer."
major=$((server_num / 10000))

vector_available() { [ "$(psql_q -d postgres -c "select count(*) from pg_available_extensions where name='vector'")" = 1 ]; }

# 2. pgvector. Prefer the distribution package; on Debian bookworm (none there) build trixie's source package.
if ! vector_available; then
  case "$HOST" in 127.0.0.1|localhost) ;; *) die 2 "the server on $HOST has no pgvector extension; install pgvector on that server (https://github.com/pgvector/pgvector#installation)." ;; esac
  command -v apt-get >/dev/null || die 2 "pgvector is missing and this is not a Debian-like system; install pgvector for PostgreSQL $major."
  say "pgvector missing: trying the package postgresql-$major-pgvector"
  as_root apt-get update -qq >/dev/null 2>&1 || true
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$major-pgvector" >/dev/null 2>&1; then
    say "no package postgresql-$major-pgvector here; building pgvector from Debian trixie's source package"
    src=/etc/apt/sources.list.d/ratchet-trixie-src.sources
    if [ ! -f "$src" ]; then
      as_root tee "$src" >/dev/null <<'SRC'
# Added by Ratchet's scripts/provision-db.sh: source packages only, to build pgvector.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    fi
    as_root apt-get update -qq >/dev/null || die 2 "apt-get update failed; check the network or $src."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "postgresql-server-dev-$major" build-essential dpkg-dev >/dev/null \
      || die 2 "could not install postgresql-server-dev-$major and build-essential."
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1) || die 2 "apt-get source pgvector failed (is the trixie deb-src entry in $src reachable?)."
    dir=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -1)
    [ -n "$dir" ] || die 2 "pgvector source not unpacked in $work."
    pgc=/usr/lib/postgresql/$major/bin/pg_config
    (cd "$dir" && make -s PG_CONFIG="$pgc" >/dev/null && as_root make -s install PG_CONFIG="$pgc" >/dev/null) \
      || die 2 "building pgvector in $dir failed."
    say "pgvector built and installed from $(basename "$dir")"
  fi
  vector_available || die 2 "pgvector installed but PostgreSQL on $HOST:$PORT does not list it; is that the local $major server?"
fi

# 3. The database.
if [ "$(psql_q -d postgres -c "select count(*) from pg_database where datname='$DBNAME'")" != 1 ]; then
  say "creating database $DBNAME"
  psql_q -d postgres -c "create database \"$DBNAME\"" || die 3 "could not create database $DBNAME as $DBUSER."
fi
say "ready: PostgreSQL $major on $HOST:$PORT, database $DBNAME, pgvector $(psql_q -d postgres -c "select default_version from pg_available_extensions where name='vector'")"
