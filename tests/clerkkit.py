"""Driving the window as a clerk does: maximized on a real screen size, clicks on the tab bar, keys typed into
whatever widget has the focus (never into a widget picked by the test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QInputMethodEvent, QScreen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from guikit import FakeDialogs
from nianbao.gui.main_window import MainWindow
from nianbao.gui.services import Services

SCREENS = ("1366x768", "1024x768")  # the two laptop/office screens every clerk test runs on


def screen(name: str) -> QScreen:
    """One of the screens of tests/data/offscreen-screens.json (set up by tests/conftest.py)."""
    for s in QGuiApplication.screens():
        if s.name() == name:
            return s
    raise LookupError(f"no offscreen screen {name}: is QT_QPA_PLATFORM set by tests/conftest.py?")


def show_maximized(win: QWidget, qtbot: QtBot, screen_name: str = "1366x768") -> None:
    s = screen(screen_name)
    win.setScreen(s)
    win.move(s.geometry().topLeft())
    win.showMaximized()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    qtbot.wait(20)  # queued layout work (dock sizes, first paint)


def focus() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


def type_text(text: str) -> None:
    """Type into whatever has the focus, one key at a time (the widget may change under the keys). Chinese arrives
    as an input method commits it (QInputMethodEvent), ASCII as key presses."""
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(focus(), ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(focus(), event)


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus(), key, modifiers)


def open_with_ctrl_o(win: MainWindow, qtbot: QtBot, services: Services, path: Path) -> None:
    """Ctrl+O pressed in whatever has the focus, the file dialog answering `path`; returns once the window has it."""
    dialogs = services.dialogs
    assert isinstance(dialogs, FakeDialogs)
    dialogs.open_from = path
    press(Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.session.path == path, timeout=3000)


def click_tab(win: MainWindow, index: int) -> None:
    bar = win.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.tabRect(index).center())


def click(widget: QWidget, pos: QPoint | None = None) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos or widget.rect().center())


def drag_dock_edge(win: MainWindow, width: int) -> None:
    """Drag the splitter between the report and the 检查结果 dock with the mouse until the dock is `width` wide."""
    central, dock = win.centralWidget().geometry(), win.dock.geometry()
    start = QPoint((central.right() + dock.left()) // 2 + 1, dock.center().y())
    end = QPoint(start.x() + dock.width() - width, start.y())
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    window = win.windowHandle()  # through the window system, as a real mouse: QMainWindow tracks the separator
    QTest.mouseMove(window, start)
    QTest.mousePress(window, left, none, start)
    QTest.mouseMove(window, QPoint((start.x() + end.x()) // 2, start.y()))
    QTest.mouseMove(window, end)
    QTest.mouseRelease(window, left, none, end)


def menu_action(win: MainWindow, menu_title: str, text: str) -> QAction:
    """The action named `text` in the menu bar's `menu_title` menu or one of its submenus."""

    def walk(menu: QMenu) -> Iterator[QAction]:
        for act in menu.actions():
            yield act
            sub = act.menu()
            if isinstance(sub, QMenu):
                yield from walk(sub)

    for top in win.menuBar().actions():
        menu = top.menu()
        if top.text() == menu_title and isinstance(menu, QMenu):
            found = next((act for act in walk(menu) if act.text() == text), None)
            if found is not None:
                return found
    raise AssertionError(f"{menu_title} > {text} not found")
