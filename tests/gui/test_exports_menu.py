"""文件 > 导出 / 打印预览 / 复制为网页 / 导入: targets through the dialog seam, error question, failures, round trip."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from PySide6.QtWidgets import QApplication

from guikit import FakeDialogs, FakeServices, WindowFactory
from nianbao.core.edits import EditBatch
from nianbao.core.storage import StorageError
from nianbao.definition import Severity
from nianbao.export.formats import EXPORT_FORMATS
from nianbao.gui.main_window import MainWindow, safe_file_name
from nianbao.resources import load_example

FORMATS = {f.suffix: f for f in EXPORT_FORMATS}
TITLE = "某某镇人民政府2025年政府信息公开工作年度报告"


def _check_file(path: Path, title: str) -> None:
    suffix = path.suffix
    if suffix == ".docx":
        text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        assert title in text.replace("\n", "")
    elif suffix == ".xlsx":
        wb = openpyxl.load_workbook(path)
        assert len(wb.sheetnames) >= 3
        wb.close()
    elif suffix == ".pdf":
        assert path.read_bytes().startswith(b"%PDF-")
    else:
        html = path.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and f"<title>{title}</title>" in html


def _menu_texts(win: MainWindow) -> list[str]:
    return [a.text() for a in win.export_menu.actions()]


def test_file_menu_has_export_import_preview_and_copy(window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory()
    file_entries = [a.text() for a in win.file_menu.actions()]
    assert "导出(&E)" in file_entries and "导入(&M)" in file_entries
    assert win.act_print_preview in win.file_menu.actions() and win.act_copy_html in win.file_menu.actions()
    assert file_entries.index("导出(&E)") < file_entries.index("退出(&X)")
    assert _menu_texts(win) == [
        "Word 文档 (.docx)(&W)…",
        "Excel 工作簿 (.xlsx)(&E)…",
        "PDF 文件 (.pdf)(&P)…",
        "网页 HTML (.html)(&H)…",
    ]
    assert [a.text() for a in win.import_menu.actions()] == [
        "从 Excel 导入(&I)…",
        "导入已发布的年报(&P)…",
        "粘贴网页文字导入(&T)…",
    ]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf", ".html"])
def test_each_export_action_writes_a_readable_file(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path, suffix: str
) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    dialogs.export_to = tmp_path / "out" / "报告"  # no suffix: added
    (tmp_path / "out").mkdir()
    win.export_actions[suffix].trigger()
    target = tmp_path / "out" / f"报告{suffix}"
    assert target.is_file()
    _check_file(target, TITLE)
    assert not dialogs.errors
    assert win.statusBar().currentMessage() == f"已导出 {target}"
    # no errors: the only question names what the blank report still lacks (#10.6)
    assert [a for a in dialogs.asked if a.startswith("confirm:")] == [a for a in dialogs.asked if "尚未填写" in a]
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp files left


def test_default_name_and_folder(window_factory: WindowFactory, services: FakeServices, tmp_path: Path) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    assert not win.export(FORMATS[".docx"])  # cancelled
    suggested = Path(dialogs.asked[-1].removeprefix("export_path:"))
    assert suggested.name == f"{TITLE}.docx"
    assert suggested.parent == win.export_folder() and suggested.parent.is_dir()
    project = tmp_path / "proj" / "r.nianbao"
    project.parent.mkdir()
    win.session.path = project
    assert win.export_suggestion(".xlsx") == project.parent / f"{TITLE}.xlsx"
    dialogs.export_to = tmp_path / "x.html"
    assert win.export(FORMATS[".html"])
    assert win.export_suggestion(".pdf").parent == tmp_path  # the last export folder is remembered
    assert safe_file_name('区/县:"A"?. ') == "区_县__A__"


@pytest.mark.parametrize("answer", [False, True])
def test_errors_are_asked_about_first(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path, answer: bool
) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    win.session.edit(EditBatch.set_cells({"t3.new.natural": 3}))
    errors, _ = win.session.document.counts()
    assert errors == 1  # the 自然人 column, and through it the 总计 column: one problem
    dialogs.confirm_answer = answer
    dialogs.export_to = tmp_path / "r.docx"
    assert win.export(FORMATS[".docx"]) is answer
    asked = next(a for a in dialogs.asked if a.startswith("confirm:"))
    assert asked.startswith(f"confirm:报告存在 {errors} 处错误：") and asked.endswith("仍要导出吗？")
    for finding in win.session.document.findings:  # each error is named
        assert finding.severity != Severity.ERROR or finding.message in asked
    assert (tmp_path / "r.docx").exists() is answer
    if not answer:  # no target asked for either
        assert not any(a.startswith("export_path:") for a in dialogs.asked)


def test_storage_error_is_shown_and_leaves_no_file(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialogs.export_to = blocker / "r.xlsx"  # a folder that is a file
    assert not win.export(FORMATS[".xlsx"])
    assert len(dialogs.errors) == 1 and "报告仍在窗口中" in dialogs.errors[0]
    assert not (blocker / "r.xlsx").exists() and sorted(p.name for p in tmp_path.iterdir()) == [
        "a-file",
        "autosave",
    ]
    assert QApplication.overrideCursor() is None
    # the window stays usable
    win.session.edit(EditBatch.set_cells({"t4.cases.review_upheld": 1}))
    assert win.session.report.values["t4.cases.review_upheld"] == 1


def test_writer_failure_message_is_shown(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import nianbao.export.docx

    def locked(report: object, path: object) -> None:
        raise StorageError("文件“r.docx”正被其他程序（如 Word）打开，无法写入。请关闭后重试。")

    monkeypatch.setattr(nianbao.export.docx, "write_docx", locked)
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    dialogs.export_to = tmp_path / "r.docx"
    assert not win.export(FORMATS[".docx"])
    assert dialogs.errors and dialogs.errors[0].startswith("文件“r.docx”正被其他程序（如 Word）打开")
    assert not (tmp_path / "r.docx").exists()
    assert win.statusBar().currentMessage() == ""


def test_export_format_texts() -> None:
    fmt = FORMATS[".html"]
    assert (fmt.text, fmt.file_filter) == ("网页 HTML (.html)(&H)…", "网页 HTML (*.html)")


def test_print_preview_goes_through_the_dialog_seam(window_factory: WindowFactory, services: FakeServices) -> None:
    win: MainWindow = window_factory()
    win.act_print_preview.trigger()
    assert services.dialogs.asked == [f"preview:{TITLE}"]


def test_copy_as_html_puts_html_and_text_on_the_clipboard(window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory(load_example())
    win.act_copy_html.trigger()
    mime = QApplication.clipboard().mimeData()
    assert mime is not None and mime.hasHtml() and mime.hasText()
    html = mime.html()
    assert "<table" in html and "rowspan" in html
    # the title's two parts, each unbreakable: on one line if it fits, else the issuer above the year line
    assert '<span style="display:inline-block;">2020年政府信息公开工作年度报告</span>' in html
    text = mime.text()
    assert text.startswith(win.session.report.title())
    assert "\t" in text and "一、总体情况" in text


def test_import_from_excel_round_trip(window_factory: WindowFactory, services: FakeServices, tmp_path: Path) -> None:
    dialogs: FakeDialogs = services.dialogs
    source = load_example()
    source.units["t2.purchase.amount"] = "元"
    source.values["t2.purchase.amount"] = Decimal("12500")
    win: MainWindow = window_factory(source)
    dialogs.export_to = tmp_path / "r.xlsx"
    assert win.export(FORMATS[".xlsx"])
    other: MainWindow = window_factory()
    dialogs.import_from = tmp_path / "r.xlsx"
    other.act_import_xlsx.trigger()
    assert not dialogs.errors
    a, b = source, other.session.report
    assert (a.format_id, a.meta, a.narrative, a.values, a.units, a.accepted) == (
        b.format_id,
        b.meta,
        b.narrative,
        b.values,
        b.units,
        b.accepted,
    )
    assert other.session.path is None and other.session.modified  # new, unsaved document
    assert other.display_name() == "从“r.xlsx”导入"
    assert other.tabs.count() == 6


def test_import_asks_to_save_unsaved_changes_first(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    win.session.edit(EditBatch.set_cells({"t4.cases.review_upheld": 1}))
    dialogs.save_answer = "cancel"
    dialogs.import_from = tmp_path / "never-read.xlsx"
    assert not win.import_xlsx()
    assert dialogs.asked[0].startswith("save:") and not any(a.startswith("import_path") for a in dialogs.asked)
    assert win.session.report.values["t4.cases.review_upheld"] == 1


def test_import_of_a_foreign_workbook_shows_the_reason(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    dialogs: FakeDialogs = services.dialogs
    wb = openpyxl.Workbook()
    wb.active.append(["随便", "一个", "表"])
    path = tmp_path / "别人的.xlsx"
    wb.save(path)
    win: MainWindow = window_factory()
    before = win.session
    assert not win.import_xlsx(path)
    assert dialogs.errors == [
        "“别人的.xlsx”不是年报助手导出的 Excel 文件，无法导入。请选择用年报助手“导出 Excel”得到的文件。"
    ]
    assert win.session is before
    assert QApplication.overrideCursor() is None
    # not an xlsx at all
    bad = tmp_path / "坏的.xlsx"
    bad.write_bytes(b"not a zip")
    assert not zipfile.is_zipfile(bad)
    assert not win.import_xlsx(bad)
    assert len(dialogs.errors) == 2 and "坏的.xlsx" in dialogs.errors[1]
