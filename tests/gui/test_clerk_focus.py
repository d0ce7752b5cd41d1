"""#10.1: keys land in the chapter the clerk is looking at, never in 发布机关 (real window, maximized, real keys)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerkkit import SCREENS, click, click_tab, focus, press, show_maximized, type_text
from guikit import FakeDialogs, blank_report
from nianbao.core import storage
from nianbao.gui.app import build_main_window, start
from nianbao.gui.chapter_page import NarrativePage, TablePage
from nianbao.gui.main_window import MainWindow
from nianbao.gui.report_dialogs import NewReportChoice
from nianbao.gui.services import Services
from nianbao.gui.table_view import ReportTableView

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ISSUER = "沭阳县发展和改革局"


def _window(qtbot: QtBot, services: Services, screen: str = "1366x768") -> MainWindow:
    report = blank_report()
    report.meta.issuer = ISSUER
    win = build_main_window(report, None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, screen)
    return win


def _in_current_chapter(win: MainWindow) -> bool:
    page = win.tabs.currentWidget()
    w = QApplication.focusWidget()
    if isinstance(page, NarrativePage):
        return w is page.editor
    assert isinstance(page, TablePage)
    return w is page.view or (w is not None and page.view.isAncestorOf(w))


def _grid(win: MainWindow) -> ReportTableView:
    page = win.tabs.currentWidget()
    assert isinstance(page, TablePage)
    return page.view


def test_after_start_keys_go_into_the_first_chapter(qtbot: QtBot) -> None:
    _app, win = start()  # the real start-up: fresh profile, a new report, the window placed as for a clerk
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    try:
        assert _in_current_chapter(win)
        type_text("本年度")
        assert win.session.report.narrative["ch1"] == "本年度"
        assert win.session.report.meta.issuer == ""
    finally:
        win.session.undo_stack.setClean()
        win.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_clicking_a_table_tab_then_typing_fills_its_first_input_cell(
    qtbot: QtBot, services: Services, screen: str
) -> None:
    win = _window(qtbot, services, screen)
    click(win.meta_panel.issuer)  # the clerk was in 发布机关 before
    assert focus() is win.meta_panel.issuer
    click_tab(win, 1)  # 二、主动公开政府信息情况
    assert win.tabs.currentIndex() == 1 and _in_current_chapter(win)
    type_text("5")
    press(Qt.Key.Key_Return)
    assert win.session.report.values.get("t2.rules.issued") == 5
    assert win.session.report.meta.issuer == ISSUER
    assert win.windowTitle().count(ISSUER) == 1 and f"{ISSUER}5" not in win.windowTitle()
    click_tab(win, 3)  # 四: the first key typed right after the click is not lost
    type_text("0")
    press(Qt.Key.Key_Tab)
    assert win.session.report.values.get("t4.cases.review_upheld") == 0
    type_text("3")
    press(Qt.Key.Key_Tab)
    assert win.session.report.values.get("t4.cases.review_corrected") == 3


def test_chapter_keys_work_from_anywhere_and_move_the_focus_along(qtbot: QtBot, services: Services) -> None:
    win = _window(qtbot, services)
    click(win.meta_panel.issuer)
    press(Qt.Key.Key_Tab, CTRL)
    assert win.tabs.currentIndex() == 1 and _in_current_chapter(win)
    press(Qt.Key.Key_PageDown, CTRL)
    assert win.tabs.currentIndex() == 2 and _in_current_chapter(win)
    type_text("4")  # 三: the first input cell is 一、本年新收 / 自然人
    press(Qt.Key.Key_Return)
    assert win.session.report.values.get("t3.new.natural") == 4
    press(Qt.Key.Key_PageUp, CTRL)
    assert win.tabs.currentIndex() == 1 and _in_current_chapter(win)
    press(Qt.Key.Key_Tab, CTRL | SHIFT)
    assert win.tabs.currentIndex() == 0 and _in_current_chapter(win)
    type_text("正文")
    assert win.session.report.narrative["ch1"] == "正文"
    press(Qt.Key.Key_Tab, CTRL | SHIFT)  # wraps around to the last chapter, like Ctrl+Tab in a browser
    assert win.tabs.currentIndex() == win.tabs.count() - 1 and _in_current_chapter(win)
    press(Qt.Key.Key_Tab, CTRL)
    assert win.tabs.currentIndex() == 0
    click(win.meta_panel.contact)
    press(Qt.Key.Key_PageDown, CTRL)
    assert win.tabs.currentIndex() == 1 and _in_current_chapter(win)


def test_new_and_open_put_the_focus_into_the_current_chapter(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    win = _window(qtbot, services)
    dialogs = services.dialogs
    assert isinstance(dialogs, FakeDialogs)
    dialogs.new_choice = NewReportChoice(2025, "某县财政局", "县级政府部门", "gov2021")
    click(win.meta_panel.issuer)
    assert win.act_new.isEnabled()
    press(Qt.Key.Key_N, CTRL)
    assert win.session.report.meta.issuer == "某县财政局"
    assert _in_current_chapter(win)
    type_text("甲")
    assert win.session.report.narrative["ch1"] == "甲"
    path = tmp_path / "saved.nianbao"
    report = blank_report()
    report.meta.issuer = ISSUER
    storage.save(report, path)
    dialogs.save_answer = "discard"
    dialogs.open_from = path
    click(win.meta_panel.contact)
    press(Qt.Key.Key_O, CTRL)
    assert win.session.path == path
    assert _in_current_chapter(win)
    type_text("乙")
    assert win.session.report.narrative["ch1"] == "乙" and win.session.report.meta.issuer == ISSUER


def test_ctrl_home_goes_to_the_first_input_cell_not_the_header(qtbot: QtBot, services: Services) -> None:
    win = _window(qtbot, services)
    click_tab(win, 2)
    view = _grid(win)
    for _ in range(5):
        press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Tab)
    assert view.currentIndex() != view.first_editable()
    press(Qt.Key.Key_Home, CTRL)
    assert view.currentIndex() == view.first_editable()
    assert view.model().spec(view.currentIndex()) is not None
    type_text("9")
    press(Qt.Key.Key_Return)
    assert win.session.report.values.get("t3.new.natural") == 9
