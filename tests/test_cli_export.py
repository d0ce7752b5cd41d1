"""The `export` and `import` sub-commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from factories import filled_report, run_cli
from nianbao.core import storage
from nianbao.core.checking import check
from nianbao.core.report import Report
from nianbao.definition import Severity
from nianbao.importers.xlsx import read_xlsx
from nianbao.resources import load_example


def test_export_xlsx_of_the_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "示例.xlsx"
    code, stdout, err = run_cli(capsys, "export", "--example", "--xlsx", str(out))
    assert code == 0, err
    assert stdout.strip() == f"已导出 {out}"
    assert err == ""  # the example has no errors
    assert read_xlsx(out) == load_example()


def test_export_names_errors_and_writes_only_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = filled_report("gov2021")
    report.values["t3.forward.natural"] = 40
    src = tmp_path / "bad.nianbao"
    storage.save(report, src)
    n = sum(1 for f in check(report) if f.severity == Severity.ERROR)
    assert n > 0
    out = tmp_path / "bad.xlsx"
    code, stdout, err = run_cli(capsys, "export", str(src), "--xlsx", str(out))
    assert code == 1 and not out.exists()
    assert err.startswith(f"报告存在 {n} 处错误：")
    code, stdout, err = run_cli(capsys, "export", str(src), "--xlsx", str(out), "--force")
    assert code == 0 and f"报告存在 {n} 处错误：" in err
    assert "已导出" in stdout and out.is_file()


def test_export_needs_a_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "export", "--example")
    assert code == 2 and "请指定要导出的格式" in err


def test_export_unreadable_input_and_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "export", str(tmp_path / "无.nianbao"), "--xlsx", str(tmp_path / "a.xlsx"))
    assert code == 2 and "找不到文件" in err
    code, _, err = run_cli(capsys, "export", "--example", "--xlsx", str(tmp_path / "没有" / "a.xlsx"))
    assert code == 2 and err.startswith("错误：无法保存")


def test_a_writer_that_cannot_load_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken installation (python-docx missing): a clear message, exit 2, no file."""
    monkeypatch.setitem(sys.modules, "docx", None)  # the writer's `import docx` now raises ModuleNotFoundError
    code, _, err = run_cli(capsys, "export", "--example", "--docx", str(tmp_path / "a.docx"))
    assert code == 2 and "无法导出Word 文档：缺少组件 docx" in err
    assert not (tmp_path / "a.docx").exists()


def test_pdf_without_pyside6(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6", None)  # any import of PySide6.* now fails
    code, _, err = run_cli(capsys, "export", "--example", "--pdf", str(tmp_path / "a.pdf"))
    assert code == 0, err  # the PDF export needs no Qt
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")


def test_writers_are_called_in_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import nianbao.export.docx

    calls: list[tuple[str, Path]] = []

    def fake(report: Report, path: Path) -> None:
        calls.append((report.meta.issuer, Path(path)))

    monkeypatch.setattr(nianbao.export.docx, "write_docx", fake)
    docx, xlsx = tmp_path / "a.docx", tmp_path / "a.xlsx"
    code, stdout, _ = run_cli(capsys, "export", "--example", "--docx", str(docx), "--xlsx", str(xlsx))
    assert code == 0
    assert calls == [(load_example().meta.issuer, docx)]
    assert stdout.splitlines() == [f"已导出 {docx}", f"已导出 {xlsx}"]
    assert xlsx.is_file()


def test_import_round_trip_and_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = filled_report("gov2021")
    src = tmp_path / "r.nianbao"
    storage.save(report, src)
    xlsx = tmp_path / "r.xlsx"
    assert run_cli(capsys, "export", str(src), "--xlsx", str(xlsx))[0] == 0
    out = tmp_path / "back.nianbao"
    code, stdout, _ = run_cli(capsys, "import", str(xlsx), "-o", str(out))
    assert code == 0 and f"已导入 {out}" in stdout
    assert storage.load(out) == report
    code, _, err = run_cli(capsys, "import", str(xlsx), "-o", str(out))
    assert code == 2 and "已存在" in err and "--force" in err
    assert run_cli(capsys, "import", str(xlsx), "-o", str(out), "--force")[0] == 0


@pytest.mark.parametrize("content", [b"plain text", b"PK\x03\x04 broken zip"])
def test_import_of_a_foreign_file_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    bad = tmp_path / "别人的.xlsx"
    bad.write_bytes(content)
    out = tmp_path / "x.nianbao"
    code, stdout, err = run_cli(capsys, "import", str(bad), "-o", str(out))
    assert code == 2 and stdout == ""
    assert err.startswith("错误：“别人的.xlsx”不是 Excel（.xlsx）文件")
    assert not out.exists()


def test_import_in_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    import openpyxl

    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    proc = subprocess.run(
        [sys.executable, "-m", "nianbao", "import", str(other), "-o", str(tmp_path / "x.nianbao")],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert "不是年报助手导出的 Excel 文件" in err and "Traceback" not in err
