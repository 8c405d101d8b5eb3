#!/usr/bin/env bash
# Runs Mys.Signing with demo data on http://127.0.0.1:5080 (installs what is missing, starts the local
# PostgreSQL cluster, applies migrations, seeds the demo organisation). Ctrl-C stops the app only.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_packages
cd "$REPO_ROOT"
log "building"
# Quiet when it works; the compiler's (or restore's) own words when it does not. Before the cluster: a build that
# fails starts nothing (no PostgreSQL, no app).
if ! build_output=$(dotnet build src/Mys.Signing.Web -c Release -v quiet -nologo 2>&1); then
  printf '%s\n' "$build_output" >&2
  log "the build failed (above); nothing was started"
  exit 1
fi
ensure_cluster
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
# The public verification links and the dev PKI's OCSP/CRL/CA addresses follow the address the app listens on (the
# first of ASPNETCORE_URLS; a wildcard host is reached as 127.0.0.1). Settings already in the environment win.
base_url="$(public_base_url "$ASPNETCORE_URLS")"
export Mys__PublicBaseUrl="${Mys__PublicBaseUrl:-$base_url}"
export Mys__DevPki__BaseUrl="${Mys__DevPki__BaseUrl:-$base_url/devpki}"
if [ "$base_url" != "http://127.0.0.1:5080" ] && [ -z "${Mys__DevPki__Folder:-}" ]; then
  # The dev PKI writes its URLs into its certificates once: another address gets its own PKI folder.
  export Mys__DevPki__Folder="$LOCAL_DIR/devpki-$(printf '%s' "$base_url" | tr -c 'A-Za-z0-9' '_')"
fi
log "public address $Mys__PublicBaseUrl (dev PKI: $Mys__DevPki__BaseUrl)"
log "serving on $ASPNETCORE_URLS"
exec dotnet run --project src/Mys.Signing.Web -c Release --no-build --no-launch-profile
