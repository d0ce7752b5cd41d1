"""Findings on single values: a stored amount with more decimals than its unit takes (a file from elsewhere,
or a unit changed from 万元 to 元 after typing). The file still opens; the cell is marked until corrected."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from nianbao.core.findings import Finding, new_finding, table_cell_place
from nianbao.core.report import Report
from nianbao.core.values import decimal_places, format_value, places_for
from nianbao.definition import Severity, ValueKind

RULE_PREFIX = "decimals:"


def value_finding(report: Report, cell: str) -> Finding | None:
    fmt = report.fmt
    spec = fmt.cells[cell]
    value = report.values.get(cell)
    if spec.kind is not ValueKind.MONEY or not isinstance(value, Decimal):
        return None
    unit = report.unit(cell)
    places = places_for(unit)
    have = decimal_places(value)
    if have <= places:
        return None
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    shown_unit = unit or "元"
    message = (
        f"{table_cell_place(fmt, spec)}的金额 {format_value(value, spec.kind)} 有 {have} 位小数，"
        f"以{shown_unit}为单位最多 {places} 位，请更正（四舍五入为 {format_value(rounded, spec.kind)}）。"
    )
    return new_finding(
        RULE_PREFIX + cell,
        "decimals",
        message,
        severity=Severity.ERROR,
        basis="implied",
        fmt=fmt,
        focus=cell,
        actual=value,
        expected=rounded,
    )


def value_findings(report: Report, cells: Iterable[str] | None = None) -> dict[str, Finding | None]:
    """{rule id: finding or None} for the given money cells (all money cells when None)."""
    fmt = report.fmt
    todo = [c for c in (fmt.cells if cells is None else cells) if c in fmt.cells]
    return {RULE_PREFIX + c: value_finding(report, c) for c in todo if fmt.cells[c].kind is ValueKind.MONEY}
