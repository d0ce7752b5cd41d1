"""PDF files (export.pdf, no Qt): a real PDF, several pages, title and table labels in its text, safe writes;
and the print preview (Qt's layout of the same document)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from factories import filled_report
from nianbao.core.report import Report
from nianbao.core.storage import StorageError
from nianbao.export import pdf as pdf_file
from nianbao.gui import pdf
from nianbao.resources import load_example


def norm(text: str) -> str:
    """Comparable text: no whitespace (the text layer holds the characters as written: no radicals to map back)."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str | None:
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    return subprocess.run([exe, str(path), "-"], capture_output=True, text=True, check=True).stdout


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def reports() -> list[Any]:
    return [
        pytest.param(filled_report("gov2021"), id="gov2021-filled"),
        pytest.param(load_example(), id="gov2019-example"),
    ]


@pytest.mark.parametrize("report", reports())
def test_write_pdf(report: Report, tmp_path: Path, qapp: QApplication) -> None:
    path = tmp_path / "r.pdf"
    pdf_file.write_pdf(report, path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert page_count(data) >= 2
    text = pdf_text(path)
    if text is None:
        pytest.skip("pdftotext not installed; text checks skipped")
    flat = norm(text)
    assert norm(report.title()) in flat
    for ch in report.fmt.chapters:
        assert norm(ch.title) in flat
    # labels that sit on one line in their cell (wrapped cells interleave with neighbours in extracted text)
    t2 = report.fmt.tables["t2"]
    t3 = report.fmt.tables["t3"]
    labels = [it.text for it in t2.items if it.role != "value"]
    labels += [it.text for it in t3.items if it.role == "label" and it.col == 2 and len(it.text) <= 12]
    labels += ["一、本年新收政府信息公开申请数量", "四、结转下年度继续办理", "申请人情况", "行政复议", "行政诉讼"]
    for label in labels:
        assert norm(label) in flat, label
    # page numbers in the GB/T 9704 form
    assert re.search(r"—\s*1\s*—", text) and re.search(r"—\s*2\s*—", text)


def test_numbers_in_pdf(tmp_path: Path, qapp: QApplication) -> None:
    report = filled_report("gov2021")
    pdf_file.write_pdf(report, tmp_path / "r.pdf")
    text = pdf_text(tmp_path / "r.pdf")
    if text is None:
        pytest.skip("pdftotext not installed")
    words = set(text.split())
    for cell in ("t3.total.total", "t3.new.natural", "t4.cases.after_total", "t2.normative.valid"):
        assert str(report.values[cell]) in words, cell
    assert "10.25" in words  # the 2021 fee amount (万元 is in the column label)


def test_table_parts_repeat_header_and_keep_tiling() -> None:
    table = load_example().fmt.tables["t3"]
    parts = pdf.table_parts(table, [7, 15])
    assert [n for _, n in parts] == [7, 3 + 8, 3 + table.n_rows - 15]
    for items, n_rows in parts:
        slots = sum(it.rowspan * it.colspan for it in items)
        assert slots == n_rows * table.n_cols  # each part still tiles its grid exactly
        assert all(it.row + it.rowspan <= n_rows for it in items)
    second = parts[1][0]
    assert [it.text for it in second if it.row < 3] == [it.text for it in table.items if it.row < 3]
    big = [it for it in second if it.col == 0 and it.row == 3]
    assert big and big[0].rowspan == 8 and big[0].text == "三、本年度办理结果"


def test_unwritable_target(tmp_path: Path, qapp: QApplication) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="无法保存"):
        pdf_file.write_pdf(load_example(), blocker / "r.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_print_preview_paints_pages(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    seen: list[int] = []

    def fake_exec(dialog: QPrintPreviewDialog) -> int:
        widget = dialog.findChild(QPrintPreviewWidget)
        assert widget is not None
        widget.updatePreview()
        seen.append(widget.pageCount())
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    assert pdf.print_preview(filled_report("gov2021")) == 0
    assert seen and seen[0] >= 2


def test_ensure_app_reuses_instance(qapp: QApplication) -> None:
    assert pdf.ensure_app() is qapp
