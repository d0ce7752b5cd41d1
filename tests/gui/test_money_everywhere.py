"""Money prints the same in the grid, Word, PDF, HTML and Excel: 24252.311082 and 7545, never 7545.00."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication

from factories import filled_report
from nianbao.core.document import ReportDocument
from nianbao.export.common import cell_text, export_values
from nianbao.export.docx import write_docx
from nianbao.export.html import write_html
from nianbao.export.pdf import write_pdf
from nianbao.export.xlsx import write_xlsx
from nianbao.gui.table_model import ReportTableModel


@pytest.mark.parametrize("amount", ["24252.311082", "7545", "12.5"])
def test_money_prints_alike_in_grid_and_every_export(amount: str, tmp_path: Path, qapp: QApplication) -> None:
    report = filled_report()
    report.values["t2.fees.amount"] = Decimal(amount)
    model = ReportTableModel(ReportDocument(report), "t2", lambda *_a, **_k: None)
    assert model.data(model.index_of("t2.fees.amount")) == amount
    write_docx(report, tmp_path / "a.docx")
    assert f">{amount}<".encode() in zipfile.ZipFile(tmp_path / "a.docx").read("word/document.xml")
    write_html(report, tmp_path / "a.html")
    assert f">{amount}<" in (tmp_path / "a.html").read_text("utf-8")
    # the PDF's table text is not extractable here; it prints export.common.cell_text, as Word and HTML do
    assert cell_text(report, "t2.fees.amount", export_values(report)) == amount
    write_pdf(report, tmp_path / "a.pdf")
    write_xlsx(report, tmp_path / "a.xlsx")
    ws = next(ws for ws in openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets if ws.title.startswith("表二"))
    cell = next(c for row in ws.iter_rows() for c in row if c.value is not None and str(c.value) == amount)
    places = len(amount.partition(".")[2])
    assert cell.number_format == ("0." + "0" * places if places else "0")  # Excel shows exactly `amount`
