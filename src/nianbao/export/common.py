"""Helpers shared by the exporters (Word, HTML, PDF, Excel): cell texts and document structure.

Kept small and stable: other exporters import from here. No document library, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from nianbao.core.report import Report
from nianbao.core.values import Value, format_value
from nianbao.definition import Chapter, ReportFormat
from nianbao.definition.model import GridItem, Table

# Narrative paragraphs that start a second-level heading: （一）…（十）
SUBHEADING = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[）)]")


def export_values(report: Report) -> dict[str, Value]:
    """Values as exported: exactly the stated values that ``check`` evaluates (a blank prints as 0, as check reads
    it). A total that is missing or disagrees with its parts is not re-derived: nothing is printed that nobody
    stated; the checks name such totals, and exporting a report with errors says so first."""
    return dict(report.values)


def cell_text(report: Report, cell: str, values: dict[str, Value]) -> str:
    """Printed text of a value cell (values from export_values): blank is 0; a money cell shows its unit unless
    the column label names it."""
    spec = report.fmt.cells[cell]
    text = format_value(values.get(cell, 0), spec.kind)
    unit = report.unit(cell) if spec.units else ""
    if unit and unit not in spec.col_label:
        text += unit
    note = report.notes.get(cell)
    if note:
        text += f"（{note}）"  # as published reports print it: 22（其中修订16件）
    return text


def item_text(report: Report, item: GridItem, values: dict[str, Value]) -> str:
    """Printed text of any grid item (labels from the definition, values formatted)."""
    if item.role == "value" and item.cell is not None:
        return cell_text(report, item.cell, values)
    return item.text


def grid_rows(table: Table) -> list[list[GridItem]]:
    """Items grouped by the grid row where they start (HTML <tr> order)."""
    rows: list[list[GridItem]] = [[] for _ in range(table.n_rows)]
    for it in table.items:
        rows[it.row].append(it)
    return rows


def split_paragraphs(text: str) -> list[str]:
    """Narrative text split into paragraphs on newlines; blank lines dropped, outer spaces trimmed."""
    return [p.strip() for p in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if p.strip()]


BlockKind = Literal["title", "heading", "subheading", "para", "table"]


@dataclass(frozen=True, slots=True)
class Block:
    """One element of the document in reading order."""

    kind: BlockKind
    text: str = ""
    table: str | None = None  # table id for kind == "table"


def blocks(report: Report) -> Iterator[Block]:
    """The report as a flat sequence: title, the 前言 (paragraphs without heading), chapters 一…六 (heading +
    paragraphs or table)."""
    fmt: ReportFormat = report.fmt
    yield Block("title", report.title())
    for p in split_paragraphs(report.narrative.get(fmt.preface.id, "")):
        yield Block("para", p)
    for ch in fmt.chapters:
        yield from chapter_blocks(report, ch)


def chapter_blocks(report: Report, ch: Chapter) -> Iterator[Block]:
    yield Block("heading", ch.title)
    if ch.kind == "table" and ch.table is not None:
        yield Block("table", table=ch.table)
        return
    for p in split_paragraphs(report.narrative.get(ch.id, "")):
        yield Block("subheading" if SUBHEADING.match(p) else "para", p)


_LEAD = re.compile(r"^(\s*[（(][一二三四五六七八九十]{1,3}[）)][^。！？\n]{0,40}?[。！？])(.+)$", re.S)


def split_lead(text: str) -> tuple[str, str]:
    """A （一）… paragraph split into its run-in heading (up to the first full stop) and the rest.

    "（一）主动公开" -> ("（一）主动公开", ""); "（一）主动公开。全年…" -> ("（一）主动公开。", "全年…").
    """
    m = _LEAD.match(text)
    return (m.group(1), m.group(2)) if m else (text, "")


def text_units(text: str) -> float:
    """Printed width in full-width characters (ASCII counts half)."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


TITLE_TAIL = "年政府信息公开工作年度报告"


def title_parts(report: Report) -> list[str]:
    """The title's unbreakable parts: the issuer and "YYYY年政府信息公开工作年度报告" (one part without issuer)."""
    tail = f"{report.meta.year}{TITLE_TAIL}"
    issuer = report.meta.issuer.strip()
    return [issuer, tail] if issuer else [tail]


def title_lines(report: Report, per_line: float) -> list[str]:
    """The title in lines of at most ``per_line`` full-width characters: one line if it fits, else the issuer on
    line 1 and the year line on line 2, never breaking inside either."""
    parts = title_parts(report)
    whole = "".join(parts)
    return [whole] if text_units(whole) <= per_line else parts
