#!/usr/bin/env bash
# Measures two commits on the same machine in the same run, alternating them, so that a change's cost is not hidden
# by the machine's load drifting between two separate runs:
#   - the server signing a batch of N ÖEBs (signing-batch: prepare + card + complete, both signers), `runs` each time;
#   - `mys verify` over M signed ÖEB PDFs against a pdfsig loop (verify-vs-pdfsig.sh).
# Usage: benchmarks/before-after.sh BEFORE AFTER [rounds=2] [N=100] [runs=8] [M=200]
# BEFORE/AFTER: anything `git worktree add` accepts (commit, branch). Needs what scripts/test.sh installs and a
# running PostgreSQL: MYS_TEST_PG_ADMIN, or the project's local cluster (started by scripts/test.sh or run.sh).
set -euo pipefail
before="$1"; after="$2"; rounds="${3:-2}"; n="${4:-100}"; runs="${5:-8}"; m="${6:-200}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${devpki_pid:-0}" 2>/dev/null || true; for t in before after; do git -C "$root" worktree remove --force "$work/$t" 2>/dev/null || true; done; rm -rf "$work"' EXIT

if [[ -z "${MYS_TEST_PG_ADMIN:-}" ]]; then
  # shellcheck source=../scripts/lib.sh
  source "$root/scripts/lib.sh"
  ensure_cluster >/dev/null # exports MYS_TEST_PG_ADMIN
fi

for t in before after; do
  rev="$before"; [[ "$t" == after ]] && rev="$after"
  git -C "$root" worktree add --detach "$work/$t" "$rev" >/dev/null 2>&1
  echo "[$t] $(git -C "$work/$t" log --oneline -1)"
  for project in benchmarks/Mys.Signing.Benchmarks src/Mys.Signing.Cli src/Mys.Signing.DevPki; do
    dotnet build "$work/$t/$project" -c Release -nologo -v quiet >/dev/null
  done
done

for r in $(seq 1 "$rounds"); do
  for t in before after; do
    echo "== round $r, $t: signing-batch $n $runs"
    (cd "$work/$t" && dotnet run -c Release --no-build --project benchmarks/Mys.Signing.Benchmarks -- signing-batch "$n" "$runs")
  done
  for t in before after; do
    echo "== round $r, $t: verify-vs-pdfsig $m"
    "$work/$t/benchmarks/verify-vs-pdfsig.sh" "$m"
  done
done

# The same 200 files verified by both builds, many times (hyperfine: mean ± σ), one process per run as an operator runs it.
if command -v hyperfine >/dev/null; then
  port=$((20000 + RANDOM % 20000))
  mys_after="$work/after/src/Mys.Signing.Cli/bin/Release/net10.0/mys.dll"
  dotnet "$mys_after" demo-bundle --out "$work/bundle" --pki "$work/pki" --base-url "http://127.0.0.1:$port/devpki" >/dev/null
  dotnet "$work/after/src/Mys.Signing.DevPki/bin/Release/net10.0/Mys.Signing.DevPki.dll" serve --out "$work/pki" --base-url "http://127.0.0.1:$port/devpki" >/dev/null 2>&1 &
  devpki_pid=$!
  sleep 3
  mkdir -p "$work/pdfs"
  for i in $(seq 1 "$m"); do cp "$work/bundle/oeb.pdf" "$work/pdfs/oeb-$i.pdf"; done
  hyperfine --warmup 2 --runs 15 \
    -n before "dotnet $work/before/src/Mys.Signing.Cli/bin/Release/net10.0/mys.dll verify $work/pdfs/*.pdf --trust $work/bundle/trust/root.pem >/dev/null" \
    -n after "dotnet $mys_after verify $work/pdfs/*.pdf --trust $work/bundle/trust/root.pem >/dev/null"
else
  echo "hyperfine is not installed (apt-get install hyperfine): the repeated verify comparison is skipped"
fi
