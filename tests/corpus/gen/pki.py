"""Test-only PKI for the verification corpus.

Keys are generated once and committed (tests/corpus/pki/*.key.pem): they are TEST-ONLY keys, published on purpose,
never to be trusted anywhere. Certificates and CRLs are rebuilt from the keys with fixed serials and fixed times, so
re-running the generator reproduces them (RSA PKCS#1 v1.5 signatures are deterministic).
"""
import datetime
import pathlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

UTC = datetime.timezone.utc
NOT_BEFORE = datetime.datetime(2025, 1, 1, tzinfo=UTC)
NOT_AFTER = datetime.datetime(2035, 12, 31, tzinfo=UTC)
CRL_THIS_UPDATE = datetime.datetime(2026, 1, 1, tzinfo=UTC)
CRL_NEXT_UPDATE = datetime.datetime(2035, 12, 1, tzinfo=UTC)
CRL_BASE = "http://corpus.invalid/"



def _qc_statements() -> bytes:
    def oid(dotted: str) -> bytes:
        parts = [int(p) for p in dotted.split(".")]
        body = bytearray([parts[0] * 40 + parts[1]])
        for p in parts[2:]:
            chunk = [p & 0x7F]
            p >>= 7
            while p:
                chunk.append(0x80 | (p & 0x7F))
                p >>= 7
            body.extend(reversed(chunk))
        return bytes([0x06, len(body)]) + bytes(body)

    def seq(content: bytes) -> bytes:
        return bytes([0x30, len(content)]) + content

    return seq(seq(oid("0.4.0.1862.1.1")) + seq(oid("2.16.792.1.61.0.1.5070.1.1")))


SIGNERS = {
    # name: (key kind, common name, TCKN-like serialNumber)
    "signer-rsa": ("rsa2048", "Corpus RSA Signer", "10000000146"),
    "signer-rsa-pss": ("rsa2048", "Corpus RSA-PSS Signer", "10000000219"),
    "signer-p256": ("p256", "Corpus ECDSA P-256 Signer", "10000000383"),
    "signer-p384": ("p384", "Corpus ECDSA P-384 Signer", "10000000457"),
    "signer-ed25519": ("ed25519", "Corpus Ed25519 Signer", "10000000521"),
    "signer-ed448": ("ed448", "Corpus Ed448 Signer", "10000000695"),
}


def _new_key(kind: str):
    if kind == "rsa2048":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "p256":
        return ec.generate_private_key(ec.SECP256R1())
    if kind == "p384":
        return ec.generate_private_key(ec.SECP384R1())
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    if kind == "ed448":
        return ed448.Ed448PrivateKey.generate()
    raise ValueError(kind)


def _key(folder: pathlib.Path, name: str, kind: str):
    path = folder / f"{name}.key.pem"
    if path.exists():
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    key = _new_key(kind)
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return key


def _name(cn: str, serial_number: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "TR"), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Mys Signing Corpus (TEST ONLY)")]
    if serial_number:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def _cert(subject, subject_key, issuer_name, issuer_key, serial, extensions):
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name).public_key(subject_key.public_key())
               .serial_number(serial).not_valid_before(NOT_BEFORE).not_valid_after(NOT_AFTER))
    for ext, critical in extensions:
        builder = builder.add_extension(ext, critical)
    return builder.sign(issuer_key, hashes.SHA256())


def _crldp(name: str):
    return x509.CRLDistributionPoints([x509.DistributionPoint([x509.UniformResourceIdentifier(CRL_BASE + name)], None, None, None)])


def _crl(issuer_cert, issuer_key):
    return (x509.CertificateRevocationListBuilder().issuer_name(issuer_cert.subject).last_update(CRL_THIS_UPDATE)
            .next_update(CRL_NEXT_UPDATE).add_extension(x509.CRLNumber(1), False).sign(issuer_key, hashes.SHA256()))


def build(folder: pathlib.Path) -> dict:
    """Creates (or reloads) keys, writes certificates and CRLs; returns {name: (cert, key)}."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    root_key = _key(folder, "root", "rsa2048")
    root_name = _name("Mys Corpus TEST Root CA")
    ski = lambda k: (x509.SubjectKeyIdentifier.from_public_key(k.public_key()), False)
    aki = lambda k: (x509.AuthorityKeyIdentifier.from_issuer_public_key(k.public_key()), False)
    root = _cert(root_name, root_key, root_name, root_key, 0x1001, [
        (x509.BasicConstraints(ca=True, path_length=None), True),
        (x509.KeyUsage(False, False, False, False, False, True, True, False, False), True), ski(root_key)])
    out["root"] = (root, root_key)

    ca_key = _key(folder, "issuing-ca", "rsa2048")
    ca = _cert(_name("Mys Corpus TEST Issuing CA"), ca_key, root_name, root_key, 0x2001, [
        (x509.BasicConstraints(ca=True, path_length=0), True),
        (x509.KeyUsage(False, False, False, False, False, True, True, False, False), True), ski(ca_key), aki(root_key),
        (_crldp("root.crl"), False)])
    out["issuing-ca"] = (ca, ca_key)

    qc = x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3"), _qc_statements())
    for serial, (name, (kind, cn, tckn)) in enumerate(SIGNERS.items(), start=0x3001):
        key = _key(folder, name, kind)
        cert = _cert(_name(cn, tckn), key, ca.subject, ca_key, serial, [
            (x509.BasicConstraints(ca=False, path_length=None), True),
            (x509.KeyUsage(True, True, False, False, False, False, False, False, False), True), ski(key), aki(ca_key),
            (_crldp("issuing-ca.crl"), False), (qc, False)])
        out[name] = (cert, key)

    tsa_key = _key(folder, "tsa", "rsa2048")
    tsa = _cert(_name("Mys Corpus TEST Time-Stamping Authority"), tsa_key, ca.subject, ca_key, 0x4001, [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (x509.KeyUsage(True, True, False, False, False, False, False, False, False), True),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True), ski(tsa_key), aki(ca_key),
        (_crldp("issuing-ca.crl"), False)])
    out["tsa"] = (tsa, tsa_key)

    for name, (cert, _) in out.items():
        (folder / f"{name}.crt.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "root.crt.der").write_bytes(root.public_bytes(serialization.Encoding.DER))
    (folder / "root.crl").write_bytes(_crl(root, root_key).public_bytes(serialization.Encoding.DER))
    (folder / "issuing-ca.crl").write_bytes(_crl(ca, ca_key).public_bytes(serialization.Encoding.DER))
    (folder / "README.md").write_text(
        "TEST-ONLY keys and certificates of the verification corpus (see docs/verification-corpus.md).\n"
        "The private keys are published on purpose: never trust this root anywhere but in the corpus test.\n")
    return out


if __name__ == "__main__":
    import sys
    build(pathlib.Path(sys.argv[1]))
