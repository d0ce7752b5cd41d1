"""#10.7: a long status message stops short of the permanent count at the right, cut with "…", whole in the tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clerkkit import click, open_with_ctrl_o, show_maximized
from guikit import blank_report
from nianbao.core import storage
from nianbao.gui.app import build_main_window
from nianbao.gui.main_window import MainWindow
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


def _count_whole_and_clear_of(win: MainWindow) -> None:
    """The count is shown whole at the right, and the message (whole or cut with "…") ends before it."""
    bar, count = win.statusBar(), win.counts_label
    assert count.isVisible() and count.width() >= count.sizeHint().width(), (count.width(), count.sizeHint())
    assert bar.rect().contains(count.geometry()), (count.geometry(), bar.rect())
    shown = bar.currentMessage()
    assert shown
    assert 6 + bar.fontMetrics().horizontalAdvance(shown) <= count.x() - GAP, (shown, count.x())


@pytest.mark.parametrize("screen_name", ["1024x768", "1024x768@150", "1366x768@125"])
def test_the_windows_own_long_messages_leave_the_count_whole(
    qtbot: QtBot, services: Services, tmp_path: Path, screen_name: str
) -> None:
    """What a clerk sees: 打开 a report kept deep in folders, then a click on a finding in 检查结果."""
    folder = tmp_path / "政府信息公开工作年度报告" / "某某县发展和改革局" / "2025年度" / "最终稿（已审核）"
    folder.mkdir(parents=True)
    path = folder / "某某县发展和改革局2025年政府信息公开工作年度报告（定稿）.nianbao"
    storage.save(blank_report(), path)
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, screen_name)
    open_with_ctrl_o(win, qtbot, services, path)
    assert win.statusBar().currentMessage().startswith("已打开")
    _count_whole_and_clear_of(win)
    findings = win.findings_panel.list
    rect = findings.visualItemRect(findings.item(0))
    click(findings.viewport(), rect.center())
    qtbot.wait(20)
    assert win.statusBar().currentMessage() != "" and "已打开" not in win.statusBar().currentMessage()
    _count_whole_and_clear_of(win)
