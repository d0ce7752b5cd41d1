"""HTML export: spans of every cell against Table.items, inline styles only, no scripts or external resources."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from factories import filled_report
from nianbao.core.report import Report, new_report
from nianbao.core.storage import StorageError
from nianbao.export.html import render_html, render_html_fragment, write_html
from nianbao.resources import load_example


class Page(HTMLParser):
    """Collects tags, attributes, tables (rows of cells) and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[list[list[dict[str, Any]]]] = []
        self.text: list[str] = []
        self._cell: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = {"rowspan": int(a.get("rowspan") or 1), "colspan": int(a.get("colspan") or 1)}
            self._cell.update(style=a.get("style") or "", text="")
            self.tables[-1][-1].append(self._cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell["text"] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def expected_text(report: Report, cell: str) -> str:
    spec = report.fmt.cells[cell]
    value = report.values.get(cell, 0)
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    unit = report.units.get(cell) or (spec.units[0] if spec.units else "")
    return text + unit if unit and unit not in spec.col_label else text


def reports() -> list[Any]:
    return [
        pytest.param(filled_report("gov2021"), id="gov2021-filled"),
        pytest.param(filled_report("gov2019"), id="gov2019-filled"),
        pytest.param(load_example(), id="gov2019-example"),
    ]


@pytest.mark.parametrize("report", reports())
def test_tables_match_definition(report: Report) -> None:
    page = parse(render_html(report))
    tables = [report.fmt.tables[ch.table] for ch in report.fmt.chapters if ch.table]
    assert len(page.tables) == len(tables) == 3
    for table, rows in zip(tables, page.tables, strict=True):
        assert len(rows) == table.n_rows
        cells = [c for row in rows for c in row]
        assert len(cells) == len(table.items)
        for it, cell in zip(table.items, cells, strict=True):  # items are in row/column (HTML) order
            assert (cell["rowspan"], cell["colspan"]) == (it.rowspan, it.colspan), it
            want = expected_text(report, it.cell) if it.role == "value" and it.cell else it.text
            assert cell["text"] == want, it
            assert "border:" in cell["style"] and "solid" in cell["style"]  # borders inline on every cell
        # the spans tile the grid: every row covers n_cols slots counting rowspans from above
        occupied = [[False] * table.n_cols for _ in range(table.n_rows)]
        for it in table.items:
            for r in range(it.row, it.row + it.rowspan):
                for c in range(it.col, it.col + it.colspan):
                    assert not occupied[r][c]
                    occupied[r][c] = True
        assert all(all(row) for row in occupied)


@pytest.mark.parametrize("report", reports())
def test_self_contained_inline_only(report: Report) -> None:
    html = render_html(report)
    page = parse(html)
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "style", "link", "img", "iframe", "object"}
    assert not re.search(r"(?i)https?:|//[a-z]|src=|url\(|@import|javascript:", html)
    assert all("class" not in a for _, a in page.tags)
    for tag, attrs in page.tags:
        if tag in ("p", "td", "table", "span", "div"):
            assert attrs.get("style"), tag  # every visible element styles itself
    table_tags = [a for t, a in page.tags if t == "table"]
    assert all("border-collapse:collapse" in (a.get("style") or "") for a in table_tags)
    assert all(a.get("border") == "1" and a.get("cellspacing") == "0" for a in table_tags)
    assert "仿宋" in html and "黑体" in html and "方正小标宋简体" in html
    assert '<meta charset="utf-8">' in html


def test_every_label_and_chapter_present() -> None:
    for report in (filled_report("gov2021"), load_example()):
        text = "".join(parse(render_html(report)).text)
        for ch in report.fmt.chapters:
            assert ch.title in text
        for table in report.fmt.tables.values():
            for it in table.items:
                assert it.role == "value" or it.text in text
        assert report.title() in text


def test_narrative_paragraphs_and_subheadings() -> None:
    report = new_report(2025, "某某镇", "gov2021")
    report.narrative["ch5"] = "第一段。\r\n\r\n（一）存在问题。一是宣传不够。\n（二）改进措施"
    page = parse(render_html_fragment(report))
    paras = [a["style"] for t, a in page.tags if t in ("p", "h2", "h3")]
    text = "".join(page.text)
    assert "第一段。" in text and "（一）存在问题。一是宣传不够。" in text
    kaiti = [a for t, a in page.tags if t == "span" and "楷体" in (a.get("style") or "")]
    assert len(kaiti) == 1  # the run-in heading of （一）
    assert sum("黑体" in (s or "") for s in paras) == 6  # the six chapter headings
    assert sum((s or "").split("font-family:")[1].startswith("'Times New Roman', Times, 楷体") for s in paras) == 1


def test_text_is_escaped() -> None:
    report = new_report(2025, '<script>alert("x")</script>', "gov2021")
    report.narrative["ch1"] = "=SUM(A1)\n<img src=x onerror=alert(1)> & “引号”"
    html = render_html(report)
    page = parse(html)
    assert not any(t in ("script", "img") for t, _ in page.tags)
    text = "".join(page.text)
    assert '<script>alert("x")</script>2025年' in text
    assert "<img src=x onerror=alert(1)> & “引号”" in text
    assert "=SUM(A1)" in text
    assert "&lt;script&gt;" in html


def test_fragment_is_body_only() -> None:
    fragment = render_html_fragment(filled_report("gov2021"))
    assert fragment.startswith("<div ") and fragment.rstrip().endswith("</div>")
    assert "<html" not in fragment and "<body" not in fragment
    assert fragment in render_html(filled_report("gov2021"))


def test_write_html_utf8_and_errors(tmp_path: Path) -> None:
    report = load_example()
    write_html(report, tmp_path / "r.html")
    assert (tmp_path / "r.html").read_text("utf-8") == render_html(report)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="无法保存"):
        write_html(report, blocker / "r.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "r.html"]
