"""What is still empty in a report: an empty narrative chapter, no 联系方式, a table never touched.

A brand-new report breaks no rule, so the rule checks alone call it 全部通过; these 提示 say what is missing, in the
findings dock, in `nianbao check` and before an export. They are not rule findings: they cannot be accepted and do not
change the exit code of `nianbao check`.
"""

from __future__ import annotations

from nianbao.core.findings import Finding, new_finding
from nianbao.core.report import Report

UNFILLED_RULE = "E1"  # rule id prefix of these findings ("E1:ch5", "E1:t4", "E1:contact")


def is_unfilled(finding: Finding) -> bool:
    return finding.base == UNFILLED_RULE


def _finding(key: str, message: str, table: str = "", focus: str = "", chapter: str = "") -> Finding:
    # a whole table or chapter: the focus is only the cell to select, no row or column is named
    return new_finding(f"{UNFILLED_RULE}:{key}", UNFILLED_RULE, message, table=table, focus=focus, chapter=chapter)


def unfilled(report: Report) -> list[Finding]:
    """In chapter order, 联系方式 last."""
    fmt = report.fmt
    out: list[Finding] = []
    for ch in fmt.chapters:
        if ch.kind == "narrative":
            if not report.narrative.get(ch.id, "").strip():
                out.append(_finding(ch.id, f"“{ch.title}”尚未填写。", chapter=ch.id))
        elif ch.table is not None:
            table = fmt.tables[ch.table]
            if all(report.values.get(c) is None for c in table.cells):
                first = next((c for c in table.cells if not fmt.cells[c].computed), "")
                text = f"表{ch.number}（{ch.title}）还没有填写任何数字；没有发生的项目请填 0。"
                out.append(_finding(ch.table, text, table=ch.table, focus=first))
    if not report.meta.contact.strip():
        out.append(_finding("contact", "基本信息中的“联系方式”尚未填写（报告末尾要写明联系方式）。"))
    return out


def unfilled_names(report: Report) -> list[str]:
    """Short names of the empty parts, for 'export anyway?' questions."""
    names = []
    for f in unfilled(report):
        key = f.rule.split(":", 1)[1]
        if f.chapter:
            names.append(report.fmt.chapter(f.chapter).title)
        elif f.table:
            names.append(next(f"表{ch.number}" for ch in report.fmt.chapters if ch.table == f.table))
        elif key == "contact":
            names.append("联系方式")
    return names
