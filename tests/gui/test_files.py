"""Files: new, open, save/reopen, save as, unsaved-changes prompt, file errors, drag and drop, recent files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from guikit import FakeDialogs, FakeServices, WindowFactory, blank_report
from nianbao.core import storage
from nianbao.core.edits import EditBatch
from nianbao.core.storage import StorageError
from nianbao.gui.dialogs import SaveAnswer
from nianbao.gui.main_window import MainWindow
from nianbao.gui.report_dialogs import NewReportChoice, NewReportDialog
from nianbao.resources import load_example


def _edit_everything(win: MainWindow) -> None:
    s = win.session
    s.edit(EditBatch.set_cells({"t3.new.natural": 3, "t3.forward.natural": 3, "t4.cases.review_upheld": 2}))
    s.edit(EditBatch(texts=(("ch5", "问题与改进"),)))
    s.edit(EditBatch(meta=(("contact", "办公室 0000-1234567"),)))


def test_save_then_reopen_gives_the_same_report(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory(load_example())
    _edit_everything(win)
    dialogs.save_to = tmp_path / "报告"  # suffix added
    assert win.save()
    saved = tmp_path / "报告.nianbao"
    assert win.session.path == saved and not win.session.modified
    assert services.recent.last() == saved.absolute()
    other: MainWindow = window_factory()
    assert other.open_file(saved)
    a, b = win.session.report, other.session.report
    assert (a.values, a.narrative, a.meta, a.accepted, a.format_id) == (
        b.values,
        b.narrative,
        b.meta,
        b.accepted,
        b.format_id,
    )
    assert other.tabs.count() == 6 and other.session.path == saved


def test_save_without_a_path_asks_where(window_factory: WindowFactory, services: FakeServices) -> None:
    win: MainWindow = window_factory()
    win.session.edit(EditBatch.set_cells({"t4.cases.review_upheld": 1}))
    assert not win.save()  # the dialog was cancelled
    assert any(a.startswith("save_path:某某镇人民政府2025年") for a in services.dialogs.asked)
    assert win.session.modified


@pytest.mark.parametrize(
    ("answer", "closed", "saved"), [("cancel", False, False), ("discard", True, False), ("save", True, True)]
)
def test_closing_with_unsaved_changes_asks(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path, answer: SaveAnswer, closed: bool, saved: bool
) -> None:
    dialogs: FakeDialogs = services.dialogs
    path = tmp_path / "r.nianbao"
    storage.save(blank_report(), path)
    win: MainWindow = window_factory(storage.load(path), path)
    win.session.edit(EditBatch.set_cells({"t4.cases.review_upheld": 1}))
    dialogs.save_answer = answer
    assert win.close() is closed
    assert dialogs.asked == ["save:r.nianbao"]
    assert (storage.load(path).values.get("t4.cases.review_upheld") == 1) is saved


def test_closing_a_clean_window_does_not_ask(window_factory: WindowFactory, services: FakeServices) -> None:
    win: MainWindow = window_factory()
    assert win.close()
    assert services.dialogs.asked == []


def test_opening_another_file_asks_first_and_cancel_keeps_the_report(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    path = tmp_path / "other.nianbao"
    storage.save(load_example(), path)
    win: MainWindow = window_factory()
    win.session.edit(EditBatch.set_cells({"t4.cases.review_upheld": 1}))
    services.dialogs.save_answer = "cancel"
    assert not win.open_file(path)
    assert win.session.report.values["t4.cases.review_upheld"] == 1
    services.dialogs.save_answer = "discard"
    assert win.open_file(path)
    assert win.session.report.meta.issuer == "某镇人民政府（示例）"


def _newer_version(tmp_path: Path) -> Path:
    p = tmp_path / "newer.nianbao"
    data = json.loads(storage.dumps(blank_report()))
    data["nianbao"] = 99
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d / "missing.nianbao", "找不到文件"),
        (lambda d: (d / "bad.nianbao").write_text("not json") and d / "bad.nianbao", "不是年报助手的项目文件"),
        (_newer_version, "更新版本的年报助手"),
    ],
)
def test_unreadable_files_show_a_chinese_message_and_keep_the_window(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path, make: Callable[[Path], Path], expected: str
) -> None:
    win: MainWindow = window_factory()
    win.session.edit(EditBatch.set_cells({"t4.cases.review_upheld": 5}))
    services.dialogs.save_answer = "discard"
    assert not win.open_file(make(tmp_path))
    assert len(services.dialogs.errors) == 1 and expected in services.dialogs.errors[0]
    assert win.session.report.values["t4.cases.review_upheld"] == 5  # nothing lost
    assert win.tabs.count() == 6


def test_failed_save_keeps_the_work_and_says_why(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win: MainWindow = window_factory(blank_report(), tmp_path / "r.nianbao")
    win.session.edit(EditBatch.set_cells({"t4.cases.review_upheld": 5}))

    def disk_full(*_a: object, **_k: object) -> None:
        raise StorageError("无法保存到“r.nianbao”：磁盘空间不足。请清理磁盘或换一个位置保存。")

    monkeypatch.setattr(storage, "save", disk_full)
    assert not win.save()
    assert "磁盘空间不足" in services.dialogs.errors[0]
    assert win.session.modified and win.isWindowModified()
    monkeypatch.undo()
    services.dialogs.save_to = tmp_path / "no-such-folder" / "r.nianbao"
    assert not win.save_as()
    assert "文件夹不存在" in services.dialogs.errors[1]
    assert win.session.path == tmp_path / "r.nianbao"
    assert win.save()  # the window stays usable


def test_new_report_follows_the_chosen_year_and_format(window_factory: WindowFactory, services: FakeServices) -> None:
    win: MainWindow = window_factory()
    services.dialogs.new_choice = NewReportChoice(2020, "某县档案局", "县级部门", "gov2019")
    assert win.new_report()
    report = win.session.report
    assert (report.meta.year, report.meta.issuer, report.meta.level, report.format_id) == (
        2020,
        "某县档案局",
        "县级部门",
        "gov2019",
    )
    assert win.session.path is None and win.display_name() == "未命名报告"


def test_new_report_dialog_picks_the_format_from_the_year(qtbot: QtBot) -> None:
    dialog = NewReportDialog(2025)
    qtbot.addWidget(dialog)
    assert dialog.choice().format_id == "gov2021"
    dialog.ui.year.setValue(2020)
    assert dialog.choice().format_id == "gov2019"
    dialog.ui.format.setCurrentIndex(dialog.ui.format.findData("gov2021"))
    dialog.ui.format.activated.emit(dialog.ui.format.currentIndex())  # the user overrides it
    dialog.ui.year.setValue(2019)
    assert dialog.choice().format_id == "gov2021"


def test_dropping_a_project_file_opens_it(qtbot: QtBot, window_factory: WindowFactory, tmp_path: Path) -> None:
    path = tmp_path / "拖入.nianbao"
    storage.save(load_example(), path)
    win: MainWindow = window_factory()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    win.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: win.session.path == path)
    assert win.session.report.meta.year == 2020


def test_recent_files_menu_lists_saved_files(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    win: MainWindow = window_factory()
    services.dialogs.save_to = tmp_path / "a.nianbao"
    assert win.save_as()
    win.recent_menu.aboutToShow.emit()  # as when the clerk opens 文件 > 最近打开
    assert [a.text() for a in win.recent_menu.actions()] == ["a.nianbao"]
