"""A report together with its live findings: apply edit batches, revert changes exactly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nianbao.core.checking import Checker
from nianbao.core.computed import derive
from nianbao.core.edits import META_FIELDS, Change, EditBatch, EditError
from nianbao.core.findings import Finding, cell_place
from nianbao.core.report import Report
from nianbao.core.text import MAX_CHAPTER, MAX_CONTACT, MAX_ISSUER, clean_text
from nianbao.core.values import InvalidValue, Value, check_value
from nianbao.definition import Severity

if TYPE_CHECKING:
    from nianbao.core.coverage import Profile

YEAR_RANGE = (2008, 2100)  # report years that can be entered (the 条例 took effect in 2008)


class ReportDocument:
    """The one place that mutates a Report. Loading never recomputes: stated totals stay as read."""

    def __init__(self, report: Report, *, check_narrative: bool = True) -> None:
        """check_narrative=False: the findings about the text wait for check_narrative() or the first edit."""
        self.report = report
        self.fmt = report.fmt
        self.checker = Checker(report, check_narrative=check_narrative)

    # ------------------------------------------------------------------ queries
    @property
    def findings(self) -> list[Finding]:
        return self.checker.sorted()

    def counts(self) -> tuple[int, int]:
        return self.checker.counts()

    def stale_totals(self) -> dict[str, tuple[Value | None, int]]:
        """Computed cells whose stored value differs from the sum of their parts: {cell: (stated, sum)}."""
        return derive(self.fmt, dict(self.report.values))

    # ------------------------------------------------------------------ edits
    def validate(self, batch: EditBatch) -> None:
        cells = self.fmt.cells
        for cell, _ in batch.stated:
            if cell not in cells or not cells[cell].computed:
                raise EditError(f"“{cell}”不是合计单元格")
        for cell, value in batch.cells:
            spec = cells.get(cell)
            if spec is None:
                raise EditError(f"未知的单元格“{cell}”")
            if spec.computed:
                raise EditError(f"{cell_place(spec)}是自动合计，不能直接填写")
            try:
                check_value(value, spec.kind)
            except InvalidValue as exc:
                raise EditError(f"{cell_place(spec)}：{exc}") from None
        for chapter, text in batch.texts:
            if chapter not in {c.id for c in self.fmt.narrative_chapters}:
                raise EditError(f"未知的章节“{chapter}”")
            if len(text) > MAX_CHAPTER:
                raise EditError(f"一个章节最多 {MAX_CHAPTER:,} 个字符（现有 {len(text):,} 个），超出的内容没有写入。")
        for name, meta_value in batch.meta:
            if name not in META_FIELDS:
                raise EditError(f"未知的基本信息项“{name}”")
            if name == "issuer" and len(str(meta_value)) > MAX_ISSUER:
                raise EditError(f"发布机关最多 {MAX_ISSUER} 个字符。")
            if name == "contact" and len(str(meta_value)) > MAX_CONTACT:
                raise EditError(f"联系方式最多 {MAX_CONTACT} 个字符。")
            if name == "year" and not (isinstance(meta_value, int) and YEAR_RANGE[0] <= meta_value <= YEAR_RANGE[1]):
                raise EditError(f"报告年度应在 {YEAR_RANGE[0]}–{YEAR_RANGE[1]} 之间。")
        for cell, unit in batch.units:
            spec = cells.get(cell)
            if spec is None or unit not in spec.units:
                raise EditError(f"“{unit}”不是这一栏可选的计量单位")
        for rule_id, _ in batch.accepted:
            f = self.checker.findings.get(rule_id)
            if f is not None and f.severity == Severity.ERROR:
                raise EditError("错误不能被接受，只有提示可以填写说明后接受")

    def apply(self, batch: EditBatch) -> Change:
        """Apply a batch (all or nothing), re-derive affected totals, re-check affected rules."""
        self.validate(batch)
        rep = self.report
        change = Change(label=batch.label)
        for cell, value in batch.cells:
            old = rep.values.get(cell)
            if old != value:
                change.cells[cell] = (old, value)
                _store(rep.values, cell, value)
        change.cells.update(derive(self.fmt, rep.values, None if batch.recompute_all else change.cells))
        for cell, stated in batch.stated:
            before = change.cells[cell][0] if cell in change.cells else rep.values.get(cell)
            if rep.values.get(cell) != stated:
                change.cells[cell] = (before, stated)
                _store(rep.values, cell, stated)
        for chapter, typed in batch.texts:
            text = clean_text(typed)  # control characters, lone surrogates, bidi overrides never enter the report
            old_text = rep.narrative.get(chapter, "")
            if old_text != text:
                change.texts[chapter] = (old_text, text)
                rep.narrative[chapter] = text
        for name, given in batch.meta:
            meta_value = clean_text(given, single_line=True) if isinstance(given, str) else given
            old_meta = getattr(rep.meta, name)
            if old_meta != meta_value:
                change.meta[name] = (old_meta, meta_value)
                setattr(rep.meta, name, meta_value)
        for rule_id, given_note in batch.accepted:
            note = clean_text(given_note) if given_note else given_note
            old_note = rep.accepted.get(rule_id)
            if old_note != note:
                change.accepted[rule_id] = (old_note, note)
                _store(rep.accepted, rule_id, note)
        for cell, unit in batch.units:
            if rep.unit(cell) != unit:
                change.units[cell] = (rep.units.get(cell), unit)
                rep.units[cell] = unit
        change.findings_changed = self.checker.recheck([*change.cells, *change.units], change.accepted)
        return change

    def revert(self, change: Change) -> Change:
        """Restore exactly what was there before `change` (derived cells included, no recompute)."""
        rep = self.report
        for cell, (old, _) in change.cells.items():
            _store(rep.values, cell, old)
        for chapter, (old_text, _) in change.texts.items():
            rep.narrative[chapter] = old_text
        for name, (old_meta, _) in change.meta.items():
            setattr(rep.meta, name, old_meta)
        for rule_id, (old_note, _) in change.accepted.items():
            _store(rep.accepted, rule_id, old_note)
        for cell, (old_unit, _) in change.units.items():
            _store(rep.units, cell, old_unit)
        back = Change(
            cells={c: (new, old) for c, (old, new) in change.cells.items()},
            texts={c: (new, old) for c, (old, new) in change.texts.items()},
            meta={c: (new, old) for c, (old, new) in change.meta.items()},
            accepted={c: (new, old) for c, (old, new) in change.accepted.items()},
            units={c: (new, old) for c, (old, new) in change.units.items()},
            label=change.label,
        )
        back.findings_changed = self.checker.recheck([*change.cells, *change.units], change.accepted)
        return back

    @property
    def narrative_pending(self) -> bool:
        """True until the narrative has been checked (only for a document made with check_narrative=False)."""
        return self.checker.narrative_pending

    def check_narrative(self) -> Change:
        """Check the narrative (its findings join the others); not an edit of the report."""
        return Change(findings_changed=self.checker.refresh_narrative(), label="检查正文")

    def set_profile(self, profile: Profile | None) -> Change:
        """Check the narrative against a local requirements profile (None: none); not an edit of the report."""
        self.checker.narrative.profile = profile
        return Change(findings_changed=self.checker.refresh_narrative(), label="载入本地要求")

    def recompute_totals(self) -> Change:
        """重新计算合计: an explicit, undoable action."""
        return self.apply(EditBatch(recompute_all=True, label="重新计算合计"))


def _store(d: dict[str, Value] | dict[str, str], key: str, value: Value | str | None) -> None:
    if value is None:
        d.pop(key, None)
    else:
        d[key] = value  # type: ignore[assignment]
