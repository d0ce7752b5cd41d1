"""#10.7: a long status message stops short of the permanent count at the right, cut with "…", whole in the tooltip."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from clerkkit import show_maximized
from guikit import blank_report
from nianbao.gui.app import build_main_window
from nianbao.gui.services import Services
from nianbao.gui.status_bar import GAP

LONG = (
    "已打开 /home/user/文档/某某县发展和改革局/2025年度/政府信息公开工作年度报告/最终稿/"
    "某某县发展和改革局2025年政府信息公开工作年度报告（定稿）.nianbao。 已清理 3 个无法保存的字符，"
    "请检查最近输入的文字；发布机关、联系方式和第一章中的控制字符已删除。"
)


@pytest.mark.parametrize("screen_name", ["1024x768", "1366x768"])
def test_a_long_message_ends_before_the_count(qtbot: QtBot, services: Services, screen_name: str) -> None:
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, screen_name)
    bar, count = win.statusBar(), win.counts_label
    assert count.isVisible() and count.text()
    bar.showMessage(LONG, 5000)
    shown = bar.currentMessage()
    assert shown != LONG and shown.endswith("…")
    assert 6 + bar.fontMetrics().horizontalAdvance(shown) <= count.x() - GAP
    assert bar.toolTip() == LONG
    bar.clearMessage()
    assert bar.toolTip() == ""


def test_a_short_message_is_shown_whole(qtbot: QtBot, services: Services) -> None:
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, "1024x768")
    win.statusBar().showMessage("已保存到 a.nianbao", 5000)
    assert win.statusBar().currentMessage() == "已保存到 a.nianbao" and win.statusBar().toolTip() == ""
