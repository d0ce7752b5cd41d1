"""The drawing work of a PDF, estimated and bounded before pdfminer/pdfplumber interpret any of it.

pdfminer + pdfplumber spend their time in the pages' content streams, roughly in proportion to what is in them.
Measured on the 2-core development machine (load ~2, pdfminer.six 20260107, pdfplumber 0.11.11):

- every byte of a content stream is tokenized: ~2-3 us (numbers, names, arrays);
- every glyph shown becomes a character object: ~50-60 us for each byte of a shown string;
- every painting or text-showing operator becomes a graphic object: ~30-350 us (rectangles the most; the
  table finder compares the edges of a page with each other, so their cost grows faster than their number).

`Work` adds these up as estimated microseconds on that machine (the US_PER_* weights). A Form XObject is counted
each time it is drawn (pdfminer interprets it again each time), with the forms it draws in turn, at most
MAX_FORM_DEPTH deep; a form that draws itself is refused. The fonts' ToUnicode maps count as content (pdfminer
parses them) and embedded font files are unpacked only up to a bound. A page or a document estimated above its
bound is refused before anything is interpreted, in well under a second. The bounds come from real reports
(tests/data/published/): the 60-page report printed by LibreOffice from Word is estimated at 5.6 s (its import
measured 2.3-3.0 s), its densest page (table 三) at 0.11 s; nianbao's own PDF export has pages of up to 0.2 s.
MAX_DOCUMENT_WORK is 4.5x that 60-page report (room for producers that place glyphs one by one), MAX_PAGE_WORK 15x
the densest page. A file just under the document bound is read like a long report: ~10-25 s here.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from nianbao.importers.published.mapper import ImportFailed

US_PER_BYTE = 3  # tokenizing a content-stream byte
US_PER_GLYPH_BYTE = 50  # a byte of a shown string: one character object (two for a CID glyph of two bytes)
US_PER_OPERATOR = 150  # a painting or text-showing operator: one graphic object

MAX_STREAM_BYTES = 4_000_000  # one decoded content stream (a text page has ~12 000 bytes)
MAX_PAGE_OPERATORS = 5_000  # the table finder's cost grows with the square of a page's edges; real pages: <= 300
MAX_PAGE_WORK = 3_000_000  # ~3 s on the development machine; the densest real page is ~0.2 s
MAX_DOCUMENT_WORK = 25_000_000  # ~25 s; a 60-page report printed by LibreOffice from Word is ~5.6 s
MAX_FORM_DEPTH = 8  # forms drawing forms; real documents nest one or two
# Fonts: pdfminer unpacks a font's ToUnicode map (parsed like content, so counted as its bytes) and may read the
# embedded font file. A subset CJK font is 0.05-2 MB, a whole one ~10-20 MB.
MAX_FONT_FILE_BYTES = 32_000_000
MAX_FONT_BYTES = 64_000_000  # all embedded font files together

_CHUNK = 65_536
# One token at a time: a string (its closing parenthesis optional, so an unclosed one cannot make the search
# quadratic), a hex string, a comment, the ID of an inline image (its data is skipped up to EI), a named XObject
# drawn, or a painting/text-showing operator.
_TOKEN = re.compile(
    rb"\((?:\\.|[^\\)])*+\)?"
    rb"|<[0-9A-Fa-f\s]*+>?"
    rb"|%[^\r\n]*+"
    rb"|(?<![A-Za-z*'\"])ID(?=\s)"
    rb"|/([^\s/\[\]()<>{}%]++)\s*+Do(?![A-Za-z*])"
    rb"|(?<![A-Za-z*'\"])(?:re|l|m|c|v|y|Tj|TJ|'|\"|sh|BI)(?![A-Za-z*'\"])",
    re.S,
)
_INLINE_END = re.compile(rb"\sEI(?![^\s])")


@dataclass
class Work:
    bytes: int = 0
    glyph_bytes: int = 0
    operators: int = 0

    @property
    def micros(self) -> int:
        return self.bytes * US_PER_BYTE + self.glyph_bytes * US_PER_GLYPH_BYTE + self.operators * US_PER_OPERATOR

    def add(self, other: Work, times: int = 1) -> None:
        self.bytes += other.bytes * times
        self.glyph_bytes += other.glyph_bytes * times
        self.operators += other.operators * times


class PdfBudget:
    """Walks the pages (as pdfminer's PDFPage objects) and the forms they draw, without interpreting anything."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.forms: dict[tuple[int, int], Work] = {}  # (form, resources it was drawn with) -> its work
        self.drawing: list[int] = []  # the forms being walked, to refuse a form that draws itself
        self.fonts_seen: set[int] = set()  # pdfminer loads a font once
        self.font_bytes = 0

    def refuse(self, why: str = "页面内容异常庞大") -> ImportFailed:
        return ImportFailed(f"“{self.name}”的{why}，不像是一份年度报告，已停止读取。")

    def check(self, pages: Iterable[Any]) -> Work:
        total = Work()
        for page in pages:
            work = self.streams(page.contents, page.resources, 0)
            if work.operators > MAX_PAGE_OPERATORS or work.micros > MAX_PAGE_WORK:
                raise self.refuse()
            total.add(work)
            if total.micros > MAX_DOCUMENT_WORK:
                raise self.refuse("内容总量异常庞大")
        return total

    def streams(self, streams: Iterable[Any], resources: Any, depth: int) -> Work:
        from pdfminer.pdftypes import resolve1

        work = Work()
        xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
        self.fonts(resources, work)
        for stream in streams:
            data = self.decoded(resolve1(stream))
            work.bytes += len(data)
            pos = 0
            while (m := _TOKEN.search(data, pos)) is not None:
                pos = m.end()
                token = m.group()
                if token[:1] == b"(":
                    work.glyph_bytes += len(token) - 2
                elif token[:1] == b"<":
                    work.glyph_bytes += len(re.sub(rb"[\s<>]", b"", token)) // 2
                elif token == b"ID":
                    end = _INLINE_END.search(data, pos)
                    pos = len(data) if end is None else end.end()
                elif m.group(1) is not None:
                    work.operators += 1
                    self.draw(m.group(1).decode("latin-1"), xobjects, resources, depth, work)
                elif token[:1] != b"%":
                    work.operators += 1
                # a page over its bound is refused however much more it holds; stop counting there
                if work.operators > MAX_PAGE_OPERATORS or work.micros > MAX_PAGE_WORK:
                    return work
        return work

    def draw(self, name: str, xobjects: Any, resources: Any, depth: int, work: Work) -> None:
        """`/name Do`: a form adds its own work (again at every use)."""
        from pdfminer.pdftypes import PDFStream, resolve1
        from pdfminer.psparser import LIT

        xobj = resolve1(xobjects.get(name)) if isinstance(xobjects, dict) else None
        if not isinstance(xobj, PDFStream) or resolve1(xobj.get("Subtype")) is not LIT("Form"):
            return
        if depth >= MAX_FORM_DEPTH:
            raise self.refuse("图形嵌套层数异常")
        key = id(xobj)
        if key in self.drawing:
            raise self.refuse("图形互相引用（循环）")
        own = resolve1(xobj.get("Resources"))
        used = own if isinstance(own, dict) else resources
        memo = (key, id(used))
        if memo not in self.forms:
            self.drawing.append(key)
            self.forms[memo] = self.streams([xobj], used, depth + 1)
            self.drawing.pop()
        work.add(self.forms[memo])

    def fonts(self, resources: Any, work: Work) -> None:
        """The ToUnicode maps (their bytes are parsed) and embedded font files (unpacked) of the fonts named in
        `resources`, each font once."""
        from pdfminer.pdftypes import PDFStream, resolve1

        fonts = resolve1(resources.get("Font")) if isinstance(resources, dict) else None
        for ref in fonts.values() if isinstance(fonts, dict) else ():
            font = resolve1(ref)
            if not isinstance(font, dict) or id(font) in self.fonts_seen:
                continue
            self.fonts_seen.add(id(font))
            descendants = resolve1(font.get("DescendantFonts"))
            for part in [font, *(resolve1(d) for d in descendants)] if isinstance(descendants, list) else [font]:
                if not isinstance(part, dict):
                    continue
                cmap = resolve1(part.get("ToUnicode"))
                if isinstance(cmap, PDFStream):
                    work.bytes += len(self.decoded(cmap, why="字体内容异常庞大"))
                descriptor = resolve1(part.get("FontDescriptor"))
                for key in ("FontFile", "FontFile2", "FontFile3") if isinstance(descriptor, dict) else ():
                    file = resolve1(descriptor.get(key))
                    if isinstance(file, PDFStream):
                        self.font_bytes += len(self.decoded(file, MAX_FONT_FILE_BYTES, "字体内容异常庞大"))
                        if self.font_bytes > MAX_FONT_BYTES:
                            raise self.refuse("字体内容异常庞大")

    def decoded(self, stream: Any, limit: int = MAX_STREAM_BYTES, why: str = "页面内容异常庞大") -> bytes:
        """The stream's data as pdfminer will see it, refused past MAX_STREAM_BYTES before it is all unpacked
        (a small file can hold a "zip bomb" stream of gigabytes)."""
        from pdfminer.ascii85 import ascii85decode, asciihexdecode
        from pdfminer.lzw import LZWDecoder
        from pdfminer.pdftypes import PDFStream
        from pdfminer.psparser import literal_name

        if not isinstance(stream, PDFStream):
            return b""
        data = stream.get_rawdata()
        if data is None:  # already decoded by pdfminer (a form drawn before): its size is known
            data = stream.get_data()
            if len(data) > limit:
                raise self.refuse(why)
            return data
        if (
            stream.decipher and stream.objid is not None and stream.genno is not None
        ):  # encrypted with an empty user password (printing allowed, copying "forbidden")
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        for f, _params in stream.get_filters():
            kind = literal_name(f)
            if kind in ("FlateDecode", "Fl"):
                data = _inflate(data, limit + 1)
            elif kind in ("ASCIIHexDecode", "AHx"):
                data = asciihexdecode(data)  # these two only shrink
            elif kind in ("ASCII85Decode", "A85"):
                data = ascii85decode(data)
            elif kind in ("LZWDecode", "LZW"):
                out = bytearray()
                for piece in LZWDecoder(io.BytesIO(data)).run():
                    out += piece
                    if len(out) > limit:
                        break
                data = bytes(out)
            else:  # RunLength, image codecs, Crypt: no PDF writer puts page content in them
                raise self.refuse("页面内容使用了不支持的压缩方式")
            if len(data) > limit:
                raise self.refuse(why)
        return data


def _inflate(data: bytes | memoryview, limit: int) -> bytes:
    """At most `limit` bytes of a zlib stream; a broken one gives what comes before the break (as pdfminer does)."""
    z = zlib.decompressobj()
    out = bytearray()
    for start in range(0, len(data), _CHUNK):
        try:
            out += z.decompress(data[start : start + _CHUNK], limit - len(out))
        except zlib.error:
            break
        if len(out) >= limit or z.eof:
            break
    return bytes(out)


# What pdfminer parses to open the file and find its pages (object syntax outside streams, object streams,
# cross-reference streams) costs ~3 us a byte, and pdfminer unpacks an object stream whole, without a bound.
# Real reports have 4-21 KB of it (LibreOffice prints of 3-60 pages, nianbao's own PDF export); 1 MB is ~50x that.
MAX_STRUCTURE_BYTES = 1_000_000
_STREAM = re.compile(rb">>\s*stream\r?\n")  # a stream's data follows its dictionary
_END_STREAM = re.compile(rb"endstream")
_PACKED_STRUCTURE = re.compile(rb"/Type\s*/(?:ObjStm|XRef)(?![A-Za-z])")


def check_structure(raw: bytes, name: str) -> None:
    """Refuse a file whose objects are too many for a report, before pdfminer parses any: the bytes outside streams
    plus the unpacked object and cross-reference streams (a stream found by its dictionary's /Type, Flate-unpacked
    with a bound; unpacked ones count as they are, with the syntax). A "stream" written in a comment starts none, so
    objects cannot be hidden from the count behind one."""
    view = memoryview(raw)
    syntax = 0
    packed = 0
    pos = 0
    while (start := _STREAM.search(raw, pos)) is not None:
        line = max(raw.rfind(b"\n", pos, start.start()), raw.rfind(b"\r", pos, start.start()), pos - 1) + 1
        if b"%" in raw[line : start.start()]:  # in a comment: no stream starts here (pdfminer skips it)
            syntax += start.end() - pos
            pos = start.end()
            continue
        syntax += start.start() - pos
        header = raw[max(pos, start.start() - 2_000) : start.start()]
        if _PACKED_STRUCTURE.search(header):
            packed += len(_inflate(view[start.end() :], MAX_STRUCTURE_BYTES + 1))
        end = _END_STREAM.search(raw, start.end())
        pos = len(raw) if end is None else end.end()
        if syntax + packed > MAX_STRUCTURE_BYTES:
            break
    syntax += len(raw) - pos
    if syntax + packed > MAX_STRUCTURE_BYTES:
        raise ImportFailed(f"“{name}”的对象数量异常庞大，不像是一份年度报告，已停止读取。")
