"""nianbao new --from and nianbao import of published reports, as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import DATA, SEED, run_cli
from nianbao.core import storage


def test_import_seed_prints_what_to_check_and_saves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "2020.nianbao"
    code, stdout, _ = run_cli(capsys, "import", str(SEED), "-o", str(out), "--issuer", "某某镇人民政府")
    assert code == 0
    assert "已导入" in stdout and "某某镇人民政府2020年" in stdout
    assert "需要核对的内容" in stdout and "重复出现" in stdout
    report = storage.load(out)
    assert report.meta.issuer == "某某镇人民政府" and report.values["t2.normative.made"] == 35


def test_import_lists_unmapped_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "page.txt"
    src.write_text("某镇2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n规章 0 0 0\n神秘栏目 5\n", "utf-8")
    code, stdout, _ = run_cli(capsys, "import", str(src), "-o", str(tmp_path / "x.nianbao"))
    assert code == 0
    assert "未能对应的标签或文字（1 处" in stdout and "神秘栏目 5" in stdout


def test_import_refuses_to_overwrite_and_reports_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.nianbao"
    out.write_text("keep", "utf-8")
    code, _, err = run_cli(capsys, "import", str(SEED), "-o", str(out))
    assert code == 2 and "已存在" in err and out.read_text("utf-8") == "keep"
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    code, _, err = run_cli(capsys, "import", str(bad), "-o", str(tmp_path / "y.nianbao"))
    assert code == 2 and "不是 PDF 文件" in err and "Traceback" not in err


def test_new_from_last_years_project_and_published_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = tmp_path / "2020.nianbao"
    run_cli(capsys, "import", str(DATA / "published" / "pingtan-2020.docx"), "-o", str(last))
    report = storage.load(last)
    report.meta.contact = "0591-1234567"
    report.values["t3.forward.natural"] = 2
    report.values["t3.forward.total"] = 2
    storage.save(report, last)
    out = tmp_path / "2021.nianbao"
    code, stdout, _ = run_cli(capsys, "new", "--from", str(last), "-o", str(out))
    assert code == 0
    assert "平潭综合实验区2021年政府信息公开工作年度报告" in stdout
    assert "已带入：表三" in stdout and "未带入：表二" in stdout
    new = storage.load(out)
    assert new.meta.contact == "0591-1234567"
    assert new.values["t3.carried.natural"] == 2 and new.values["t3.carried.total"] == 2
    assert new.previous is not None and new.previous.year == 2020
    # straight from the published Word file, next year given explicitly
    out2 = tmp_path / "from-word.nianbao"
    code, stdout, _ = run_cli(
        capsys, "new", "--from", str(DATA / "published" / "pingtan-2020.docx"), "--year", "2021", "-o", str(out2)
    )
    assert code == 0 and "已读取已发布的年报" in stdout
    assert storage.load(out2).previous is not None


def test_new_without_from_still_needs_year_and_issuer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "new", "-o", str(tmp_path / "a.nianbao"))
    assert code == 2 and "--year" in err
