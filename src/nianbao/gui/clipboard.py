"""Rectangles of text <-> table cells: copy as tab-separated text, plan a paste (all or nothing)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from nianbao.core.findings import cell_place
from nianbao.core.report import Report
from nianbao.core.values import Value, ValueError_, parse
from nianbao.definition import CellSpec, Table


@dataclass
class PastePlan:
    values: dict[str, Value | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # "“行”行“列”列：reason"
    skipped_computed: int = 0
    outside: int = 0  # pasted values that fell outside the table


def split_block(text: str) -> list[list[str]]:
    """Text copied from Excel/WPS: rows by newline, columns by tab; the trailing newline is dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")]


def join_block(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in rows) + "\n"


def plan_paste(table: Table, cells: Mapping[str, CellSpec], row: int, col: int, text: str) -> PastePlan:
    """Map a pasted block onto the grid from (row, col), one grid item per pasted value."""
    plan = PastePlan()
    cur = row
    for values in split_block(text):
        if cur >= table.n_rows:
            plan.outside += len(values)
            continue
        c = col
        for text_value in values:
            item = table.item_at(cur, c) if c < table.n_cols else None
            if item is None:
                plan.outside += 1
                continue
            if item.cell is not None:
                spec = cells[item.cell]
                if spec.computed:
                    plan.skipped_computed += 1
                else:
                    try:
                        plan.values[spec.id] = parse(text_value, spec.kind, spec.units)
                    except ValueError_ as exc:
                        plan.errors.append(f"{cell_place(spec)}：{exc}")
            c = item.col + item.colspan
        cur += 1  # value cells never span rows; columns step by merged item (table 二 spans 2-6 grid columns)
    return plan


def report_text(report: Report) -> str:
    """The whole report as plain text (the fallback of 复制为网页): paragraphs, tables as tab-separated rows."""
    from nianbao.export.common import blocks, export_values, item_text

    values = export_values(report)
    lines: list[str] = []
    for block in blocks(report):
        if block.kind != "table" or block.table is None:
            lines.append(block.text)
            continue
        table = report.fmt.tables[block.table]
        grid = [[""] * table.n_cols for _ in range(table.n_rows)]  # a merged region's text at its top-left slot
        for it in table.items:
            grid[it.row][it.col] = item_text(report, it, values)
        lines.extend("\t".join(row).rstrip("\t") for row in grid)
    return "\n".join(lines) + "\n"
