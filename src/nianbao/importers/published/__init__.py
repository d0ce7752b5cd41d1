"""Published reports (Word, PDF, web pages, copied text) read into a report by their printed labels.

Every front-end turns its file into rows of cell texts; `mapper` maps them onto the format. Reading is bounded
(size, zip parts, pages, drawing commands, nesting, rows) so a hostile or huge file is refused with a Chinese
message in about a second; a generous wall-clock budget (`budget`) is only a safety net behind them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from nianbao.core import storage
from nianbao.importers.published.budget import Clock, Deadline
from nianbao.importers.published.mapper import ImportFailed, ImportResult, Issue, Rows, map_rows

__all__ = [
    "SUFFIXES",
    "Clock",
    "ImportFailed",
    "ImportResult",
    "Issue",
    "import_text",
    "loads_published",
    "read_published",
]

SUFFIXES = (".docx", ".pdf", ".html", ".htm", ".txt")
MAX_BYTES = {".docx": 30_000_000, ".pdf": 20_000_000, ".html": 8_000_000, ".htm": 8_000_000, ".txt": 8_000_000}


def read_published(
    path: str | os.PathLike[str],
    year: int | None = None,
    issuer: str | None = None,
    clock: Clock = time.monotonic,
) -> ImportResult:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFailed(
            f"“{p.name}”的类型无法导入。请选择 Word（.docx）、PDF、网页（.html/.htm）或文本（.txt）文件。"
        )
    try:
        size = p.stat().st_size
    except OSError:
        size = 0
    if size > MAX_BYTES[suffix]:
        raise ImportFailed(f"“{p.name}”过大（{size // 1_000_000} MB），不像是一份年度报告，已停止读取。")
    try:
        raw = storage.read_bytes(p, "年报文件", "（文件可能正被其他程序打开）")
    except storage.StorageError as exc:
        raise ImportFailed(str(exc)) from None
    return loads_published(raw, p.name, suffix, year=year, issuer=issuer, clock=clock)


def loads_published(
    raw: bytes,
    name: str,
    suffix: str,
    year: int | None = None,
    issuer: str | None = None,
    clock: Clock = time.monotonic,
) -> ImportResult:
    """`clock` (seconds) times the safety-net budget; a test passes a fast-running one to simulate a slow PC."""
    deadline = Deadline(name, clock=clock)
    if len(raw) > MAX_BYTES.get(suffix, 8_000_000):
        raise ImportFailed(f"“{name}”过大，不像是一份年度报告，已停止读取。")
    if not raw.strip():
        raise ImportFailed(f"“{name}”是空文件。")
    rows = _rows(raw, name, suffix, deadline)
    return map_rows(rows, name, year=year, issuer=issuer, deadline=deadline)


def _rows(raw: bytes, name: str, suffix: str, deadline: Deadline) -> Rows:
    if suffix == ".docx":
        from nianbao.importers.published.docx import docx_rows

        return docx_rows(raw, name)
    if suffix == ".pdf":
        from nianbao.importers.published.pdf import pdf_rows

        return pdf_rows(raw, name, deadline)
    if suffix in (".html", ".htm"):
        from nianbao.importers.published.html import html_rows

        return html_rows(raw, name)
    from nianbao.importers.published.text import decode, text_rows

    return text_rows(decode(raw, name), name)


def import_text(
    text: str,
    name: str = "粘贴的文字",
    year: int | None = None,
    issuer: str | None = None,
    clock: Clock = time.monotonic,
) -> ImportResult:
    """Text pasted into the window."""
    from nianbao.importers.published.text import text_rows

    if not text.strip():
        raise ImportFailed("没有文字可以导入。")
    return map_rows(text_rows(text, name), name, year=year, issuer=issuer, deadline=Deadline(name, clock=clock))
