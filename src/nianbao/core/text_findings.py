"""Findings about the narrative (前言 and chapters 一, 五, 六), all warnings that can be accepted with an explanation:

T1 a number in the text disagrees with its table cell; T2 last year's year written as this year's;
C1 a checklist item of the format is not covered (in a chapter with text); P1 a local requirement is unmet;
S1 a chapter is more than 80 % the same as last year's.

Rule ids are stable while the text says the same thing, so an accepted warning stays accepted as the text around
it changes. The work per chapter is cached by its text: a keystroke re-reads only the chapter typed in.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from nianbao.core import coverage, text_check
from nianbao.core.findings import ACCEPT_HINT, Finding, new_finding, table_cell_place, table_name
from nianbao.core.report import Report
from nianbao.definition.text_rules import load_text_rules


def narrative_parts(report: Report) -> list[tuple[str, str]]:
    """(part id, title) of every narrative part in report order: the 前言, then 一, 五, 六."""
    return [(ch.id, ch.title) for ch in report.fmt.narrative_chapters]


class NarrativeRules:
    """The narrative findings of one report, kept current by `refresh()` (cheap when no text changed)."""

    def __init__(self, report: Report, profile: coverage.Profile | None = None) -> None:
        self.report = report
        self.profile = profile
        self._statements: dict[str, tuple[str, list[text_check.Statement]]] = {}
        # part -> (what the text-only findings depend on, those findings without their accepted notes)
        self._text_only: dict[str, tuple[tuple[object, ...], dict[str, Finding]]] = {}

    def statements(self, part: str) -> list[text_check.Statement]:
        text = self.report.narrative.get(part, "")
        cached = self._statements.get(part)
        if cached is None or cached[0] != text:
            cached = (text, text_check.find_statements(self.report.format_id, text))
            self._statements[part] = cached
        return cached[1]

    def findings(self) -> dict[str, Finding]:
        out: dict[str, Finding] = {}
        report = self.report
        prev_texts = report.previous.narrative if report.previous is not None else {}
        for part, title in narrative_parts(report):
            text = report.narrative.get(part, "")
            deps = (text, report.meta.year, report.meta.level, prev_texts.get(part, ""), self.profile)
            cached = self._text_only.get(part)
            if cached is None or cached[0] != deps:
                text_only: dict[str, Finding] = {}
                self._text_rules(text_only, part, title, text, prev_texts.get(part, ""))
                cached = (deps, text_only)
                self._text_only[part] = cached
            out.update(cached[1])
            if text.strip():
                self._mismatches(out, part, title, self.statements(part))
        accepted = report.accepted
        for rid, f in out.items():
            note = accepted.get(rid)
            if note != f.accepted:
                out[rid] = replace(f, accepted=note)
        return out

    def _text_rules(self, out: dict[str, Finding], part: str, title: str, text: str, last: str) -> None:
        """The findings that depend on the text (and year, level, profile, last year's text) but not on the tables."""
        report = self.report
        if not text.strip():  # an empty chapter is an "unfilled" hint of its own (issue #10), not a list of gaps
            return
        self._year_slips(out, part, title, text)
        for item in coverage.checklist_gaps(report.fmt, report.meta.level, part, text):
            why = "条例第五十条要求各级人民政府报告这方面的情况" if item.levels else "格式要求报告这方面的情况"
            self._add(
                out,
                f"C1:{part}:{item.id}",
                part,
                title,
                None,
                f"“{title}”没有写到“{item.label}”，{why}。{ACCEPT_HINT}",
            )
        if self.profile is not None:
            self._profile(out, part, title, text, self.statements(part))
        # the 前言 is the same wording every year by design (core/preface.py): only the chapters can be 雷同
        if part != coverage.PREFACE_ID and coverage.char_count(text) >= coverage.SIMILAR_MIN_CHARS and last.strip():
            share = coverage.similarity(text, last)
            if share > coverage.SIMILAR_LIMIT:
                self._add(
                    out,
                    f"S1:{part}",
                    part,
                    title,
                    (0, len(text)),
                    f"“{title}”与上年报告的同一部分约 {round(share * 100)}% 相同（雷同），"
                    f"请按本年情况改写。{ACCEPT_HINT}",
                )

    # -------------------------------------------------------------------------------------- the rules
    def _mismatches(
        self, out: dict[str, Finding], part: str, title: str, statements: list[text_check.Statement]
    ) -> None:
        fmt = self.report.fmt
        for mm in text_check.mismatches(self.report, statements):
            st = mm.statement
            main = st.rule.readings[0]
            spec = fmt.cells[main[0]]
            if len(main) == 1:
                place = table_cell_place(fmt, spec)
            else:
                place = f"{table_name(fmt, spec.table)}“{st.rule.name}”（{len(main)} 项之和）"
            stated = _show(st.value)
            table_value = _show(mm.table_value)
            message = (
                f"“{title}”写的“{st.quote}”与{place}不一致：正文为 {stated}{st.unit}，表格为 {table_value}{st.unit}。"
                f"请核对正文或表格；{ACCEPT_HINT}"
            )
            self._add(
                out,
                f"T1:{part}:{st.rule.id}:{stated}",
                part,
                title,
                st.span,
                message,
                cells=main,
                stated=st.value,
                table_value=mm.table_value,
            )

    def _year_slips(self, out: dict[str, Finding], part: str, title: str, text: str) -> None:
        year = self.report.meta.year
        spans = text_check.year_slips(text, year)
        if spans:
            many = f"有 {len(spans)} 处" if len(spans) > 1 else ""
            self._add(
                out,
                f"T2:{part}:{year - 1}",
                part,
                title,
                spans[0],
                f"“{title}”中{many}“{year - 1}年”像是当作本年度写的（本报告为 {year} 年度），"
                f"可能沿用了上年的文字。{ACCEPT_HINT}",
            )

    def _profile(
        self, out: dict[str, Finding], part: str, title: str, text: str, statements: list[text_check.Statement]
    ) -> None:
        assert self.profile is not None
        stated = {st.rule.id for st in statements}
        refs = coverage.figure_refs()  # a profile may name a figure as either format does
        names = {st.id: st.name for st in load_text_rules(self.report.format_id).statements}
        for req in self.profile.requirements:
            if req.chapter != part:
                continue
            why = coverage.unmet(req, text, stated, refs, names)
            if why:
                self._add(
                    out,
                    f"P1:{part}:{req.label}",
                    part,
                    title,
                    None,
                    f"“{title}”未达到本地要求“{req.label}”：{why}（{self.profile.name}）。{ACCEPT_HINT}",
                )

    def _add(
        self,
        out: dict[str, Finding],
        rule_id: str,
        part: str,
        title: str,
        span: tuple[int, int] | None,
        message: str,
        cells: tuple[str, ...] = (),
        stated: int | Decimal = 0,
        table_value: int | Decimal = 0,
    ) -> None:
        rid, n = rule_id, 1
        while rid in out:  # the same statement twice in a chapter
            n += 1
            rid = f"{rule_id}#{n}"
        out[rid] = new_finding(
            rid,
            rule_id.split(":", 1)[0],
            message,
            title=title,
            cells=cells,
            chapter=part,
            span=span,
            actual=stated,
            expected=table_value,
        )


def _show(v: int | Decimal) -> str:
    return str(v) if isinstance(v, int) else format(v, "f")
