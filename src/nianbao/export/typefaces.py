"""The typefaces of a 公文 (GB/T 9704) by role, each as the names it has on Windows, macOS and Linux.

The first installed name wins; the Latin names come first so that digits and Latin letters are set in Times New Roman.
The HTML export writes these lists as CSS font-family values (`css`), the print preview hands them to Qt."""

from __future__ import annotations

LATIN = ("Times New Roman", "Times")
CJK_FALLBACK = ("Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei")
SONG = ("宋体", "SimSun", "Songti SC", *CJK_FALLBACK)  # page numbers
FANGSONG = (*LATIN, "仿宋_GB2312", "仿宋", "FangSong", "STFangsong", *CJK_FALLBACK)  # body text and tables
KAITI = (*LATIN, "楷体_GB2312", "楷体", "KaiTi", "STKaiti", *CJK_FALLBACK)  # second-level headings
# first-level headings: sans fallbacks first
HEITI = (*LATIN, "黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")
XBS = (*LATIN, "方正小标宋简体", "方正小标宋_GBK", "华文中宋", "STZhongsong", *SONG)  # the title


def css(names: tuple[str, ...], generic: str = "serif") -> str:
    """A CSS font-family value: names with spaces quoted, the generic family last."""
    return ", ".join([*(f"'{n}'" if " " in n else n for n in names), generic])
