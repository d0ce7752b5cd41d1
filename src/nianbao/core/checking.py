"""Evaluate rules into findings, fully or only for the rules that touch changed cells."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from nianbao.core.coverage import Profile
from nianbao.core.crossyear import SAME_RULE, identical_tables
from nianbao.core.findings import Finding, message, table_name
from nianbao.core.report import Report
from nianbao.core.text_findings import NarrativeRules
from nianbao.core.value_findings import value_findings
from nianbao.definition import ReportFormat, Rule, Severity, Term, load_format


def _side(report: Report, terms: Iterable[Term], prev: dict[str, int | Decimal] | None) -> int:
    total = 0
    for t in terms:
        src = prev if t.prev and prev is not None else report.values
        total += t.sign * int(src.get(t.cell, 0))
    return total


def _previous_values(report: Report, rule: Rule) -> dict[str, int | Decimal] | bool | None:
    """Last year's values if the rule can use them; False when the rule must be skipped."""
    if not rule.uses_previous:
        return None
    prev = report.previous
    if prev is None:
        return False
    try:
        prev_fmt = load_format(prev.format_id)
    except KeyError:
        return False
    if any(t.prev and t.cell not in prev_fmt.cells for t in rule.terms):
        return False
    return prev.values


def evaluate_rule(report: Report, rule: Rule, fmt: ReportFormat | None = None) -> Finding | None:
    fmt = fmt or report.fmt
    prev = _previous_values(report, rule)
    if prev is False:
        return None
    prev_values = prev if isinstance(prev, dict) else None
    lhs = _side(report, rule.lhs, prev_values)
    rhs = _side(report, rule.rhs, prev_values)
    if (lhs <= rhs) if rule.kind == "le" else (lhs == rhs):
        return None
    actual = int(report.values.get(rule.focus, 0))
    diff = lhs - rhs
    expected = actual
    for t in rule.lhs:
        if t.cell == rule.focus and not t.prev:
            expected = actual - t.sign * diff
            break
    else:
        for t in rule.rhs:
            if t.cell == rule.focus and not t.prev:
                expected = actual + t.sign * diff
                break
    if rule.kind == "le":
        expected = actual - diff
    spec = fmt.cells[rule.focus]
    return Finding(
        rule=rule.id,
        base=rule.base,
        severity=rule.severity,
        basis=rule.basis,
        table=rule.table,
        table_title=fmt.tables[rule.table].title or table_name(fmt, rule.table),
        row=spec.row_label,
        column=spec.col_label,
        focus=rule.focus,
        cells=rule.cells,
        lhs=lhs,
        rhs=rhs,
        expected=expected,
        actual=actual,
        message=message(fmt, rule, lhs, rhs, expected, actual),
        accepted=report.accepted.get(rule.id) if rule.severity == Severity.WARNING else None,
    )


class Checker:
    """Keeps the current findings of one report; re-checks only the rules that touch given cells."""

    def __init__(self, report: Report, profile: Profile | None = None) -> None:
        self.report = report
        self.fmt = report.fmt
        self.findings: dict[str, Finding] = {}
        self.narrative = NarrativeRules(report, profile)  # findings about the text (core/text_findings.py)
        self.check_all()

    def check_all(self) -> set[str]:
        old = self.findings
        self.findings = {}
        for rule in self.fmt.rules:
            f = evaluate_rule(self.report, rule, self.fmt)
            if f is not None:
                self.findings[rule.id] = f
        self.findings.update((f.rule, f) for f in identical_tables(self.report, self.fmt))
        self.findings.update(self.narrative.findings())
        self.findings.update({rid: f for rid, f in value_findings(self.report).items() if f is not None})
        return {rid for rid in old.keys() | self.findings.keys() if old.get(rid) != self.findings.get(rid)}

    def recheck(self, cells: Iterable[str] = (), rules: Iterable[str] = ()) -> set[str]:
        """Re-evaluate the rules reading these cells (plus the named rules); return changed rule ids."""
        cells = list(cells)
        todo: dict[str, Rule] = {}
        by_cell = self.fmt.rules_by_cell
        for c in cells:
            for r in by_cell.get(c, ()):
                todo[r.id] = r
        if rules:
            wanted = set(rules)
            for r in self.fmt.rules:
                if r.id in wanted:
                    todo[r.id] = r
        changed = self._recheck_identical() if cells or rules else set()
        news = {rid: evaluate_rule(self.report, rule, self.fmt) for rid, rule in todo.items()}
        news.update(value_findings(self.report, cells))
        for rid, new in news.items():
            if self.findings.get(rid) != new:
                changed.add(rid)
                if new is None:
                    self.findings.pop(rid, None)
                else:
                    self.findings[rid] = new
        return changed | self.refresh_narrative()

    def refresh_narrative(self) -> set[str]:
        """Bring the narrative findings up to date (texts, tables, year, profile); return changed rule ids."""
        new = self.narrative.findings()
        changed = {rid for rid, f in self.findings.items() if f.chapter and rid not in new}
        for rid in changed:
            del self.findings[rid]
        for rid, f in new.items():
            if self.findings.get(rid) != f:
                self.findings[rid] = f
                changed.add(rid)
        return changed

    def _recheck_identical(self) -> set[str]:
        """The 雷同 findings (cheap: one comparison per cell), replaced as a whole."""
        old = {rid: f for rid, f in self.findings.items() if rid.startswith(SAME_RULE + ":")}
        new = {f.rule: f for f in identical_tables(self.report, self.fmt)}
        for rid in old.keys() - new.keys():
            del self.findings[rid]
        self.findings.update(new)
        return {rid for rid in old.keys() | new.keys() if old.get(rid) != new.get(rid)}

    def sorted(self) -> list[Finding]:
        """Errors first, then warnings; each in chapter order, then grid or text order."""
        order = {ch.table or ch.id: i for i, ch in enumerate(self.fmt.chapters)}
        cells = self.fmt.cells

        def key(f: Finding) -> tuple[int, int, int, int, int]:
            if f.chapter:  # the 前言 first, then by chapter: sentences in text order, then the chapter as a whole
                place = (order.get(f.chapter, -1), f.span[0] if f.span else 1 << 30, 0)
            else:
                spec = cells[f.focus]
                place = (order[f.table], spec.grid_row, spec.grid_col)
            return (0 if f.severity == Severity.ERROR else 1, 1 if f.accepted else 0, *place)

        return sorted(self.findings.values(), key=key)

    def counts(self) -> tuple[int, int]:
        """(errors, open warnings); accepted warnings are not counted."""
        errors = sum(1 for f in self.findings.values() if f.severity == Severity.ERROR)
        warnings = sum(1 for f in self.findings.values() if f.severity == Severity.WARNING and not f.accepted)
        return errors, warnings


def check(report: Report, profile: Profile | None = None) -> list[Finding]:
    return Checker(report, profile).sorted()
