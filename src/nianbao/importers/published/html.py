"""Saved web pages (.html/.htm): paragraphs and table rows in document order.

CMS pages wrap the whole article in layout tables and put the report's tables inside them: a table cell
that holds a table is not a data cell, its content is read as blocks. The encoding is the one the page
declares (meta charset), else UTF-8, else GB18030. &nbsp; cells are blank.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from nianbao.importers.published.mapper import MAX_ROWS, ImportFailed, Rows, too_many_rows

MAX_DEPTH = 200
# lxml builds every element (~4 us and ~0.3 KB each here): 8 MB of "<tr><td>" took 3.6 s and 260 MB. A CMS page
# with its menus and footer has a few thousand (our fixture 1 036, a 60-page report as a page ~15 000).
MAX_ELEMENTS = 100_000
_ELEMENT = re.compile(r"<[A-Za-z]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "section",
        "article",
        "header",
        "footer",
        "center",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "form",
        "main",
        "body",
        "html",
        "tbody",
        "thead",
        "tfoot",
    }
)
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg"})


def decode_html(raw: bytes, name: str) -> str:
    m = _CHARSET.search(raw[:4096])
    declared = m.group(1).decode("ascii", "replace").lower() if m else ""
    candidates = [declared] if declared else []
    if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
        candidates = ["gb18030"]  # pages declaring GB2312 use GBK characters
    for enc in [*candidates, "utf-8", "gb18030"]:
        try:
            return raw.decode(enc).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError):
            continue
    raise ImportFailed(f"“{name}”的文字编码无法识别。")


def html_rows(raw: bytes, name: str) -> Rows:
    from lxml import etree
    from lxml import html as lhtml

    text = decode_html(raw, name)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses an encoding declaration in a str
    if not text.strip():
        raise ImportFailed(f"“{name}”是空文件。")
    if sum(1 for _ in itertools.islice(_ELEMENT.finditer(text), MAX_ELEMENTS + 1)) > MAX_ELEMENTS:
        raise ImportFailed(f"“{name}”的网页元素异常之多，不像是一份年度报告，已停止读取。")
    try:
        parser = lhtml.HTMLParser(remove_comments=True, huge_tree=False, no_network=True)
        root = lhtml.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ImportFailed(f"“{name}”无法作为网页读取（{exc}）。") from None
    out = _Walker(name)
    out.block(root, 0)
    out.flush()
    return out.rows


class _Walker:
    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: Rows = []
        self.line: list[str] = []

    def flush(self) -> None:
        text = "".join(self.line).strip()
        if text:
            self.rows.append([text])
            if len(self.rows) > MAX_ROWS:
                raise too_many_rows(self.name)
        self.line = []

    def block(self, el: object, depth: int) -> None:
        from lxml import etree

        if depth > MAX_DEPTH:
            raise ImportFailed("网页的嵌套层次过深，无法读取。")
        assert isinstance(el, etree._Element)
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            self._tail(el)
            return
        if tag == "table":
            self.flush()
            self.table(el, depth)
            self._tail(el)
            return
        if tag == "br":
            self.flush()
            self._tail(el)
            return
        is_block = tag in _BLOCKS or tag in ("tr", "td", "th")
        if is_block:
            self.flush()
        if el.text:
            self.line.append(el.text)
        for child in el:
            self.block(child, depth + 1)
        if is_block:
            self.flush()
        self._tail(el)

    def _tail(self, el: object) -> None:
        tail = getattr(el, "tail", None)
        if tail:
            self.line.append(tail)

    def table(self, table: object, depth: int) -> None:
        for tr in _rows_of(table):
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            if any(c.find(".//table") is not None for c in cells):
                for c in cells:  # a layout table: its cells are containers, read their content as blocks
                    self.block(c, depth + 1)
                self.flush()
                continue
            row = [_cell_text(c) for c in cells]
            if any(row) or row:
                self.rows.append(row)


def _rows_of(table: Any) -> list[Any]:
    """The table's own rows (through thead/tbody/tfoot), not those of tables nested in it."""
    out = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child if isinstance(c.tag, str) and c.tag.lower() == "tr")
    return out


def _cell_text(cell: object) -> str:
    """A cell's text with its line breaks joined (labels wrapped as 本年新<br>制作数量 read as one)."""
    text = "".join(cell.itertext())  # type: ignore[attr-defined]
    return (
        re.sub(r"[\s\u00a0\u3000]+", " ", text).strip().replace(" ", "")
        if _is_cjk_label(text)
        else " ".join(text.replace("\u00a0", " ").split())
    )


def _is_cjk_label(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text)) and not re.search(r"\d\s+\d", text)
