"""Saving from the window: a read-only file offers 另存为, a blocked .bak warns once, bad text never breaks save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from guikit import FakeServices, WindowFactory
from nianbao.core import storage
from nianbao.core.edits import EditBatch
from nianbao.gui.chapter_page import NarrativePage


def test_read_only_file_is_not_overwritten_and_save_as_is_offered(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    path = tmp_path / "a.nianbao"
    win = window_factory()
    services.dialogs.save_to = path
    assert win.save()
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        win.session.edit(EditBatch.set_cells({"t3.new.natural": 7}))
        other = tmp_path / "b.nianbao"
        services.dialogs.save_to = other
        services.dialogs.confirm_answer = True
        assert win.save()  # answered 是: saved under the other name
        assert path.read_bytes() == before
        assert any("只读文件" in a and "另存为" in a for a in services.dialogs.asked)
        assert storage.load(other).values["t3.new.natural"] == 7
        assert win.session.path == other and not win.session.modified
    finally:
        path.chmod(0o644)


def test_blocked_backup_warns_once_and_saves(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    path = tmp_path / "a.nianbao"
    win = window_factory()
    services.dialogs.save_to = path
    assert win.save()
    storage.backup_path(path).mkdir()
    for n in (1, 2, 3):
        win.session.edit(EditBatch.set_cells({"t3.new.natural": n}))
        assert win.save()
        assert storage.load(path).values["t3.new.natural"] == n
    warned = [e for e in services.dialogs.errors if "备份文件" in e]
    assert len(warned) == 1


def test_control_characters_pasted_into_a_chapter_are_removed(
    qtbot: QtBot, window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    win = window_factory()
    win.showMaximized()
    win.activateWindow()
    bar = win.tabs.tabBar()
    index = next(i for i in range(win.tabs.count()) if win.tabs.tabText(i).startswith("一"))
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    page = win.pages[index]
    assert isinstance(page, NarrativePage)
    QTest.mouseClick(page.editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.editor)
    QApplication.clipboard().setText("甲\x01乙\u202e丙\x00")
    win.act_paste.trigger()  # 编辑 > 粘贴
    assert win.session.report.narrative["ch1"] == "甲乙丙"
    assert page.editor.toPlainText() == "甲乙丙"
    assert "已删除 3 个无法保存的字符" in page.count_label.text()
    services.dialogs.save_to = tmp_path / "a.nianbao"
    assert win.save()
    assert storage.load(tmp_path / "a.nianbao").narrative["ch1"] == "甲乙丙"


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support propagateSizeHints")
def test_issuer_beyond_100_characters_is_cut_with_a_message(qtbot: QtBot, window_factory: WindowFactory) -> None:
    from PySide6.QtWidgets import QToolTip

    win = window_factory()
    win.showMaximized()
    win.activateWindow()
    field = win.meta_panel.issuer
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    field.selectAll()
    QApplication.clipboard().setText("长" * 120)
    QTest.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(field.text()) == 100
    assert QToolTip.isVisible() and "最多 100 个字" in QToolTip.text()
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert win.session.report.meta.issuer == "长" * 100
