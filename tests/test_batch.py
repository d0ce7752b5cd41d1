"""nianbao audit and nianbao aggregate (汇总) over folders of project files and published reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factories import DATA, filled_report, run_cli
from nianbao.batch.aggregate import AggregateError, aggregate
from nianbao.batch.audit import COLUMNS, audit
from nianbao.core import storage
from published_kit import pingtan_report

FIX = DATA / "published"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A county's January inbox: two project files, published Word/PDF/web reports, a broken file, a subfolder."""
    root = tmp_path / "inbox"
    (root / "乡镇").mkdir(parents=True)
    good = pingtan_report(2023)
    storage.save(good, root / "a.nianbao")
    bad = pingtan_report(2023)
    bad.values["t3.total.natural"] = 999  # a stated total that is wrong
    storage.save(bad, root / "乡镇" / "b.nianbao")
    for name in ("pingtan-2023.docx", "pingtan-2023.pdf", "pingtan-2023-cms.html"):
        shutil.copy(FIX / name, root / "乡镇" / name)
    (root / "乡镇" / "坏文件.docx").write_bytes(b"PK\x03\x04 broken")
    (root / "说明.md").write_text("not a report", "utf-8")  # not a report kind: ignored
    return root


def test_audit_reads_folders_recursively_and_never_stops(folder: Path) -> None:
    result = audit([str(folder)], jobs=1)
    names = sorted(a.path.name for a in result.audited)
    assert names == ["a.nianbao", "b.nianbao", "pingtan-2023-cms.html", "pingtan-2023.docx", "pingtan-2023.pdf"]
    assert [(u.path.name, "Word" in u.reason) for u in result.unreadable] == [("坏文件.docx", True)]
    assert result.with_errors == 1
    bad = next(a for a in result.audited if a.path.name == "b.nianbao")
    f = next(f for f in bad.findings if f.base == "R3.3")
    assert (f.actual, f.expected) == (999, int(pingtan_report(2023).values["t3.total.natural"]))
    assert result.by_rule()["R3.3"] == 1


def test_audit_in_worker_processes_gives_the_same_result(folder: Path) -> None:
    for i in range(8):
        shutil.copy(FIX / "pingtan-2023-cms.html", folder / f"copy{i}.html")
    one = audit([str(folder)], jobs=1)
    two = audit([str(folder)], jobs=2)
    assert [(a.path, a.findings) for a in one.audited] == [(a.path, a.findings) for a in two.audited]
    assert one.unreadable == two.unreadable


def test_audit_cli_prints_summary_writes_workbook_and_json(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "审核.xlsx"
    code, stdout, _ = run_cli(capsys, "audit", str(folder), "--xlsx", str(out), "--jobs", "1")
    assert code == 2  # a file could not be read
    assert "共读取 5 份报告，其中 1 份有错误；1 个文件无法读取。" in stdout
    # C1: the fixtures' short narrative misses four areas of 总体情况 and 第五十条 (issue #16), in 3 files with text
    assert "按规则统计：C1 15 处，R3.1 1 处，R3.2 1 处，R3.3 1 处" in stdout and "坏文件.docx：无法读取" in stdout
    wb = load_workbook(out)
    rows = list(wb["审核结果"].values)
    assert rows[0] == COLUMNS
    assert sorted(r[3] for r in rows[1:]) == ["C1"] * 15 + ["R3.1", "R3.2", "R3.3"]
    r33 = next(r for r in rows[1:] if r[3] == "R3.3")
    assert (r33[2], r33[4], r33[5], r33[6], r33[7], r33[8]) == (
        2023,
        "错误",
        "三、收到和处理政府信息公开申请情况",
        "（七）总计",
        "自然人",
        999,
    )
    assert r33[9] == pingtan_report(2023).values["t3.total.natural"]
    assert r33[0].endswith("b.nianbao") and r33[1] == "平潭综合实验区" and "应为" in r33[10]
    assert [r[0].endswith("坏文件.docx") for r in list(wb["无法读取的文件"].values)[1:]] == [True]
    code, stdout, _ = run_cli(capsys, "audit", str(folder / "a.nianbao"), "--json")
    data = json.loads(stdout)
    assert code == 0 and data["summary"] == {
        "files": 1,
        "read": 1,
        "with_errors": 0,
        "unreadable": 0,
        "findings_by_rule": {},
    }
    code, stdout, _ = run_cli(capsys, "audit", str(folder / "乡镇" / "b.nianbao"))
    assert code == 1


def test_audit_of_nothing_readable_is_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "audit", str(tmp_path))
    assert code == 2 and "没有找到可以审核的文件" in err


def test_aggregate_sums_every_cell_and_lists_files(folder: Path) -> None:
    shutil.rmtree(folder / "乡镇")
    storage.save(pingtan_report(2023), folder / "c.nianbao")
    shutil.copy(FIX / "pingtan-2023-cms.html", folder / "d.html")
    (folder / "e.pdf").write_bytes(b"broken")
    result = aggregate([str(folder)], "某某县人民政府")
    r = result.report
    one = pingtan_report(2023)
    assert (r.meta.issuer, r.meta.year, r.format_id) == ("某某县人民政府", 2023, "gov2021")
    assert r.values["t2.normative.valid"] == 3 * one.values["t2.normative.valid"]
    assert r.values["t3.new.total"] == 3 * one.values["t3.new.total"]
    # d.html has four blank cells (t3.secret.business ...) and 77 with a note: summed as printed
    assert r.values["t3.secret.business"] == 2 * one.values["t3.secret.business"]
    assert all(text == "" for text in r.narrative.values())
    assert [i.path.name for i in result.included] == ["a.nianbao", "c.nianbao", "d.html"]
    assert [(p.name, "PDF" in reason) for p, reason in result.skipped] == [("e.pdf", True)]
    lines = "\n".join(result.lines())
    assert "已汇总 3 份报告" in lines and "未汇总 1 个文件" in lines
    sources = r.sources
    assert sources is not None
    assert [(Path(s.file).name, s.issuer, s.year) for s in sources.included] == [
        ("a.nianbao", "平潭综合实验区", 2023),
        ("c.nianbao", "平潭综合实验区", 2023),
        ("d.html", "平潭综合实验区", 2023),
    ]
    assert [(Path(s.file).name, "PDF" in s.reason) for s in sources.skipped] == [("e.pdf", True)]


def test_sources_are_optional_bounded_and_cleaned(tmp_path: Path) -> None:
    plain = storage.to_json(pingtan_report(2023))
    assert "sources" not in plain and storage.from_json(plain).sources is None  # older files open as before
    data = dict(plain, sources={"included": [{"file": "a\u202e.nianbao", "issuer": "某县", "year": 2023}]})
    cleaned: list[str] = []
    sources = storage.from_json(data, cleaned=cleaned).sources
    assert sources is not None and sources.included[0].file == "a.nianbao" and sources.skipped == []
    assert cleaned  # the invisible character was removed and said so
    for bad in (
        {"included": [{"file": "a", "issuer": "", "year": "2023"}]},
        {"included": "a.nianbao"},
        {"skipped": [{"file": "a", "reason": 5}]},
        {"skipped": [{"file": "x" * 2000, "reason": ""}]},
        {"included": [{"file": "a", "issuer": "", "year": 2023}] * (storage.MAX_SOURCES + 1)},
    ):
        with pytest.raises(storage.StorageError, match=r"已损坏|无效|上限"):
            storage.from_json(dict(plain, sources=bad))


def test_aggregate_refuses_mixed_years_and_formats(tmp_path: Path) -> None:
    storage.save(pingtan_report(2023), tmp_path / "a.nianbao")
    storage.save(pingtan_report(2020), tmp_path / "b.nianbao")
    with pytest.raises(AggregateError, match="年度或格式不同") as exc:
        aggregate([str(tmp_path)], "某某县人民政府")
    assert "2020年度" in str(exc.value) and "b.nianbao" in str(exc.value)


def test_aggregate_flags_inputs_with_errors_and_can_leave_them_out(tmp_path: Path) -> None:
    storage.save(filled_report("gov2021", 2025), tmp_path / "ok.nianbao")
    bad = filled_report("gov2021", 2025)
    bad.values["t4.cases.review_total"] = 1000
    storage.save(bad, tmp_path / "bad.nianbao")
    flagged = aggregate([str(tmp_path)], "某某县人民政府")
    assert [i.path.name for i in flagged.flagged] == ["bad.nianbao"] and len(flagged.included) == 2
    assert "有勾稽错误的报告 1 份" in "\n".join(flagged.lines())
    clean = aggregate([str(tmp_path)], "某某县人民政府", skip_errors=True)
    assert [i.path.name for i in clean.included] == ["ok.nianbao"]
    # the lines are the report's 汇总来源 (as the window shows them), with the files with errors between its parts
    lines = clean.lines()
    assert clean.report.sources is not None and lines[0] == clean.report.sources.lines()[0] == "已汇总 1 份报告："
    assert lines[1].endswith("2025年度）") and lines[2] == "有勾稽错误的报告 1 份（请先核对）："
    assert "bad.nianbao：" in lines[3] and lines[4] == "未汇总 1 个文件：" and "按要求未汇总" in lines[5]
    assert clean.report.values == {c: v for c, v in filled_report("gov2021", 2025).values.items()}


def test_aggregate_money_in_yuan_is_summed_in_wan(tmp_path: Path) -> None:
    a = pingtan_report(2020)  # 采购总金额 73802895.90元
    storage.save(a, tmp_path / "a.nianbao")
    b = pingtan_report(2020)
    b.units.pop("t2.purchase.amount")
    b.values["t2.purchase.amount"] = 100  # 100万元
    storage.save(b, tmp_path / "b.nianbao")
    r = aggregate([str(tmp_path)], "某某县人民政府").report
    assert str(r.values["t2.purchase.amount"]) == "7480.28959"  # 7380.28959 + 100 万元, to the 分 (6 places)
    assert r.unit("t2.purchase.amount") == "万元"


def test_aggregate_cli(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "total.nianbao"
    code, stdout, _ = run_cli(capsys, "aggregate", str(folder), "--issuer", "某某县人民政府", "-o", str(out))
    assert code == 0 and "已汇总 5 份报告" in stdout and "坏文件.docx" in stdout
    assert storage.load(out).meta.issuer == "某某县人民政府"
    # the included and skipped files are stored in the result and shown by dump (text and JSON)
    code, dumped, _ = run_cli(capsys, "dump", str(out))
    assert code == 0 and "汇总来源" in dumped and "已汇总 5 份报告" in dumped
    assert "未汇总 1 个文件" in dumped and "坏文件.docx" in dumped
    code, dumped, _ = run_cli(capsys, "dump", str(out), "--json")
    data = json.loads(dumped)["sources"]
    assert len(data["included"]) == 5 and {"file", "issuer", "year"} == set(data["included"][0])
    assert [Path(s["file"]).name for s in data["skipped"]] == ["坏文件.docx"] and data["skipped"][0]["reason"]
    storage.save(pingtan_report(2020), folder / "old.nianbao")
    code, _, err = run_cli(capsys, "aggregate", str(folder), "--issuer", "某县", "-o", str(tmp_path / "x.nianbao"))
    assert code == 2 and "年度或格式不同" in err


def test_audit_applies_the_narrative_checks_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = pingtan_report(2022)
    report.narrative["ch1"] = "本年度共收到政府信息公开申请999件。"
    storage.save(report, tmp_path / "a.nianbao")
    result = audit([str(tmp_path)], jobs=1)
    bases = [f.base for f in result.audited[0].findings]
    assert bases.count("T1") == 1 and "C1" in bases  # the number in the text; checklist items not covered
    code, stdout, _ = run_cli(capsys, "audit", str(tmp_path))
    assert code == 0 and "[提示] T1" in stdout and "T1 1 处" in stdout
