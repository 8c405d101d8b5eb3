#!/usr/bin/env bash
# Regenerates the verification corpus (tests/corpus): test PKI, signed PDFs, attacks, manifest.json.
# Needs python3 (>= 3.10, with venv), qpdf, openssl, poppler-utils (pdfsig), libnss3-tools (certutil, pk12util), faketime.
# pyHanko comes from PyPI (pip install pyhanko==0.38.0 pyhanko-certvalidator) or, where PyPI is not reachable, from a
# local checkout of its repository given as PYHANKO_SRC (its pkgs/*/src folders are put on the venv's path; asn1crypto,
# tzlocal, oscrypto, uritools and lxml then come from Debian's python3-* packages).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$repo/.local/corpus-venv"
py="$venv/bin/python"

if [ ! -x "$py" ]; then
  python3 -m venv --system-site-packages "$venv"
fi
if ! "$py" -c "import pyhanko.sign, pyhanko_certvalidator" 2>/dev/null; then
  if ! "$venv/bin/pip" install -q "pyhanko==0.38.0" pyhanko-certvalidator; then
    : "${PYHANKO_SRC:?PyPI not reachable: set PYHANKO_SRC to a pyHanko repository checkout (see docs/verification-corpus.md)}"
    deps="$repo/.local/corpus-debian-py"
    mkdir -p "$deps"
    for p in asn1crypto tzlocal pytz_deprecation_shim oscrypto uritools lxml; do
      ln -sfn "/usr/lib/python3/dist-packages/$p" "$deps/$p"
    done
    site="$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    printf '%s\n' "$PYHANKO_SRC/pkgs/pyhanko/src" "$PYHANKO_SRC/pkgs/pyhanko-certvalidator/src" "$deps" > "$site/corpus-pyhanko.pth"
  fi
fi
"$py" -c "import pyhanko.sign, pyhanko_certvalidator"

# A fixed clock (it still advances, so nothing waits forever) makes /M, signingTime and certificates reproducible.
faketime_lib="$(dpkg -L libfaketime 2>/dev/null | grep -m1 'libfaketime.so.1$' || true)"
if [ -z "$faketime_lib" ]; then
  echo "faketime is missing (apt-get install faketime)" >&2
  exit 1
fi
cd "$here/gen"
TZ=UTC LD_PRELOAD="$faketime_lib" FAKETIME="@2026-01-15 10:00:00" "$py" build.py "$here"
doc="$repo/docs/verification-corpus.md"
if [ -f "$doc" ]; then
  "$py" doc_table.py "$here/manifest.json" "$doc"
fi
