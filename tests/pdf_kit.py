"""Hand-made PDFs for the importer's bounds: pages of given content, Form XObjects, object streams.

Files are written the way PDF writers write them (a cross-reference table, or for object streams a
cross-reference stream), so pdfminer reads them without its fallback scan.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

RESOURCES = b"<< /Font << /F1 3 0 R >> /XObject << %s >> >>"


class Deflated(bytes):
    """Content already Flate-compressed (made piece by piece, so a huge content takes little memory to make)."""


def deflated(pieces: Iterable[bytes]) -> Deflated:
    z = zlib.compressobj(9)
    return Deflated(b"".join(z.compress(p) for p in pieces) + z.flush())


def flate(data: bytes, extra: bytes = b"") -> bytes:
    packed = data if isinstance(data, Deflated) else zlib.compress(data)
    return b"<< " + extra + b" /Length %d /Filter /FlateDecode >> stream\n" % len(packed) + packed + b"\nendstream"


def pdf_file(objects: dict[int, bytes], packed: Sequence[int] = (), padding: int = 0) -> bytes:
    """Object 1 is the catalog. Objects numbered in `packed` go into one object stream (PDF 1.5), followed by
    `padding` megabytes of spaces (compressed as they are made)."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    plain = {n: body for n, body in objects.items() if n not in packed}
    top = max(objects) + 1
    if packed:
        header = bytearray()
        body = bytearray()
        for n in packed:
            header += b"%d %d " % (n, len(body))
            body += objects[n] + b"\n"
        extra = b"/Type /ObjStm /N %d /First %d" % (len(packed), len(header))
        z = zlib.compressobj(9)
        data = z.compress(bytes(header + body)) + b"".join(z.compress(b" " * 1_000_000) for _ in range(padding))
        data += z.flush()
        plain[top] = b"<< %s /Length %d /Filter /FlateDecode >> stream\n" % (extra, len(data)) + data + b"\nendstream"
    for n in sorted(plain):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + plain[n] + b"\nendobj\n"
    if not packed:
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % top
        for n in range(1, top):
            out += b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
        out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (top, xref)
        return bytes(out)
    xref_n = top + 1
    offsets[xref_n] = len(out)
    rows = bytearray(b"\x00\x00\x00\x00\x00\xff\xff")
    index = {n: i for i, n in enumerate(packed)}
    for n in range(1, xref_n + 1):
        if n in index:
            rows += b"\x02" + top.to_bytes(4, "big") + index[n].to_bytes(2, "big")
        elif n in offsets:
            rows += b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00"
        else:
            rows += b"\x00\x00\x00\x00\x00\xff\xff"
    extra = b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R" % (xref_n + 1)
    out += b"%d 0 obj\n" % xref_n + flate(bytes(rows), extra) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_n]
    return bytes(out)


def pages_pdf(contents: Sequence[bytes], forms: Sequence[bytes] = (), packed: bool = False) -> bytes:
    """One page per content stream; forms /X0, /X1 ... (objects 10, 11 ...) may draw each other by those names.
    With `packed`, the catalog, page tree and page objects are in an object stream."""
    names = b" ".join(b"/X%d %d 0 R" % (i, 10 + i) for i in range(len(forms)))
    res = RESOURCES % names
    kids = b" ".join(b"%d 0 R" % (1000 + 2 * i) for i in range(len(contents)))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for i, form in enumerate(forms):
        objects[10 + i] = flate(form, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + res)
    page_ids = []
    for i, content in enumerate(contents):
        page_ids.append(1000 + 2 * i)
        objects[1000 + 2 * i] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
            % (res, 1001 + 2 * i)
        )
        objects[1001 + 2 * i] = flate(content)
    return pdf_file(objects, packed=[1, 2, *page_ids] if packed else ())


def text_page(text: str = "2023 annual report", y: int = 760) -> bytes:
    """A line of text (so a file is not refused as a scan)."""
    return b"BT /F1 12 Tf 72 %d Td (" % y + text.encode("latin-1") + b") Tj ET\n"
