"""#10.7: undo and redo bring the cell they change into view, from another tab too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerkkit import click_tab, press, show_maximized, type_text
from guikit import blank_report
from nianbao.gui.app import build_main_window
from nianbao.gui.chapter_page import TablePage
from nianbao.gui.services import Services
from nianbao.gui.table_model import CELL_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier


def test_undo_and_redo_show_the_cell_they_change(qtbot: QtBot, services: Services) -> None:
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, "1024x768")
    click_tab(win, 2)
    page = win.tabs.currentWidget()
    assert isinstance(page, TablePage)
    view = page.view
    view.select_cell("t3.other_misc.other")  # far down and right: scrolled into view to type there
    type_text("3")
    press(Qt.Key.Key_Return)
    view.select_cell("t3.new.natural")  # back to the top left: the 3 is off-screen now
    assert not view.viewport().rect().intersects(view.visualRect(view.model().index_of("t3.other_misc.other")))
    click_tab(win, 0)
    type_text("字")
    click_tab(win, 3)
    press(Qt.Key.Key_Z, CTRL)  # undoes the text: 一 is shown
    assert win.tabs.currentIndex() == 0 and win.session.report.narrative["ch1"] == ""
    press(Qt.Key.Key_Z, CTRL)  # undoes the 3: 表三, the cell selected and on screen
    assert win.tabs.currentWidget() is page
    index = view.currentIndex()
    assert index.data(CELL_ROLE) == "t3.other_misc.other"
    assert view.viewport().rect().intersects(view.visualRect(index))
    click_tab(win, 1)
    press(Qt.Key.Key_Y, CTRL)
    assert win.tabs.currentWidget() is page and view.currentIndex().data(CELL_ROLE) == "t3.other_misc.other"
    assert win.session.report.values["t3.other_misc.other"] == 3
    win.session.undo_stack.setClean()
