"""Text as it enters the report (file, typing, paste, import): nothing that breaks an export or hides text.

Removed: lone surrogates (cannot be encoded as UTF-8: every save and export would fail), control characters
other than tab and newline (Word and Excel refuse them), and bidirectional overrides/isolates (they make text
read differently from what it holds). Carriage returns become newlines.
"""

from __future__ import annotations

import re
from typing import Final

MAX_ISSUER: Final = 100  # 发布机关: the longest real names are under 40 characters
MAX_CONTACT: Final = 500
MAX_LEVEL: Final = 20
MAX_CHAPTER: Final = 50_000  # published reports stay under 10,000 characters a chapter
MAX_NOTE: Final = 2_000  # 出错说明 of an accepted warning

_BAD: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_BAD_LINE: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean(text: str, single_line: bool = False) -> tuple[str, int]:
    """(cleaned text, number of characters removed). Newlines in a single-line field become spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if single_line:
        text = text.replace("\n", " ").replace("\t", " ")
        out, n = _BAD_LINE.subn("", text)
    else:
        out, n = _BAD.subn("", text)
    return out, n


def clean_text(text: str, single_line: bool = False) -> str:
    return clean(text, single_line)[0]


def removed_note(count: int, where: str) -> str:
    return f"{where}中有 {count} 个无法保存或显示的字符（控制字符、不成对的代理字符或文字方向控制符），已删除。"
