#!/usr/bin/env bash
# End-to-end batch signing measurement (issue 5): N ÖEBs (default 50) signed by the realization officer through the
# signing page in Debian's Chromium, the real agent (child process) and a SoftHSM2 token, until every signature is
# stored; reports server prepare/complete, agent and card time. Target: 50 ÖEBs under 10 s.
# Usage: benchmarks/browser-signing-batch.sh [N]. Needs the local PostgreSQL cluster (scripts/test.sh or scripts/run.sh
# start it; MYS_TEST_PG_ADMIN overrides) and the packages scripts/test.sh installs (softhsm2, opensc, chromium).
# The harness is tests/Mys.Signing.Web.Tests/Browser/BrowserSigningMeasurement.cs, skipped unless MYS_MEASURE_SIGNING is set.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export MYS_MEASURE_SIGNING="${1:-50}"
export MYS_TEST_ARTIFACTS="${MYS_TEST_ARTIFACTS:-$root/.local/test-artifacts}"
configuration="${CONFIGURATION:-Release}"
dotnet test "$root/tests/Mys.Signing.Web.Tests" -c "$configuration" -nologo \
    --filter "FullyQualifiedName~BrowserSigningMeasurement" --logger "console;verbosity=normal" >/dev/null
cat "$MYS_TEST_ARTIFACTS/browser-signing-batch.txt"
