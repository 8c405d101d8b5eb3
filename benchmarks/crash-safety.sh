#!/usr/bin/env bash
# Crash safety (issue 18): the app as its own process, killed with SIGKILL during an upload, during `complete` of a
# 100-ÖEB batch and during acceptances; PostgreSQL restarted in the middle of another 100-ÖEB batch. After each crash:
# nothing half-signed, no attachment lost, no half-written blob, the user's retry succeeds; then `mys audit verify`.
# Usage: benchmarks/crash-safety.sh [N=100] (CONFIGURATION=Debug to use Debug builds). Runs on a PostgreSQL cluster of its own (.local/crash-pg, port
# MYS_CRASH_PG_PORT or 55498) so the restart never touches the cluster other tests use. Exits 1 if any scenario failed.
# Harness: benchmarks/Mys.Signing.Benchmarks/CrashSafety.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
ensure_packages
PG_DIR="$LOCAL_DIR/crash-pg"
PG_DATA="$PG_DIR/data"
PG_RUN="$PG_DIR/run"
PG_PORT="${MYS_CRASH_PG_PORT:-55498}"
unset MYS_TEST_PG_ADMIN ConnectionStrings__Mys ConnectionStrings__MysMigrations
ensure_cluster
export MYS_CRASH_PG_RESTART="runuser -u postgres -- '$PG_BIN/pg_ctl' -D '$PG_DATA' -w -t 60 -m fast restart >/dev/null"
cd "$REPO_ROOT"
configuration="${CONFIGURATION:-Release}"
log "building ($configuration)"
for project in src/Mys.Signing.Web src/Mys.Signing.Cli benchmarks/Mys.Signing.Benchmarks; do
  if ! output=$(dotnet build "$project" -c "$configuration" -v quiet -nologo 2>&1); then
    printf '%s\n' "$output" >&2
    exit 1
  fi
done
export MYS_CRASH_CONFIGURATION="$configuration"
dotnet run -c "$configuration" --no-build --project benchmarks/Mys.Signing.Benchmarks -- crash-safety "${1:-100}"
