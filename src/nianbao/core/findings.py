"""Findings and the message catalog: plain Chinese that names the table, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from nianbao.definition import CellSpec, ReportFormat, Rule, Severity


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


def message(fmt: ReportFormat, rule: Rule, lhs: int, rhs: int, expected: int, actual: int) -> str:
    spec = fmt.cells[rule.focus]
    where = table_name(fmt, rule.table)
    place = where + cell_place(spec)
    if rule.kind == "sum":
        return f"{place}应为 {expected}（{rule.title}），现为 {actual}。"
    if rule.base == "R3.1":
        return (
            f"{where}“{spec.col_label}”列不平衡：一、本年新收 + 二、上年结转 = {lhs}，"
            f"（七）总计 + 四、结转下年度继续办理 = {rhs}。"
            f"若其他数字无误，“四、结转下年度继续办理”应为 {expected}。"
        )
    if rule.uses_previous:
        return (
            f"{place}为 {actual}，按上年报告推算应为 {expected}（{rule.title}）。如有正当原因，可填写说明后接受此提示。"
        )
    if rule.kind == "le":
        return f"{place}为 {actual}，超过了 {rhs}（{rule.title}）。"
    return f"{place}应为 {expected}（{rule.title}），现为 {actual}。"
