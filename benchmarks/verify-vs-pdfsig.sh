#!/usr/bin/env bash
# Compares `mys verify` over N signed ÖEB PDFs in one process with a `pdfsig` loop over the same files
# (issue 4's performance check). Both check revocation against the dev OCSP/CRL service, which runs meanwhile.
# Usage: benchmarks/verify-vs-pdfsig.sh [N]   (default 200). Needs the packages scripts/test.sh installs.
set -euo pipefail
n="${1:-200}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${devpki_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
port=$((20000 + RANDOM % 20000))

dotnet build "$root/src/Mys.Signing.Cli" -c Release -nologo -v quiet >/dev/null
dotnet build "$root/src/Mys.Signing.DevPki" -c Release -nologo -v quiet >/dev/null
mys="$root/src/Mys.Signing.Cli/bin/Release/net10.0/mys.dll"
dotnet "$mys" demo-bundle --out "$work/bundle" --pki "$work/pki" --base-url "http://127.0.0.1:$port/devpki" >/dev/null
dotnet "$root/src/Mys.Signing.DevPki/bin/Release/net10.0/Mys.Signing.DevPki.dll" serve --out "$work/pki" --base-url "http://127.0.0.1:$port/devpki" >/dev/null 2>&1 &
devpki_pid=$!
sleep 3

mkdir -p "$work/pdfs" "$work/nss"
for i in $(seq 1 "$n"); do cp "$work/bundle/oeb.pdf" "$work/pdfs/oeb-$i.pdf"; done
certutil -N -d "sql:$work/nss" --empty-password
certutil -A -d "sql:$work/nss" -n root -t CT,C,C -i "$work/bundle/trust/root.pem"

start=$(date +%s%N)
dotnet "$mys" verify "$work"/pdfs/*.pdf --trust "$work/bundle/trust/root.pem" >"$work/mys.out"
mys_ms=$(( ($(date +%s%N) - start) / 1000000 ))
passed=$(grep -c '^TOTAL-PASSED' "$work/mys.out" || true)

start=$(date +%s%N)
for f in "$work"/pdfs/*.pdf; do pdfsig -nssdir "sql:$work/nss" "$f" >>"$work/pdfsig.out"; done
pdfsig_ms=$(( ($(date +%s%N) - start) / 1000000 ))
trusted=$(grep -c 'Certificate is Trusted' "$work/pdfsig.out" || true)

echo "files: $n (each with 2 PAdES B-T signatures)"
echo "mys verify, one process: ${mys_ms} ms total, $((mys_ms * 1000 / n)) µs per file, ${passed} TOTAL-PASSED"
echo "pdfsig loop:             ${pdfsig_ms} ms total, $((pdfsig_ms * 1000 / n)) µs per file, ${trusted} trusted signatures"
echo "ratio pdfsig/mys: $(echo "scale=2; $pdfsig_ms / $mys_ms" | bc)"
