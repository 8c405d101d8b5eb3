"""Byte-level PDF writing: tiny hand-written base documents and raw incremental updates (attacks need exact control)."""
import io
import re

FIXED_ID = b"<4d79732e5369676e696e6720636f7270> <4d79732e5369676e696e6720636f7270>"


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def build_pdf(objs: dict[int, bytes], root: int = 1, info: int | None = None, hidden: list[tuple[int, bytes]] = (), junk: bytes = b"") -> bytes:
    """A one-revision PDF with a classic xref. `hidden` objects are written into the body but not into the xref:
    they are what shadow attacks later activate. Offsets count from the first byte of the file (junk included)."""
    out = io.BytesIO()
    out.write(junk + b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n")
    for num, body in hidden:
        out.write(b"%d 0 obj\n" % num + body + b"\nendobj\n")
    size = max(objs) + 1
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for num in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 00000 f \n")
    trailer = b"/Size %d /Root %d 0 R /ID [%s]" % (size, root, FIXED_ID)
    if info:
        trailer += b" /Info %d 0 R" % info
    out.write(b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def last_startxref(data: bytes) -> int:
    return int(re.findall(rb"startxref\s+(\d+)", data)[-1])


def trailer_facts(data: bytes) -> dict:
    """/Root, /Size, /ID of the newest revision, via pyHanko's reader (handles xref streams)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    r = PdfFileReader(io.BytesIO(data), strict=False)
    try:
        ids = r.trailer["/ID"]
    except KeyError:
        ids = None
    return {"root": r.trailer.raw_get("/Root").idnum, "size": int(r.trailer["/Size"]),
            "id": b"[<%s> <%s>]" % (ids[0].original_bytes.hex().encode(), ids[1].original_bytes.hex().encode()) if ids else None}


def append_update(data: bytes, objs: dict[int, bytes], *, xref: bool = True, offsets: dict[int, int] | None = None,
                  prev: int | None = None, root: int | None = None, extra_trailer: bytes = b"") -> bytes:
    """Appends an incremental update with a classic xref section (or, xref=False, only the objects and no xref/trailer).
    `offsets` maps object numbers to existing byte offsets (xref-only updates of shadow attacks)."""
    facts = trailer_facts(data)
    out = io.BytesIO()
    out.write(data)
    if not data.endswith(b"\n"):
        out.write(b"\n")
    entries = dict(offsets or {})
    for num in sorted(objs):
        entries[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n")
    if not xref:
        return out.getvalue()
    start = out.tell()
    out.write(b"xref\n")
    for num in sorted(entries):
        out.write(b"%d 1\n%010d 00000 n \n" % (num, entries[num]))
    size = max([facts["size"]] + [n + 1 for n in entries])
    trailer = b"/Size %d /Root %d 0 R /Prev %d" % (size, root or facts["root"], last_startxref(data) if prev is None else prev)
    if facts["id"]:
        trailer += b" /ID " + facts["id"]
    out.write(b"trailer\n<< " + trailer + extra_trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % start)
    return out.getvalue()


CONTENT = (b"BT /F1 18 Tf 72 760 Td (Mys.Signing verification corpus - TEST document) Tj ET\n"
           b"BT /F1 14 Tf 72 730 Td (Odeme emri tutari: 1.000,00 TL) Tj ET\n"
           b"BT /F1 14 Tf 72 710 Td (Alici: Corpus Test Ltd.) Tj ET")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
INFO = b"<< /Producer (Mys.Signing corpus generator) /CreationDate (D:20260115100000Z) >>"
PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents %s%s >>")


def base_plain(junk: bytes = b"") -> bytes:
    return build_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      3: PAGE % (b"4 0 R", b""), 4: stream(CONTENT), 5: FONT, 6: INFO}, info=6, junk=junk)


def base_form() -> bytes:
    """One page, a text field `amount` with an appearance, and the AcroForm default resources."""
    ap = stream(b"/Tx BMC q BT /Helv 10 Tf 0 g 2 6 Td (1000,00) Tj ET Q EMC",
                b"/Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /Helv 5 0 R >> >> ")
    return build_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [7 0 R] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 5 0 R >> >> >> >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 3: PAGE % (b"4 0 R", b" /Annots [7 0 R]"), 4: stream(CONTENT), 5: FONT, 6: INFO,
        7: b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (amount) /V (1000,00) /DA (/Helv 10 Tf 0 g) /Rect [72 600 272 620] /F 4 /P 3 0 R /AP << /N 8 0 R >> >>",
        8: ap}, info=6)


SHADOW_OVERLAY = b"q 1 1 1 rg 60 700 500 80 re f Q"  # paints white over the amount and the payee
SHADOW_REPLACED = (b"BT /F1 18 Tf 72 760 Td (Mys.Signing verification corpus - TEST document) Tj ET\n"
                   b"BT /F1 14 Tf 72 730 Td (Odeme emri tutari: 9.000,00 TL) Tj ET\n"
                   b"BT /F1 14 Tf 72 710 Td (Alici: Shadow Attacker Ltd.) Tj ET")


def base_shadow() -> bytes:
    """PDF-Insecurity shadow documents: the signed revision carries, unreferenced by its xref, a second definition of
    object 5 (a white overlay: hide), of object 4 (other text: replace) and of page 3 with new contents 11 (hide-and-replace)."""
    page = PAGE.replace(b"/F1 5 0 R", b"/F1 10 0 R")
    return build_pdf(
        {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         3: page % (b"[4 0 R 5 0 R]", b""), 4: stream(CONTENT), 5: stream(b"% overlay placeholder"), 6: INFO, 10: FONT},
        info=6,
        hidden=[(5, stream(SHADOW_OVERLAY)), (4, stream(SHADOW_REPLACED)), (3, page % (b"11 0 R", b"")), (11, stream(SHADOW_REPLACED))])


def hidden_offset(data: bytes, num: int, index: int = -1) -> int:
    """Byte offset of the `index`-th definition of object `num` (shadow attacks point the xref at a hidden one)."""
    starts = [m.start() for m in re.finditer(rb"(?<![0-9])%d 0 obj" % num, data)]
    return starts[index]


SIG_PLACEHOLDER_HEX = 16384
BYTE_RANGE_PLACEHOLDER = b"/ByteRange [0 0000000000 0000000000 0000000000]"


def hand_sign(data: bytes, cms_for, *, root: int, page: int, page_body: bytes, catalog_body: bytes, size: int, prev: int,
              subfilter=b"/adbe.pkcs7.detached", id_=FIXED_ID) -> bytes:
    """Signs a simple document without any PDF library: appends signature dictionary, widget, new page and catalog and a
    classic xref; /ByteRange uses offsets from the first byte of the file; `cms_for(signed_bytes)` returns the DER CMS.
    `page_body`/`catalog_body` are the old dictionaries' inner text (without << >>)."""
    sig, widget = size, size + 1
    out = io.BytesIO()
    out.write(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}

    def obj(num, body):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + body + b"\nendobj\n")

    obj(sig, b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter " + subfilter + b" " + BYTE_RANGE_PLACEHOLDER
        + b" /M (D:20260115100000Z) /Reason (Corpus test signature, hand-built) /Contents <" + b"0" * SIG_PLACEHOLDER_HEX + b"> >>")
    obj(widget, b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %d 0 R /Rect [0 0 0 0] /F 132 /P %d 0 R >>" % (sig, page))
    obj(page, b"<< " + page_body + b" /Annots [%d 0 R] >>" % widget)
    obj(root, b"<< " + catalog_body + b" /AcroForm << /Fields [%d 0 R] /SigFlags 3 >> >>" % widget)
    start = out.tell()
    out.write(b"xref\n0 1\n0000000000 65535 f \n")
    for num in sorted(offsets):
        out.write(b"%d 1\n%010d 00000 n \n" % (num, offsets[num]))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R /Prev %d /ID [%s] >>\nstartxref\n%d\n%%%%EOF\n" % (widget + 1, root, prev, id_, start))
    pdf = bytearray(out.getvalue())
    contents_at = pdf.index(b"/Contents <", offsets[sig]) + len(b"/Contents ")
    a, b = contents_at, contents_at + SIG_PLACEHOLDER_HEX + 2
    br = b"/ByteRange [0 %010d %010d %010d]" % (a, b, len(pdf) - b)
    at = pdf.index(BYTE_RANGE_PLACEHOLDER, offsets[sig])
    pdf[at:at + len(br)] = br
    cms = cms_for(bytes(pdf[:a]) + bytes(pdf[b:]))
    hexed = cms.hex().encode()
    assert len(hexed) <= SIG_PLACEHOLDER_HEX
    pdf[a + 1:a + 1 + len(hexed)] = hexed
    return bytes(pdf)
