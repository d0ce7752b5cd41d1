"""The Designer forms (ui/*.ui): each generated module is current, and the forms work as a clerk uses them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from clerkkit import focus
from nianbao.core.checking import check
from nianbao.definition import Severity
from nianbao.gui.report_dialogs import AcceptWarningDialog, NewReportChoice, NewReportDialog
from nianbao.resources import load_example

ROOT = Path(__file__).resolve().parents[2]


def _dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("nianbao_dev", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # top level only: main() runs under __main__
    return module


DEV = _dev()
FORMS = sorted((ROOT / "ui").glob("*.ui"))


def ime_type(text: str) -> None:
    """Chinese typed through an input method: QTest types ASCII only."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    widget = QApplication.focusWidget()
    assert widget is not None
    QApplication.sendEvent(widget, event)


def test_every_form_has_its_generated_module_and_no_module_lacks_a_form() -> None:
    generated = sorted((ROOT / "src/nianbao/gui/forms").glob("ui_*.py"))
    assert [p.name for p in generated] == [DEV.form_module(ui).name for ui in FORMS]
    assert {"new_report.ui", "accept_warning.ui", "meta_panel.ui"} <= {p.name for p in FORMS}


@pytest.mark.parametrize("ui_file", FORMS, ids=[p.stem for p in FORMS])
def test_generated_module_matches_its_form(ui_file: Path) -> None:
    """Fails after a .ui edit without `python3 dev.py forms` (or a hand edit of generated code)."""
    expected = DEV.compile_form(ui_file, DEV.uic_tool(Path(sys.executable)))
    assert DEV.form_module(ui_file).read_text(encoding="utf-8") == expected, "run: python3 dev.py forms"


def test_new_report_form_as_typed(qtbot: QtBot) -> None:
    dialog = NewReportDialog(2025)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert dialog.windowTitle() == "新建报告"
    assert QApplication.focusWidget() is dialog.ui.year  # the first field of the form
    QTest.keyClick(focus(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focus(), "2020")
    QTest.keyClick(focus(), Qt.Key.Key_Tab)
    ime_type("某某镇人民政府")
    ok = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "新建"
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.choice() == NewReportChoice(2020, "某某镇人民政府", "乡镇/街道", "gov2019")


def test_accept_warning_form_needs_an_explanation(qtbot: QtBot) -> None:
    report = load_example()
    report.values["t2.rules.published"] = 999  # more rules published than in force: a 提示
    finding = next(f for f in check(report) if f.severity == Severity.WARNING)
    dialog = AcceptWarningDialog(finding)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert dialog.ui.message.text() == finding.message
    ok = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "接受提示" and not ok.isEnabled()
    assert QApplication.focusWidget() is dialog.ui.text  # the explanation box has the focus
    QTest.keyClicks(focus(), "  ")
    assert not ok.isEnabled()  # blanks are no explanation
    ime_type("上年数字有误，已更正。")
    assert ok.isEnabled() and dialog.explanation() == "上年数字有误，已更正。"
