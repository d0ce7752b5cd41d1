"""#11.2: characters the report cannot hold, pasted into 联系方式 or 发布机关, are dropped with a note, not silently."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QToolTip
from pytestqt.qtbot import QtBot

from clerkkit import click, press, show_maximized
from guikit import blank_report
from nianbao.gui.app import build_main_window
from nianbao.gui.services import Services


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support propagateSizeHints")
@pytest.mark.parametrize(
    ("field_name", "meta_name", "where"), [("contact", "contact", "联系方式"), ("issuer", "issuer", "发布机关")]
)
def test_pasted_control_characters_are_dropped_and_said(
    qtbot: QtBot, services: Services, field_name: str, meta_name: str, where: str
) -> None:
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, "1366x768")
    field = getattr(win.meta_panel, field_name)
    assert isinstance(field, QLineEdit)
    click(field)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().setText(
        "张三\u202e 0527-\x0788888888"
    )  # as copied from a web page with a bidi override
    press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    press(Qt.Key.Key_Return)
    assert getattr(win.session.report.meta, meta_name) == "张三 0527-88888888"
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert where in QToolTip.text() and "2 个" in QToolTip.text() and "已删除" in QToolTip.text()
