"""The window layout: the packaged default, the user's saved one, bad files, and a start-up without Qt's namespace."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from guikit import blank_report
from nianbao.gui import window_layout
from nianbao.gui.app import build_main_window
from nianbao.gui.main_window import MainWindow
from nianbao.gui.services import Services


def _window(qtbot: QtBot, services: Services) -> MainWindow:
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def _close(win: MainWindow) -> None:
    win.session.undo_stack.setClean()
    assert win.close()


def test_the_default_layout_puts_the_findings_dock_right_at_its_width(qtbot: QtBot, services: Services) -> None:
    win = _window(qtbot, services)
    assert win.layout_source == "default"
    assert win.dockWidgetArea(win.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert win.dock.isVisible()
    assert abs(win.dock.width() - window_layout.DOCK_WIDTH) <= 30
    tools = win.findChild(QToolBar, "tools")
    assert tools is not None and win.toolBarArea(tools) == Qt.ToolBarArea.TopToolBarArea
    win.resize(1920, 1080)
    qtbot.wait(10)
    assert abs(win.dock.width() - window_layout.DOCK_WIDTH) <= 30  # extra room goes to the report, not the dock


def test_a_moved_dock_stays_where_the_user_put_it(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    services.layout_file = tmp_path / "window-layout.bin"
    win = _window(qtbot, services)
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, win.dock)
    _close(win)
    assert services.layout_file.is_file()
    again = _window(qtbot, services)
    assert again.layout_source == "saved"
    assert again.dockWidgetArea(again.dock) == Qt.DockWidgetArea.LeftDockWidgetArea


@pytest.mark.parametrize("content", [b"", b"not a window state", bytes(range(256))])
def test_a_damaged_layout_file_falls_back_to_the_default(
    qtbot: QtBot, services: Services, tmp_path: Path, content: bytes
) -> None:
    services.layout_file = tmp_path / "window-layout.bin"
    services.layout_file.write_bytes(content)
    win = _window(qtbot, services)
    assert win.layout_source == "default"
    assert win.dockWidgetArea(win.dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_without_a_usable_default_the_dock_is_placed_the_ordinary_way(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.bin"
    broken.write_bytes(b"\x00" * 40)
    monkeypatch.setattr(window_layout, "asset_path", lambda name: str(broken))
    win = _window(qtbot, services)
    assert win.layout_source == "fallback"
    assert win.dockWidgetArea(win.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert abs(win.dock.width() - window_layout.DOCK_WIDTH) <= 30


def test_a_saved_layout_without_the_dock_is_not_used(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    """A state saved by a window whose dock had another name (an older version) would leave the dock unplaced."""
    from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

    other = QMainWindow()
    qtbot.addWidget(other)
    other.setCentralWidget(QLabel("x"))
    stray = QDockWidget("x", other)
    stray.setObjectName("something-else")
    other.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, stray)
    services.layout_file = tmp_path / "window-layout.bin"
    services.layout_file.write_bytes(bytes(other.saveState().data()))
    win = _window(qtbot, services)
    assert win.layout_source == "default"
    assert win.dockWidgetArea(win.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    layout = win.layout()
    assert layout is not None and layout.indexOf(win.dock) >= 0


def test_an_unwritable_layout_file_does_not_stop_closing(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    services.layout_file = tmp_path / "no-such-folder" / "window-layout.bin"
    win = _window(qtbot, services)
    _close(win)
    assert not services.layout_file.exists()


START_PROBE = """
import gc, json, sys
from PySide6 import QtCore
from PySide6.QtWidgets import QApplication
from nianbao import cli
collections = []
gc.callbacks.append(lambda phase, info: collections.append(info["generation"]) if phase == "start" else None)
win = cli.start_window(example=cli.DEFAULT_EXAMPLE)
during_start = list(collections)
NARRATIVE = ("nianbao.core.text_findings", "nianbao.core.text_check", "nianbao.core.coverage",
             "nianbao.definition.text_rules", "nianbao.gui.narrative_assist")
narrative_at_start = [m for m in NARRATIVE if m in sys.modules]
app = QApplication.instance()
for _ in range(5):
    app.processEvents()
LAZY = ("nianbao.gui.findings_list", "nianbao.gui.table_view", "nianbao.gui.table_model", "nianbao.core.filelock",
        "nianbao.gui.report_dialogs")
lazy = [m for m in LAZY if m in sys.modules]
print(json.dumps({"qt_namespace": "Qt" in vars(QtCore), "gc": gc.isenabled(), "tab": win.tabs.tabText(0),
                  "collections": during_start, "frozen": gc.get_freeze_count(),
                  "text": len(win.pages[0].text()), "layout": win.layout_source, "loaded": lazy,
                  "narrative_at_start": narrative_at_start,
                  "yearly_docks": [win.yearly.dock, win.yearly.text, win.yearly.sources_text] == [None] * 3,
                  "narrative_checked": not win.session.document.narrative_pending}))
win.session.undo_stack.setClean()
"""


def test_start_up_shows_the_example_without_building_the_qt_namespace(tmp_path: Path) -> None:
    """Start-up speed depends on it: PySide builds the Qt namespace's ~90 enum classes on first use (~15 ms), a
    first collection over everything the start-up made costs 5-9 ms, and the narrative checks ~14 ms (their modules
    and the first check), so they wait for the first paint. The rules: docs/architecture.md."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR=str(tmp_path), NIANBAO_GEOMETRY="1366x768")
    done = subprocess.run(
        [sys.executable, "-c", START_PROBE], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (result["qt_namespace"], result["gc"], result["layout"]) == (False, True, "default")
    assert result["loaded"] == []  # the findings list, the grids, the file lock, 新建报告 load when first needed
    assert result["yearly_docks"]  # 上年报告 and 汇总来源 (dock and text) are made when there is something to show
    # the narrative rules load after the first paint, and the example's text is then checked
    assert result["narrative_at_start"] == [] and result["narrative_checked"]
    # no collection during the start-up; what it made is frozen, so later collections do not sweep it
    assert result["collections"] == [] and result["frozen"] > 10_000
    assert result["tab"] == "一、总体情况" and result["text"] > 500  # the example's 一、总体情况 is on screen
