"""The editing window: tabs, 基本信息, narrative, findings, accepting warnings, 重新计算合计, undo/redo and title."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QListWidget, QPlainTextEdit, QTableView
from pytestqt.qtbot import QtBot

from guikit import FakeDialogs, FakeServices, WindowFactory, blank_report
from nianbao.core.edits import EditBatch
from nianbao.core.report import Report
from nianbao.gui.chapter_page import NarrativePage, TablePage, char_count
from nianbao.gui.main_window import MainWindow, prepared_year
from nianbao.gui.table_view import value_text
from nianbao.resources import load_example


def _table_page(win: MainWindow, table: str) -> TablePage:
    page = win.page_for_table(table)
    assert page is not None
    return page


def _narrative(win: MainWindow, chapter: str) -> NarrativePage:
    page = next(p for p in win.pages if p.chapter.id == chapter)
    assert isinstance(page, NarrativePage)
    return page


def test_one_tab_per_chapter_titled_as_in_the_definition(window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory(load_example())
    fmt = win.session.document.fmt
    assert [win.tabs.tabText(i) for i in range(win.tabs.count())] == [ch.title for ch in fmt.chapters]
    assert win.tabs.tabText(0) == "一、总体情况"
    assert win.meta_panel.issuer.text() == "某镇人民政府（示例）"
    assert win.meta_panel.year.value() == 2020
    assert "2019年试行格式" in win.meta_panel.format_label.text()
    assert fmt.name in win.meta_panel.format_label.toolTip()
    assert win.counts_label.text() == "勾稽关系全部通过"


def test_prepared_year_switches_in_october() -> None:
    assert prepared_year(date(2025, 10, 1)) == 2025
    assert prepared_year(date(2025, 9, 30)) == 2024
    assert prepared_year(date(2026, 1, 15)) == 2025


def test_typing_updates_totals_findings_and_status(qtbot: QtBot, window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory()
    page = _table_page(win, "t3")
    win.tabs.setCurrentWidget(page)
    view = page.view
    view.setCurrentIndex(view.model().index_of("t3.new.natural"))
    QTest.keyClicks(view, "7")
    QTest.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert value_text(view.model(), "t3.new.total") == "7"
    assert win.counts_label.text().startswith("1 处错误")  # 自然人 and, through it, 总计 columns no longer balance
    assert win.findings_panel.list.count() == 1 + 6  # and the blank report's 6 empty parts (表三 is touched now)
    assert "不平衡" in win.findings_panel.list.item(0).text()
    assert win.windowTitle().startswith("未命名报告[*]") and win.isWindowModified()
    win.act_undo.trigger()
    assert win.counts_label.text() == "勾稽关系无误，尚有 7 处未填写"
    assert win.findings_panel.list.count() == 7
    assert not win.isWindowModified()
    win.act_redo.trigger()
    assert value_text(view.model(), "t3.new.total") == "7"


def test_the_findings_list_appears_with_the_first_finding_and_gives_way_to_a_hint(
    window_factory: WindowFactory,
) -> None:
    win: MainWindow = window_factory(load_example())  # complete, and no rule broken
    panel = win.findings_panel
    assert panel.findChild(QListWidget) is None and panel.hint.isVisible()  # a clean report: no list view built
    assert "勾稽关系全部通过" in panel.summary.text()
    win.session.edit(EditBatch.set_cells({"t3.new.research": 4}))
    assert panel.findChild(QListWidget) is panel.list and panel.list.isVisible() and not panel.hint.isVisible()
    assert panel.list.count() == 1 and "1 处错误" in panel.summary.text()
    win.act_undo.trigger()
    assert panel.hint.isVisible() and not panel.list.isVisible()
    assert panel.list.count() == 0


def test_ctrl_wheel_zooms_the_narrative_text_and_a_plain_wheel_scrolls(window_factory: WindowFactory) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    win: MainWindow = window_factory(load_example())
    editor = _narrative(win, "ch1").editor
    before = editor.font().pointSizeF()

    def wheel(delta: int, modifiers: Qt.KeyboardModifier) -> None:
        pos = QPointF(editor.viewport().rect().center())
        event = QWheelEvent(
            pos,
            editor.viewport().mapToGlobal(pos),
            QPoint(),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(editor.viewport(), event)

    wheel(240, Qt.KeyboardModifier.ControlModifier)
    assert editor.font().pointSizeF() == before + 2
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    assert editor.font().pointSizeF() == before + 1
    for _ in range(40):
        wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert editor.font().pointSizeF() <= 28  # bounded
    zoomed = editor.font().pointSizeF()
    wheel(-120, Qt.KeyboardModifier.NoModifier)
    assert editor.font().pointSizeF() == zoomed  # no Ctrl: the text scrolls, the size stays


def test_clicking_a_finding_selects_its_cell(qtbot: QtBot, window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory()
    win.session.edit(EditBatch.set_cells({"t3.new.research": 4}))
    win.tabs.setCurrentIndex(0)
    lst = win.findings_panel.list
    item = lst.item(0)
    finding = win.session.document.findings[0]
    QTest.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(item).center())
    page = _table_page(win, finding.table)
    assert win.tabs.currentWidget() is page
    assert page.view.currentIndex() == page.model.index_of(finding.focus)


def test_narrative_typing_is_one_undo_step_and_counts_characters(qtbot: QtBot, window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory()
    page = _narrative(win, "ch5")
    win.tabs.setCurrentWidget(page)
    QTest.keyClicks(page.editor, "ab c")  # QTest types ASCII only; an input method inserts text like this:
    page.editor.insertPlainText("存在问题")
    assert win.session.report.narrative["ch5"] == "ab c存在问题"
    assert page.count_label.text() == "字数：7"
    assert win.session.undo_stack.count() == 1
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    page.editor.setFocus()
    QTest.keyClick(
        page.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )  # the window's undo, not the editor's
    assert win.session.report.narrative["ch5"] == ""
    assert page.editor.toPlainText() == ""
    QTest.keyClick(page.editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # and the window's redo
    assert page.editor.toPlainText() == "ab c存在问题" and win.session.undo_stack.index() == 1
    QTest.keyClick(page.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    win.act_redo.trigger()
    assert page.editor.toPlainText() == "ab c存在问题"
    assert char_count(" a\n b\u3000c ") == 3


def test_menu_shortcuts_and_both_redo_keys(qtbot: QtBot, window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory()
    shown = {a.text(): a.shortcut().toString() for a in (win.act_new, win.act_open, win.act_save, win.act_save_as)}
    assert shown == {"新建(&N)…": "Ctrl+N", "打开(&O)…": "Ctrl+O", "保存(&S)": "Ctrl+S", "另存为(&A)…": "Ctrl+Shift+S"}
    assert (win.act_undo.shortcut().toString(), win.act_redo.shortcut().toString()) == ("Ctrl+Z", "Ctrl+Y")
    assert (win.act_copy.shortcut().toString(), win.act_paste.shortcut().toString()) == ("Ctrl+C", "Ctrl+V")
    win.session.edit(EditBatch(meta=(("issuer", "另一镇人民政府"),), label="t"))
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    bar = win.tabs.tabBar()  # focus outside the text fields, which take these keys themselves
    bar.setFocus()
    QTest.keyClick(bar, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.session.report.meta.issuer == "某某镇人民政府"
    QTest.keyClick(bar, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert win.session.report.meta.issuer == "另一镇人民政府"
    QTest.keyClick(bar, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(bar, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert win.session.report.meta.issuer == "另一镇人民政府"


def test_hidden_narrative_pages_are_built_when_first_shown(qtbot: QtBot, window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory(load_example())
    first, hidden = _narrative(win, "ch1"), _narrative(win, "ch5")
    # the current tab is complete in the first frame; another page has no widgets until it is first shown
    assert first.findChild(QPlainTextEdit) is not None and first.editor.isVisible()
    assert first.guidance.isVisible() and first.count_label.isVisible()
    assert hidden.findChild(QPlainTextEdit) is None
    win.session.edit(EditBatch(texts=(("ch5", "上一年"),), label="t"))  # an edit (or undo) before the first show
    assert hidden.findChild(QPlainTextEdit) is None
    win.tabs.setCurrentWidget(hidden)
    assert hidden.findChild(QPlainTextEdit) is hidden.editor
    assert hidden.editor.isVisible() and hidden.count_label.isVisible()
    assert hidden.editor.toPlainText() == "上一年" and hidden.count_label.text() == "字数：3"
    assert hidden.guidance.isVisibleTo(hidden) == bool(hidden.chapter.guidance)
    win.act_undo.trigger()
    assert hidden.editor.toPlainText() == win.session.report.narrative.get("ch5", "")
    qtbot.waitUntil(lambda: hidden.editor.geometry().height() > 100)  # laid out, not a zero-size editor
    assert hidden.editor.geometry().width() > 0


def test_table_pages_are_built_when_their_tab_becomes_current(qtbot: QtBot, window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory(load_example())
    page = _table_page(win, "t3")
    assert page.findChild(QTableView) is None  # not current yet: no grid
    win.tabs.setCurrentWidget(page)
    assert (
        page.findChild(QTableView) is page.view and page.view.isVisible()
    )  # in the next paint, not after a queued show
    qtbot.waitUntil(lambda: page.view.geometry().height() > 200)
    assert page.model.rowCount() > 0


def test_subheadings_button_inserts_the_usual_headings(qtbot: QtBot, window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory()
    page = _narrative(win, "ch1")
    assert page.subheadings_button is not None
    assert "（一）主动公开" in page.guidance.text() or page.guidance.text()
    QTest.mouseClick(page.subheadings_button, Qt.MouseButton.LeftButton)
    text = win.session.report.narrative["ch1"]
    for heading in win.session.document.fmt.chapter("ch1").subheadings:
        assert heading in text
    assert text.index("（一）主动公开") < text.index("（五）监督保障")
    win.act_undo.trigger()
    assert win.session.report.narrative["ch1"] == ""
    assert _narrative(win, "ch5").subheadings_button is None


def test_metadata_edits_are_undoable(qtbot: QtBot, window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory()
    issuer = win.meta_panel.issuer
    issuer.setText("某某街道办事处")
    issuer.editingFinished.emit()
    assert win.session.report.meta.issuer == "某某街道办事处"
    assert "某某街道办事处2025年" in win.windowTitle()
    win.meta_panel.year.setValue(2024)
    assert win.session.report.meta.year == 2024
    win.act_undo.trigger()
    win.act_undo.trigger()
    assert win.session.report.meta.issuer == "某某镇人民政府"
    assert win.meta_panel.issuer.text() == "某某镇人民政府"
    assert win.meta_panel.year.value() == 2025


def test_accepting_a_warning_greys_it_and_is_saved(
    qtbot: QtBot, window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory(load_example())
    win.session.edit(EditBatch.set_cells({"t2.rules.published": 3}))
    assert win.counts_label.text() == "1 处提示"
    panel = win.findings_panel
    panel.list.setCurrentRow(0)
    assert panel.accept_button.isEnabled()
    dialogs.explanation = "规章由市政府统一公开，本机关仅转载。"
    QTest.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    finding = win.session.document.findings[0]
    assert finding.accepted == dialogs.explanation
    assert win.counts_label.text() == "勾稽关系全部通过"
    assert panel.list.count() == 1  # still visible
    assert panel.list.item(0).foreground().color().name() == "#8c8c8c"
    assert "说明：规章由市政府统一公开" in panel.list.item(0).text()
    dialogs.save_to = tmp_path / "accepted.nianbao"
    assert win.save()
    from nianbao.core import storage

    assert storage.load(dialogs.save_to).accepted == {finding.rule: dialogs.explanation}
    panel.list.setCurrentRow(0)
    QTest.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    assert win.session.report.accepted == {}


def test_errors_cannot_be_accepted(window_factory: WindowFactory, services: FakeServices) -> None:
    win: MainWindow = window_factory()
    win.session.edit(EditBatch.set_cells({"t3.new.natural": 2}))
    error = win.session.document.findings[0]
    win.findings_panel.list.setCurrentRow(0)
    assert not win.findings_panel.accept_button.isEnabled()
    win.accept_warning(error)
    assert services.dialogs.errors and "错误不能被接受" in services.dialogs.errors[0]
    assert win.session.report.accepted == {}


def _stated_totals_report() -> Report:
    report = blank_report()
    report.values.update({"t3.open.natural": 5, "t3.open.total": 9})  # as imported: the stated total disagrees
    return report


def test_recompute_totals_is_undoable(window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory(_stated_totals_report())
    assert "错误" in win.counts_label.text()
    win.act_recompute.trigger()
    report = win.session.report
    assert report.values["t3.open.total"] == 5
    assert report.values["t3.total.natural"] == 5
    assert win.session.modified
    win.act_undo.trigger()
    assert report.values["t3.open.total"] == 9
    assert "t3.total.natural" not in report.values


def test_window_title_marks_unsaved_changes(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    path = tmp_path / "镇.nianbao"
    win: MainWindow = window_factory(blank_report(), path)
    assert win.windowTitle().startswith("镇.nianbao[*] - ")  # Qt renders [*] as * while modified
    assert not win.isWindowModified()
    win.session.edit(EditBatch.set_cells({"t4.cases.review_upheld": 1}))
    assert win.isWindowModified()
    assert win.save()
    assert not win.isWindowModified()


def test_window_fits_a_1366_screen_at_125_percent(window_factory: WindowFactory) -> None:
    # 1366 physical pixels at 125% scaling leave 1093 logical pixels for the whole window
    for report in (load_example(), blank_report("gov2021")):
        win: MainWindow = window_factory(report)
        assert win.minimumSizeHint().width() <= 1093
