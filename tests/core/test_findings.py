"""Every finding is built by one factory (core.findings.new_finding) and names its cell through one function."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from nianbao.core import storage
from nianbao.core.checking import check
from nianbao.core.completeness import unfilled
from nianbao.core.crossyear import identical_tables
from nianbao.core.findings import cell_place, new_finding, table_cell_place, table_title
from nianbao.core.report import PreviousYear, new_report
from nianbao.core.value_findings import value_finding
from nianbao.definition import ReportFormat, Severity, ValueKind, load_format
from nianbao.resources import load_example


def _money_cell(fmt: ReportFormat) -> str:
    return next(c for c, spec in fmt.cells.items() if spec.kind is ValueKind.MONEY and not spec.computed)


def test_a_finding_at_a_cell_names_its_table_row_and_column() -> None:
    fmt = load_format("gov2021")
    f = new_finding("X9:a", "X9", "说明", fmt=fmt, focus="t3.new.natural")
    spec = fmt.cells["t3.new.natural"]
    assert (f.table, f.row, f.column) == ("t3", spec.row_label, spec.col_label)
    assert f.table_title == table_title(fmt, "t3") and f.table_title
    assert f.cells == ("t3.new.natural",) and f.focus == "t3.new.natural"
    assert f.severity is Severity.WARNING and f.basis == "soft" and f.accepted is None


def test_table_four_has_no_printed_row_so_its_cells_are_named_by_column() -> None:
    fmt = load_format("gov2021")
    spec = fmt.cells["t4.cases.review_upheld"]
    assert cell_place(spec) == "“行政复议—结果维持”栏"
    assert table_cell_place(fmt, spec) == "表四“行政复议—结果维持”栏"
    assert table_cell_place(fmt, fmt.cells["t3.new.natural"]).startswith("表三“一、本年新收")


def test_an_empty_table_is_named_as_a_table_not_as_its_first_cell() -> None:
    report = new_report(2025, "某某镇人民政府")
    found = {f.table: f for f in unfilled(report) if f.table}
    t4 = found["t4"]
    assert t4.focus == report.fmt.tables["t4"].cells[0]  # the cell a click selects
    assert (t4.row, t4.column, t4.table_title) == ("", "", "")
    assert t4.severity is Severity.WARNING and "表四" in t4.message


def test_a_table_equal_to_last_year_points_at_its_first_figure() -> None:
    report = load_example()
    report.previous = PreviousYear(report.format_id, report.meta.year - 1, dict(report.values))
    fmt = report.fmt
    found = identical_tables(report)
    assert found
    for f in found:
        first = fmt.cells[f.focus]
        assert (f.row, f.column, f.table) == (first.row_label, first.col_label, first.table)
        assert f.cells[0] == f.focus and all(not fmt.cells[c].computed for c in f.cells)
        assert f.severity is Severity.WARNING and f.table_title == table_title(fmt, f.table)


def test_too_many_decimals_is_an_error_at_its_cell_with_both_values() -> None:
    report = load_example()
    cell = _money_cell(report.fmt)
    report.values[cell] = Decimal("1.23456789")
    f = value_finding(report, cell)
    assert f is not None and f.severity is Severity.ERROR and f.basis == "implied"
    assert f.focus == cell and table_cell_place(report.fmt, report.fmt.cells[cell]) in f.message
    assert f.actual == Decimal("1.23456789") and f.lhs == f.actual and f.rhs == f.expected != f.actual


def test_every_finding_carries_the_severity_type_and_json_keeps_the_words() -> None:
    report = load_example()
    report.values["t3.new.natural"] = int(report.values.get("t3.new.natural", 0)) + 7  # breaks rules
    report.values[_money_cell(report.fmt)] = Decimal("1.23456789")
    report.previous = PreviousYear(report.format_id, report.meta.year - 1, dict(report.values))
    report.narrative["ch5"] = ""
    findings = check(report) + unfilled(report)
    assert {f.severity for f in findings} == {Severity.ERROR, Severity.WARNING}
    assert all(type(f.severity) is Severity for f in findings)
    assert {json.loads(json.dumps(f.as_json()))["severity"] for f in findings} == {"error", "warning"}


@pytest.mark.parametrize("cell", ["t4.cases.review_upheld", "t3.new.natural"])
def test_a_bad_value_in_a_project_file_names_the_cell_as_every_message_does(cell: str) -> None:
    report = load_example()
    data = storage.to_json(report)
    data["values"][cell] = "十二"
    with pytest.raises(storage.StorageError) as exc:
        storage.loads(json.dumps(data, ensure_ascii=False))
    assert table_cell_place(report.fmt, report.fmt.cells[cell]) in str(exc.value)
    assert "“件数”行" not in str(exc.value)
