"""Paste planning without Qt: blocks as Excel and WPS put them on the clipboard, onto the official grids."""

from __future__ import annotations

from nianbao.core.clipboard import join_block, plan_paste, split_block
from nianbao.definition import load_format


def test_blocks_as_excel_copies_them() -> None:
    assert split_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]  # CRLF rows, trailing newline dropped
    assert split_block("5") == [["5"]]
    assert split_block("a\t\tb\n") == [["a", "", "b"]]  # an empty cell keeps its place
    assert join_block([["1", "2"], ["3", ""]]) == "1\t2\n3\t\n"


def test_a_block_maps_onto_value_cells_and_reports_what_it_could_not_take() -> None:
    fmt = load_format("gov2021")
    table = fmt.tables["t3"]
    first = fmt.cells[table.cells[0]]
    plan = plan_paste(table, fmt.cells, first.grid_row, first.grid_col, "1\t2\tx\n")
    assert plan.values[first.id] == 1
    assert len(plan.values) == 2  # the third value was refused
    assert len(plan.errors) == 1 and plan.errors[0].startswith(f"“{first.row_label}”行")
    outside = plan_paste(table, fmt.cells, table.n_rows - 1, table.n_cols - 1, "1\t2\n3\n")
    assert outside.outside == 2  # one beyond the last column, one below the last row


def test_computed_cells_are_skipped_not_overwritten() -> None:
    fmt = load_format("gov2021")
    table = fmt.tables["t3"]
    total = next(fmt.cells[c] for c in table.cells if fmt.cells[c].computed)
    plan = plan_paste(table, fmt.cells, total.grid_row, total.grid_col, "9\n")
    assert plan.skipped_computed == 1 and total.id not in plan.values
