"""#16 in the window: a number typed into a chapter that disagrees with the table shows in 检查结果 and in the text;
a click on it selects the sentence; 根据表格生成段落 inserts at the cursor and Ctrl+Z takes it out; 工具 >
载入本地要求. A real window, maximized, keys typed into whatever has the focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListWidget, QMenu, QToolTip
from pytestqt.qtbot import QtBot

from clerkkit import SCREENS, click, click_tab, focus, press, show_maximized, type_text
from factories import filled_report
from guikit import FakeDialogs, FakeServices
from nianbao.core.report import Report
from nianbao.gui.app import build_main_window
from nianbao.gui.chapter_page import NarrativePage
from nianbao.gui.main_window import MainWindow
from nianbao.gui.services import Services
from nianbao.resources import ASSETS

CTRL = Qt.KeyboardModifier.ControlModifier


def _window(qtbot: QtBot, services: Services, screen: str = "1366x768", report: Report | None = None) -> MainWindow:
    win = build_main_window(report or filled_report("gov2021"), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, screen)
    return win


def _chapter_one(win: MainWindow) -> NarrativePage:
    click_tab(win, 0)
    page = win.tabs.currentWidget()
    assert isinstance(page, NarrativePage) and focus() is page.editor
    return page


def _click_item(lst: QListWidget, text: str) -> None:
    item = next(lst.item(i) for i in range(lst.count()) if text in lst.item(i).text())
    lst.scrollToItem(item)
    QTest.mouseClick(
        lst.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, lst.visualItemRect(item).center()
    )


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support propagateSizeHints")
@pytest.mark.parametrize("screen", SCREENS)
def test_a_wrong_number_typed_in_the_text_is_listed_marked_and_selected_on_click(
    qtbot: QtBot, services: FakeServices, screen: str
) -> None:
    win = _window(qtbot, services, screen)
    total = int(win.session.report.value("t3.new.total"))
    page = _chapter_one(win)
    press(Qt.Key.Key_End, CTRL)
    press(Qt.Key.Key_Return)
    sentence = f"本年度共收到政府信息公开申请{total + 5}件。"
    type_text(sentence)
    text = page.editor.toPlainText()
    assert text.endswith(sentence)
    panel = win.findings_panel
    items = [panel.list.item(i).text() for i in range(panel.list.count())]
    wrong = [t for t in items if f"正文为 {total + 5}件，表格为 {total}件" in t]
    assert len(wrong) == 1 and "表三“一、本年新收政府信息公开申请数量”行“总计”列" in wrong[0]
    marks = page.editor.extraSelections()
    start = text.index(sentence)
    # PySide6's stubs omit ExtraSelection's fields (cursor, format), which exist at run time
    spans = [(m.cursor.selectionStart(), m.cursor.selectionEnd()) for m in marks]  # type: ignore[attr-defined]
    assert spans == [(start, len(text)), (start + len("本年度共"), len(text) - 1)]  # the sentence, its words
    # hovering the sentence shows the finding
    cursor = page.editor.textCursor()
    cursor.setPosition(start + 3)
    at = page.editor.cursorRect(cursor).center()
    vp = page.editor.viewport()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, at, vp.mapToGlobal(at)))
    assert f"正文为 {total + 5}件" in QToolTip.text()
    QToolTip.hideText()
    # elsewhere, then a click on the finding: back to 一 with the sentence selected
    click_tab(win, 2)
    _click_item(panel.list, f"正文为 {total + 5}件")
    assert win.tabs.currentWidget() is page and focus() is page.editor
    assert page.editor.textCursor().selectedText() == sentence
    # accepted with an explanation: greyed in the list, the mark goes
    services.dialogs.explanation = "正文含上年结转的申请"
    click(panel.accept_button)
    assert any("提示（已说明）" in panel.list.item(i).text() for i in range(panel.list.count()))
    assert page.editor.extraSelections() == []
    # the number put right: the finding goes
    page.editor.setFocus()
    for _ in range(len(f"{total + 5}件。")):
        press(Qt.Key.Key_Backspace)
    type_text(f"{total}件。")
    assert not any("正文为" in panel.list.item(i).text() for i in range(panel.list.count()))


@pytest.mark.parametrize("format_id", ["gov2021", "gov2019"])
def test_the_draft_button_inserts_at_the_cursor_and_ctrl_z_takes_it_out(
    qtbot: QtBot, services: Services, format_id: str
) -> None:
    win = _window(qtbot, services, report=filled_report(format_id))
    page = _chapter_one(win)
    before = page.editor.toPlainText()
    press(Qt.Key.Key_Home, CTRL)
    press(Qt.Key.Key_Down)  # the start of the second line
    cursor_at = page.editor.textCursor().position()
    assert page.draft_button is not None and page.draft_button.isVisible()
    click(page.draft_button)
    after = page.editor.toPlainText()
    assert after.startswith(before[:cursor_at] + "主动公开方面，") and after.endswith(before[cursor_at:])
    assert "依申请公开方面，本年度新收政府信息公开申请" in after
    assert win.session.report.narrative["ch1"] == after
    assert not [f for f in win.session.document.findings if f.base in ("T1", "T2")]
    assert focus() is page.editor
    press(Qt.Key.Key_Z, CTRL)
    assert page.editor.toPlainText() == before and win.session.report.narrative["ch1"] == before
    press(Qt.Key.Key_Y, CTRL)
    assert page.editor.toPlainText() == after


def _tools(win: MainWindow) -> QMenu:
    menu = win.tools_menu()
    assert menu.title() == "工具(&T)"
    assert [a.text() for a in win.menuBar().actions()].count("工具(&T)") == 1
    return menu


def test_load_local_requirements_from_the_tools_menu(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    win = _window(qtbot, services)
    dialogs = services.dialogs
    assert isinstance(dialogs, FakeDialogs)
    menu = _tools(win)
    load = next(a for a in menu.actions() if a.text().startswith("载入本地要求"))
    stop = next(a for a in menu.actions() if a.text() == "停用本地要求")
    assert not stop.isEnabled()
    dialogs.import_from = ASSETS / "profiles" / "city-2025-example.toml"
    load.trigger()
    assert dialogs.asked[-1] == f"import_path:{ASSETS / 'profiles'}"
    panel = win.findings_panel
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any("未达到本地要求“各平台发布信息数量”" in t for t in texts)
    assert "已载入本地要求“某市2025年度年报编制要求（示例）”" in win.statusBar().currentMessage()
    assert stop.isEnabled() and not win.session.modified  # loading requirements does not change the report
    _click_item(panel.list, "各平台发布信息数量")
    assert isinstance(win.tabs.currentWidget(), NarrativePage) and win.tabs.currentIndex() == 0
    stop.trigger()
    assert not any("本地要求" in panel.list.item(i).text() for i in range(panel.list.count()))
    bad = tmp_path / "要求.toml"
    bad.write_text("[[require]]\nchapter = '九'\nmax_chars = 3\n", "utf-8")
    dialogs.import_from = bad
    load.trigger()
    assert dialogs.errors and "chapter 应为" in dialogs.errors[-1]
    assert not stop.isEnabled()


def test_a_year_slip_in_the_preface_is_selected_in_its_box(qtbot: QtBot, services: Services) -> None:
    report = filled_report("gov2021")
    report.meta.year = 2026
    win = _window(qtbot, services, report=report)
    page = _chapter_one(win)
    assert page.preface is not None
    click(page.preface.editor)
    press(Qt.Key.Key_Home, CTRL)
    type_text("2025年，")
    assert win.session.report.narrative["preface"].startswith("2025年，")
    panel = win.findings_panel
    click_tab(win, 5)
    _click_item(panel.list, "“2025年”像是当作本年度写的")
    assert win.tabs.currentWidget() is page and focus() is page.preface.editor
    assert page.preface.editor.textCursor().selectedText().startswith("2025年，")
    assert page.preface.editor.extraSelections()
