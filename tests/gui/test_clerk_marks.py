"""#10.3: a typo that breaks a balance marks every cell that takes part (the typo among them), the message gives both
sides and the difference, and one typo is one problem."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clerkkit import click_tab, press, show_maximized, type_text
from guikit import blank_report
from nianbao.gui.app import build_main_window
from nianbao.gui.chapter_page import TablePage
from nianbao.gui.main_window import MainWindow
from nianbao.gui.services import Services
from nianbao.gui.table_model import CellColors, ReportTableModel


def _background(model: ReportTableModel, cell: str) -> str | None:
    brush = model.data(model.index_of(cell), Qt.ItemDataRole.BackgroundRole)
    return None if brush is None else brush.color().name()


def test_a_typo_in_new_applications_is_marked_and_explained(qtbot: QtBot, services: Services) -> None:
    win: MainWindow = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot)
    click_tab(win, 2)  # 三: the focus is at 一、本年新收 / 自然人
    type_text("26")
    press(Qt.Key.Key_Return)  # 二、上年结转
    press(Qt.Key.Key_Return)  # （一）予以公开
    type_text("26")
    press(Qt.Key.Key_Return)
    assert win.counts_label.text().startswith("勾稽关系无误") or win.counts_label.text() == "勾稽关系全部通过"
    press(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    type_text("62")  # the typo: 62 for 26
    press(Qt.Key.Key_Return)
    assert win.session.report.values["t3.new.natural"] == 62
    assert win.counts_label.text().startswith("1 处错误")  # the 自然人 column and, through it, the 总计 column
    items = win.findings_panel.list
    errors = [items.item(i).text() for i in range(items.count()) if items.item(i).text().startswith("【错误】")]
    assert len(errors) == 1
    text = items.item(0).text()
    assert "左边合计 62，右边合计 26，相差 36" in text
    assert "请逐一核对" in text  # what would balance 四 is only one possibility
    page = win.tabs.currentWidget()
    assert isinstance(page, TablePage)
    model = page.model
    part, error = CellColors.error_part.name(), CellColors.error.name()
    assert _background(model, "t3.new.natural") == part  # the cell that is wrong is visibly marked
    assert _background(model, "t3.carried.natural") == part
    assert _background(model, "t3.forward.natural") == part
    assert _background(model, "t3.total.natural") == error  # the stated total
    assert _background(model, "t3.new.total") == part  # the 总计 column, shown with the same problem
    assert _background(model, "t3.open.natural") is None  # not part of the balance
    tip = model.data(model.index_of("t3.new.natural"), Qt.ItemDataRole.ToolTipRole)
    assert "相差 36" in tip
    press(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    type_text("26")  # fixing the typo clears every mark
    press(Qt.Key.Key_Return)
    assert not [i for i in range(items.count()) if items.item(i).text().startswith("【错误】")]
    assert _background(model, "t3.new.natural") is None
