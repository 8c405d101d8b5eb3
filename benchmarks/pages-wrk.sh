#!/usr/bin/env bash
# Pages at national scale (issue 21): 1,000,000 ÖEBs, Debian's wrk at 50 connections with signed-in cookies against the
# app (Release) as its own process — the ÖEB list and an ÖEB's details (data-entry officer), the accounting inbox and a
# verification report (accounting officer), one route after the other, details and reports rotating over many ÖEBs.
# Prints per route requests/s, p50/p95/p99, errors (non-200 or not the real page), the app's own time per request and
# the load average; exits 1 on an error or a p95 over 50 ms.
#
#   benchmarks/pages-wrk.sh [N=1000000] [seconds=20] [connections=50]
#
# The seeded database (mys_pages_N on the cluster of MYS_TEST_PG_ADMIN, or the project's local cluster when unset) is
# kept with its dev PKI in .local/pages-wrk/ so a second run starts at once; MYS_PAGES_RESEED=1 seeds it again,
# MYS_PAGES_DROP=1 drops it after the run. Port: MYS_PAGES_PORT (default 5391). Harness:
# benchmarks/Mys.Signing.Benchmarks/Pages.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
if [ -z "${MYS_TEST_PG_ADMIN:-}" ]; then
  ensure_packages
  ensure_cluster
fi
unset ConnectionStrings__Mys ConnectionStrings__MysMigrations
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
log "load before: $(uptime)"
status=0
dotnet run -c "$configuration" --no-build --project benchmarks/Mys.Signing.Benchmarks -- pages "${1:-1000000}" "${2:-20}" "${3:-50}" || status=$?
log "load after: $(uptime)"
if [ "${MYS_PAGES_DROP:-0}" = "1" ]; then
  dotnet run -c "$configuration" --no-build --project benchmarks/Mys.Signing.Benchmarks -- pages-drop "${1:-1000000}" || true
fi
exit "$status"
