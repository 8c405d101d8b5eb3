#!/usr/bin/env bash
# Load (issue 18): 50 signed-in users for N minutes (default 5) against the app as its own process — 40 reading the ÖEB
# list, an ÖEB's details, the accounting inbox and verification reports (Debian's wrk, one per route, each request with
# a real session's cookie) and 10 signing batches of 10 ÖEBs with the dev card. Prints throughput and p50/p95/p99 per
# route and the errors (any answer but 200; any ÖEB not signed); exits 1 if there was an error.
# Usage: benchmarks/load.sh [minutes=5] (CONFIGURATION=Debug to use Debug builds). Own PostgreSQL cluster in
# .local/load-pg (port MYS_LOAD_PG_PORT or 55497). Harness: benchmarks/Mys.Signing.Benchmarks/Load.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
ensure_packages
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
PG_DIR="$LOCAL_DIR/load-pg"
PG_DATA="$PG_DIR/data"
PG_RUN="$PG_DIR/run"
PG_PORT="${MYS_LOAD_PG_PORT:-55497}"
unset MYS_TEST_PG_ADMIN ConnectionStrings__Mys ConnectionStrings__MysMigrations
ensure_cluster
cd "$REPO_ROOT"
configuration="${CONFIGURATION:-Release}"
log "building ($configuration)"
for project in src/Mys.Signing.Web benchmarks/Mys.Signing.Benchmarks; do
  if ! output=$(dotnet build "$project" -c "$configuration" -v quiet -nologo 2>&1); then
    printf '%s\n' "$output" >&2
    exit 1
  fi
done
export MYS_CRASH_CONFIGURATION="$configuration"
dotnet run -c "$configuration" --no-build --project benchmarks/Mys.Signing.Benchmarks -- load "${1:-5}"
