"""A new report from last year's, and the cross-year warnings, on the real Pingtan series (2019-2025)."""

from __future__ import annotations

from nianbao.core import storage
from nianbao.core.carry import from_last_year
from nianbao.core.checking import check
from nianbao.core.document import ReportDocument
from nianbao.core.edits import EditBatch
from nianbao.core.report import PreviousYear, Report
from nianbao.definition import Severity
from published_kit import pingtan_report


def with_previous(report: Report, last: Report) -> Report:
    report.previous = PreviousYear(last.format_id, last.meta.year, dict(last.values))
    return report


def cross_year(year: int) -> dict[str, list[str]]:
    """Warnings of the cross-year rules for one Pingtan year against the year before: {rule base: [cells]}."""
    report = with_previous(pingtan_report(year), pingtan_report(year - 1))
    out: dict[str, list[str]] = {}
    for f in check(report):
        if f.base in ("X3", "S2.1", "S2.3", "X4"):
            out.setdefault(f.base, []).append(f.focus)
    return out


def test_pingtan_valid_documents_break_exactly_three_times_in_seven_years() -> None:
    # other_observations: 2022 is consistent (665 + 88 - 55 = 698); 2023, 2024, 2025 are not (clean-ups)
    found = {year: cross_year(year) for year in range(2020, 2026)}
    breaks = {year: f.get("S2.1", []) for year, f in found.items()}
    assert breaks == {
        2020: [],
        2021: [],
        2022: [],
        2023: ["t2.normative.valid"],
        2024: ["t2.normative.valid"],
        2025: ["t2.normative.valid"],
    }
    # the carried-over applications agree in every year, across the 2020 -> 2021 format change too
    assert all("X3" not in f for f in found.values())
    # 2019-format items: 上一年项目数量 (2020) = 上一年项目数量 + 本年增/减 (2019), as published
    assert "S2.3" not in found[2020]


def test_cross_year_break_is_a_warning_with_the_expected_value_never_an_error() -> None:
    report = with_previous(pingtan_report(2023), pingtan_report(2022))
    f = next(f for f in check(report) if f.base == "S2.1")
    assert f.severity == Severity.WARNING
    assert (f.actual, f.expected) == (470, 698 + 77 - 132)
    assert "按上年报告推算应为 643" in f.message
    doc = ReportDocument(report)
    note = "本年开展规范性文件全面清理，废止和宣布失效的文件未全部计入本年废止件数。"
    doc.apply(EditBatch(accepted=((f.rule, note),)))
    assert doc.counts() == (0, 0)


def test_carried_over_applications_differing_from_last_year_warn() -> None:
    report = with_previous(pingtan_report(2022), pingtan_report(2021))
    doc = ReportDocument(report)
    assert not [f for f in doc.findings if f.base == "X3"]
    doc.apply(EditBatch.set_cells({"t3.carried.natural": 3}))
    x3 = [f for f in doc.findings if f.base == "X3"]
    assert [(f.focus, f.actual, f.expected) for f in x3] == [("t3.carried.natural", 3, 1), ("t3.carried.total", 3, 1)]


def test_a_table_identical_to_last_years_is_flagged_until_a_figure_changes() -> None:
    last = pingtan_report(2024)
    report = pingtan_report(2024)
    report.meta.year = 2025
    with_previous(report, last)
    doc = ReportDocument(report)
    same = {f.rule: f for f in doc.findings if f.base == "X4"}
    assert set(same) == {"X4:t2", "X4:t3", "X4:t4"}
    assert all(f.severity == Severity.WARNING for f in same.values())
    assert "雷同" in same["X4:t2"].message
    doc.apply(EditBatch.set_cells({"t2.license.decisions": 4530}))
    assert {f.rule for f in doc.findings if f.base == "X4"} == {"X4:t3", "X4:t4"}
    doc.apply(EditBatch(accepted=(("X4:t4", "本年与上年确无行政复议、诉讼变化。"),)))
    assert next(f for f in doc.findings if f.rule == "X4:t4").accepted


def test_no_identical_warning_for_empty_tables_or_without_last_year() -> None:
    report = pingtan_report(2024)
    assert not [f for f in check(report) if f.base == "X4"]
    empty = Report("gov2021")
    empty.previous = PreviousYear("gov2021", 2024, {})
    assert not [f for f in check(empty) if f.base == "X4"]


def test_new_from_2020_carries_table_three_and_says_table_two_cannot_be() -> None:
    last = pingtan_report(2020)
    last.meta.contact = "办公室 0591-1234567"
    last.meta.level = "市级政府"
    last.narrative["ch1"] = "上年的总体情况。"
    last.values["t3.forward.natural"] = 2
    last.values["t3.forward.other"] = 1
    last.values["t3.forward.total"] = 3
    carried = from_last_year(last)
    new = carried.report
    assert (new.format_id, new.meta.year, new.meta.issuer) == ("gov2021", 2021, "平潭综合实验区")
    assert (new.meta.contact, new.meta.level) == ("办公室 0591-1234567", "市级政府")
    assert new.values == {
        "t3.carried.natural": 2,
        "t3.carried.business": 0,
        "t3.carried.research": 0,
        "t3.carried.charity": 0,
        "t3.carried.legal": 0,
        "t3.carried.other": 1,
        "t3.carried.total": 3,
    }
    assert new.narrative["ch1"] == ""  # not copied ...
    assert "2021" in new.narrative["preface"] and "0591-1234567" in new.narrative["preface"]  # this year's wording
    assert new.previous is not None and new.previous.narrative["ch1"] == "上年的总体情况。"  # ... kept to read
    assert new.previous.values == last.values and new.previous.year == 2020
    assert any("表二" in line and "无法带入" in line for line in carried.not_carried)
    assert not [f for f in check(new) if f.base == "X3"]
    # the file keeps last year's figures and text
    again = storage.loads(storage.dumps(new))
    assert again == new


def test_new_2020_from_2019_adds_this_years_change_to_the_item_counts() -> None:
    carried = from_last_year(pingtan_report(2019))
    new = carried.report
    assert new.format_id == "gov2019"
    assert new.values["t2.license.last"] == 396 + 0
    # 2020 -> 2021 would not carry these: from 2020 (396 + 442) into a 2021 report they do not exist
    carried_2020 = from_last_year(pingtan_report(2020), 2020 + 1)
    assert "t2.license.last" not in carried_2020.report.values
    # a 2019-format report into a 2020 one: last + change
    nxt = from_last_year(pingtan_report(2020), 2020)  # same year given: warned as not adjacent
    assert nxt.report.values["t2.license.last"] == 396 + 442
    assert nxt.report.values["t2.punish.last"] == 2648 - 18
    assert any("不是相邻年度" in line for line in nxt.not_carried)
