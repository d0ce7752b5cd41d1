"""What the narrative must cover (C1), local requirements profiles (P1) and 雷同 with last year (S1)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factories import filled_report, run_cli
from nianbao.core import storage
from nianbao.core.checking import check
from nianbao.core.coverage import ProfileError, load_profile, similarity
from nianbao.core.document import ReportDocument
from nianbao.core.edits import EditBatch
from nianbao.core.report import PreviousYear, Report
from nianbao.resources import ASSETS

EXAMPLE_PROFILE = ASSETS / "profiles" / "city-2025-example.toml"
COMPLETE_CH1 = (
    "（一）主动公开\n本年度在政府网站主动公开政府信息。\n（二）依申请公开\n依法办理政府信息公开申请。\n"
    "（三）政府信息管理\n落实保密审查。\n（四）政府信息公开平台建设\n加强政务新媒体管理。\n"
    "（五）监督保障\n将政府信息公开纳入绩效考核，开展社会评议，未发生责任追究情况。"
)


def coverage_rules(report: Report) -> list[str]:
    return [f.rule for f in check(report) if f.base == "C1"]


def test_checklist_2021_follows_the_level() -> None:
    report = filled_report("gov2021")
    report.narrative["ch1"] = COMPLETE_CH1
    report.narrative["ch6"] = "本年度未收取信息处理费。"
    assert coverage_rules(report) == []
    report.narrative["ch1"] = "本年度，我局扎实推进政务公开工作，主动公开政府信息。"
    report.narrative["ch6"] = "无。"
    missing = coverage_rules(report)
    assert missing == [
        "C1:ch1:ch1.request",
        "C1:ch1:ch1.management",
        "C1:ch1:ch1.platform",
        "C1:ch1:ch1.oversight",
        "C1:ch1:ch1.article50",  # a 乡镇 is a 一级人民政府
        "C1:ch6:ch6.fee",
    ]
    report.meta.level = "县级部门"  # a department does not report 考核、评议、追究 (条例第五十条第四项)
    assert "C1:ch1:ch1.article50" not in coverage_rules(report)
    message = next(f.message for f in check(report) if f.rule == "C1:ch6:ch6.fee")
    assert "是否收取信息处理费" in message


def test_empty_chapters_are_left_to_the_unfilled_hints_and_2019_has_no_checklist() -> None:
    report = filled_report("gov2021")
    report.narrative.update({"ch1": "", "ch5": " \n", "ch6": ""})
    assert coverage_rules(report) == []
    old = filled_report("gov2019")
    old.narrative["ch1"] = "本年度工作平稳推进。"
    assert coverage_rules(old) == []


def ch1_with_platform_counts(extra: str = "") -> str:
    return (
        COMPLETE_CH1
        + "\n本年度通过政府网站发布信息1200条，通过政务新媒体发布信息300条；发布政策解读12篇，回应关切5次。"
        + extra
    )


def test_the_example_profile_names_what_is_missing(tmp_path: Path) -> None:
    profile = load_profile(EXAMPLE_PROFILE)
    report = filled_report("gov2021")
    v = report.values
    report.narrative["ch1"] = ch1_with_platform_counts()
    doc = ReportDocument(report)
    assert [f for f in doc.findings if f.base == "P1"] == []  # no profile loaded: nothing
    change = doc.set_profile(profile)
    p1 = [f for f in doc.findings if f.base == "P1"]
    assert [f.rule for f in p1] == ["P1:ch1:规范性文件制发、废止、现行有效件数"]
    assert set(change.findings_changed) >= {f.rule for f in p1}
    assert "未写明本年制发行政规范性文件的数字" in p1[0].message and "某市2025年度" in p1[0].message
    figures = (
        f"制发行政规范性文件{v['t2.normative.issued']}件，废止{v['t2.normative.repealed']}件，"
        f"现行有效{v['t2.normative.valid']}件。"
    )
    doc.apply(EditBatch(texts=(("ch1", ch1_with_platform_counts(figures)),)))
    assert [f for f in doc.findings if f.base in ("P1", "T1")] == []
    doc.apply(EditBatch(texts=(("ch1", ch1_with_platform_counts(figures).replace("政策解读12篇", "政策解读若干")),)))
    (f,) = [f for f in doc.findings if f.base == "P1"]
    assert "“政策解读”没有写明数量" in f.message
    doc.apply(EditBatch(texts=(("ch1", ch1_with_platform_counts(figures) + "字" * 1000),)))
    assert any("超过本地要求的 1000 字" in f.message for f in doc.findings if f.base == "P1")
    doc.set_profile(None)
    assert [f for f in doc.findings if f.base == "P1"] == []


def test_cli_check_with_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = filled_report("gov2021")
    report.narrative["ch1"] = ch1_with_platform_counts()
    path = tmp_path / "r.nianbao"
    storage.save(report, path)
    code, out, _ = run_cli(capsys, "check", str(path), "--json")
    assert code == 0 and not [i for i in json.loads(out) if i["rule"].startswith("P1:")]
    code, out, _ = run_cli(capsys, "check", str(path), "--json", "--profile", str(EXAMPLE_PROFILE))
    assert code == 0 and [i["rule"] for i in json.loads(out) if i["rule"].startswith("P1:")] == [
        "P1:ch1:规范性文件制发、废止、现行有效件数"
    ]
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[require]]\nchapter = "三"\nmax_chars = 10\n', "utf-8")
    before = path.read_bytes()
    code, out, err = run_cli(capsys, "check", str(path), "--profile", str(bad))
    assert code == 2 and "chapter 应为 一、五、六 或 前言" in err and "Traceback" not in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name = [", "格式有误"),
        (b"\xff\xfe\x00", "不是 UTF-8"),
        (b'name = "x"\n', "没有任何 [[require]]"),
        (b'[[require]]\nchapter = "\xe4\xb8\x80"\nmax_chars = -3\n', "max_chars 应为正整数"),
        (b'[[require]]\nchapter = "\xe4\xb8\x80"\nfigures = ["abc"]\n', "不是可识别的数字项"),
        (b'[[require]]\nchapter = "\xe4\xb8\x80"\nlabel = "x"\n', "至少需要"),
    ],
)
def test_bad_profiles_are_refused_in_chinese(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "p.toml"
    path.write_bytes(content)
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(path)
    with pytest.raises(ProfileError, match="无法读取"):
        load_profile(tmp_path / "missing.toml")


def test_similarity() -> None:
    last = "本年度，我镇认真贯彻落实《条例》，扎实推进政府信息公开工作，主动公开政府信息，依法办理政府信息公开申请。"
    assert similarity(last, last) == 1.0
    assert similarity(last.replace("本年度", "2025年"), last) > 0.8
    assert similarity("本年度我镇重点围绕乡村振兴、民生保障和基层治理公开信息，新增惠民补贴专栏。", last) < 0.3
    assert similarity("", last) == 0.0


def test_a_chapter_copied_from_last_year_is_a_similarity_warning() -> None:
    last = (
        "2024年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作，"
        "通过政府网站主动公开政府信息，依法办理政府信息公开申请，加强政府信息管理和监督保障。"
    )
    report = filled_report("gov2021")
    report.previous = PreviousYear("gov2021", 2024, narrative={"ch1": last, "ch5": "无", "preface": last})
    report.narrative["preface"] = last  # the 前言 keeps its wording every year: never 雷同
    report.narrative["ch1"] = last.replace("2024年", "本年度")
    report.narrative["ch5"] = "无"  # short texts may stay the same
    doc = ReportDocument(report)
    (s1,) = [f for f in doc.findings if f.base == "S1"]
    assert s1.rule == "S1:ch1" and s1.chapter == "ch1" and "雷同" in s1.message and "%" in s1.message
    doc.apply(EditBatch(accepted=(("S1:ch1", "上级要求沿用统一表述"),)))
    assert next(f for f in doc.findings if f.base == "S1").accepted == "上级要求沿用统一表述"
    rewritten = "本年度我镇围绕乡村振兴、惠民补贴和基层治理重点领域公开信息，新开设惠民资金公开专栏，群众查阅更方便。"
    rewritten += "同时规范村务公开栏，按月更新低保、救助和补贴发放名单，接受群众监督。"
    assert len(rewritten) >= 60
    doc.apply(EditBatch(texts=(("ch1", rewritten),)))
    assert [f for f in doc.findings if f.base == "S1"] == []
    report.previous = None
    assert [f for f in ReportDocument(report).findings if f.base == "S1"] == []
