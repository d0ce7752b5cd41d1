"""Word files (.docx): paragraphs and table rows in body order, merged cells once (as Word or WPS save them)."""

from __future__ import annotations

import io
import zipfile

from nianbao.importers.published.mapper import ImportFailed, Rows

MAX_UNPACKED = 60_000_000  # bytes of all parts together: a zip bomb is refused before it is opened
MAX_PARTS = 2_000


def check_zip(raw: bytes, name: str, what: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFailed(f"“{name}”不是有效的{what}，文件可能已损坏。") from None
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise ImportFailed(f"“{name}”解压后过大，不像是一份年度报告，已停止读取。")


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

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                rows.append([text])
        elif isinstance(block, Table):
            table(block, 0)
    return rows
