"""Second opinions for the manifest (documentation, not asserted by the C# test): poppler's pdfsig, qpdf --check, pyHanko's
own validator, and openssl cms -verify for the detached CAdES files. Also the guard that every intact file is intact."""
import io
import logging
import pathlib
import re
import signal
import subprocess
import tempfile

from asn1crypto import crl as acrl
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext

from signing import SIGNING_TIME


def _run(args):
    done = subprocess.run(args, capture_output=True)
    return done.returncode, (done.stdout + done.stderr).decode(errors="replace")


def pdfsig(db: pathlib.Path, path: pathlib.Path) -> tuple[str, list[str]]:
    code, out = _run(["pdfsig", "-nssdir", f"sql:{db}", str(path)])
    sigs = re.split(r"^Signature #\d+:", out, flags=re.M)[1:]
    verdicts = []
    for block in sigs:
        sig = re.search(r"Signature Validation: (.*)", block)
        cert = re.search(r"Certificate Validation: (.*)", block)
        total = "whole file" if "Total document signed" in block else ("part of the file" if "Not total document signed" in block else "")
        verdicts.append(" / ".join(x for x in ((sig.group(1).strip() if sig else "no verdict"), (cert.group(1).strip() if cert else ""), total) if x))
    if not sigs:
        first = next((line for line in out.splitlines() if line.strip() and "NSS_Shutdown" not in line), f"exit {code}")
        return f"no signature read ({first.strip().replace(str(path), path.name)[:120]})", []
    return "; ".join(f"#{i + 1}: {v}" for i, v in enumerate(verdicts)), verdicts


def qpdf_check(path: pathlib.Path) -> str:
    code, out = _run(["qpdf", "--check", str(path)])
    if code == 0:
        return "ok"
    first = next((line for line in out.splitlines() if "WARNING" in line or "qpdf:" in line or "error" in line.lower()), out.strip()[:200])
    first = first.replace(str(path), path.name)
    return ("warnings: " if code == 3 else "errors: ") + first.strip()[:200]


class _Timeout(Exception):
    pass


def pyhanko_opinion(pki, data: bytes) -> tuple[str, bool]:
    """pyHanko's verdict, bounded to 30 s (its reader loops forever on some hostile files, e.g. a /Prev loop)."""
    def on_alarm(*_):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(30)
    try:
        return _pyhanko_opinion(pki, data)
    except _Timeout:
        return "error: no answer within 30 s", False
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _pyhanko_opinion(pki, data: bytes) -> tuple[str, bool]:
    crls = [acrl.CertificateList.load((pki.folder / n).read_bytes()) for n in ("root.crl", "issuing-ca.crl")]
    try:
        r = PdfFileReader(io.BytesIO(data), strict=False)
        if r.encrypted:
            r.decrypt("")
        parts, ok = [], True
        for sig in r.embedded_signatures:
            vc = ValidationContext(trust_roots=[pki.cert("root")], crls=crls, allow_fetching=False, moment=SIGNING_TIME)
            if sig.sig_object_type == "/DocTimeStamp":
                st = validate_pdf_timestamp(sig, validation_context=vc)
                good = st.intact and st.valid
                parts.append(f"{sig.field_name}: timestamp {'intact+valid' if good else 'NOT valid'}")
            else:
                st = validate_pdf_signature(sig, signer_validation_context=vc)
                good = st.intact and st.valid and (st.docmdp_ok is not False)
                level = getattr(st.modification_level, "name", st.modification_level)
                parts.append(f"{sig.field_name}: {'intact+valid' if st.intact and st.valid else 'NOT valid'}, "
                             f"modifications {level}, docmdp_ok={st.docmdp_ok}")
            ok = ok and good
        return ("; ".join(parts) or "no signature"), ok and bool(parts)
    except Exception as ex:  # noqa: BLE001 - an opinion, not a verdict
        return f"error: {type(ex).__name__}: {str(ex)[:150]}", False


def openssl_verify(pki, p7s: pathlib.Path, content: pathlib.Path) -> str:
    code, out = _run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(p7s), "-content", str(content),
                      "-CAfile", pki.pem("root"), "-purpose", "any", "-out", "/dev/null", "-attime", "1768471200"])
    return "Verification successful" if code == 0 else "failed: " + next((l for l in out.splitlines() if l.strip()), "")[:150]


def nss_db(pki, tmp: pathlib.Path) -> pathlib.Path:
    db = tmp / "nss-verify"
    db.mkdir()
    _run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"])
    _run(["certutil", "-A", "-d", f"sql:{db}", "-n", "corpus-root", "-t", "CT,C,C", "-i", pki.pem("root")])
    return db


# Algorithms NSS 3.87 (Debian 12) cannot verify in CMS; for these an intact file is proven by pyHanko instead.
PDFSIG_BLIND = ("ed25519", "ed448", "sha3")


def record(corpus, pki):
    logging.disable(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as tmp:
        db = nss_db(pki, pathlib.Path(tmp))
        problems = []
        for entry in corpus.entries:
            path = corpus.root / entry["file"]
            if path.suffix == ".p7s":
                entry["openssl"] = openssl_verify(pki, path, corpus.root / entry["content"])
                if entry["category"] == "intact" and entry["openssl"] != "Verification successful":
                    problems.append(f"{entry['file']}: {entry['openssl']}")
                continue
            summary, verdicts = pdfsig(db, path)
            entry["pdfsig"] = summary
            entry["qpdf"] = qpdf_check(path)
            entry["pyhanko"], pyhanko_ok = pyhanko_opinion(pki, path.read_bytes())
            if entry["category"] != "intact":
                continue
            expected = entry.get("signatures", 1)
            # pdfsig 22.12 does not verify document time-stamps ("not yet been verified"): pyHanko vouches for those.
            pdfsig_ok = len(verdicts) == expected and all(
                v.startswith("Signature is Valid.") or (pyhanko_ok and v.startswith("Signature has not yet been verified")) for v in verdicts)
            blind = any(word in entry["file"] for word in PDFSIG_BLIND)
            if not pdfsig_ok and not (blind and pyhanko_ok):
                problems.append(f"{entry['file']}: pdfsig says {summary}; pyHanko says {entry['pyhanko']}")
        if problems:
            raise SystemExit("intact files that are not intact:\n  " + "\n  ".join(problems))
