"""Font files for the PDF export, found by file name in the system's font folders (no Qt, no fontconfig call).

Each role of the 公文 layout (body 仿宋, 楷体, 黑体, title 小标宋, page numbers 宋体) takes the first file present
from its list: the GB fonts and Windows' own (simfang.ttf, simkai.ttf, simhei.ttf, simsun.ttc, all TrueType), then
common CJK fonts of other systems, TrueType ones (AR PL, WenQuanYi) before the OpenType-CFF Noto/Source Han CJK.
In a collection the Simplified Chinese face is chosen by its name.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal

Role = Literal["body", "kai", "hei", "title", "song"]


@dataclass(frozen=True, slots=True)
class FontFile:
    path: str
    face: int = 0  # face number in a .ttc collection


FontSet = dict[Role, FontFile]

# TrueType before OpenType-CFF: the reduced copy of a TrueType font is made in 1-2 s, that of a CFF font (converted to
# TrueType outlines so that pdfminer reads the text, see pdf_font_cache.py) in 5-10 s; and a report with a character
# outside the copies is written with the system font, which pdfminer reads only if it is TrueType. Windows' fonts
# are TrueType anyway.
_TRUETYPE_SERIF: Final = ("uming.ttc", "wqy-zenhei.ttc", "wqy-microhei.ttc")
_TRUETYPE_SANS: Final = ("wqy-microhei.ttc", "wqy-zenhei.ttc", "uming.ttc")
_SERIF: Final = (
    *_TRUETYPE_SERIF, "NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf", "SourceHanSerif-Regular.ttc",
    "SourceHanSerifSC-Regular.otf", "NotoSansCJK-Regular.ttc",
)  # fmt: skip
_SANS: Final = (
    *_TRUETYPE_SANS, "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "SourceHanSans-Regular.ttc",
    "SourceHanSansSC-Regular.otf", "NotoSerifCJK-Regular.ttc",
)  # fmt: skip
# file names, first present wins (case-insensitive)
CANDIDATES: Final[dict[Role, tuple[str, ...]]] = {
    "body": ("仿宋_GB2312.ttf", "FS_GB2312.ttf", "simfang.ttf", "STFANGSO.TTF", *_SERIF),
    "kai": ("楷体_GB2312.ttf", "KT_GB2312.ttf", "simkai.ttf", "STKAITI.TTF", "ukai.ttc", *_SERIF),
    "hei": ("simhei.ttf", "STHEITI.TTF", *_SANS),
    "title": ("方正小标宋简体.ttf", "FZXBSJW.TTF", "FZXBSK.TTF", "STZHONGS.TTF", "simsun.ttc", *_SERIF),
    "song": ("simsun.ttc", "simsun.ttf", "STSONG.TTF", *_SERIF),
}


class FontsMissing(Exception):
    """No Chinese font file found; str(exc) is a Chinese message for the user."""


def font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", str(home / "AppData" / "Local")))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data = Path(os.environ.get("XDG_DATA_HOME", str(home / ".local" / "share")))
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data / "fonts", home / ".fonts"]


@cache
def _index() -> dict[str, str]:
    """Lower-case file name -> path, over the font folders (the first folder wins)."""
    found: dict[str, str] = {}
    for folder in font_dirs():
        for root, _dirs, files in os.walk(folder):
            for name in files:
                found.setdefault(name.lower(), os.path.join(root, name))
    return found


@cache
def _face(path: str) -> int:
    """The Simplified Chinese face of a collection (by its family name), else the first."""
    if not path.lower().endswith((".ttc", ".otc")):
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(path, lazy=True) as collection:
        for i, font in enumerate(collection.fonts):
            family = str(font["name"].getDebugName(1) or "")
            if family.endswith((" SC", " CN", " GB")) or "简" in family or family in ("SimSun", "宋体"):
                return i
    return 0


def find(names: tuple[str, ...]) -> FontFile | None:
    """The first of these font files installed (file names, case-insensitive), its Simplified Chinese face."""
    index = _index()
    path = next((index[n.lower()] for n in names if n.lower() in index), None)
    return None if path is None else FontFile(path, _face(path))


def system_fonts() -> FontSet:
    out: FontSet = {}
    for role, names in CANDIDATES.items():
        font = find(names)
        if font is None:
            raise FontsMissing(
                "找不到可用于 PDF 的中文字体（仿宋、楷体、黑体或宋体）。请安装中文字体后再导出 PDF，或改为导出 Word。"
            )
        out[role] = font
    return out
