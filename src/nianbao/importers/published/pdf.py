"""PDF files with a text layer (printed from Word or WPS): pdfplumber's tables and the words around them.

Each page gives its tables (cells by their ruling lines; a merged region once, covered places dropped) and
the text lines outside them, in reading order by their position on the page.
"""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

from nianbao.importers.published.budget import PER_PAGE_SECONDS, Deadline
from nianbao.importers.published.mapper import ImportFailed, Rows
from nianbao.importers.published.pdf_budget import PdfBudget, check_structure

MAX_PAGES = 60
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.．])")
_NUMBER = re.compile(r"^[\d\s,.，．-]+$")
_PAGE_NUMBER = re.compile(r"^[—–-]+\s*\d+\s*[—–-]+$")  # "— 3 —", the page numbers of GB/T 9704


def pdf_rows(raw: bytes, name: str, deadline: Deadline | None = None) -> Rows:
    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise ImportFailed(f"“{name}”不是 PDF 文件。")
    check_structure(raw, name)
    import pdfplumber
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError

    pages: list[list[tuple[str, Rows]]] = []
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            # the pages and the forms they draw are measured before any is interpreted (pdf_budget)
            found = list(itertools.islice(PDFPage.create_pages(pdf.doc), MAX_PAGES + 1))
            if len(found) > MAX_PAGES:
                raise ImportFailed(f"“{name}”超过 {MAX_PAGES} 页，不像是一份年度报告，已停止读取。")
            PdfBudget(name).check(found)
            if deadline is not None:
                deadline.extend(PER_PAGE_SECONDS * len(found))
            for page in pdf.pages:
                if deadline is not None:
                    deadline.check()
                pages.append(_page_items(page))
                page.close()
    except ImportFailed:
        raise
    except PDFSyntaxError:
        raise ImportFailed(f"“{name}”无法作为 PDF 打开，文件可能已损坏。") from None
    except Exception as exc:  # pdfminer raises many types for broken or encrypted files
        if "password" in str(exc).lower() or type(exc).__name__.startswith("PDFPassword"):
            raise ImportFailed(f"“{name}”设置了打开密码，无法读取。") from None
        raise ImportFailed(f"“{name}”无法作为 PDF 读取，文件可能已损坏。") from None
    rows = _join_pages(pages)
    if not any("".join(r).strip() for r in rows):
        raise ImportFailed(f"“{name}”没有文字层（可能是扫描件），无法读取。请使用 Word 原件或网页版本。")
    return rows


def _page_items(page: Any) -> list[tuple[str, Rows]]:
    """("table", rows) and ("text", [[line]]) items of one page in reading order."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, str, Rows]] = []
    for t in tables:
        rows: Rows = []
        for r in t.extract():
            cells = [_clean(c) for c in r if c is not None]
            if cells:
                rows.append(cells)
        items.append((t.bbox[1], "table", rows))

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    right = page.width * 0.8  # a line reaching this far was wrapped: the next line continues its paragraph
    previous: list[str] | None = None
    previous_x1 = 0.0
    wrapped: set[int] = set()
    for line in page.filter(outside).extract_text_lines(return_chars=False):
        text = line["text"].strip()
        if not text or _PAGE_NUMBER.match(text):
            continue
        if previous is not None and previous_x1 >= right and not _HEADING.match(text):
            previous[0] += text
        else:
            previous = [text]
            items.append((line["top"], "text", [previous]))
        previous_x1 = line["x1"]
        if previous_x1 >= right:
            wrapped.add(id(previous))
        else:
            wrapped.discard(id(previous))
    items.sort(key=lambda it: it[0])
    # "wrapped": a text whose last line reaches the right edge, so the next page's first line may continue it
    return [("wrapped" if kind == "text" and id(rows[0]) in wrapped else kind, rows) for _, kind, rows in items]


def _join_pages(pages: list[list[tuple[str, Rows]]]) -> Rows:
    """All rows; a table row broken across a page break (label split in two) and a paragraph going on from one
    page to the next are joined again."""
    out: Rows = []
    last_table: Rows | None = None
    last_kind = ""
    for items in pages:
        for n, (kind, rows) in enumerate(items):
            if n == 0 and last_kind == "wrapped" and kind != "table" and not _HEADING.match(rows[0][0]):
                out[-1][0] += rows[0][0]  # a paragraph going on from the previous page
                last_kind = kind
                continue
            last_kind = kind
            if kind == "table" and n == 0 and last_table and rows:
                a, b = _align(last_table[-1], rows[0])
                if _continues(a, b):
                    last_table[-1][:] = [x + y for x, y in zip(a, b, strict=True)]
                    rows = rows[1:]
            out.extend(rows)
            last_table = rows if kind == "table" else None
    return out


def _align(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    """Right-align two rows: cells covered by a merge are dropped on one page and blank on the next."""
    n = max(len(a), len(b))
    return [""] * (n - len(a)) + a, [""] * (n - len(b)) + b


def _continues(a: list[str], b: list[str]) -> bool:
    """b is the rest of row a (same cells; a label goes on; no cell holds a number in both)."""
    went_on = False
    for x, y in zip(a, b, strict=True):
        if x and y:
            if _NUMBER.match(x) or _NUMBER.match(y):
                return False
            went_on = True
    return went_on


def _clean(cell: str) -> str:
    """Cell text: the line breaks of wrapped labels joined ("本年新\\n制作数量"), spaces between numbers kept."""
    lines = [s.strip() for s in cell.split("\n")]
    return "".join(lines) if not all(s.replace(".", "").isdigit() for s in lines if s) else " ".join(lines)
