"""One truth: every export prints exactly the values check evaluates (stated totals, not re-derived), and an export
of a report with errors names them first."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest

from factories import filled_report, run_cli
from nianbao.core import storage
from nianbao.core.checking import check
from nianbao.core.report import Report
from nianbao.definition import Severity
from nianbao.export.docx import docx_bytes
from nianbao.export.html import render_html_fragment
from nianbao.export.pdf import pdf_bytes
from nianbao.export.xlsx import sheet_name, xlsx_bytes


def _broken() -> Report:
    """A project file as written by hand: one total missing, one total stating a number its parts do not make."""
    report = filled_report("gov2021")
    del report.values["t3.total.natural"]
    report.values["t4.cases.review_total"] = 777777
    return report


def _cell_text(report: Report, cid: str) -> str:
    """Table 三/四 cell text in the Word export (its grid position in the definition)."""
    spec = report.fmt.cells[cid]
    table = report.fmt.tables[spec.table]
    it = next(i for i in table.items if i.cell == cid)
    doc = docx.Document(io.BytesIO(docx_bytes(report)))
    index = list(report.fmt.tables).index(spec.table)
    return doc.tables[index].cell(it.row, it.col).text  # python-docx maps the grid position through merges


def test_check_names_both_totals() -> None:
    messages = [f.message for f in check(_broken()) if f.severity == Severity.ERROR]
    assert any("总计" in m or "自然人" in m for m in messages) and len(messages) >= 2


def test_word_html_excel_and_pdf_print_the_stated_numbers() -> None:
    report = _broken()
    assert _cell_text(report, "t3.total.natural") == "0"  # missing: printed as check reads it, not derived
    assert _cell_text(report, "t4.cases.review_total") == "777777"
    html = render_html_fragment(report)
    assert ">777777<" in html
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report)), data_only=True)
    from nianbao.export.xlsx import cell_addresses

    for cid, expected in (("t3.total.natural", 0), ("t4.cases.review_total", 777777)):
        table = report.fmt.tables[report.fmt.cells[cid].table]
        assert wb[sheet_name(report.fmt, table.id)][cell_addresses(table)[cid]].value == expected
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf_bytes(report), capture_output=True, check=True)
        assert "777777" in text.stdout.decode("utf-8").split()


def test_cli_names_errors_on_stderr_and_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.nianbao"
    storage.save(_broken(), src)
    out = tmp_path / "r.docx"
    code, stdout, err = run_cli(capsys, "export", str(src), "--docx", str(out))
    assert code == 1 and not out.exists() and "已导出" not in stdout
    errors = [f.message for f in check(_broken()) if f.severity == Severity.ERROR]
    assert err.startswith(f"报告存在 {len(errors)} 处错误：") and all(m in err for m in errors)
    assert "--force" in err
    code, stdout, err = run_cli(capsys, "export", str(src), "--docx", str(out), "--force")
    assert code == 0 and out.exists() and f"已导出 {out}" in stdout
    assert all(m in err for m in errors)  # still named


def test_a_clean_report_exports_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.nianbao"
    storage.save(filled_report("gov2021"), src)
    code, _, err = run_cli(capsys, "export", str(src), "--html", str(tmp_path / "r.html"))
    assert code == 0 and err == ""
