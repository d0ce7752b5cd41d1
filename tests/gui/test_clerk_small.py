"""#10.7, smaller things: typing into a grey total explains itself; 新建 starts from the open report's issuer and
level."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from clerkkit import click, click_tab, press, show_maximized, type_text
from guikit import FakeDialogs, blank_report
from nianbao.gui.app import build_main_window
from nianbao.gui.chapter_page import TablePage
from nianbao.gui.report_dialogs import NewReportDialog
from nianbao.gui.services import Services


def test_typing_into_a_grey_total_says_why_nothing_happens(qtbot: QtBot, services: Services) -> None:
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot)
    click_tab(win, 2)
    page = win.tabs.currentWidget()
    assert isinstance(page, TablePage)
    view = page.view
    total = view.model().index_of("t3.new.total")
    view.scrollTo(total)
    click(view.viewport(), view.visualRect(total).center())
    assert view.currentIndex() == total
    type_text("5")
    assert "自动合计" in win.statusBar().currentMessage() and "不能直接填写" in win.statusBar().currentMessage()
    assert win.session.report.values.get("t3.new.total") is None


def test_new_defaults_issuer_and_level_from_the_open_report(qtbot: QtBot, services: Services) -> None:
    report = blank_report()
    report.meta.issuer, report.meta.level = "沭阳县发展和改革局", "县级部门"
    win = build_main_window(report, None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot)
    dialogs = services.dialogs
    assert isinstance(dialogs, FakeDialogs)
    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert any(a.endswith(":沭阳县发展和改革局:县级部门") for a in dialogs.asked)
    dialog = NewReportDialog(2026, win, "沭阳县发展和改革局", "县级部门")
    qtbot.addWidget(dialog)
    assert dialog.ui.issuer.text() == "沭阳县发展和改革局" and dialog.ui.level.currentText() == "县级部门"
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    choice = dialog.choice()
    assert (choice.issuer, choice.level, choice.year) == ("沭阳县发展和改革局", "县级部门", 2026)
