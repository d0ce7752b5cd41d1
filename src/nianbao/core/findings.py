"""Findings and the message catalog: plain Chinese that names the table, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from nianbao.definition import CellSpec, ReportFormat, Rule, Severity

ACCEPT_HINT = "如有正当原因，可填写说明后接受此提示。"  # ends every message of a warning that can be accepted


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # rule instance id, e.g. "R3.1:natural"
    base: str  # rule id in the definition, e.g. "R3.1"
    severity: Severity
    basis: str  # "official" | "implied" | "soft"
    table: str  # table id
    table_title: str
    row: str  # printed row label of the focus cell
    column: str  # printed column label of the focus cell
    focus: str  # the cell to select
    cells: tuple[str, ...]
    lhs: int | Decimal  # value of the left side (the stated total for sum rules)
    rhs: int | Decimal  # value of the right side (the sum of the parts for sum rules)
    expected: int | Decimal  # what the focus cell would need to be
    actual: int | Decimal  # what the focus cell is
    message: str
    accepted: str | None = None  # the user's explanation when a warning was accepted
    chapter: str = ""  # narrative findings (core/text_findings.py): the chapter id, table and focus are ""
    span: tuple[int, int] | None = None  # the characters of the chapter text the finding is about

    def as_json(self) -> dict[str, object]:
        extra: dict[str, object] = {"chapter": self.chapter, "span": list(self.span or ())} if self.chapter else {}
        return {
            "rule": self.rule,
            "severity": self.severity,
            "table": self.table_title,
            "row": self.row,
            "column": self.column,
            "cells": list(self.cells),
            "expected": _json_number(self.expected),
            "actual": _json_number(self.actual),
            "message": self.message,
            "accepted": self.accepted,
            **extra,
        }


def _json_number(v: int | Decimal) -> int | str:
    return v if isinstance(v, int) else format(v, "f")


def cell_place(spec: CellSpec) -> str:
    """Where a cell is, as every message names it: “row”行“column”列, or “column”栏 where the row is unprinted."""
    if spec.row_label == "件数":  # table 四's single row has no printed label
        return f"“{spec.col_label}”栏"
    return f"“{spec.row_label}”行“{spec.col_label}”列"


def table_name(fmt: ReportFormat, table_id: str) -> str:
    """表二 / 表三 / 表四, after the chapter that holds the table."""
    for ch in fmt.chapters:
        if ch.table == table_id:
            return f"表{ch.number}"
    return table_id


def table_cell_place(fmt: ReportFormat, spec: CellSpec) -> str:
    """A cell named with its table, as a message outside the table's own tab names it: 表三“…”行“…”列."""
    return table_name(fmt, spec.table) + cell_place(spec)


def table_title(fmt: ReportFormat, table_id: str) -> str:
    """What a finding shows as its table: the printed title, else 表N."""
    return fmt.tables[table_id].title or table_name(fmt, table_id)


def new_finding(
    rule: str,
    base: str,
    message: str,
    *,
    severity: Severity = Severity.WARNING,
    basis: str = "soft",
    fmt: ReportFormat | None = None,
    focus: str = "",
    cells: tuple[str, ...] | None = None,
    table: str = "",
    title: str = "",
    chapter: str = "",
    span: tuple[int, int] | None = None,
    actual: int | Decimal = 0,
    expected: int | Decimal = 0,
    lhs: int | Decimal | None = None,
    rhs: int | Decimal | None = None,
    accepted: str | None = None,
) -> Finding:
    """Every Finding is built here; by default a soft warning (the 提示 that are no rule of the definition).

    With `fmt`, the finding stands at its `focus` cell: its table, the table's title, the cell's printed row and
    column. Without, `focus` is only the cell to select and the finding names no row or column (a whole table, a
    chapter). `cells` are the cells to mark (the focus alone by default); the sides of a soft finding are what was
    found (`actual`) and what was expected."""
    row = column = ""
    if fmt is not None and focus:
        spec = fmt.cells[focus]
        table, row, column = spec.table, spec.row_label, spec.col_label
        title = title or table_title(fmt, table)
    return Finding(
        rule=rule,
        base=base,
        severity=severity,
        basis=basis,
        table=table,
        table_title=title,
        row=row,
        column=column,
        focus=focus,
        cells=((focus,) if focus else ()) if cells is None else cells,
        lhs=actual if lhs is None else lhs,
        rhs=expected if rhs is None else rhs,
        expected=expected,
        actual=actual,
        message=message,
        accepted=accepted,
        chapter=chapter,
        span=span,
    )


def _short(label: str) -> str:
    """一、本年新收政府信息公开申请数量 -> 一、本年新收 (the balance message names its rows briefly)."""
    return label.replace("政府信息公开申请数量", "")


def _side_text(fmt: ReportFormat, rule: Rule, side: str) -> str:
    terms = rule.lhs if side == "lhs" else rule.rhs
    parts = []
    for t in terms:
        label = _short(fmt.cells[t.cell].row_label)
        parts.append(("减 " if t.sign < 0 else "") + (f"上年{label}" if t.prev else label))
    return " + ".join(parts).replace("+ 减 ", "- ")


def message(fmt: ReportFormat, rule: Rule, lhs: int, rhs: int, expected: int, actual: int) -> str:
    """Both sides and their difference: which cell is wrong is for the clerk to find among the marked cells; the value
    that would balance is named only as one possibility."""
    spec = fmt.cells[rule.focus]
    where = table_name(fmt, rule.table)
    place = table_cell_place(fmt, spec)
    sides = f"左边合计 {lhs}，右边合计 {rhs}，相差 {abs(lhs - rhs)}"
    if rule.kind == "sum":
        return (
            f"{place}与各项之和不符（{rule.title}）：{sides}。"
            f"请核对这一合计和参与相加的各单元格（已标出）；若各项都无误，合计应为 {expected}。"
        )
    if rule.uses_previous:
        return f"{place}为 {actual}，按上年报告推算应为 {expected}（{rule.title}）。{ACCEPT_HINT}"
    if rule.kind == "le":
        return f"{place}为 {actual}，超过了 {rhs}（{rule.title}）。"
    column = rule.table == "t3" and bool(spec.col_label)
    head = f"{where}“{spec.col_label}”列不平衡" if column else f"{place}所在的勾稽关系不成立"
    return (
        f"{head}：{sides}（左边为{_side_text(fmt, rule, 'lhs')}，右边为{_side_text(fmt, rule, 'rhs')}）。"
        f"请逐一核对{'本列' if column else ''}标出的单元格；如果只有“{_short(spec.row_label)}”填错，它应为 {expected}。"
    )
