"""The 前言 box as a clerk uses it: at the top of 一's page, prefilled, editable, regenerated, undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from clerkkit import click, focus, show_maximized, type_text
from guikit import WindowFactory, blank_report
from nianbao.core.preface import PREFACE
from nianbao.core.report import new_report
from nianbao.gui.chapter_page import NarrativePage
from nianbao.gui.main_window import MainWindow


def _preface_box(qtbot: QtBot, win: MainWindow) -> NarrativePage:
    bar = win.tabs.tabBar()
    assert win.tabs.tabText(0) == "一、总体情况"  # the official six tabs stay as they are
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    page = win.tabs.currentWidget()
    assert isinstance(page, NarrativePage) and page.preface is not None
    box = page.preface
    qtbot.waitUntil(box.editor.isVisible)
    assert box.geometry().bottom() < page.editor.geometry().top()  # above 一's text
    return box


def test_the_preface_box_is_prefilled_and_typed_into(qtbot: QtBot, window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory(new_report(2024, "某某镇人民政府"))
    show_maximized(win, qtbot, "1024x768")
    box = _preface_box(qtbot, win)
    assert "统计期限自2024年1月1日起至2024年12月31日止" in box.editor.toPlainText()
    assert box.guidance.isVisible() and "一、总体情况" in box.guidance.text()
    click(box.editor.viewport())
    assert focus() is box.editor
    box.editor.moveCursor(box.editor.textCursor().MoveOperation.End)
    type_text("电话123")
    assert win.session.report.narrative[PREFACE].endswith("联系。电话123")
    assert win.session.report.narrative["ch1"] == ""  # 一's text is untouched


def test_contact_typed_in_basic_info_reaches_an_unedited_preface(qtbot: QtBot, window_factory: WindowFactory) -> None:
    win: MainWindow = window_factory(new_report(2024, "某某镇人民政府"))
    box = _preface_box(qtbot, win)
    field = win.meta_panel.contact
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    QTest.keyClicks(field, "0591-12345678")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert box.editor.toPlainText().endswith("请与某某镇人民政府联系（0591-12345678）。")
    win.act_undo.trigger()  # contact and 前言 change as one step
    assert win.session.report.meta.contact == "" and "0591" not in win.session.report.narrative[PREFACE]


def test_an_old_file_has_an_empty_preface_and_the_button_fills_it(qtbot: QtBot, window_factory: WindowFactory) -> None:
    report = blank_report("gov2019", 2020)
    report.narrative[PREFACE] = ""
    report.meta.issuer = "某某街道办事处"
    win: MainWindow = window_factory(report)
    box = _preface_box(qtbot, win)
    assert box.editor.toPlainText() == ""
    assert box.preface_button is not None and box.preface_button.isVisible()
    QTest.mouseClick(box.preface_button, Qt.MouseButton.LeftButton)
    assert "自2020年1月1日起至2020年12月31日止" in box.editor.toPlainText()
    assert "某某街道办事处门户网站" in win.session.report.narrative[PREFACE]
    win.act_undo.trigger()
    assert box.editor.toPlainText() == ""
