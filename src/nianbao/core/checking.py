"""Evaluate rules into findings, fully or only for the rules that touch changed cells."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from nianbao.core.crossyear import SAME_RULE, identical_tables
from nianbao.core.findings import Finding, message, new_finding
from nianbao.core.report import Report
from nianbao.core.value_findings import value_findings
from nianbao.definition import ReportFormat, Rule, Severity, Term, load_format

if TYPE_CHECKING:
    from nianbao.core.coverage import Profile
    from nianbao.core.text_findings import NarrativeRules


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
    return new_finding(
        rule.id,
        rule.base,
        message(fmt, rule, lhs, rhs, expected, actual),
        severity=rule.severity,
        basis=rule.basis,
        fmt=fmt,
        focus=rule.focus,
        cells=rule.cells,
        actual=actual,
        expected=expected,
        lhs=lhs,
        rhs=rhs,
        accepted=report.accepted.get(rule.id) if rule.severity == Severity.WARNING else None,
    )


def stated_totals(fmt: ReportFormat, rule: Rule) -> set[str]:
    """The cells of a broken rule marked as errors: a sum's total, a balance's totals (computed cells), else its focus.
    The rule's other cells are marked more lightly: any of them may hold the typo."""
    if rule.kind == "sum":
        return {rule.lhs[0].cell}
    totals = {c for c in rule.cells if fmt.cells[c].computed}
    return totals or {rule.focus}


_IMPLIED: dict[str, dict[str, tuple[str, ...]]] = {}  # format id -> implied_rules (formats never change)


def implied_rules(fmt: ReportFormat) -> dict[str, tuple[str, ...]]:
    """Computed once per format (6 ms: a 1,000-file audit spent 6 s in it). See _implied_rules."""
    found = _IMPLIED.get(fmt.id)
    if found is None:
        found = _IMPLIED[fmt.id] = _implied_rules(fmt)
    return found


def _implied_rules(fmt: ReportFormat) -> dict[str, tuple[str, ...]]:
    """Rule instances that only repeat others: {instance: its siblings}. An instance is implied when every cell it
    reads is a total derived from cells its siblings (same rule, other rows or columns) read, e.g. R3.1 in the 总计
    column: one typo in the 自然人 column breaks it too, and that is one problem, not two."""
    deriving = {r.lhs[0].cell: r for r in fmt.derive_order}
    by_base: dict[str, list[Rule]] = {}
    for r in fmt.rules:
        by_base.setdefault(r.base, []).append(r)
    implied: dict[str, tuple[str, ...]] = {}
    for base_rules in by_base.values():
        for rule in base_rules:
            siblings = [r for r in base_rules if r.id != rule.id]
            sibling_cells = {c for r in siblings for c in r.cells}
            if not siblings or rule.uses_previous:
                continue
            if all(
                c in deriving and deriving[c].id != rule.id and all(t.cell in sibling_cells for t in deriving[c].rhs)
                for c in rule.cells
            ):
                implied[rule.id] = tuple(r.id for r in siblings)
    return implied


class Checker:
    """Keeps the current findings of one report; re-checks only the rules that touch given cells.

    With check_narrative=False the findings about the text are left out until the first refresh_narrative() (or
    edit): the window's first paint does not wait for the narrative rules to load (docs/architecture.md, start-up
    rules)."""

    def __init__(self, report: Report, profile: Profile | None = None, *, check_narrative: bool = True) -> None:
        self.report = report
        self.fmt = report.fmt
        self.findings: dict[str, Finding] = {}
        self._profile = profile
        self._narrative: NarrativeRules | None = None
        self.narrative_pending = not check_narrative
        self.check_all()

    @property
    def narrative(self) -> NarrativeRules:
        """The findings about the text (core/text_findings.py), loaded on first use."""
        if self._narrative is None:
            from nianbao.core.text_findings import NarrativeRules

            self._narrative = NarrativeRules(self.report, self._profile)
        return self._narrative

    def check_all(self) -> set[str]:
        old = self.findings
        self.findings = {}
        for rule in self.fmt.rules:
            f = evaluate_rule(self.report, rule, self.fmt)
            if f is not None:
                self.findings[rule.id] = f
        self.findings.update((f.rule, f) for f in identical_tables(self.report, self.fmt))
        if not self.narrative_pending:
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
        self.narrative_pending = False
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

    def problems(self) -> dict[str, Finding]:
        """The findings as problems: a broken implied instance whose difference is exactly that of its broken
        siblings is folded into the first of them (its cells are marked with it, its message says so)."""
        found = self.findings
        out = dict(found)
        if not found:  # nothing to fold
            return out
        for rid, siblings in implied_rules(self.fmt).items():
            f = found.get(rid)
            broken = [found[s] for s in siblings if s in found]
            if f is None or not broken or sum(b.lhs - b.rhs for b in broken) != f.lhs - f.rhs:
                continue
            del out[rid]
            first = broken[0]
            out[first.rule] = _fold(out[first.rule], f)
        return out

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

        return sorted(self.problems().values(), key=key)

    def counts(self) -> tuple[int, int]:
        """(errors, open warnings) as problems (folded); accepted warnings are not counted."""
        problems = self.problems().values()
        errors = sum(1 for f in problems if f.severity == Severity.ERROR)
        warnings = sum(1 for f in problems if f.severity == Severity.WARNING and not f.accepted)
        return errors, warnings


def check(report: Report, profile: Profile | None = None) -> list[Finding]:
    return Checker(report, profile).sorted()


def _fold(into: Finding, implied: Finding) -> Finding:
    """`into` carrying the cells of the instance it explains, and saying so."""
    cells = tuple(dict.fromkeys((*into.cells, *implied.cells)))
    note = f"（“{implied.column}”列因此也不符，不另计为一处问题。）"
    return replace(into, cells=cells, message=into.message + note)
