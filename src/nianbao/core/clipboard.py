"""Rectangles of text <-> table cells, as Excel and WPS put them on the clipboard: copy as tab-separated text, plan a
paste (all or nothing). Qt-free: the window's table view does the clipboard itself."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from nianbao.core.findings import cell_place
from nianbao.core.values import InvalidValue, Value, normalize, parse
from nianbao.definition import CellSpec, Table


@dataclass
class PastePlan:
    values: dict[str, Value | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # "“行”行“列”列：reason"
    skipped_computed: int = 0
    outside: int = 0  # pasted values that fell outside the table
    totals: dict[str, Value] = field(default_factory=dict)  # what the block states for computed cells
    units: dict[str, str] = field(default_factory=dict)  # a unit written after a pasted amount (“12500元”)
    by_label: int = 0  # rows placed by their label
    headers: int = 0  # header rows recognised and left out


def split_block(text: str) -> list[list[str]]:
    """Text copied from Excel/WPS: rows by newline, columns by tab; the trailing newline is dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")]


def join_block(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in rows) + "\n"


_NUMBER = re.compile(r"^[-+]?(\d[\d,]*)?(\.\d+)?(万元|元)?$")


def _label_key(text: str) -> str:
    """Labels compared without spaces and with full-width brackets, as Excel and WPS copies differ in both."""
    return "".join(text.split()).replace("(", "（").replace(")", "）")


def _is_number(text: str) -> bool:
    s = normalize(text)
    return bool(s) and any(ch.isdigit() for ch in s) and _NUMBER.match(s) is not None


def _row_cells(table: Table, cells: Mapping[str, CellSpec]) -> dict[str, list[CellSpec]]:
    """Printed row label -> the row's value cells in grid order (a label printed twice is left out: ambiguous)."""
    rows: dict[str, list[CellSpec]] = {}
    grid_row: dict[str, int] = {}
    for cid in table.cells:
        spec = cells[cid]
        key = _label_key(spec.row_label)
        if grid_row.setdefault(key, spec.grid_row) != spec.grid_row:
            grid_row[key] = -1
        rows.setdefault(key, []).append(spec)
    return {k: sorted(v, key=lambda s: s.grid_col) for k, v in rows.items() if grid_row[k] >= 0}


def _set(plan: PastePlan, spec: CellSpec, text_value: str) -> None:
    try:
        value = parse(text_value, spec.kind, spec.units)
    except InvalidValue as exc:
        plan.errors.append(f"{cell_place(spec)}：{exc}")
        return
    written = normalize(text_value)
    unit = next((u for u in sorted(spec.units, key=len, reverse=True) if u and written.endswith(u)), None)
    if spec.computed:
        plan.skipped_computed += 1
        if value is not None:
            plan.totals[spec.id] = value
        return
    plan.values[spec.id] = value
    if unit is not None and value is not None:
        plan.units[spec.id] = unit


def plan_paste(table: Table, cells: Mapping[str, CellSpec], row: int, col: int, text: str) -> PastePlan:
    """Map a pasted block onto the table. A block whose leading text columns hold the table's row labels (Excel/WPS
    copies of the official table) is placed by label wherever the current cell is, its header rows left out;
    otherwise one grid item per pasted value from (row, col), leading header rows (text without numbers) left out."""
    block = split_block(text)
    labelled = _row_cells(table, cells)
    if any(_label_key(t) in labelled for line in block for t in line if t.strip() and not _is_number(t)):
        return _plan_by_label(block, labelled)
    plan = PastePlan()
    while len(block) > 1 and not any(_is_number(t) for t in block[0]) and any(t.strip() for t in block[0]):
        block = block[1:]
        plan.headers += 1
    cur = row
    for values in block:
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
                _set(plan, cells[item.cell], text_value)
            c = item.col + item.colspan
        cur += 1  # value cells never span rows; columns step by merged item (table 二 spans 2-6 grid columns)
    return plan


def _plan_by_label(block: list[list[str]], labelled: dict[str, list[CellSpec]]) -> PastePlan:
    plan = PastePlan()
    for number, line in enumerate(block, 1):
        found = [(i, _label_key(t)) for i, t in enumerate(line) if _label_key(t) in labelled and not _is_number(t)]
        if not found:
            if any(_is_number(t) for t in line):
                shown = next((t.strip() for t in line if t.strip() and not _is_number(t)), "")
                plan.errors.append(f"第 {number} 行{f'“{shown}”' if shown else ''}与表格中的行对不上")
            else:
                plan.headers += 1
            continue
        at, key = found[-1]  # the innermost label (a group label may stand before it)
        specs = labelled[key]
        rest = line[at + 1 :]
        given = rest[-len(specs) :] if len(rest) >= len(specs) else rest
        plan.by_label += 1
        for spec, text_value in zip(specs, given, strict=False):
            _set(plan, spec, text_value)
    return plan
