"""根据表格生成段落: every number of a draft is a table figure, read back by the text checks without a mismatch."""

from __future__ import annotations

import re

import pytest

from factories import filled_report
from nianbao.core.checking import check
from nianbao.core.drafting import draft
from nianbao.core.report import Report, new_report
from nianbao.core.text_check import find_statements, mismatches
from nianbao.definition.text_rules import load_text_rules
from published_samples import published_report

NUMBER = re.compile(r"\d+(?:\.\d+)?(?:件|项|万元|元)")


def assert_draft_agrees(report: Report) -> str:
    text = draft(report)
    statements = find_statements(report.format_id, text)
    absent = load_text_rules(report.format_id).absent
    counts = [s for s in statements if s.rule not in absent]
    assert len(counts) == len(NUMBER.findall(text))  # every number is read as a statement about a cell
    # ... and every "未…" is read as a zero
    both = "未发生因政府信息公开引起的行政复议、行政诉讼"  # one phrase, two zeros
    assert len(statements) - len(counts) == text.count("未发生") + text.count("未收到") + text.count(both)
    assert list(mismatches(report, statements)) == []  # ... and agrees with it
    report.narrative["ch1"] = text
    assert [f.message for f in check(report) if f.base in ("T1", "T2")] == []
    return text


@pytest.mark.parametrize("year", range(2019, 2026))
def test_drafts_from_the_published_tables_agree_with_them(year: int) -> None:
    assert_draft_agrees(published_report(year))


@pytest.mark.parametrize("format_id", ["gov2021", "gov2019"])
def test_drafts_from_distinct_numbers_agree(format_id: str) -> None:
    """filled_report gives every input cell a different number: a figure read back from the wrong cell shows."""
    text = assert_draft_agrees(filled_report(format_id))
    assert "依申请公开方面" in text and "政府信息管理方面" in text and "主动公开方面" in text


def test_2023_reads_like_the_report() -> None:
    text = draft(published_report(2023))
    assert text.splitlines() == [
        "主动公开方面，本年度作出行政许可决定2629件、行政处罚决定1330件、行政强制决定54件；"
        "收取行政事业性收费5949.088667万元。",
        "政府信息管理方面，本年度制发行政规范性文件77件、废止132件，现行有效行政规范性文件470件。",
        "依申请公开方面，本年度新收政府信息公开申请81件。本年度办结申请81件，其中予以公开22件、部分公开20件、"
        "不予公开5件、无法提供31件、不予处理1件、其他处理2件。",
        "本年度因政府信息公开被申请行政复议2件；被提起行政诉讼7件（未经复议直接起诉5件、复议后起诉2件）。",
    ]


def test_only_non_zero_outcomes_and_nothing_happened() -> None:
    report = new_report(2025, "某镇人民政府")
    assert draft(report).splitlines() == [
        "依申请公开方面，本年度未收到政府信息公开申请。",
        "本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
    ]
    report.values.update(
        {"t3.new.natural": 3, "t3.new.total": 3, "t3.open.natural": 2, "t3.open.total": 2, "t3.total.total": 2}
    )
    report.values.update({"t3.forward.total": 1, "t4.cases.direct_total": 1})
    text = draft(report)
    assert "本年度办结申请2件，其中予以公开2件。结转下年度继续办理1件。" in text
    assert "部分公开" not in text and "不予公开" not in text and "上年结转" not in text
    assert "本年度未发生因政府信息公开引起的行政复议；被提起行政诉讼1件。" in text
    assert_draft_agrees(report)
