"""A reduced copy of each CJK font file for the PDF export, kept in the user cache folder.

A system CJK font holds 30,000–65,000 glyphs (Windows' simsun.ttc, Noto CJK); fpdf2 reads the whole font's
metrics, character map and glyph table on every export, which costs most of an export's time. The copy kept here
holds only the characters a report is written with (ASCII, Latin-1, general and CJK punctuation, full-width forms
and the 7,445 characters of GB 2312, about 7,900 glyphs), without hinting, layout and bitmap tables, so fpdf2 reads
a font a quarter of the size. Glyph names are stored (post table format 2): without them fontTools derives every
glyph's name from the character map each time fpdf2 reads the font, half of the reading time (82 -> 34 ms a font).
It is made once per font file with fontTools' subsetter and named after the file's path, face, size and
modification time, so a changed or replaced font makes a new copy.

The copy of an OpenType-CFF font (Noto/Source Han CJK, CID-keyed) gets TrueType outlines: fpdf2 writes a CID-keyed
CFF font with its own code-to-CID map as an embedded Encoding CMap, which pdfminer (pdfplumber, our published-report
importer) does not parse: it looks the CMap's name ("Adobe-Identity-UCS") up among its predefined CMaps, finds none
and decodes no character. A TrueType font is written as Identity-H with a CIDToGIDMap, which every reader takes.

A report with a character outside that set is written with the system font itself (slower, same result; with a CFF
system font pdfminer then reads no text, pdftotext and viewers do). When the cache folder cannot be written the
system font is used as well.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

from nianbao import paths
from nianbao.export.pdf_fonts import FontFile

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

RECIPE: Final = 3  # bump when the copies change (2: CFF converted to TrueType; 3: glyph names), so old ones go
MAX_ERROR: Final = 1.0  # cu2qu's tolerance, in font units (1/1000 or 1/1024 em): invisible at any print size
_building = threading.Lock()  # one copy made at a time (the export and the background preparation)


@cache
def covered() -> frozenset[str]:
    """The characters every reduced font keeps (where the system font has them)."""
    ranges = [(0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2070), (0x2190, 0x2200), (0x2460, 0x2500), (0x3000, 0x3040),
              (0xFF00, 0xFFF0)]  # fmt: skip
    chars = {chr(c) for lo, hi in ranges for c in range(lo, hi)}
    for hi in range(0xA1, 0xF8):  # every two-byte code of GB 2312, through Python's own codec
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((hi, lo)).decode("gb2312"))
    return frozenset(chars)


def cache_path(font: FontFile) -> Path | None:
    try:
        st = os.stat(font.path)
    except OSError:
        return None
    src = Path(font.path)
    tag = zlib.crc32(os.fsencode(font.path)) & 0xFFFFFFFF
    name = f"pdf-font-{RECIPE}-{src.stem}-{font.face}-{st.st_size}-{st.st_mtime_ns}-{tag:08x}.ttf"
    return paths.cache_dir() / "fonts" / name


@cache
def _is_cff(font: FontFile) -> bool:
    from fontTools.ttLib import TTFont

    with TTFont(font.path, fontNumber=font.face, lazy=True) as tt:
        return "CFF " in tt or "CFF2" in tt


def _build(font: FontFile, target: Path) -> None:
    if _is_cff(font):
        _build_truetype(font, target)
    else:
        _build_subset(font, target)
    tag = target.stem.rsplit("-", 1)[1]
    for old in target.parent.glob(f"pdf-font-*-{Path(font.path).stem}-{font.face}-*-{tag}.*"):
        if old != target and old.suffix in (".ttf", ".otf"):  # an earlier copy of this font, left by an older version
            with contextlib.suppress(OSError):
                old.unlink()


def _save(font: TTFont, target: Path) -> None:
    """Atomically: an export in another process never reads a half-written copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        font.save(str(tmp))
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _build_truetype(font: FontFile, target: Path) -> None:
    """A CFF font's covered glyphs drawn through cu2qu into a new TrueType font (metrics, names and OS/2 kept).
    Drawing only the kept glyphs is also quicker than the subsetter, which runs every kept charstring twice."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    with TTFont(font.path, fontNumber=font.face, lazy=True) as src:
        chars = covered()
        cmap = {cp: name for cp, name in src.getBestCmap().items() if chr(cp) in chars}
        keep = {".notdef", *cmap.values()}
        order = [name for name in src.getGlyphOrder() if name in keep]
        outlines = src.getGlyphSet()
        glyphs = {}
        for name in order:
            pen = TTGlyphPen(None)
            outlines[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))  # TrueType contours run clockwise
            glyphs[name] = pen.glyph()
        head, hhea, post = src["head"], src["hhea"], src["post"]
        builder = FontBuilder(head.unitsPerEm, isTTF=True)
        builder.setupGlyphOrder(order)
        builder.setupCharacterMap(cmap)
        builder.setupGlyf(glyphs)
        advances = src["hmtx"].metrics
        builder.setupHorizontalMetrics({n: (advances[n][0], getattr(glyphs[n], "xMin", 0)) for n in order})
        builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
        builder.updateHead(fontRevision=head.fontRevision, macStyle=head.macStyle, created=head.created)
        builder.font["name"] = src["name"]
        builder.font["OS/2"] = src["OS/2"]
        builder.setupPost(
            keepGlyphNames=True, italicAngle=post.italicAngle, underlinePosition=post.underlinePosition,
            underlineThickness=post.underlineThickness, isFixedPitch=post.isFixedPitch,
        )  # fmt: skip
        _save(builder.font, target)


def _store_glyph_names(font: TTFont) -> None:
    """post table format 2 with the current glyph names (fonts often ship format 3, names left to be derived)."""
    post = font["post"]
    if post.formatType != 2.0:
        post.formatType = 2.0
        post.extraNames = []
        post.mapping = {}


def _build_subset(font: FontFile, target: Path) -> None:
    from fontTools import subset

    options = subset.Options()
    options.font_number = font.face
    options.glyph_names = True
    options.hinting = False  # the PDF is viewed and printed scaled; viewers hint themselves
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.layout_features = []  # no shaping is done (fpdf2 without HarfBuzz)
    options.name_IDs = ["*"]
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "BDF", "EBDT", "EBLC", "EBSC", "FFTM",
                            "DSIG", "VORG", "vhea", "vmtx"]  # fmt: skip
    tt = subset.load_font(font.path, options, lazy=True)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(covered())))
        subsetter.subset(tt)
        _store_glyph_names(tt)
        _save(tt, target)
    finally:
        tt.close()


def reduced(font: FontFile) -> FontFile:
    """The reduced copy of ``font`` (made on first use), or ``font`` itself when no copy can be made."""
    copy = _reduced(font)
    if copy != font and not os.path.exists(copy.path):  # the cache folder was emptied meanwhile
        _reduced.cache_clear()
        copy = _reduced(font)
    return copy


@cache  # once per process: a lookup costs a stat and a font header read
def _reduced(font: FontFile) -> FontFile:
    target = cache_path(font)
    if target is None:
        return font
    with _building:
        if not target.exists():
            try:
                _build(font, target)
            except Exception:  # an unreadable font or a read-only cache: the system font still works
                logging.getLogger(__name__).warning("reduced copy of %s not made", font.path, exc_info=True)
                return font
    return FontFile(str(target), 0)
