"""#10.2: the buttons under the findings list are readable at every dock width a clerk can set (180–250 px and more):
none is cut, none overlaps another, and the list takes the dock's height."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from clerkkit import drag_dock_edge, show_maximized
from guikit import blank_report
from nianbao.gui.app import build_main_window
from nianbao.gui.services import Services


def _in(panel: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(panel, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("screen", ["1366x768", "1024x768"])
@pytest.mark.parametrize("width", [180, 200, 215, 250, 320])
def test_every_dock_button_is_readable(qtbot: QtBot, services: Services, screen: str, width: int) -> None:
    win = build_main_window(blank_report(), None, services)  # a blank report lists what is still empty
    qtbot.addWidget(win)
    show_maximized(win, qtbot, screen)
    drag_dock_edge(win, width)
    qtbot.wait(20)
    assert abs(win.dock.width() - width) <= 3, win.dock.width()
    panel = win.findings_panel
    assert panel.list.count() > 0
    buttons = [b for b in panel.findChildren(QAbstractButton) if b.isVisible()]
    assert {panel.accept_button, panel.withdraw_button} <= set(buttons) and len(buttons) == 3  # + 重新计算合计
    rects = [_in(panel, b) for b in buttons]
    for button, rect in zip(buttons, rects, strict=True):
        assert button.width() >= button.sizeHint().width(), (button.text(), button.width(), button.sizeHint())
        assert panel.rect().contains(rect), (button.text(), rect, panel.rect())
        assert not any(rect.intersects(other) for other in rects if other is not rect), button.text()
    for button in (panel.accept_button, panel.withdraw_button):  # clear Chinese words, not an icon or "…" alone
        assert sum("\u4e00" <= ch <= "\u9fff" for ch in button.text()) >= 4, button.text()
    # the list takes the room above the buttons (no empty half of the dock under them)
    list_rect = _in(panel, panel.list)
    assert panel.height() - max(r.bottom() for r in rects) < 20
    assert min(r.top() for r in rects) - list_rect.bottom() < 20
