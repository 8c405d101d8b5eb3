#!/usr/bin/env bash
# Issue 21: verification of a new document, the project's validator against a warm Apache PDFBox 2 + BouncyCastle
# harness (benchmarks/pdfbox/VerifyHarness.java) on the same one- and two-signature ÖEBs (/DSS with OCSP and CRLs),
# one thread each, alternating per document; prints both medians and p95, the ratio, the load average and which of
# the validator's caches were warm. Installs Debian's PDFBox, BouncyCastle and a JDK with apt when missing.
# Usage: benchmarks/verify-vs-pdfbox.sh [ROUNDS=40] [FILES_PER_KIND=5]
set -euo pipefail
rounds="${1:-40}"
per_kind="${2:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
jars=(/usr/share/java/pdfbox2.jar /usr/share/java/fontbox2.jar /usr/share/java/commons-logging.jar /usr/share/java/bcprov.jar
  /usr/share/java/bcpkix.jar /usr/share/java/bcutil.jar)
missing=0
for jar in "${jars[@]}"; do [[ -f "$jar" ]] || missing=1; done
command -v javac >/dev/null || missing=1
if [[ "$missing" == 1 ]]; then
  sudo_cmd=""
  [[ "$(id -u)" == 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -q --no-install-recommends libpdfbox2-java libbcprov-java libbcpkix-java default-jdk-headless >/dev/null
fi

classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
classpath="$(IFS=:; echo "${jars[*]}")"
javac -d "$classes" -cp "$classpath" "$root/benchmarks/pdfbox/VerifyHarness.java"
dotnet build "$root/benchmarks/Mys.Signing.Benchmarks" -c Release -nologo -v quiet >/dev/null
dotnet "$root/benchmarks/Mys.Signing.Benchmarks/bin/Release/net10.0/Mys.Signing.Benchmarks.dll" verify-vs-pdfbox "$classes:$classpath" "$rounds" "$per_kind"
