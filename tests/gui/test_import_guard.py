"""Every import in the window goes through one function (MainWindow.read_chosen): an importer that fails in a way
nobody foresaw (a bug) is logged, reported in Chinese, and the open report stays as it was, whichever import it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from clerkkit import menu_action
from factories import DATA
from guikit import FakeDialogs, FakeServices, WindowFactory
from nianbao import paths
from nianbao.core import storage
from nianbao.core.edits import EditBatch
from nianbao.gui.main_window import MainWindow

FIX = DATA / "published"


def broken_importer(*_args: object, **_kwargs: object) -> object:
    raise ZeroDivisionError("an importer bug")


# (menu item, the file the clerk chooses, module and name of the importer the window calls)
IMPORTS = {
    "从 Excel 导入": ("从 Excel 导入(&I)…", "r.xlsx", "nianbao.importers.xlsx", "read_xlsx"),
    "导入已发布的年报": ("导入已发布的年报(&P)…", "pingtan-2023.docx", "nianbao.importers.published", "read_published"),
    "从上年报告新建": ("从上年报告新建(&L)…", "pingtan-2023.docx", "nianbao.batch.sources", "open_any"),
}


@pytest.mark.parametrize("which", list(IMPORTS))
def test_an_importer_bug_is_reported_in_chinese_and_the_open_report_is_kept(
    which: str,
    window_factory: WindowFactory,
    services: FakeServices,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    label, file_name, module, function = IMPORTS[which]
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    win.showMaximized()
    saved = tmp_path / "本年.nianbao"
    win.session.edit(EditBatch.set_cells({"t4.cases.review_upheld": 3}))
    dialogs.save_to = saved
    assert win.save()
    before = storage.dumps(win.session.report)
    chosen = tmp_path / file_name
    chosen.write_bytes((FIX / "pingtan-2023.docx").read_bytes())
    monkeypatch.setattr(module + "." + function, broken_importer)
    dialogs.import_from = chosen

    menu_action(win, "文件(&F)", label).trigger()

    assert len(dialogs.errors) == 1
    message = dialogs.errors[0]
    assert f"“{file_name}”无法读取（内部错误）。当前报告没有改动。" in message and "Traceback" not in message
    logs = list((paths.data_dir() / "logs").glob("error-*.log"))
    assert len(logs) == 1 and str(logs[0]) in message
    assert "ZeroDivisionError: an importer bug" in logs[0].read_text("utf-8")
    assert storage.dumps(win.session.report) == before  # the open report, as it was
    assert win.session.path == saved and not win.session.modified
    assert QApplication.overrideCursor() is None  # the busy cursor is gone
    assert win.isVisible()


def test_an_importer_refusal_shows_its_reason_without_a_log(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    dialogs: FakeDialogs = services.dialogs
    win: MainWindow = window_factory()
    before = storage.dumps(win.session.report)
    bad = tmp_path / "坏的.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    dialogs.import_from = bad
    menu_action(win, "文件(&F)", "导入已发布的年报(&P)…").trigger()
    assert len(dialogs.errors) == 1 and "坏的.docx" in dialogs.errors[0] and "内部错误" not in dialogs.errors[0]
    assert not (paths.data_dir() / "logs").exists()
    assert storage.dumps(win.session.report) == before
