"""Text copied from a web page (.txt or pasted): lines into rows of cells.

Browsers copy a table cell as a line starting with a tab and end each table row with an empty line; a line
without a tab right after a cell continues that cell (a label broken inside its cell: 本年新\\n制作数量).
Other lines are paragraphs. Text without tabs gives one cell per line, which the mapper also reads.
"""

from __future__ import annotations

import re

from nianbao.importers.published.mapper import MAX_ROWS, ImportFailed, Rows, too_many_rows

MAX_TEXT = 4_000_000  # characters (a long report is ~30 000)
_ENCODINGS = ("utf-8", "gb18030")
_SEPARATOR = re.compile(r"^\s*[|｜│┃]+\s*$")
_INNER = re.compile(r"\s*[|｜│┃]\s*")


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (the superset of GBK/GB2312)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for enc in _ENCODINGS:
        try:
            return raw.decode(enc).removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
    raise ImportFailed(f"“{name}”不是文字文件（无法按 UTF-8 或 GB18030 编码读取）。")


def text_rows(text: str, name: str = "文本") -> Rows:
    if len(text) > MAX_TEXT:
        raise ImportFailed(f"“{name}”过大（超过 {MAX_TEXT // 1_000_000} 百万字），不像是一份年度报告，已停止读取。")
    if "\x00" in text:
        raise ImportFailed(f"“{name}”含有二进制内容，不是文字文件。")
    rows: Rows = []
    current: list[str] | None = None  # the table row being read
    last_was_cell = False
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 4 * MAX_ROWS:
        raise too_many_rows(name)
    for raw_line in lines:
        line = raw_line.replace("\u00a0", " ")
        if _SEPARATOR.match(line):
            continue  # a cell border copied as a line of its own ("|")
        if _INNER.search(line) and not line.startswith("\t"):
            rows.append([c.strip() for c in _INNER.split(line.strip().strip("|｜│")) if c.strip()])
            current = None
            last_was_cell = False
            continue
        if line.startswith("\t"):
            if current is None:
                current = []
                rows.append(current)
            current.extend(part for part in line[1:].split("\t"))
            last_was_cell = True
            continue
        if not line.strip():
            current = None
            last_was_cell = False
            continue
        if last_was_cell and current:
            current[-1] += line.strip()  # a cell broken across lines
            continue
        current = None
        if "\t" in line.strip():
            rows.append(line.strip().split("\t"))  # a row pasted from a spreadsheet or Word table
        else:
            rows.append([line])
        if len(rows) > MAX_ROWS:
            raise too_many_rows(name)
    return rows
