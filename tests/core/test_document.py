"""Edits, derived totals, exact revert, incremental checking."""

from __future__ import annotations

import copy
import random

import pytest

from factories import filled_report
from nianbao.core.checking import Checker, check
from nianbao.core.document import ReportDocument
from nianbao.core.edits import EditBatch, EditError
from nianbao.core.report import PreviousYear, Report, new_report
from nianbao.definition import Severity


def doc2021() -> ReportDocument:
    return ReportDocument(new_report(2025, "某某镇人民政府"))


def test_editing_a_part_derives_the_totals() -> None:
    doc = doc2021()
    change = doc.apply(EditBatch.set_cells({"t3.open.natural": 3, "t3.open.business": 2}))
    v = doc.report.values
    assert v["t3.open.total"] == 5
    assert v["t3.total.natural"] == 3 and v["t3.total.business"] == 2 and v["t3.total.total"] == 5
    assert {"t3.open.total", "t3.total.natural", "t3.total.total"} <= set(change.cells)
    doc.apply(EditBatch.set_cells({"t4.cases.review_upheld": 2, "t4.cases.review_pending": 1}))
    assert v["t4.cases.review_total"] == 3


def test_revert_restores_exactly_including_stated_totals() -> None:
    report = filled_report()
    report.values["t3.total.natural"] = 999  # a stated total that disagrees, as imported
    before = copy.deepcopy(report)
    doc = ReportDocument(report)
    change = doc.apply(
        EditBatch(cells=(("t3.open.natural", 77),), texts=(("ch1", "新的正文"),), meta=(("issuer", "另一镇人民政府"),))
    )
    assert report.values["t3.total.natural"] != 999
    doc.revert(change)
    assert report == before


def test_random_batches_revert_to_the_start() -> None:
    rng = random.Random(7)
    report = filled_report()
    before = copy.deepcopy(report)
    doc = ReportDocument(report)
    editable = [c for c, s in report.fmt.cells.items() if not s.computed and s.kind.value == "count"]
    changes = []
    for _ in range(50):
        cells = rng.sample(editable, 4)
        changes.append(doc.apply(EditBatch.set_cells({c: rng.choice([None, 0, rng.randint(1, 50)]) for c in cells})))
    for change in reversed(changes):
        doc.revert(change)
    assert report == before
    assert doc.checker.findings == Checker(report).findings


def test_invalid_edits_change_nothing() -> None:
    doc = doc2021()
    with pytest.raises(EditError, match="自动合计"):
        doc.apply(EditBatch.set_cells({"t3.open.natural": 1, "t3.open.total": 5}))
    with pytest.raises(EditError, match="件数不能为负数"):
        doc.apply(EditBatch.set_cells({"t3.open.natural": 1, "t3.open.business": -1}))
    with pytest.raises(EditError, match="未知的单元格"):
        doc.apply(EditBatch.set_cells({"t9.x.y": 1}))
    assert doc.report.values == {}


def test_balance_rule_message_names_the_value_that_balances() -> None:
    doc = doc2021()
    doc.apply(EditBatch.set_cells({"t3.new.natural": 10, "t3.carried.natural": 2, "t3.open.natural": 9}))
    (f,) = [f for f in doc.findings if f.rule == "R3.1:natural"]
    assert f.severity == Severity.ERROR and f.basis == "official"
    assert (f.lhs, f.rhs, f.expected, f.actual) == (12, 9, 3, 0)
    assert f.focus == "t3.forward.natural"
    assert f.row == "四、结转下年度继续办理" and f.column == "自然人"
    assert "表三" in f.message and "自然人" in f.message and "应为 3" in f.message
    doc.apply(EditBatch.set_cells({"t3.forward.natural": 3}))
    assert not [f for f in doc.findings if f.rule.startswith("R3.1")]


def test_leaf_rows_exceeding_the_stated_total_are_caught_even_when_the_balance_holds() -> None:
    # 一 equals （七）总计, so 一 + 二 = （七）总计 + 四 holds; but the leaf rows add up to more
    report = new_report(2025, "某某镇人民政府")
    report.values.update(
        {
            "t3.new.natural": 5,
            "t3.new.total": 5,
            "t3.open.natural": 4,
            "t3.open.total": 4,
            "t3.partial.natural": 3,
            "t3.partial.total": 3,
            "t3.total.natural": 5,
            "t3.total.total": 5,
        }
    )
    findings = check(report)
    assert not [f for f in findings if f.base == "R3.1"]
    assert {r for r in Checker(report).findings if r.startswith("R3.3")} == {"R3.3:natural", "R3.3:total"}
    leaf = [f for f in findings if f.base == "R3.3"]  # one problem: the 总计 column breaks only through 自然人
    assert [f.rule for f in leaf] == ["R3.3:natural"]
    f = leaf[0]
    assert "t3.total.total" in f.cells and "“总计”列因此也不符" in f.message
    assert (f.expected, f.actual, f.severity) == (7, 5, "error")
    assert f.row == "（七）总计" and f.column == "自然人"
    assert "（七）总计" in f.message and "应为 7" in f.message


def test_stated_totals_are_kept_on_load_and_recomputed_only_on_request() -> None:
    report = filled_report()
    report.values["t3.open.total"] = 1  # disagrees with its row
    doc = ReportDocument(report)
    assert report.values["t3.open.total"] == 1
    assert "R3.2:open" in doc.checker.findings
    assert doc.stale_totals()["t3.open.total"][0] == 1
    change = doc.recompute_totals()
    assert report.values["t3.open.total"] != 1 and "R3.2:open" not in doc.checker.findings
    assert change.label == "重新计算合计"
    doc.revert(change)
    assert report.values["t3.open.total"] == 1 and "R3.2:open" in doc.checker.findings


def test_incremental_recheck_equals_a_full_check() -> None:
    rng = random.Random(3)
    report = filled_report()
    doc = ReportDocument(report)
    editable = [c for c, s in report.fmt.cells.items() if not s.computed and s.kind.value == "count"]
    for _ in range(200):
        doc.apply(EditBatch.set_cells({rng.choice(editable): rng.randint(0, 30)}))
        assert doc.checker.findings == Checker(report).findings


def test_warnings_can_be_accepted_but_errors_cannot() -> None:
    report = filled_report()
    report.previous = PreviousYear("gov2021", 2024, {"t3.forward.natural": 99})
    doc = ReportDocument(report)
    warn = doc.checker.findings["X3:natural"]
    assert warn.severity == Severity.WARNING and "上年" in warn.message
    assert doc.counts()[1] >= 1
    errors_before, open_before = doc.counts()
    change = doc.apply(EditBatch(accepted=(("X3:natural", "上年数据统计口径调整"),)))
    assert doc.checker.findings["X3:natural"].accepted == "上年数据统计口径调整"
    assert doc.counts() == (errors_before, open_before - 1)
    assert "X3:natural" in change.findings_changed
    doc.apply(EditBatch.set_cells({"t3.open.natural": 1000}))
    with pytest.raises(EditError, match="错误不能被接受"):
        doc.apply(EditBatch(accepted=(("R3.1:natural", "理由"),)))


def test_cross_year_rules_need_last_years_figures() -> None:
    report = filled_report()
    assert not [f for f in check(report) if f.base in ("X3", "S2.1")]
    report.previous = PreviousYear("gov2019", 2020, {})  # the 2019 format has no 现行有效件数
    bases = {f.base for f in check(report)}
    assert "X3" in bases and "S2.1" not in bases


def test_soft_checks_are_warnings() -> None:
    report = filled_report("gov2019")
    report.values["t2.rules.published"] = 50
    (f,) = [f for f in check(report) if f.base == "S2.2"]
    assert f.severity == Severity.WARNING and f.basis == "soft" and f.row == "规章"


def test_money_unit_is_an_undoable_edit() -> None:
    from factories import filled_report as make

    report = make("gov2019")
    doc = ReportDocument(report)
    assert report.unit("t2.purchase.amount") == "万元"
    change = doc.apply(EditBatch(units=(("t2.purchase.amount", "元"),)))
    assert report.unit("t2.purchase.amount") == "元" and change.units == {"t2.purchase.amount": (None, "元")}
    before = copy.deepcopy(report)
    again = doc.apply(EditBatch(units=(("t2.purchase.amount", "万元"),)))
    doc.revert(again)
    assert report == before
    doc.revert(change)
    assert report.unit("t2.purchase.amount") == "万元" and "t2.purchase.amount" not in report.units
    with pytest.raises(EditError, match="计量单位"):
        doc.apply(EditBatch(units=(("t2.purchase.amount", "美元"),)))
    with pytest.raises(EditError, match="计量单位"):
        doc.apply(EditBatch(units=(("t3.open.natural", "元"),)))


def _report_with_a_year_slip() -> Report:
    report = filled_report("gov2021", year=2026)
    report.narrative["ch1"] = "2025年，我镇认真落实政府信息公开工作。\n" + report.narrative["ch1"]
    return report


def test_a_document_can_leave_the_narrative_for_later_and_check_it_on_demand() -> None:
    """The window's first report (gui/app.py): its tables are checked at once, its text once the window shows."""
    eager = ReportDocument(_report_with_a_year_slip())
    assert any(f.base == "T2" for f in eager.findings) and not eager.narrative_pending
    doc = ReportDocument(_report_with_a_year_slip(), check_narrative=False)
    assert doc.narrative_pending and not [f for f in doc.findings if f.chapter]
    change = doc.check_narrative()
    assert not doc.narrative_pending and change.findings_changed and not change.cells
    assert doc.findings == eager.findings and doc.counts() == eager.counts()
    assert doc.check_narrative().findings_changed == set()  # checked again: nothing new


def test_an_edit_before_the_narrative_check_brings_the_narrative_findings() -> None:
    doc = ReportDocument(_report_with_a_year_slip(), check_narrative=False)
    doc.apply(EditBatch.set_cells({"t3.open.natural": 5}))
    assert not doc.narrative_pending and any(f.base == "T2" for f in doc.findings)
