"""Word files (.docx): paragraphs and table rows in body order, merged cells once (as Word or WPS save them)."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from nianbao.importers.published.mapper import MAX_ROWS, ImportFailed, Rows, too_many_rows
from nianbao.importers.xml_parts import xml_chunks

MAX_UNPACKED = 60_000_000  # bytes of all parts together: a zip bomb is refused before it is opened
MAX_PARTS = 2_000
# python-docx parses every XML part whole (~1 us and ~0.2 KB an element here), then reading a paragraph or a cell
# costs ~30 us; a table row's cells are found by walking up vertical merges (a chain costs its length squared),
# and a cell is repeated for every column it spans. Real reports (Word/LibreOffice, 3-60 pages; nianbao's export):
# <= 22 500 elements in all parts, <= 1 200 paragraphs and cells, 46 table rows, 45 cells continuing a vertical
# merge, spans <= 15. The bounds leave 4x, 16x, 20x, 3x and 4x room; at each, reading takes <= 1 s here.
MAX_ELEMENTS = 100_000
MAX_BLOCKS = 20_000  # paragraphs and table cells
MAX_TABLE_ROWS = 1_000
MAX_MERGED_BELOW = 150
MAX_GRID_SPAN = 64  # Word's own limit is 63 columns
_ELEMENT = re.compile(rb"<[A-Za-z_]")
_BLOCK = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:p|tc)[\s/>]")
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?tr[\s/>]")
_MERGED_BELOW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?vMerge(?![\w.:-])(?![^>]*restart)")
_SPAN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?gridSpan\s[^>]*?val\s*=\s*[\"']\s*(\d{1,12})")


def check_zip(raw: bytes, name: str, what: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise ImportFailed(f"“{name}”解压后过大，不像是一份年度报告，已停止读取。")
            check_parts(zf, infos, name)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        raise ImportFailed(f"“{name}”不是有效的{what}，文件可能已损坏。") from None


def check_parts(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str) -> None:
    """Count, before python-docx parses them, the elements of every part that can be XML (whatever its name: the
    package's content types decide what is parsed); stopped at the first bound passed."""
    count = _Count()
    for info in infos:
        for data in xml_chunks(zf, info):
            count.add(data, name)


class _Count:
    def __init__(self) -> None:
        self.elements = self.blocks = self.rows = self.merged = 0

    def add(self, data: bytes, name: str) -> None:
        self.elements += len(_ELEMENT.findall(data))
        self.blocks += len(_BLOCK.findall(data))
        self.rows += len(_ROW.findall(data))
        self.merged += len(_MERGED_BELOW.findall(data))
        widest = max((int(v) for v in _SPAN.findall(data)), default=1)
        if (
            self.elements > MAX_ELEMENTS
            or self.blocks > MAX_BLOCKS
            or self.rows > MAX_TABLE_ROWS
            or self.merged > MAX_MERGED_BELOW
            or widest > MAX_GRID_SPAN
        ):
            raise ImportFailed(f"“{name}”的内容结构异常庞大，不像是一份年度报告，已停止读取。")


def docx_rows(raw: bytes, name: str) -> Rows:
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        if raw.startswith(b"\xd0\xcf\x11\xe0"):
            raise ImportFailed(f"“{name}”是旧版 Word（.doc）文件，无法读取。请在 Word 或 WPS 中另存为 .docx 后再导入。")
        raise ImportFailed(f"“{name}”不是 Word（.docx）文件。")
    check_zip(raw, name, "Word（.docx）文件")
    import docx
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: Document = docx.Document(io.BytesIO(raw))
    except Exception:  # python-docx raises KeyError, ValueError, lxml errors... for broken packages
        raise ImportFailed(f"“{name}”无法作为 Word 文件打开，文件可能已损坏。") from None
    rows: Rows = []

    def table(t: Table, depth: int) -> None:
        if depth > 10:
            return
        above: list[object] = []
        for r in t.rows:
            cells = r.cells
            row: list[str] = []
            seen: list[object] = []
            for k, c in enumerate(cells):
                if seen and c == seen[-1]:
                    continue  # a horizontal merge repeats the same cell
                seen.append(c)
                if c.tables:  # a table inside a cell: read the cell as blocks
                    for p in c.paragraphs:
                        if p.text.strip():
                            rows.append([p.text.strip()])
                    for inner in c.tables:
                        table(inner, depth + 1)
                    continue
                if k < len(above) and c == above[k]:
                    row.append("")  # the continuation of a vertical merge prints nothing
                    continue
                row.append("".join(p.text for p in c.paragraphs).strip())
            above = list(cells)
            if row:
                rows.append(row)

    try:
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                text = block.text.strip()
                if text:
                    rows.append([text])
            elif isinstance(block, Table):
                table(block, 0)
            if len(rows) > MAX_ROWS:
                raise too_many_rows(name)
    except (ValueError, KeyError, IndexError, RecursionError):  # python-docx on malformed tables (broken merges)
        raise ImportFailed(f"“{name}”的表格结构已损坏，无法作为 Word 文件读取。") from None
    return rows
