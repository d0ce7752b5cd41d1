"""The window side of issue #15, used as a clerk uses it: 从上年报告新建, 导入已发布的年报 (review page, pasted
text), 工具 > 批量审核 (double-click opens the cell) and 工具 > 汇总."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from clerkkit import menu_action, press, show_maximized, type_text
from factories import DATA, SEED
from guikit import FakeDialogs, FakeServices, WindowFactory
from nianbao.core import storage
from nianbao.gui.main_window import MainWindow
from nianbao.gui.table_model import CELL_ROLE
from nianbao.gui.yearly_dialogs import AggregateDialog, BatchAuditDialog, ImportReviewDialog
from published_kit import pingtan_report

FIX = DATA / "published"


def item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    found = table.item(row, column)
    assert found is not None, f"no item at ({row}, {column})"
    return found


def test_import_published_word_shows_the_review_page_then_the_report(
    window_factory: WindowFactory, services: FakeServices
) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    win.showMaximized()
    dialogs.import_from = FIX / "pingtan-2020.docx"
    menu_action(win, "文件(&F)", "导入已发布的年报(&P)…").trigger()
    review = dialogs.reviews[-1]
    assert "平潭综合实验区2020年政府信息公开工作年度报告" in review.ui.source.toPlainText()  # original beside the grid
    assert review.ui.cells.rowCount() == 198
    listed = [item(review.ui.issues, r, 2).text() for r in range(review.ui.issues.rowCount())]
    assert "2.其他法律行政止公开" in listed
    assert "2019年试行格式" in review.ui.detected.text()
    assert "勾稽检查：1 处错误" in review.ui.detected.text()  # （七）总计 ≠ its parts (two columns, one problem)
    assert [review.ui.tables.tabText(i) for i in range(review.ui.tables.count())] == [
        "识别出的数字",
        "表二",
        "表三",
        "表四",
    ]
    grid = review.grids["t3"]
    assert grid.model().data(grid.model().index_of("t3.total.natural"), Qt.ItemDataRole.DisplayRole) == "20"
    report = win.session.document.report
    assert report.meta.issuer == "平潭综合实验区" and report.meta.year == 2020
    assert win.session.modified and "从“pingtan-2020.docx”导入" in win.windowTitle()
    # the published （七）总计 errors, kept as stated: 自然人 and, through it, 总计 (one problem, two rule instances)
    assert win.session.document.counts()[0] == 1 and len(win.session.document.checker.findings) >= 2


def test_a_cell_note_shows_in_the_grid_tooltip(window_factory: WindowFactory, services: FakeServices) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    dialogs.import_from = FIX / "pingtan-2023.docx"
    win.yearly.act_import_published.trigger()
    page = win.page_for_table("t2")
    assert page is not None
    win.tabs.setCurrentWidget(page)
    page.ensure_built()
    model = page.view.model()
    idx = model.index_of("t2.normative.issued")
    assert model.data(idx, Qt.ItemDataRole.DisplayRole) == "77"
    assert "注释：其中修订16件" in model.data(idx, Qt.ItemDataRole.ToolTipRole)


def test_cancelled_review_creates_nothing(window_factory: WindowFactory, services: FakeServices) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    before = win.session
    dialogs.import_from = FIX / "pingtan-2023-cms.html"
    dialogs.review_accept = False
    assert not win.yearly.import_published()
    assert win.session is before
    bad = FIX.parent / "samples" / "published" / "README.md"
    dialogs.import_from = bad
    assert not win.yearly.import_published()
    assert dialogs.errors and "类型无法导入" in dialogs.errors[-1]


def test_pasted_page_text_is_read_on_the_review_page(qtbot: QtBot) -> None:
    dialog = ImportReviewDialog(None)
    qtbot.addWidget(dialog)
    show_maximized(dialog, qtbot, "1024x768")
    ok = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    QGuiApplication.clipboard().setText(SEED.read_text("utf-8"))  # copied from the township's page
    QTest.mouseClick(dialog.ui.source.viewport(), Qt.MouseButton.LeftButton)
    press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # Ctrl+V into the box
    assert dialog.ui.source.toPlainText().startswith(" 一、总体情况")
    QTest.mouseClick(dialog.ui.reread, Qt.MouseButton.LeftButton)
    assert ok.isEnabled(), dialog.ui.detected.text()
    assert dialog.outcome is not None and dialog.outcome.report.values["t2.normative.made"] == 35
    assert "2020" in dialog.ui.detected.text()


def test_new_from_last_year_shows_last_years_text_beside_the_editor(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    dialogs: FakeDialogs = services.dialogs
    last = pingtan_report(2021)
    last.narrative["ch1"] = "二〇二一年总体情况的正文。"
    last.narrative["ch5"] = "二〇二一年存在的问题。"
    last.values["t3.forward.natural"] = 1
    last.values["t3.forward.total"] = 1
    storage.save(last, tmp_path / "2021.nianbao")
    win: MainWindow = window_factory()
    win.showMaximized()
    dialogs.import_from = tmp_path / "2021.nianbao"
    menu_action(win, "文件(&F)", "从上年报告新建(&L)…").trigger()
    report = win.session.document.report
    assert report.meta.year == 2022 and report.values["t3.carried.natural"] == 1
    assert report.narrative["ch1"] == ""
    assert dialogs.infos and "已带入：表三" in dialogs.infos[-1]
    dock = win.yearly.dock
    assert dock is not None and dock.isVisible()
    text = win.yearly.text
    assert text is not None and dock.widget() is text
    win.tabs.setCurrentIndex(0)
    assert "二〇二一年总体情况的正文。" in text.toPlainText()
    win.tabs.setCurrentIndex(4)  # 五、存在的主要问题及改进情况
    assert "二〇二一年存在的问题。" in text.toPlainText()
    assert text.isReadOnly()


def test_batch_audit_sorts_and_double_click_opens_the_cell(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path, qtbot: QtBot
) -> None:
    win: MainWindow = window_factory()
    win.showMaximized()
    good = pingtan_report(2023)
    storage.save(good, tmp_path / "a.nianbao")
    bad = pingtan_report(2023)
    bad.values["t4.cases.review_total"] = 77
    storage.save(bad, tmp_path / "b.nianbao")
    shutil.copy(FIX / "pingtan-2020.pdf", tmp_path / "c.pdf")
    (tmp_path / "d.docx").write_bytes(b"broken")
    menu_action(win, "工具(&T)", "批量审核(&A)…").trigger()
    dialog: BatchAuditDialog = win.yearly.audit_dialog
    dialog.add_path(str(tmp_path))
    QTest.mouseClick(dialog.ui.start, Qt.MouseButton.LeftButton)
    table = dialog.ui.results
    assert table.rowCount() == 1 + 1 + 1  # b: R4; c.pdf: R3.3 (自然人, the 总计 column folded in); d.docx unreadable
    assert dialog.ui.progress.value() == dialog.ui.progress.maximum() == 4
    assert "共读取 3 份报告，其中 2 份有错误；1 个文件无法读取" in dialog.ui.summary.text()
    table.sortItems(3)  # by rule
    rules = [item(table, r, 3).text() for r in range(table.rowCount())]
    assert rules == sorted(rules)
    row = rules.index("R4")
    rect = table.visualItemRect(item(table, row, 3))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.session.path == tmp_path / "b.nianbao"
    page = win.page_for_table("t4")
    assert win.tabs.currentWidget() is page
    assert page.view.currentIndex().data(CELL_ROLE) == "t4.cases.review_total"


def test_aggregate_dialog_sums_a_folder_into_a_new_report(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path, qtbot: QtBot
) -> None:
    win: MainWindow = window_factory()
    for name in ("a", "b"):
        storage.save(pingtan_report(2023), tmp_path / f"{name}.nianbao")
    dialog = AggregateDialog(win)
    qtbot.addWidget(dialog)
    show_maximized(dialog, qtbot, "1024x768")
    dialog.add_path(str(tmp_path))
    QTest.mouseClick(dialog.ui.issuer, Qt.MouseButton.LeftButton)
    type_text("某某县人民政府")
    assert dialog.ui.issuer.text() == "某某县人民政府"
    QTest.mouseClick(dialog.ui.run, Qt.MouseButton.LeftButton)
    assert "已汇总 2 份报告" in dialog.ui.log.toPlainText()
    assert dialog.outcome is not None
    assert dialog.outcome.report.values["t3.new.total"] == 2 * pingtan_report(2023).values["t3.new.total"]
    win.yearly.open_unsaved(dialog.outcome.report, "汇总报告")
    assert win.session.document.report.meta.issuer == "某某县人民政府"
    assert "汇总报告" in win.windowTitle()
    dock = win.yearly.sources_dock
    assert dock is not None and dock.isVisibleTo(win)  # 汇总来源: what was summed, beside the grid
    assert win.yearly.sources_text is not None and dock.widget() is win.yearly.sources_text
    assert "已汇总 2 份报告" in win.yearly.sources_text.toPlainText()
    # the lists are kept in the project file: saved, opened again in a fresh window, shown again
    storage.save(win.session.document.report, tmp_path / "total.nianbao")
    again: MainWindow = window_factory()
    assert again.open_file(tmp_path / "total.nianbao")
    sources_text = again.yearly.sources_text
    assert sources_text is not None
    shown = sources_text.toPlainText()
    assert again.yearly.sources_dock is not None and again.yearly.sources_dock.isVisibleTo(again)
    assert str(tmp_path / "a.nianbao") in shown and str(tmp_path / "b.nianbao") in shown and "2023年度" in shown
    assert sources_text.isReadOnly()
    assert again.open_file(tmp_path / "a.nianbao")  # an ordinary report: no 汇总来源 panel
    assert not again.yearly.sources_dock.isVisibleTo(again)
