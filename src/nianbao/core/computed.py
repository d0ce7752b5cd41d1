"""Derive computed cells (the 总计 column and row, table 四 总计) from their parts."""

from __future__ import annotations

from collections.abc import Iterable

from nianbao.core.values import Value
from nianbao.definition import ReportFormat, Rule


def derived_value(rule: Rule, values: dict[str, Value]) -> int:
    return sum(int(values.get(t.cell, 0)) for t in rule.rhs)


def affected_derivations(fmt: ReportFormat, changed: Iterable[str]) -> list[Rule]:
    """Deriving rules reached from the changed cells, in parts-before-totals order."""
    dirty = set(changed)
    out = []
    for rule in fmt.derive_order:
        if any(t.cell in dirty for t in rule.rhs):
            out.append(rule)
            dirty.add(rule.lhs[0].cell)
    return out


def derive(
    fmt: ReportFormat, values: dict[str, Value], changed: Iterable[str] | None = None
) -> dict[str, tuple[Value | None, int]]:
    """Recompute totals in place (all when changed is None); returns {cell: (old, new)} that moved."""
    rules = list(fmt.derive_order) if changed is None else affected_derivations(fmt, changed)
    moved: dict[str, tuple[Value | None, int]] = {}
    for rule in rules:
        target = rule.lhs[0].cell
        new = derived_value(rule, values)
        old = values.get(target)
        if old != new:
            moved[target] = (old, new)
            values[target] = new
    return moved
