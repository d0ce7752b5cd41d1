"""Settings made by name fail loudly; the menus use the platform's standard keys."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QToolBar

from guikit import WindowFactory
from nianbao.gui.main_window import MainWindow
from nianbao.gui.qt_names import QtNameError, key_sequence, set_property, set_shortcuts


def test_a_misspelt_enum_key_or_property_raises(qapp: QApplication) -> None:
    bar = QToolBar()
    set_property(bar, "toolButtonStyle", "ToolButtonTextBesideIcon")
    assert bar.toolButtonStyle().name == "ToolButtonTextBesideIcon"
    with pytest.raises(QtNameError, match="ToolButtonTextBesidesIcon"):
        set_property(bar, "toolButtonStyle", "ToolButtonTextBesidesIcon")
    with pytest.raises(QtNameError):
        set_property(bar, "toolButtonStyl", "ToolButtonTextBesideIcon")


def test_a_misspelt_shortcut_raises(qapp: QApplication) -> None:
    assert key_sequence("Ctrl+PgDown") == QKeySequence("Ctrl+PgDown")
    with pytest.raises(QtNameError, match="Ctlr"):
        key_sequence("Ctlr+S")
    with pytest.raises(QtNameError):
        set_shortcuts(QAction("x"), keys="Ctrl+")


def test_menus_use_the_standard_keys_without_hidden_duplicates(window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory()
    key = QKeySequence.StandardKey
    for action, standard in (
        (win.act_new, key.New),
        (win.act_open, key.Open),
        (win.act_save, key.Save),
        (win.act_undo, key.Undo),
        (win.act_redo, key.Redo),
        (win.act_copy, key.Copy),
        (win.act_paste, key.Paste),
        (win.act_print_preview, key.Print),
    ):
        assert action.shortcuts() == QKeySequence.keyBindings(standard), action.text()
    assert win.act_quit.shortcuts()  # Ctrl+Q where the platform has no standard Quit key
    redo_keys = {s.toString() for s in win.act_redo.shortcuts()}
    others = [
        a
        for a in win.findChildren(QAction)
        if a is not win.act_redo and redo_keys & {s.toString() for s in a.shortcuts()}
    ]
    assert others == []  # no second, hidden redo action
