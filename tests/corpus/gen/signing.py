"""Signing helpers: pyHanko for PAdES, OpenSSL for hand-built CMS, poppler's pdfsig (NSS) as a third implementation."""
import datetime
import io
import pathlib
import subprocess
import tempfile

from asn1crypto import keys as akeys, x509 as ax509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

SIGNING_TIME = datetime.datetime(2026, 1, 15, 10, 0, 0, tzinfo=datetime.timezone.utc)


class Pki:
    def __init__(self, folder: pathlib.Path, built: dict):
        self.folder = folder
        self.built = built

    def cert(self, name) -> ax509.Certificate:
        return ax509.Certificate.load(self.built[name][0].public_bytes(serialization.Encoding.DER))

    def key(self, name) -> akeys.PrivateKeyInfo:
        key = self.built[name][1]
        return akeys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))

    def signer(self, name, prefer_pss=False, mechanism=None) -> signers.SimpleSigner:
        from asn1crypto import algos
        return signers.SimpleSigner(signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": mechanism}) if mechanism else None, signing_cert=self.cert(name), signing_key=self.key(name),
                                    cert_registry=SimpleCertificateStore.from_certs([self.cert("issuing-ca"), self.cert("root")]),
                                    prefer_pss=prefer_pss)

    def timestamper(self, at=SIGNING_TIME) -> DummyTimeStamper:
        return DummyTimeStamper(tsa_cert=self.cert("tsa"), tsa_key=self.key("tsa"), certs_to_embed=[self.cert("issuing-ca")],
                                fixed_dt=at, include_nonce=False)

    def pem(self, name, kind="crt") -> str:
        return str(self.folder / f"{name}.{kind}.pem")


def pyhanko_sign(pki: Pki, data: bytes, signer: str, field: str = "Signature1", *, md="sha256", pades=False, pss=False, certify=False,
                 docmdp=None, timestamp=False, new_field=True, reason="Corpus test signature", password: bytes | None = None,
                 field_lock=None, extra_meta: dict | None = None, mechanism=None) -> bytes:
    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    if password is not None:
        w.encrypt(password)
    meta = signers.PdfSignatureMetadata(
        field_name=field, md_algorithm=md, reason=reason, location="Ankara",
        subfilter=fields.SigSeedSubFilter.PADES if pades else fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
        certify=certify, **({"docmdp_permissions": docmdp} if docmdp is not None else {}), **(extra_meta or {}))
    slot = int(field[-1]) if field[-1].isdigit() else 0  # Signature1, Signature2... stacked on the page
    spec = fields.SigFieldSpec(field, on_page=0, box=(300, 60 + 60 * slot, 500, 100 + 60 * slot), field_mdp_spec=field_lock) if new_field else None
    out = signers.PdfSigner(meta, signer=pki.signer(signer, prefer_pss=pss, mechanism=mechanism), timestamper=pki.timestamper() if timestamp else None,
                            new_field_spec=spec).sign_pdf(w)
    return out.getvalue()


def pyhanko_timestamp(pki: Pki, data: bytes, field="DocTimeStamp1") -> bytes:
    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    out = signers.PdfTimeStamper(pki.timestamper(), field_name=field).timestamp_pdf(w, md_algorithm="sha256")
    return out.getvalue()


def run(*args, input: bytes | None = None) -> bytes:
    done = subprocess.run(list(args), input=input, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr.decode(errors='replace')[:500]}")
    return done.stdout


def openssl_cms(pki: Pki, signer: str, content: bytes, *, md="sha256", detached=True, extra=()) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp, "content")
        src.write_bytes(content)
        args = ["openssl", "cms", "-sign", "-binary", "-outform", "DER", "-in", str(src), "-signer", pki.pem(signer), "-inkey", pki.pem(signer, "key"),
                "-certfile", pki.pem("issuing-ca"), "-md", md, "-nosmimecap", *extra]
        if not detached:
            args.append("-nodetach")
        return run(*args)
