#!/usr/bin/env bash
# Runs every test project against the real PostgreSQL cluster, SoftHSM2 and Chromium; exits non-zero on any
# failure and ends with one line "N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_packages
ensure_cluster
ensure_object_store
cd "$REPO_ROOT"
results="$LOCAL_DIR/test-results"
rm -rf "$results" && mkdir -p "$results"

# Databases left behind by an interrupted earlier run.
for db in $(psql_admin -c "SELECT datname FROM pg_database WHERE datname LIKE 'mys_t_%'"); do
  psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
done

log "building"
dotnet build Mys.Signing.sln -c Release -nologo -v quiet
set +e
dotnet test Mys.Signing.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000 \
  2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
set -e

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
  f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
