#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh: system packages and the project-local PostgreSQL
# cluster. Idempotent: a second call reuses what the first made. Sourced, not run.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
PG_DIR="$LOCAL_DIR/pg"
PG_HOME="$PG_DIR" # where the server's own files live; see choose_cluster_home
PG_DATA="$PG_HOME/data"
PG_RUN="$PG_HOME/run"
PG_LOG="$PG_HOME/log"
PG_PORT="${MYS_PG_PORT:-55432}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

# Everything the app, its tests and the later features need from Debian.
SYSTEM_PACKAGES=(
  postgresql postgresql-client fonts-dejavu-core openssl ca-certificates
  softhsm2 opensc poppler-utils qpdf libnss3-tools chromium xmlsec1 docker-compose
  tesseract-ocr tesseract-ocr-tur
  haproxy
  swift swift-proxy swift-object swift-container swift-account attr curl # the S3 test server (scripts/object-store.sh)
)

log() { printf '[mys] %s\n' "$*" >&2; }

ensure_packages() {
  local missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if ! command -v dotnet >/dev/null 2>&1; then
    log "the .NET 10 SDK is required (dotnet not found on PATH); see README.md"
    exit 1
  fi
}

# Where the cluster's files live. The postgres user runs the server, so it must reach its data folder. Inside the
# checkout (.local/pg/data) when postgres can already reach it; otherwise in postgres's own home
# (/var/lib/postgresql/mys/<checkout>-<hash>), so no folder above the checkout has its permissions changed.
# MYS_PG_DATA_DIR chooses the place explicitly. The passwords stay in .local/pg, readable by the invoking user only.
choose_cluster_home() {
  if [ -n "${MYS_PG_DATA_DIR:-}" ]; then
    PG_HOME="$MYS_PG_DATA_DIR"
  elif runuser -u postgres -- test -x "$(dirname "$REPO_ROOT")" 2>/dev/null \
      && runuser -u postgres -- test -x "$REPO_ROOT" 2>/dev/null; then
    PG_HOME="$PG_DIR"
  else
    local postgres_home id
    postgres_home="$(getent passwd postgres | cut -d: -f6)"
    id="$(basename "$REPO_ROOT")-$(printf '%s' "$REPO_ROOT" | sha256sum | head -c 8)"
    PG_HOME="${postgres_home:-/var/lib/postgresql}/mys/$id"
    log "the postgres user cannot reach $REPO_ROOT; the cluster lives in $PG_HOME (no permission above the checkout is changed)"
  fi
  PG_DATA="$PG_HOME/data"
  PG_RUN="$PG_HOME/run"
  PG_LOG="$PG_HOME/log"
}

# The first address of an ASPNETCORE_URLS value as a browser reaches it: "http://0.0.0.0:8080;https://..." ->
# "http://127.0.0.1:8080" (wildcard hosts *, +, 0.0.0.0 and [::] become 127.0.0.1; no trailing slash).
public_base_url() {
  local first="${1%%;*}"
  first="${first%/}"
  local scheme="${first%%://*}" rest="${first#*://}"
  local host="${rest%:*}" port="${rest##*:}"
  [ "$host" = "$rest" ] && port=""
  case "$host" in '*'|'+'|'0.0.0.0'|'[::]'|'') host="127.0.0.1" ;; esac
  printf '%s://%s%s' "$scheme" "$host" "${port:+:$port}"
}

random_secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32; }

read_or_make_secret() {
  local file="$1"
  if [ ! -s "$file" ]; then
    (umask 077 && random_secret >"$file")
  fi
  cat "$file"
}

pg_is_running() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

psql_admin() {
  PGPASSWORD="$PG_SUPERUSER_PASSWORD" "$PG_BIN/psql" -v ON_ERROR_STOP=1 -qAt \
    -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"
}

# Starts (creating on first use) the cluster on 127.0.0.1:$PG_PORT, run as the postgres user, with the
# owner role mys_owner (runs migrations) and the app role mys_app; exports the connection strings.
ensure_cluster() {
  mkdir -p "$PG_DIR"
  chmod 700 "$PG_DIR" # the passwords; only the invoking user reads them
  choose_cluster_home
  if [ "$PG_HOME" = "$PG_DIR" ]; then
    # Inside the checkout: postgres must enter .local and .local/pg (the checkout's own folders, nothing above).
    chmod 755 "$LOCAL_DIR" "$PG_DIR"
  else
    mkdir -p "$PG_HOME"
    chown postgres:postgres "$PG_HOME" "$(dirname "$PG_HOME")" 2>/dev/null || true
    chmod 700 "$PG_HOME"
  fi
  PG_SUPERUSER_PASSWORD="$(read_or_make_secret "$PG_DIR/superuser.pw")"
  local owner_pw app_pw
  owner_pw="$(read_or_make_secret "$PG_DIR/mys_owner.pw")"
  app_pw="$(read_or_make_secret "$PG_DIR/mys_app.pw")"

  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    log "creating the local PostgreSQL cluster in $PG_DATA"
    mkdir -p "$PG_DATA" "$PG_RUN"
    chown postgres:postgres "$PG_DATA" "$PG_RUN"
    chmod 700 "$PG_DATA"
    local pwfile
    pwfile="$(mktemp)"
    printf '%s\n' "$PG_SUPERUSER_PASSWORD" >"$pwfile"
    chown postgres "$pwfile"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwfile" \
      --auth-host=scram-sha-256 --auth-local=peer -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  mkdir -p "$PG_RUN" "$PG_LOG" && chown postgres:postgres "$PG_RUN" "$PG_LOG"

  if ! pg_is_running; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
      log "port $PG_PORT is already taken (another checkout's cluster?); choose another with MYS_PG_PORT=NNNNN"
      exit 1
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG/postgresql.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_RUN -c max_connections=200 ${MYS_PG_EXTRA_OPTIONS:-}" start >/dev/null
  fi

  psql_admin <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mys_owner') THEN CREATE ROLE mys_owner LOGIN CREATEDB; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mys_app') THEN CREATE ROLE mys_app LOGIN; END IF;
END \$\$;
ALTER ROLE mys_owner PASSWORD '$owner_pw';
ALTER ROLE mys_app PASSWORD '$app_pw';
SQL
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'mys'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE mys OWNER mys_owner ENCODING 'UTF8'"
  fi

  local base="Host=127.0.0.1;Port=$PG_PORT;Database=mys"
  # A connection string already in the environment (production, or a developer's own server) wins.
  export ConnectionStrings__Mys="${ConnectionStrings__Mys:-$base;Username=mys_app;Password=$app_pw}"
  export ConnectionStrings__MysMigrations="${ConnectionStrings__MysMigrations:-$base;Username=mys_owner;Password=$owner_pw}"
  export MYS_TEST_PG_ADMIN="${MYS_TEST_PG_ADMIN:-Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=postgres;Password=$PG_SUPERUSER_PASSWORD}"
}

# ensure_object_store: the S3-compatible test server (OpenStack Swift with s3api).
source "$REPO_ROOT/scripts/object-store.sh"
