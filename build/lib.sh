# Shared by build/run, build/test and build/db. Source it; do not run it.
# Settings (environment): KAZGOV_DB_PORT (5544), KAZGOV_URL (http://127.0.0.1:8080),
# KAZGOV_DATA (the project's .data/ folder).
set -euo pipefail

KAZGOV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAZGOV_DB_PORT="${KAZGOV_DB_PORT:-5544}"
KAZGOV_URL="${KAZGOV_URL:-http://127.0.0.1:8080}"
KAZGOV_DATA="${KAZGOV_DATA:-$KAZGOV_ROOT/.data}"
# The configuration the checks' hosts run in: ./build/test builds Release once, for the tests, the
# checks, the benchmarks and the release artifact alike; a check run on its own takes Debug.
KAZGOV_CONFIGURATION="${KAZGOV_CONFIGURATION:-Debug}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Builds a project (build_project <csproj> [configuration, default Release]) unless ./build/test built
# the whole solution in that configuration moments ago (it exports KAZGOV_SOLUTION_BUILT): a build with
# nothing to do still takes about 7 s, and the test run's benchmarks, cluster and client asked for nine.
build_project() {
  local configuration="${2:-Release}"
  [ "${KAZGOV_SOLUTION_BUILT:-}" = "$configuration" ] && return 0
  dotnet build "$1" -c "$configuration" -nologo -v quiet -clp:ErrorsOnly >&2
}

# The API host of KAZGOV_CONFIGURATION, built first when it is missing: prints the path of its dll.
api_dll() {
  local dll="$KAZGOV_ROOT/api/bin/$KAZGOV_CONFIGURATION/net10.0/Kazgov.Api.dll"
  [ -f "$dll" ] || dotnet build "$KAZGOV_ROOT/api/Kazgov.Api.csproj" -c "$KAZGOV_CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly >&2
  echo "$dll"
}

# The clock time on every line shows where a long run (./build/test) spends its minutes.
say() { printf '\033[1m[kazgov %(%H:%M:%S)T]\033[0m %s\n' -1 "$*" >&2; }
die() { say "error: $*"; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Runs a command as the postgres user (PostgreSQL refuses to run as root).
as_postgres() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

apt_install() {
  is_root || die "missing $* and not root: install it (apt-get install $*) and run again"
  if [ -z "${KAZGOV_APT_UPDATED:-}" ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    KAZGOV_APT_UPDATED=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

require_dotnet() {
  command -v dotnet >/dev/null || die "the .NET SDK is not on PATH (see global.json for the version)"
}

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

ensure_postgres() {
  if ! pg_bindir >/dev/null; then
    apt_install postgresql-15 postgresql-client-15
  fi
  PG_BIN="$(pg_bindir)" || die "PostgreSQL server binaries not found after installing"
  if is_root && ! id postgres >/dev/null 2>&1; then
    die "the postgres user does not exist (the postgresql package creates it)"
  fi
}

# The cluster lives under .data/ when the postgres user can reach it; a checkout below a
# folder closed to other users (e.g. /root) gets its cluster under /var/lib/kazgov instead.
resolve_cluster_dir() {
  mkdir -p "$KAZGOV_DATA"
  PG_HOME="$KAZGOV_DATA/postgres"
  if is_root; then
    mkdir -p "$PG_HOME"
    chown postgres:postgres "$PG_HOME"
    if ! runuser -u postgres -- test -w "$PG_HOME"; then
      PG_HOME="/var/lib/kazgov/$(printf '%s' "$KAZGOV_ROOT" | sha1sum | cut -c1-12)"
      mkdir -p "$PG_HOME"
      chown postgres:postgres "$PG_HOME"
      say "the postgres user cannot reach $KAZGOV_DATA; the cluster lives in $PG_HOME"
      ln -sfn "$PG_HOME" "$KAZGOV_DATA/postgres-elsewhere"
    fi
  else
    mkdir -p "$PG_HOME"
  fi
  PGDATA_DIR="$PG_HOME/data"
}

db_is_running() {
  [ -f "$PGDATA_DIR/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1
}

start_database() {
  ensure_postgres
  resolve_cluster_dir
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    say "creating the project's PostgreSQL cluster in $PGDATA_DIR"
    as_postgres "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_HOME/initdb.log" 2>&1 \
      || { cat "$PG_HOME/initdb.log" >&2; die "initdb failed"; }
  fi
  if db_is_running; then
    say "PostgreSQL already running on port $(sed -n 4p "$PGDATA_DIR/postmaster.pid")"
  else
    say "starting PostgreSQL on 127.0.0.1:$KAZGOV_DB_PORT"
    KAZGOV_DB_STARTED_HERE=1
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_HOME/postgres.log" -w -t 60 \
      -o "-p $KAZGOV_DB_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_HOME -c max_connections=200 -c shared_preload_libraries=pg_stat_statements" start >/dev/null \
      || { tail -n 30 "$PG_HOME/postgres.log" >&2; die "PostgreSQL did not start"; }
  fi
  KAZGOV_DB_PORT="$(sed -n 4p "$PGDATA_DIR/postmaster.pid")"
}

stop_database() {
  ensure_postgres
  resolve_cluster_dir
  if db_is_running; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null
    say "PostgreSQL stopped"
  else
    say "PostgreSQL is not running"
  fi
}

psql_admin() {
  # Usable on its own too (e.g. recreate_database from a shell that has not started the cluster).
  [ -n "${PG_BIN:-}" ] || ensure_postgres
  as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$KAZGOV_DB_PORT" -U postgres "$@"
}

ensure_database() {
  local name="$1"
  if [ "$(psql_admin -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$name'")" != 1 ]; then
    say "creating database $name"
    psql_admin -d postgres -c "CREATE DATABASE \"$name\""
  fi
}

recreate_database() {
  local name="$1"
  psql_admin -d postgres -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)"
  psql_admin -d postgres -c "CREATE DATABASE \"$name\""
}

connection_string() {
  echo "Host=127.0.0.1;Port=$KAZGOV_DB_PORT;Database=$1;Username=postgres;Include Error Detail=true"
}

# A consistent dump of one database (pg_dump takes one snapshot), in the custom format pg_restore
# reads selectively and in parallel. Prints the file's path.
backup_database() {
  local name="$1" file="${2:-}"
  if [ -z "$file" ]; then
    mkdir -p "$KAZGOV_DATA/backups"
    file="$KAZGOV_DATA/backups/$name-$(date -u +%Y%m%dT%H%M%SZ).dump"
  fi
  mkdir -p "$(dirname "$file")"
  touch "$file" && chmod 644 "$file"
  # pg_dump runs as postgres (trust on loopback); it writes to stdout so root keeps the file.
  as_postgres "$PG_BIN/pg_dump" -h 127.0.0.1 -p "$KAZGOV_DB_PORT" -U postgres -Fc -Z 6 "$name" >"$file" \
    || die "pg_dump of $name failed"
  say "backed up $name ($(du -h "$file" | cut -f1)) to $file"
  echo "$file"
}

# Restores a dump into a new database. Nothing is overwritten: a database of that name is first
# renamed to <name>_before_restore_<UTC time>.
restore_database() {
  local file="$1" name="$2"
  [ -r "$file" ] || die "cannot read $file"
  if [ "$(psql_admin -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$name'")" = 1 ]; then
    local kept="${name}_before_restore_$(date -u +%Y%m%dT%H%M%SZ)"
    psql_admin -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$name'" >/dev/null
    psql_admin -d postgres -c "ALTER DATABASE \"$name\" RENAME TO \"$kept\""
    say "the existing database $name is kept as $kept"
  fi
  psql_admin -d postgres -c "CREATE DATABASE \"$name\""
  # --exit-on-error: a partial restore is a failed restore. Read from stdin so the file may belong to root.
  as_postgres "$PG_BIN/pg_restore" -h 127.0.0.1 -p "$KAZGOV_DB_PORT" -U postgres --exit-on-error --no-owner -d "$name" <"$file" \
    || die "pg_restore of $file into $name failed"
  say "restored $file into $name"
}

# Row counts of every table outside the system schemas, one "schema.table count" per line, sorted.
table_counts() {
  psql_admin -d "$1" -Atc "
    SELECT n.nspname || '.' || c.relname || ' ' ||
           (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
    ORDER BY 1"
}
