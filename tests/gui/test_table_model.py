"""The table model: a thin, valid adapter over the definition grid and the report."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from guikit import blank_report
from nianbao.core.edits import EditBatch
from nianbao.definition import Severity, format_ids, load_format
from nianbao.gui.session import DocumentSession
from nianbao.gui.table_model import CELL_ROLE, CellColors, ReportTableModel
from nianbao.resources import load_example

TABLES = [(fid, tid) for fid in format_ids() for tid in load_format(fid).tables]


@pytest.mark.parametrize(("format_id", "table_id"), TABLES)
def test_model_passes_qt_model_tester(qtmodeltester: ModelTester, format_id: str, table_id: str) -> None:
    session = DocumentSession.for_report(blank_report(format_id, 2025 if format_id == "gov2021" else 2020))
    model = ReportTableModel.for_session(session, table_id)
    qtmodeltester.check(model)
    table = load_format(format_id).tables[table_id]
    assert (model.rowCount(), model.columnCount()) == (table.n_rows, table.n_cols)


@pytest.mark.parametrize("table_id", ["t2", "t3", "t4"])
def test_model_with_findings_passes_qt_model_tester(qtmodeltester: ModelTester, table_id: str) -> None:
    """The example report with an error, an open warning, an accepted warning and computed totals, edited while
    the tester watches (dataChanged for marks and totals)."""
    session = DocumentSession.for_report(load_example())
    model = ReportTableModel.for_session(session, table_id)
    qtmodeltester.check(model)
    session.edit(EditBatch.set_cells({"t3.new.natural": 999}))  # breaks the balance of 表三: an error
    session.edit(EditBatch.set_cells({"t2.rules.published": 999}))  # more published than in force: warnings
    warnings = [f for f in session.document.findings if f.severity == Severity.WARNING]
    assert warnings and any(f.severity == Severity.ERROR for f in session.document.findings)
    session.edit(EditBatch(accepted=((warnings[0].rule, "规章由上级统一公开"),)))
    assert any(f.accepted for f in session.document.findings)
    assert table_id == "t2" or any(session.document.fmt.cells[c].computed for c in model.table.cells)
    qtmodeltester.check(model)
    session.undo_stack.undo()
    qtmodeltester.check(model)


def test_grid_reproduces_the_definition_labels(qapp: QApplication) -> None:
    session = DocumentSession.for_report(blank_report())
    model = ReportTableModel.for_session(session, "t3")
    table = session.document.fmt.tables["t3"]
    for it in table.items:
        idx = model.index(it.row, it.col)
        if it.cell is None:
            assert model.data(idx) == it.text
            assert not model.flags(idx) & Qt.ItemFlag.ItemIsEditable
        else:
            assert model.data(idx, CELL_ROLE) == it.cell
    # a slot covered by a merge answers nothing
    assert model.data(model.index(1, 1)) is None


def test_computed_cells_are_shaded_and_read_only(qapp: QApplication) -> None:
    session = DocumentSession.for_report(blank_report())
    model = ReportTableModel.for_session(session, "t3")
    total = model.index_of("t3.new.total")
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert model.data(total, Qt.ItemDataRole.BackgroundRole).color() == CellColors.computed
    assert model.flags(model.index_of("t3.new.natural")) & Qt.ItemFlag.ItemIsEditable
    assert (
        model.data(model.index_of("t3.new.natural"), Qt.ItemDataRole.TextAlignmentRole) == Qt.AlignmentFlag.AlignCenter
    )


def test_set_data_updates_totals_and_emits_data_changed(qtbot: QtBot) -> None:
    session = DocumentSession.for_report(blank_report())
    model = ReportTableModel.for_session(session, "t3")
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), a.column())))
    assert model.setData(model.index_of("t3.new.natural"), "12")
    assert model.data(model.index_of("t3.new.total")) == "12"
    total = model.index_of("t3.new.total")
    assert (total.row(), total.column()) in changed


def test_invalid_value_is_refused_with_the_core_reason(qtbot: QtBot) -> None:
    session = DocumentSession.for_report(blank_report())
    model = ReportTableModel.for_session(session, "t3")
    idx = model.index_of("t3.new.natural")
    model.setData(idx, "7")
    reasons: list[str] = []
    model.editRefused.connect(lambda _i, why: reasons.append(why))
    assert not model.setData(idx, "-3")
    assert reasons == ["件数不能为负数"]
    assert model.data(idx) == "7"
    assert session.undo_stack.count() == 1


def test_error_cell_is_red_with_message_tooltip(qapp: QApplication) -> None:
    session = DocumentSession.for_report(blank_report())
    model = ReportTableModel.for_session(session, "t3")
    model.setData(model.index_of("t3.new.natural"), "5")  # unbalanced: R3.1 error, (七)总计 is its stated total
    total = model.index_of("t3.total.natural")
    assert model.data(total, Qt.ItemDataRole.BackgroundRole).color() == CellColors.error
    assert "不平衡" in model.data(total, Qt.ItemDataRole.ToolTipRole)
    for cell in ("t3.forward.natural", "t3.new.natural"):  # every other cell of the balance: a lighter tint
        assert model.data(model.index_of(cell), Qt.ItemDataRole.BackgroundRole).color() == CellColors.error_part


def test_warning_is_amber_and_accepted_warning_grey(qapp: QApplication) -> None:
    session = DocumentSession.for_report(load_example())
    model = ReportTableModel.for_session(session, "t2")
    model.setData(model.index_of("t2.rules.published"), "999")
    warnings = [f for f in session.document.findings if f.severity == Severity.WARNING and f.table == "t2"]
    assert warnings
    focus = model.index_of(warnings[0].focus)
    assert model.data(focus, Qt.ItemDataRole.BackgroundRole).color() == CellColors.warning
    from nianbao.core.edits import EditBatch

    session.edit(EditBatch(accepted=((warnings[0].rule, "规章由上级统一公开"),)))
    assert model.data(focus, Qt.ItemDataRole.BackgroundRole).color() == CellColors.accepted
    assert "规章由上级统一公开" in model.data(focus, Qt.ItemDataRole.ToolTipRole)
