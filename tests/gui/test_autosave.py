"""Autosave every 2 minutes of unsaved work; recovery after a crash; a clean exit removes the autosave."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from guikit import FakeDialogs, FakeServices, WindowFactory, blank_report
from nianbao.core import storage
from nianbao.core.edits import EditBatch
from nianbao.gui.app import UI_FONT_FAMILIES, build_main_window, initial_session, install_translations, interface_font
from nianbao.gui.autosave import AUTOSAVE_MS, Autosaver
from nianbao.gui.main_window import MainWindow, prepared_year


def test_autosave_runs_every_two_minutes_only_with_unsaved_work(window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory()
    assert win.autosave_timer.interval() == AUTOSAVE_MS == 120_000 and win.autosave_timer.isActive()
    win.autosave_timer.timeout.emit()
    assert not win.autosaver.exists  # nothing unsaved
    win.session.edit(EditBatch.set_cells({"t4.cases.review_upheld": 4}))
    win.autosave_timer.timeout.emit()
    assert win.autosaver.exists
    assert storage.load(win.autosaver.data_path).values["t4.cases.review_upheld"] == 4
    assert not win.autosave_now()  # nothing new since the last autosave


def test_crash_recovery_offers_the_autosave(
    qtbot: QtBot, window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    dialogs: FakeDialogs = services.dialogs
    origin = tmp_path / "镇.nianbao"
    storage.save(blank_report(), origin)
    win: MainWindow = window_factory(storage.load(origin), origin)
    win.session.edit(EditBatch.set_cells({"t3.new.natural": 8}))
    win.session.edit(EditBatch(texts=(("ch1", "崩溃前写的正文"),)))
    assert win.autosave_now()
    # a running window's autosave is not an orphan
    assert Autosaver.orphans(services.autosave_dir) == []
    win.autosaver.release()  # what a crash leaves: the files without a live lock
    orphans = Autosaver.orphans(services.autosave_dir)
    assert len(orphans) == 1 and orphans[0].origin == origin

    session, adopted, error = initial_session(None, None, services)
    assert error is None and adopted is not None
    assert dialogs.asked[-1].startswith("recover:") and "崩溃" not in dialogs.asked[-1]
    assert session.report.values["t3.new.natural"] == 8
    assert session.report.narrative["ch1"] == "崩溃前写的正文"
    assert session.path == origin and session.modified
    recovered = MainWindow(session, services, adopted)
    qtbot.addWidget(recovered)
    assert recovered.isWindowModified()
    dialogs.save_answer = "discard"
    assert recovered.close()  # a clean exit removes the autosave
    assert list(services.autosave_dir.glob("*.nianbao")) == []
    assert Autosaver.orphans(services.autosave_dir) == []
    win.session.undo_stack.setClean()


def test_declining_recovery_deletes_the_autosave(window_factory: WindowFactory, services: FakeServices) -> None:
    services.dialogs.recover = False
    win: MainWindow = window_factory()
    win.session.edit(EditBatch.set_cells({"t3.new.natural": 8}))
    win.autosave_now()
    win.autosaver.release()
    session, adopted, _ = initial_session(None, None, services)
    assert adopted is None and session.report.values == {}
    assert session.report.meta.year == prepared_year()
    assert list(services.autosave_dir.iterdir()) == []


def test_saving_removes_the_autosave(window_factory: WindowFactory, services: FakeServices, tmp_path: Path) -> None:
    win: MainWindow = window_factory(blank_report(), tmp_path / "r.nianbao")
    win.session.edit(EditBatch.set_cells({"t3.new.natural": 1}))
    assert win.autosave_now() and win.autosaver.exists
    assert win.save()
    assert not win.autosaver.exists


def test_start_reopens_the_last_file_or_a_new_report(
    services: FakeServices, tmp_path: Path, qapp: QApplication
) -> None:
    session, _, error = initial_session(None, None, services)
    assert error is None and session.path is None and session.report.meta.year == prepared_year()
    path = tmp_path / "last.nianbao"
    storage.save(blank_report(), path)
    services.recent.add(path)
    session, _, _ = initial_session(None, None, services)
    assert session.path == path.absolute()
    session, _, error = initial_session(str(tmp_path / "gone.nianbao"), None, services)
    assert error is not None and "找不到文件" in error and session.path is None
    session, _, _ = initial_session(None, "2020-township", services)
    assert session.report.meta.issuer == "某镇人民政府（示例）" and session.untitled_name == "示例报告"


def test_the_interface_font_is_a_chinese_ui_font(qapp: QApplication) -> None:
    from PySide6.QtGui import QFontDatabase, QFontInfo

    font = interface_font()
    assert font.families()[0] == "Microsoft YaHei UI" and font.pointSize() == 9
    installed = [f for f in UI_FONT_FAMILIES if f in QFontDatabase.families()]
    assert installed, "the test machine has none of the interface fonts (.ci/run installs fonts-noto-cjk)"
    assert QFontInfo(font).family() == installed[0]  # the first one present is used, not Qt's default


def test_qt_dialogs_are_translated(qapp: QApplication) -> None:
    assert install_translations(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_build_main_window_accepts_a_report(qtbot: QtBot, services: FakeServices) -> None:
    win = build_main_window(blank_report("gov2019", 2020), services=services)
    qtbot.addWidget(win)
    assert win.tabs.count() == 6 and win.session.document.fmt.id == "gov2019"
