"""#10.4: one revision counter decides "modified" and "needs autosave"; narrative typing merged into one undo step
and undo-then-edit are autosaved, and recovered after a crash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerkkit import click_tab, press, show_maximized, type_text
from guikit import FakeDialogs, FakeServices, blank_report
from nianbao.core import storage
from nianbao.gui.app import build_main_window, initial_session
from nianbao.gui.main_window import MainWindow
from nianbao.gui.services import Services

CTRL = Qt.KeyboardModifier.ControlModifier


def _window(qtbot: QtBot, services: Services) -> MainWindow:
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot)
    return win


def _autosaved_text(win: MainWindow, chapter: str = "ch1") -> str:
    return storage.load(win.autosaver.data_path).narrative.get(chapter, "")


def test_typing_after_an_autosave_is_autosaved_again(qtbot: QtBot, services: Services) -> None:
    win = _window(qtbot, services)
    type_text("第一段")
    assert win.isWindowModified()
    win.autosave_timer.timeout.emit()
    assert _autosaved_text(win) == "第一段"
    type_text("继续写")  # merges into the same undo step as the first typing
    assert win.session.undo_stack.count() == 1
    win.autosave_timer.timeout.emit()
    assert _autosaved_text(win) == "第一段继续写"
    win.autosave_timer.timeout.emit()
    assert not win.autosave_now()  # nothing new since


def test_undo_then_a_new_edit_is_autosaved(qtbot: QtBot, services: Services) -> None:
    win = _window(qtbot, services)
    click_tab(win, 3)  # 四
    type_text("4")
    press(Qt.Key.Key_Tab)
    type_text("2")
    press(Qt.Key.Key_Tab)
    assert win.autosave_now()
    press(Qt.Key.Key_Z, CTRL)  # the undo stack's index goes 2 -> 1, and the new edit brings it back to 2
    click_tab(win, 0)
    type_text("新")
    assert win.session.undo_stack.index() == 2
    assert win.autosave_now()
    assert _autosaved_text(win) == "新"
    assert storage.load(win.autosaver.data_path).values.get("t4.cases.review_corrected") is None
    # recovery after a kill: the files stay, the lock goes with the process
    win.autosaver.release()
    dialogs = services.dialogs
    assert isinstance(dialogs, FakeDialogs)
    session, adopted, error = initial_session(None, None, services)
    assert error is None and adopted is not None
    assert session.report.narrative["ch1"] == "新"
    assert session.report.values.get("t4.cases.review_upheld") == 4
    assert session.modified
    win.session.undo_stack.setClean()


def test_modified_follows_the_revision_not_the_undo_index(qtbot: QtBot, services: FakeServices, tmp_path: Path) -> None:
    win = _window(qtbot, services)
    type_text("甲")
    services.dialogs.save_to = tmp_path / "a.nianbao"
    press(Qt.Key.Key_S, CTRL)
    assert not win.isWindowModified()
    win.focus_chapter()
    type_text("乙")  # typing on after saving: modified, autosaved
    assert win.isWindowModified() and win.session.modified
    assert win.autosave_now() and _autosaved_text(win) == "甲乙"
    press(Qt.Key.Key_Z, CTRL)  # back to what was saved
    assert win.session.report.narrative["ch1"] == "甲"
    assert not win.isWindowModified()
    press(Qt.Key.Key_Y, CTRL)
    assert win.isWindowModified()
