"""#10.6: a brand-new report is not 全部通过: what is still empty is listed as 提示, counted in the status bar, named
by `nianbao check` and asked about before an export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerkkit import click, click_tab, press, show_maximized, type_text
from guikit import FakeDialogs, blank_report
from nianbao.core import storage
from nianbao.export.formats import EXPORT_FORMATS
from nianbao.gui.app import build_main_window
from nianbao.gui.services import Services


def test_an_empty_report_lists_what_is_missing_until_it_is_filled(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    report = blank_report()
    report.narrative.clear()
    win = build_main_window(report, None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot)
    # 一, 五, 六, tables 二, 三, 四 and 联系方式
    assert win.counts_label.text() == "勾稽关系无误，尚有 7 处未填写"
    panel = win.findings_panel
    assert "尚有 7 处未填写" in panel.summary.text() and "全部通过" not in panel.summary.text()
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any("“一、总体情况”尚未填写" in t for t in texts) and any("联系方式" in t for t in texts)
    assert all(t.startswith("【提示】") for t in texts)
    panel.list.setCurrentRow(0)
    assert not panel.accept_button.isEnabled()  # nothing to explain away: fill it in
    type_text("本年度")  # the focus is in 一
    assert win.counts_label.text().endswith("尚有 6 处未填写")  # (一's checklist may add 提示)
    click(win.meta_panel.contact)
    type_text("0527-1234567")
    press(Qt.Key.Key_Return)
    assert win.counts_label.text().endswith("尚有 5 处未填写")  # (一's checklist may add 提示)
    click_tab(win, 3)
    type_text("0")
    press(Qt.Key.Key_Tab)
    assert win.counts_label.text().endswith("尚有 4 处未填写")  # (一's checklist may add 提示)
    dialogs = services.dialogs
    assert isinstance(dialogs, FakeDialogs)
    dialogs.confirm_answer = False
    dialogs.export_to = tmp_path / "r.docx"
    docx = next(f for f in EXPORT_FORMATS if f.suffix == ".docx")
    assert not win.export(docx)
    asked = [a for a in dialogs.asked if a.startswith("confirm:")]
    assert asked and "尚未填写" in asked[-1] and "五、存在的主要问题及改进情况" in asked[-1] and "表二" in asked[-1]
    assert not (tmp_path / "r.docx").exists()
    storage.save(win.session.report, tmp_path / "r.nianbao")
    win.session.undo_stack.setClean()


def test_check_names_what_is_still_empty(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from factories import run_cli

    report = blank_report()
    report.narrative.clear()
    path = tmp_path / "r.nianbao"
    storage.save(report, path)
    code, out, _err = run_cli(capsys, "check", str(path))
    assert code == 0
    assert "[提示] “一、总体情况”尚未填写。" in out and "联系方式" in out
    assert out.strip().endswith("勾稽关系无误，尚有 7 处未填写。")
