"""Numbers in the narrative against the tables (T1) and last year's year written as this year's (T2)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from factories import filled_report, run_cli
from nianbao.core import storage
from nianbao.core.checking import check
from nianbao.core.document import ReportDocument
from nianbao.core.edits import EditBatch, EditError
from nianbao.core.findings import Finding
from nianbao.core.report import Report, new_report
from nianbao.core.text_check import chinese_number, find_statements, mismatches, year_slips
from nianbao.definition import Severity
from nianbao.resources import load_example
from published_samples import QUOTED, RECONSTRUCTED_2023, published_report


def found(format_id: str, text: str) -> list[tuple[str, int | Decimal]]:
    return [(s.rule.id, s.value) for s in find_statements(format_id, text)]


def test_published_quotes_flag_exactly_the_recorded_mismatch() -> None:
    """The 平潭 series: every sentence its observations quote, against that year's printed tables."""
    statements = flagged = real = 0
    for year, quotes in QUOTED.items():
        report = published_report(year)
        for text, recorded_mismatch in quotes:
            sts = find_statements(report.format_id, text)
            flags = list(mismatches(report, sts))
            statements += len(sts)
            flagged += len(flags)
            real += len(flags) if recorded_mismatch else 0
            assert bool(flags) == recorded_mismatch, (year, text)
    # 16 counts are quoted; the three of 2025 ("收到154件，办结148件，结转6件") name no 申请, so they are not read
    assert (statements, flagged, real) == (13, 1, 1)
    report = published_report(2023)
    (flag,) = mismatches(report, find_statements("gov2021", "截至年底，现行有效行政规范性文件393件。"))
    assert (flag.statement.value, flag.table_value) == (393, 470)


def test_reconstructed_2023_application_figures_all_agree() -> None:
    report = published_report(2023)
    sts = find_statements("gov2021", RECONSTRUCTED_2023)
    assert [(s.rule.id, s.value) for s in sts] == [
        ("apply.new", 81),
        ("apply.open_partial", 42),
        ("apply.withheld", 5),
        ("apply.unable", 31),
        ("apply.not_processed", 1),
        ("apply.other", 2),
        ("review", 2),
        ("litigation", 7),
    ]
    assert list(mismatches(report, sts)) == []
    wrong = RECONSTRUCTED_2023.replace("无法提供31件", "无法提供30件")
    (flag,) = mismatches(report, find_statements("gov2021", wrong))
    assert (flag.statement.rule.id, flag.statement.value, flag.table_value) == ("apply.unable", 30, 31)


def test_the_seed_text_states_no_count_and_raises_nothing() -> None:
    report = load_example()
    for chapter in ("ch1", "ch5", "ch6"):
        assert find_statements("gov2019", report.narrative[chapter]) == []
    assert check(report) == []


@pytest.mark.parametrize(
    "text",
    [
        "联系电话：0591-24331234，邮政编码：350400。",
        "按照国办公开办函〔2021〕30号文件要求，依据《条例》第二十条第（一）项和第20条，",
        "政府信息公开申请答复率100%，满意率达95.5%。",
        "2024年3月5日收到政府信息公开申请。",
        "（一）主动公开\n1.收到申请情况\n二、收到和处理政府信息公开申请情况",
        "全年收到政府信息公开申请较上年增加7件，同比减少3件。",
        "收到政府信息公开申请1000余件，约20件为重复申请。",
        "第3件申请已办结。上年收到申请90件。",
        "推进一件事一次办改革。",
    ],
)
def test_what_is_not_a_count_is_not_a_statement(text: str) -> None:
    assert found("gov2021", text) == []


def test_clauses_topics_and_nearest_keys() -> None:
    text = "本年度制发规章1件、废止规章2件，现行有效规章3件；制发行政规范性文件77件、废止132件，现行有效470件。"
    assert found("gov2021", text) == [
        ("rules.issued", 1),
        ("rules.repealed", 2),
        ("rules.valid", 3),
        ("normative.issued", 77),
        ("normative.repealed", 132),
        ("normative.valid", 470),
    ]
    assert found("gov2021", "收到申请81件（含上年结转1件），1件结转下年度继续办理。") == [
        ("apply.new", 81),
        ("apply.carried", 1),
        ("apply.forward", 1),
    ]
    # without a word about applications a count of 收到 is something else (letters, calls)
    assert found("gov2021", "收到群众来信12件。") == []


def test_chinese_numerals_full_width_digits_and_money() -> None:
    assert [chinese_number(s) for s in ("三", "十二", "二百零五", "两千", "三三")] == [3, 12, 205, 2000, None]
    assert found("gov2021", "收到政府信息公开申请三件，行政复议１２件。") == [("apply.new", 3), ("review", 12)]
    report = published_report(2023)  # 本年收费金额 5949.088667 万元
    for text, agrees in [
        ("收取行政事业性收费5949.09万元", True),
        ("行政事业性收费5949万元", True),
        ("行政事业性收费59490886.67元", True),
        ("行政事业性收费5950.1万元", False),
    ]:
        assert (list(mismatches(report, find_statements("gov2021", text))) == []) == agrees, text


def test_2019_format_purchase_in_yuan() -> None:
    report = published_report(2019)  # 采购总金额 75394432.52元, 采购项目数量 135
    ok = find_statements("gov2019", "全年政府集中采购项目135项，采购金额7539.44万元。")
    assert [s.rule.id for s in ok] == ["purchase.items", "purchase.amount"]
    assert list(mismatches(report, ok)) == []
    bad = find_statements("gov2019", "全年政府集中采购项目136项。")
    assert [(m.statement.value, m.table_value) for m in mismatches(report, bad)] == [(136, 135)]


def test_an_unfilled_table_is_not_compared() -> None:
    report = new_report(2025, "某镇人民政府")
    report.narrative["ch1"] = "全年共收到政府信息公开申请5件。"
    assert [f for f in check(report) if f.base == "T1"] == []


def test_year_slips() -> None:
    text = (
        "2025年，我镇扎实推进政务公开。较2025年增加。2025年12月印发。截至2025年底。与2025年持平。现将2025年度报告如下。"
    )
    assert [text[a:b] for a, b in year_slips(text, 2026)] == ["2025年", "2025年"]
    assert year_slips(text, 2025) == []
    assert year_slips("上年（2025年）收到申请", 2026) == []
    assert [text[a:b] for text in ["二〇二五年，我镇", "二零二五年以来"] for a, b in year_slips(text, 2026)] == [
        "二〇二五年",
        "二零二五年",
    ]
    assert year_slips("较二〇二五年增加", 2026) == [] and year_slips("二〇二六年，我镇", 2026) == []


def mismatch_report() -> tuple[ReportDocument, str]:
    report = filled_report("gov2021")
    total = int(report.value("t3.new.total"))
    text = f"（二）依申请公开\n本年度共收到政府信息公开申请{total + 1}件。"
    report.narrative["ch1"] = text
    return ReportDocument(report), text


def test_a_mismatch_is_an_acceptable_warning_with_chapter_span_and_both_numbers() -> None:
    doc, text = mismatch_report()
    total = int(doc.report.value("t3.new.total"))
    (f,) = [f for f in doc.findings if f.base == "T1"]
    assert f.severity == Severity.WARNING and f.chapter == "ch1" and f.span is not None
    assert text[f.span[0] : f.span[1]] == f"收到政府信息公开申请{total + 1}件"
    assert f"正文为 {total + 1}件" in f.message and f"表格为 {total}件" in f.message
    assert "表三“一、本年新收政府信息公开申请数量”行“总计”列" in f.message
    change = doc.apply(EditBatch(accepted=((f.rule, "正文含上年结转"),)))
    assert f.rule in change.findings_changed
    (after,) = [g for g in doc.findings if g.base == "T1"]
    assert after.accepted == "正文含上年结转" and doc.counts()[1] == len([g for g in doc.findings if not g.accepted])
    # fixing the table (or the text) clears it; typing elsewhere keeps the same rule id
    doc.apply(EditBatch(texts=(("ch1", "前面加一句。" + text),)))
    assert [g.rule for g in doc.findings if g.base == "T1"] == [f.rule]
    doc.apply(EditBatch(texts=(("ch1", text.replace(str(total + 1), str(total))),)))
    assert [g for g in doc.findings if g.base == "T1"] == []


def test_table_edits_recheck_the_text() -> None:
    doc, _ = mismatch_report()
    total = int(doc.report.value("t3.new.total"))
    new_natural = int(doc.report.value("t3.new.natural")) + 1
    change = doc.apply(EditBatch.set_cells({"t3.new.natural": new_natural, "t3.forward.natural": 2}))
    assert doc.report.value("t3.new.total") == total + 1
    assert not [f for f in doc.findings if f.base == "T1"]
    assert any(r.startswith("T1:") for r in change.findings_changed)


def test_errors_cannot_be_accepted_but_text_warnings_can() -> None:
    doc, _ = mismatch_report()
    doc.apply(EditBatch.set_cells({"t3.forward.natural": 50}))
    error = next(f for f in doc.findings if f.severity == Severity.ERROR)
    with pytest.raises(EditError):
        doc.apply(EditBatch(accepted=((error.rule, "x"),)))


def test_cli_check_json_has_rule_and_span(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc, text = mismatch_report()
    doc.report.narrative["ch5"] = "2024年，我镇存在的主要问题是公开不够及时。"
    path = tmp_path / "r.nianbao"
    storage.save(doc.report, path)
    code, out, _ = run_cli(capsys, "check", str(path), "--json")
    assert code == 0  # warnings only
    items = json.loads(out)
    t1 = next(i for i in items if i["rule"].startswith("T1:"))
    assert t1["chapter"] == "ch1" and text[slice(*t1["span"])].startswith("收到政府信息公开申请")
    t2 = next(i for i in items if i["rule"].startswith("T2:"))
    assert t2["chapter"] == "ch5" and t2["span"] == [0, 5] and "2024年" in t2["message"]
    _, out, _ = run_cli(capsys, "check", str(path))
    assert "[提示] “一、总体情况”写的“收到政府信息公开申请" in out


def test_none_said_in_words_against_the_tables() -> None:
    report = published_report(2023)  # 81 applications, 行政复议 2, 行政诉讼 5 + 2
    text = "本年度未发生因政府信息公开引起的行政复议、行政诉讼。本年度未收到政府信息公开申请。"
    flags = {(m.statement.rule.id, m.table_value) for m in mismatches(report, find_statements("gov2021", text))}
    assert flags == {("review.none", 2), ("litigation.none", 7), ("apply.none", 81)}
    quiet = published_report(2020)  # no 复议 or 诉讼 that year
    assert list(mismatches(quiet, find_statements("gov2019", text[:26]))) == []
    (f,) = [f for f in check_text(quiet, "本年度未收到政府信息公开申请。") if f.base == "T1"]
    assert "正文为 0件，表格为 21件" in f.message and "表三“一、本年新收政府信息公开申请数量”行“总计”列" in f.message


def check_text(report: Report, text: str) -> list[Finding]:
    report.narrative["ch1"] = text
    return check(report)
