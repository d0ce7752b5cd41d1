"""Start-up shows the window before the narrative rules load (docs/architecture.md, start-up rules); the findings
about the text of the report opened at start still appear, in 检查结果, in the status bar count and in the editor."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from factories import filled_report
from nianbao.core import storage
from nianbao.core.document import ReportDocument
from nianbao.gui import app
from nianbao.gui.chapter_page import NarrativePage


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_year_slip_in_the_file_opened_at_start_appears_once_the_window_is_shown(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = filled_report("gov2021", year=2026)
    report.narrative["ch1"] = "2025年，我镇认真落实政府信息公开工作。\n" + report.narrative["ch1"]
    path = tmp_path / "2026年报.nianbao"
    storage.save(report, path)
    monkeypatch.setenv(app.GEOMETRY_ENV, "1366x768")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # app.start installs the crash dialog
    _qt_app, win = app.start(file=str(path))
    qtbot.addWidget(win)
    # on screen before the text is checked: the count has the report's one empty field (前言), no 提示 yet
    assert win.isVisible() and win.counts_label.text() == "勾稽关系无误，尚有 1 处未填写"

    def slip_listed() -> bool:
        items = win.findings_panel.list
        texts = [items.item(i).text() for i in range(items.count())]
        return any("“2025年”像是当作本年度写的" in t for t in texts)

    qtbot.waitUntil(slip_listed, timeout=2000)
    errors, warnings = ReportDocument(storage.load(path)).counts()  # checked all at once, as the command line does
    assert (errors, warnings) == (0, 8)  # the slip and the checklist items these short chapters miss
    assert win.counts_label.text() == "8 处提示，尚有 1 处未填写"
    page = win.tabs.currentWidget()
    assert isinstance(page, NarrativePage) and page.chapter.id == "ch1"
    assert page.editor.extraSelections()  # the sentence is marked in the editor
    win.session.undo_stack.setClean()
