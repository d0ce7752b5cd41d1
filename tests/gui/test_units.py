"""计量单位 of 2019 采购总金额 (万元/元): context menu, cell display, typed unit, undo and redo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from guikit import blank_report, make_view
from nianbao.core.edits import EditBatch
from nianbao.gui.session import DocumentSession

AMOUNT = "t2.purchase.amount"


def _session() -> DocumentSession:
    return DocumentSession.for_report(blank_report("gov2019", 2020))


def _unit_actions(menu: QMenu) -> dict[str, bool]:
    return {a.text(): a.isChecked() for a in menu.actions() if a.text().startswith("计量单位")}


def test_context_menu_offers_the_units_and_undo_restores(qtbot: QtBot, qapp: QApplication) -> None:
    session = _session()
    view = make_view(session, "t2", qtbot)
    model = view.model()
    idx = model.index_of(AMOUNT)
    session.edit(EditBatch.set_cells({AMOUNT: 0}))
    assert model.data(idx) == "0 万元"
    menu = view.context_menu(idx)
    assert _unit_actions(menu) == {"计量单位：万元": True, "计量单位：元": False}
    spy: list[object] = []
    model.dataChanged.connect(lambda a, b: spy.append((a.row(), a.column())))
    yuan = next(a for a in menu.actions() if a.text() == "计量单位：元")
    yuan.trigger()
    assert session.report.unit(AMOUNT) == "元" and session.report.units[AMOUNT] == "元"
    assert model.data(idx) == "0 元"
    assert (idx.row(), idx.column()) in spy  # the cell repainted
    assert "计量单位：元" in model.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert _unit_actions(view.context_menu(idx)) == {"计量单位：万元": False, "计量单位：元": True}
    assert session.undo_stack.undoText() == "计量单位改为元"
    session.undo_stack.undo()
    assert session.report.unit(AMOUNT) == "万元" and AMOUNT not in session.report.units  # stored as before
    assert model.data(idx) == "0 万元"
    session.undo_stack.redo()
    assert model.data(idx) == "0 元"
    # choosing the unit already set is not an undo step
    count = session.undo_stack.count()
    assert not model.set_unit(idx, "元")
    assert session.undo_stack.count() == count


def test_cells_with_one_unit_have_no_unit_entries(qtbot: QtBot, qapp: QApplication) -> None:
    session = _session()
    view = make_view(session, "t2", qtbot)
    menu = view.context_menu(view.model().index_of("t2.rules.made"))
    assert _unit_actions(menu) == {}
    assert [a.text() for a in menu.actions() if a.text()] == ["复制", "粘贴", "清除"]


def test_typing_a_unit_chooses_it_in_the_same_step(qtbot: QtBot, qapp: QApplication) -> None:
    session = _session()
    view = make_view(session, "t2", qtbot)
    model = view.model()
    idx = model.index_of(AMOUNT)
    assert model.setData(idx, "12500元")
    assert session.report.values[AMOUNT] == Decimal("12500") and session.report.unit(AMOUNT) == "元"
    assert model.data(idx) == "12500 元"
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert AMOUNT not in session.report.values and session.report.unit(AMOUNT) == "万元"
    assert model.setData(idx, "3.5")  # no unit typed: the unit stays
    assert session.report.unit(AMOUNT) == "万元"


def test_right_click_opens_the_menu(qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    session = _session()
    view = make_view(session, "t2", qtbot)
    view.show()
    idx = view.model().index_of(AMOUNT)
    view.scrollTo(idx)
    pos = view.visualRect(idx).center()
    seen: list[dict[str, bool]] = []

    def fake_popup(menu: QMenu, at: object) -> None:  # no popups offscreen (Qt warns about grabs)
        seen.append(_unit_actions(menu))

    monkeypatch.setattr(view, "popup_menu", fake_popup)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert seen == [{"计量单位：万元": True, "计量单位：元": False}]
    assert view.currentIndex() == idx
