"""Intact cases: signatures made by independent implementations (pyHanko, OpenSSL, poppler/NSS), no change after signing
other than what the signatures permit. Every one must validate in pdfsig (or, for algorithms NSS lacks, in pyHanko)."""
import io
import pathlib
import tempfile

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigFieldSpec
from pyhanko.sign.signers.cms_embedder import PdfCMSEmbedder, SigIOSetup, SigObjSetup

import pdfraw
from signing import SIGNING_TIME, Pki, openssl_cms, pyhanko_sign, pyhanko_timestamp, run

PYHANKO = "pyHanko (snapshot of the upstream repository, see docs/verification-corpus.md)"


def with_empty_fields(data: bytes, *names: str) -> bytes:
    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    for i, name in enumerate(names):
        fields.append_signature_field(w, SigFieldSpec(name, on_page=0, box=(300, 200 + 60 * i, 500, 240 + 60 * i)))
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def fill_amount(data: bytes, value: str) -> bytes:
    """Form filling as a viewer does it: new /V on the text field and a new appearance stream."""
    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    field = w.root["/AcroForm"]["/Fields"][0]
    field["/V"] = pdf_string(value)
    ap = generic.StreamObject({pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
                               pdf_name("/BBox"): generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 200, 20)]),
                               pdf_name("/Resources"): generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject(
                                   {pdf_name("/Helv"): w.root["/AcroForm"]["/DR"]["/Font"].raw_get("/Helv")})})},
                              stream_data=b"/Tx BMC q BT /Helv 10 Tf 0 g 2 6 Td (%s) Tj ET Q EMC" % value.encode())
    field["/AP"] = generic.DictionaryObject({pdf_name("/N"): w.add_object(ap)})
    w.update_container(field)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def add_text_annotation(data: bytes, text: str) -> bytes:
    """A sticky note (commenting), what DocMDP P=3 permits."""
    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    page_ref = w.root["/Pages"]["/Kids"].raw_get(0)
    page = page_ref.get_object()
    annot = w.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Text"),
        pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (72, 500, 92, 520)]),
        pdf_name("/Contents"): pdf_string(text), pdf_name("/P"): page_ref, pdf_name("/F"): generic.NumberObject(4)}))
    annots = page.get("/Annots")
    if annots is None:
        page["/Annots"] = generic.ArrayObject([annot])
    else:
        annots.append(annot)
        if isinstance(page.raw_get("/Annots"), generic.IndirectObject):
            w.update_container(annots)
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def sha1_pkcs7(pki: Pki, data: bytes) -> bytes:
    """adbe.pkcs7.sha1 (pyHanko only writes detached subfilters): pyHanko reserves /Contents and the /ByteRange, OpenSSL
    signs the SHA-1 of the signed bytes as encapsulated id-data content, as ISO 32000-1 12.8.3.3.1 describes."""
    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    gen = PdfCMSEmbedder().write_cms(field_name="Signature1", writer=w)
    next(gen)
    sig_obj = signers.SignatureObject(bytes_reserved=16384)
    sig_obj["/SubFilter"] = pdf_name("/adbe.pkcs7.sha1")
    sig_obj["/Reason"] = pdf_string("Corpus test signature (adbe.pkcs7.sha1)")
    gen.send(SigObjSetup(sig_placeholder=sig_obj))
    prep, output = gen.send(SigIOSetup(md_algorithm="sha1", in_place=False))
    cms = openssl_cms(pki, "signer-rsa", prep.document_digest, md="sha1", detached=False)
    gen.send(cms)
    return output.getvalue()


def add_dss(pki: Pki, data: bytes) -> bytes:
    from asn1crypto import crl as acrl
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import add_validation_info
    from pyhanko_certvalidator import ValidationContext
    crls = [acrl.CertificateList.load((pki.folder / n).read_bytes()) for n in ("root.crl", "issuing-ca.crl")]
    vc = ValidationContext(trust_roots=[pki.cert("root")], crls=crls, allow_fetching=False,
                           moment=SIGNING_TIME)
    r = PdfFileReader(io.BytesIO(data), strict=False)
    out = add_validation_info(r.embedded_signatures[0], vc)
    return out.getvalue()


def qpdf_encrypt(data: bytes, bits: int) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = pathlib.Path(tmp, "in.pdf"), pathlib.Path(tmp, "out.pdf")
        src.write_bytes(data)
        run("qpdf", "--static-id", "--static-aes-iv", "--encrypt", "", "owner-corpus", str(bits), *(["--use-aes=y"] if bits == 128 else []), "--", str(src), str(dst))
        return dst.read_bytes()


def qpdf_xref_stream(data: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = pathlib.Path(tmp, "in.pdf"), pathlib.Path(tmp, "out.pdf")
        src.write_bytes(data)
        run("qpdf", "--static-id", "--object-streams=generate", str(src), str(dst))
        return dst.read_bytes()


def nss_db(pki: Pki, tmp: pathlib.Path) -> pathlib.Path:
    db = tmp / "nss"
    db.mkdir()
    run("certutil", "-N", "-d", f"sql:{db}", "--empty-password")
    run("certutil", "-A", "-d", f"sql:{db}", "-n", "root", "-t", "CT,C,C", "-i", pki.pem("root"))
    for name in ("signer-rsa",):
        p12 = tmp / f"{name}.p12"
        run("openssl", "pkcs12", "-export", "-in", pki.pem(name), "-inkey", pki.pem(name, "key"), "-certfile", pki.pem("issuing-ca"),
            "-name", name, "-out", str(p12), "-passout", "pass:corpus")
        run("pk12util", "-i", str(p12), "-d", f"sql:{db}", "-W", "corpus")
    return db


def pdfsig_sign(db: pathlib.Path, data: bytes, nick: str, field: str, *, etsi=False, digest="SHA256", existing=False) -> bytes:
    """pdfsig 22.12 cannot sign with ECDSA keys ("unable update signature") and refuses -etsi with -add-signature, so
    the ETSI case signs a field pre-created by pyHanko (-sign)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = pathlib.Path(tmp, "in.pdf"), pathlib.Path(tmp, "out.pdf")
        src.write_bytes(data)
        args = ["pdfsig", "-nssdir", f"sql:{db}", *(["-sign", field] if existing else ["-add-signature", "-new-signature-field-name", field]), "-nick", nick, "-digest", digest,
                "-reason", "Corpus test signature (pdfsig)"] + (["-etsi"] if etsi else []) + [str(src), str(dst)]
        run(*args)
        return dst.read_bytes()


def generate(corpus, pki: Pki):
    plain = pdfraw.base_plain()
    form = pdfraw.base_form()
    xstream = qpdf_xref_stream(plain)
    def intact(file, data, note, signatures=1, source=PYHANKO, cls=None):
        corpus.add(f"intact/{file}", data, source=source, category="intact", expect="PASSED_OR_INDETERMINATE",
                   cls=cls or "intact", signatures=signatures, note=note)
        return data

    rsa = intact("pyhanko-rsa-sha256.pdf", pyhanko_sign(pki, plain, "signer-rsa"), "RSA-2048 PKCS#1 v1.5, SHA-256, adbe.pkcs7.detached, classic xref.")
    intact("pyhanko-rsa-sha384.pdf", pyhanko_sign(pki, plain, "signer-rsa", md="sha384"), "RSA PKCS#1 v1.5, SHA-384.")
    intact("pyhanko-rsa-sha512.pdf", pyhanko_sign(pki, plain, "signer-rsa", md="sha512"), "RSA PKCS#1 v1.5, SHA-512.")
    intact("pyhanko-rsa-sha3-256.pdf", pyhanko_sign(pki, plain, "signer-rsa", md="sha3_256", mechanism="rsassa_pkcs1v15"), "RSA PKCS#1 v1.5 with SHA3-256 digest.")
    intact("pyhanko-rsa-pss-sha256.pdf", pyhanko_sign(pki, plain, "signer-rsa-pss", pss=True), "RSASSA-PSS, SHA-256, MGF1-SHA-256.")
    intact("pyhanko-ecdsa-p256-sha256.pdf", pyhanko_sign(pki, plain, "signer-p256"), "ECDSA P-256 with SHA-256.")
    intact("pyhanko-ecdsa-p384-sha384.pdf", pyhanko_sign(pki, plain, "signer-p384", md="sha384"), "ECDSA P-384 with SHA-384.")
    intact("pyhanko-ed25519.pdf", pyhanko_sign(pki, plain, "signer-ed25519", md="sha512"), "Ed25519 (RFC 8419, SHA-512 digest).")
    intact("pyhanko-ed448.pdf", pyhanko_sign(pki, plain, "signer-ed448", md="shake256"), "Ed448 (RFC 8419, SHAKE256 digest).")
    intact("pyhanko-cades-rsa.pdf", pyhanko_sign(pki, plain, "signer-rsa", pades=True), "ETSI.CAdES.detached (PAdES B-B, signing-certificate-v2).")
    intact("pyhanko-cades-rsa-timestamped.pdf", pyhanko_sign(pki, plain, "signer-rsa", pades=True, timestamp=True),
           "PAdES B-T: signature time-stamp from pyHanko's in-process DummyTimeStamper (corpus TSA).")
    intact("openssl-rsa-sha1-adbe-pkcs7-sha1.pdf", sha1_pkcs7(pki, plain),
           "adbe.pkcs7.sha1: encapsulated SHA-1 of the signed bytes, CMS by OpenSSL, placeholder by pyHanko. Legacy: a validator may call SHA-1 insufficient (INDETERMINATE), never FAILED.",
           source="pyHanko + openssl cms")

    two = pyhanko_sign(pki, rsa, "signer-p256", field="Signature2")
    intact("pyhanko-two-signatures-new-field.pdf", two, "Second signature (ECDSA) into a new field, appended after the first. Like every pyHanko "
           "update it also rewrites /Info (ModDate, Producer) and the catalog's /Version, /Extensions and /Metadata: routine, permitted changes.",
           signatures=2)
    prepared = with_empty_fields(plain, "Signature1", "Signature2")
    first = pyhanko_sign(pki, prepared, "signer-rsa", field="Signature1", new_field=False)
    intact("pyhanko-two-signatures-prepared-fields.pdf", pyhanko_sign(pki, first, "signer-p384", field="Signature2", new_field=False, md="sha384"),
           "Two pre-created empty signature fields, signed one after the other.", signatures=2)

    intact("pyhanko-certify-p1.pdf", pyhanko_sign(pki, plain, "signer-rsa", certify=True, docmdp=MDPPerm.NO_CHANGES),
           "Certification signature, DocMDP P=1, nothing after it.")
    p2 = pyhanko_sign(pki, with_empty_fields(form, "Signature2"), "signer-rsa", certify=True, docmdp=MDPPerm.FILL_FORMS)
    corpus.p2_certified = p2
    p2_filled = fill_amount(p2, "1500,00")
    corpus.p2_filled = p2_filled
    intact("pyhanko-certify-p2-fill-sign.pdf", pyhanko_sign(pki, p2_filled, "signer-p256", field="Signature2", new_field=False),
           "Certification P=2, then a form fill (new /V and appearance), then an approval signature into the pre-created field.", signatures=2)
    p3 = pyhanko_sign(pki, with_empty_fields(plain, "Signature2"), "signer-rsa", certify=True, docmdp=MDPPerm.ANNOTATE)
    corpus.p3_certified = p3
    intact("pyhanko-certify-p3-annotate-sign.pdf", pyhanko_sign(pki, add_text_annotation(p3, "Kontrol edildi"), "signer-p256", field="Signature2",
                                                                new_field=False),
           "Certification P=3, then a text annotation, then an approval signature into the pre-created field. (pyHanko's own diff "
           "policy does not support P=3 and calls the annotation unexplained; ISO 32000-1 12.8.2.2 permits it.)", signatures=2)
    stamped = intact("pyhanko-signature-then-doc-timestamp.pdf", pyhanko_timestamp(pki, pyhanko_sign(pki, plain, "signer-rsa", pades=True)),
                     "PAdES signature followed by a document time-stamp (ETSI.RFC3161, corpus TSA).", signatures=2)
    try:
        intact("pyhanko-dss-after-signature.pdf", add_dss(pki, pyhanko_sign(pki, plain, "signer-rsa", pades=True, timestamp=True)),
               "PAdES B-T plus a /DSS update (CRLs of the corpus CAs) written by pyHanko's add_validation_info, no network.")
    except Exception as ex:  # noqa: BLE001 - documented skip
        print("DSS case skipped:", ex)
    for bits in (128, 256):
        enc = qpdf_encrypt(plain, bits)
        intact(f"pyhanko-encrypted-aes{bits}.pdf", pyhanko_sign(pki, enc, "signer-rsa", password=b""),
               f"qpdf --encrypt '' owner {bits} (empty user password), then signed by pyHanko. A validator that cannot read encrypted files says INDETERMINATE (PDF_ENCRYPTED_UNSUPPORTED), never FAILED.")
    xs = intact("pyhanko-xref-stream.pdf", pyhanko_sign(pki, xstream, "signer-rsa"), "Base document with xref stream and object streams (qpdf), signed.")
    intact("pyhanko-xref-stream-two-signatures.pdf", pyhanko_sign(pki, xs, "signer-p256", field="Signature2"), "Xref-stream document, two signatures.",
           signatures=2)
    junk = pdfraw.base_plain(junk=b"JUNK" * 127 + b"\n")
    page_body = b"/Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R"
    hand = lambda base, signer: pdfraw.hand_sign(base, lambda d: openssl_cms(pki, signer, d), root=1, page=3, size=7,  # noqa: E731
                                                 prev=pdfraw.last_startxref(base), page_body=page_body, catalog_body=b"/Type /Catalog /Pages 2 0 R")
    intact("openssl-junk-before-header.pdf", hand(junk, "signer-rsa"),
           "508 bytes of junk before %PDF-; xref offsets and /ByteRange count from the first byte of the file, so the junk is signed too "
           "(pyHanko refuses the header, so the update is hand-written and the CMS made by openssl cms).", source="hand-written + openssl cms")
    intact("openssl-hand-built-ecdsa.pdf", hand(plain, "signer-p256"), "Hand-written signature update (classic xref), CMS by openssl cms, ECDSA P-256.",
           source="hand-written + openssl cms")

    with tempfile.TemporaryDirectory() as tmp:
        db = nss_db(pki, pathlib.Path(tmp))
        one = intact("pdfsig-rsa-sha256.pdf", pdfsig_sign(db, plain, "signer-rsa", "PdfSig1"), "poppler pdfsig -add-signature (NSS), RSA SHA-256.",
                     source="pdfsig 22.12 (NSS)")
        intact("pdfsig-rsa-etsi-existing-field.pdf", pdfsig_sign(db, with_empty_fields(plain, "Signature1"), "signer-rsa", "Signature1", etsi=True,
                                                                 existing=True, digest="SHA384"),
               "pdfsig -sign -etsi (ETSI.CAdES.detached, SHA-384) into an empty field pre-created by pyHanko.",
               source="pdfsig 22.12 (NSS)")
        intact("pdfsig-then-pyhanko.pdf", pyhanko_sign(pki, one, "signer-p256", field="Signature2"),
               "pdfsig signature followed by a pyHanko signature.", signatures=2, source="pdfsig 22.12 + pyHanko")

    content = b"Mys.Signing corpus detached CAdES content\n" * 20
    (corpus.root / "cades").mkdir(parents=True, exist_ok=True)
    (corpus.root / "cades/content.bin").write_bytes(content)
    corpus.cades_content = content
    for name, signer, md in (("rsa-sha256", "signer-rsa", "sha256"), ("ecdsa-p256-sha256", "signer-p256", "sha256"),
                             ("ecdsa-p384-sha384", "signer-p384", "sha384")):
        corpus.add(f"cades/openssl-{name}.p7s", openssl_cms(pki, signer, content, md=md), source="openssl cms -sign -binary -outform DER",
                   category="intact", expect="PASSED_OR_INDETERMINATE", cls="cades", signatures=1, content="cades/content.bin",
                   note=f"Detached CAdES/CMS over cades/content.bin, {name}.")
    corpus.intact = {"rsa": rsa, "two": two, "stamped": stamped, "plain": plain, "form": form, "xref_stream": xs}
