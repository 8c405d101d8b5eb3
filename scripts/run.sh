#!/usr/bin/env bash
# Runs Mys.Signing with demo data on http://127.0.0.1:5080 (installs what is missing, starts the local
# PostgreSQL cluster, applies migrations, seeds the demo organisation). Ctrl-C stops the app only.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_packages
ensure_cluster
cd "$REPO_ROOT"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
log "building"
# Quiet when it works; the compiler's (or restore's) own words when it does not.
if ! build_output=$(dotnet build src/Mys.Signing.Web -c Release -v quiet -nologo 2>&1); then
  printf '%s\n' "$build_output" >&2
  log "the build failed (above); nothing was started"
  exit 1
fi
log "serving on $ASPNETCORE_URLS"
exec dotnet run --project src/Mys.Signing.Web -c Release --no-build --no-launch-profile
