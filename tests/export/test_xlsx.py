"""Excel export: labels and merges from Table.items, formulas, check row, validations, layout, safety."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from factories import filled_report
from nianbao.core.report import Report
from nianbao.core.storage import StorageError
from nianbao.core.values import MAX_ABS, decimal_places, format_value, places_for
from nianbao.definition import Table, ValueKind
from nianbao.export.xlsx import (
    INFO_SHEET,
    MARKER_SHEET,
    sheet_name,
    write_xlsx,
)
from nianbao.resources import load_example

TOP = 3  # the grid starts in row 3 (title in row 1, note in row 2)


def reports() -> list[Any]:
    return [
        pytest.param(filled_report("gov2021"), id="gov2021-filled"),
        pytest.param(load_example(), id="gov2019-example"),
        pytest.param(filled_report("gov2019"), id="gov2019-filled"),
    ]


def addr(row: int, col: int) -> str:
    """Grid slot (0-based) -> sheet address; computed here independently of the exporter."""
    return f"{get_column_letter(col + 1)}{row + TOP}"


def cell_addr(table: Table, cid: str) -> str:
    item = next(it for it in table.items if it.cell == cid)
    return addr(item.row, item.col)


def refs_of(formula: str) -> list[str]:
    """Addresses a =SUM(...) formula adds, ranges expanded, in order."""
    m = re.fullmatch(r"=SUM\((.*)\)", formula)
    assert m, formula
    out = []
    for part in m.group(1).split(","):
        c1, r1, c2, r2 = range_boundaries(part)
        out += [f"{get_column_letter(c)}{r}" for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
    return out


@pytest.fixture
def exported(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Report, openpyxl.Workbook, Path]:
    report: Report = request.param
    path = tmp_path / "报告.xlsx"
    write_xlsx(report, path)
    return report, openpyxl.load_workbook(path), path


with_reports = pytest.mark.parametrize("exported", reports(), indirect=True)


@with_reports
def test_labels_and_merges_follow_the_definition(exported: tuple[Report, openpyxl.Workbook, Path]) -> None:
    report, wb, _ = exported
    fmt = report.fmt
    for tid, table in fmt.tables.items():
        ws = wb[sheet_name(fmt, tid)]
        chapter = next(ch for ch in fmt.chapters if ch.table == tid)
        assert ws["A1"].value == chapter.title
        grid_merges = {
            str(m)
            for m in ws.merged_cells.ranges
            if m.min_row >= TOP and m.max_row < TOP + table.n_rows and m.max_col <= table.n_cols
        }
        expected_merges = set()
        for it in table.items:
            top_left = addr(it.row, it.col)
            if it.role != "value":
                assert ws[top_left].value == it.text, (tid, top_left)
                assert ws[top_left].data_type == "s"
                assert ws[top_left].alignment.wrap_text
            if it.rowspan > 1 or it.colspan > 1:
                expected_merges.add(f"{top_left}:{addr(it.row + it.rowspan - 1, it.col + it.colspan - 1)}")
        assert grid_merges == expected_merges, tid
        # every merged region is outlined (the grid is drawn completely)
        for it in table.items:
            first = ws[addr(it.row, it.col)].border
            last = ws[addr(it.row + it.rowspan - 1, it.col + it.colspan - 1)].border
            sides = (first.left, first.top, last.right, last.bottom)
            assert [s.style for s in sides] == ["thin"] * 4, (tid, it)


@with_reports
def test_values_blanks_and_number_formats(exported: tuple[Report, openpyxl.Workbook, Path]) -> None:
    report, wb, _ = exported
    fmt = report.fmt
    for tid, table in fmt.tables.items():
        ws = wb[sheet_name(fmt, tid)]
        for cid in table.cells:
            spec = fmt.cells[cid]
            cell = ws[cell_addr(table, cid)]
            if spec.computed:
                continue
            expected = report.values.get(cid, 0)  # blank is written as 0
            assert Decimal(str(cell.value)) == expected, cid
            if spec.kind is ValueKind.MONEY:
                places = decimal_places(expected)
                assert cell.number_format.startswith("0." + "0" * places if places else "0")
                assert format_value(expected, spec.kind) == format_value(Decimal(str(cell.value)), spec.kind)
                if len(spec.units) > 1:
                    assert cell.number_format.endswith(f'"{report.unit(cid)}"')
            elif spec.kind is ValueKind.SIGNED:
                assert cell.number_format == "+0;-0;0"
            else:
                assert cell.number_format == "0"


@with_reports
def test_every_total_is_a_sum_of_its_parts(exported: tuple[Report, openpyxl.Workbook, Path]) -> None:
    report, wb, _ = exported
    fmt = report.fmt
    assert fmt.derive_order
    computed = {cid for cid, spec in fmt.cells.items() if spec.computed}
    seen = set()
    for rule in fmt.derive_order:
        table = fmt.tables[rule.table]
        ws = wb[sheet_name(fmt, rule.table)]
        target = rule.lhs[0].cell
        cell = ws[cell_addr(table, target)]
        assert cell.data_type == "f"
        assert sorted(refs_of(cell.value)) == sorted(cell_addr(table, t.cell) for t in rule.rhs), target
        assert cell.fill.fgColor.rgb.endswith("D9D9D9")
        seen.add(target)
    assert seen == computed


@with_reports
def test_balance_check_row(exported: tuple[Report, openpyxl.Workbook, Path]) -> None:
    report, wb, _ = exported
    fmt = report.fmt
    table = fmt.tables["t3"]
    ws = wb[sheet_name(fmt, "t3")]
    row = TOP + table.n_rows  # directly below the table
    assert ws.cell(row=row, column=1).value == "校验（第一项加第二项之和，等于第三项加第四项之和）"
    rules = [r for r in fmt.rules if r.base == "R3.1"]
    assert len(rules) == 7
    for rule in rules:
        new, carried = (cell_addr(table, t.cell) for t in rule.lhs)
        total, forward = (cell_addr(table, t.cell) for t in rule.rhs)
        col = re.match(r"[A-Z]+", total)
        assert col
        cell = ws[f"{col.group()}{row}"]
        lhs, rhs = f"{new}+{carried}", f"{total}+{forward}"
        assert cell.value == f'=IF({lhs}={rhs},"平衡","不平衡"&CHAR(10)&"差"&({lhs}-({rhs})))'
    assert ws.conditional_formatting, "the check row is coloured by its result"
    assert str(ws.print_area).endswith(f"!$A$1:$J${row}")


@with_reports
def test_data_validation_on_input_cells_only(exported: tuple[Report, openpyxl.Workbook, Path]) -> None:
    report, wb, _ = exported
    fmt = report.fmt
    for tid, table in fmt.tables.items():
        ws = wb[sheet_name(fmt, tid)]
        dvs = ws.data_validations.dataValidation
        for cid in table.cells:
            spec = fmt.cells[cid]
            a = cell_addr(table, cid)
            covering = [dv for dv in dvs if a in dv.sqref]
            if spec.computed:
                assert covering == [], cid
                continue
            assert len(covering) == 1, cid
            dv = covering[0]
            assert dv.showErrorMessage and dv.errorStyle in (None, "stop")  # absent: "stop", the default
            assert dv.error and dv.errorTitle and re.search(r"[\u4e00-\u9fff]", dv.error)
            if spec.kind is ValueKind.COUNT:
                assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
            elif spec.kind is ValueKind.SIGNED:
                assert dv.type == "whole" and dv.operator in (None, "between")  # absent: "between", the default
                assert int(dv.formula1) < 0 < int(dv.formula2)
            else:  # an amount: not negative, below the bound, at most the decimals the core allows
                assert dv.type == "custom"
                n = places_for(report.unit(cid))  # 万元 6, 元 2
                assert dv.formula1 == f"AND(ISNUMBER({a}),{a}>=0,{a}<{MAX_ABS},ROUND({a},{n})={a})"
                assert f"最多 {n} 位小数" in dv.error


@with_reports
def test_layout_print_setup_and_protection(exported: tuple[Report, openpyxl.Workbook, Path]) -> None:
    report, wb, _ = exported
    fmt = report.fmt
    assert wb.calculation.fullCalcOnLoad is True
    names = [sheet_name(fmt, tid) for tid in fmt.tables]
    assert wb.sheetnames == [INFO_SHEET, *names, MARKER_SHEET]
    assert names == ["表二 主动公开", "表三 依申请公开", "表四 复议诉讼"]
    assert wb[MARKER_SHEET].sheet_state == "veryHidden"
    for title in wb.sheetnames:
        assert len(title) <= 31 and not set(title) & set("[]:*?/\\")
        ws = wb[title]
        if title == MARKER_SHEET:
            continue
        assert ws.protection.sheet is True and not ws.protection.password  # protected, no password
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)  # absent width: 1
    # frozen below the header rows and right of the label columns
    for tid, table in fmt.tables.items():
        ws = wb[sheet_name(fmt, tid)]
        assert ws.freeze_panes == addr(table.header_rows, table.label_cols)
        for c in range(table.n_cols):
            assert ws.column_dimensions[get_column_letter(c + 1)].width >= 8
    assert wb[sheet_name(fmt, "t3")].freeze_panes == "D6"
    assert wb[sheet_name(fmt, "t3")].print_title_rows == "$3:$5"
    assert wb[sheet_name(fmt, "t4")].page_setup.orientation == "landscape"
    assert wb[sheet_name(fmt, "t2")].page_setup.orientation == "portrait"


@with_reports
def test_info_sheet_has_metadata_and_narrative(exported: tuple[Report, openpyxl.Workbook, Path]) -> None:
    report, wb, _ = exported
    ws = wb[INFO_SHEET]
    assert ws["A1"].value == report.title()
    rows = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2) for r in range(3, ws.max_row + 1)}
    assert rows["发布机关"].value == report.meta.issuer
    assert rows["报告年度"].value == report.meta.year
    assert rows["层级"].value == report.meta.level
    assert (rows["联系方式"].value or "") == report.meta.contact
    assert rows["报告格式"].value == report.fmt.name
    for ch in (report.fmt.preface, *report.fmt.chapters):
        cell = rows[ch.title]
        if ch.kind == "narrative":  # one row per paragraph, below one another (the 前言 in one cell)
            text = report.narrative.get(ch.id, "")
            paragraphs = [text] if ch.id == "preface" else text.split("\n")
            cells = [ws.cell(row=cell.row + i, column=2) for i in range(len(paragraphs))]
            assert [c.value or "" for c in cells] == paragraphs
            assert all(c.alignment.wrap_text for c in cells)
            assert all(ws.row_dimensions[c.row].height <= 409 for c in cells)
        else:
            assert cell.hyperlink is not None and sheet_name(report.fmt, ch.table or "") in cell.hyperlink.location
    level_dv = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert level_dv and "乡镇/街道" in level_dv[0].formula1


@pytest.mark.parametrize("text", ["=1+1", '=HYPERLINK("http://example.com","点我")', "+86 138", "-减少", "@某人"])
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, text: str) -> None:
    report = filled_report("gov2021")
    report.meta.issuer = text
    report.meta.contact = text
    report.narrative["preface"] = report.narrative["ch1"] = text
    path = tmp_path / "x.xlsx"
    write_xlsx(report, path)
    ws = openpyxl.load_workbook(path)[INFO_SHEET]
    for a in ("B3", "B6", "B8", "B9"):  # 发布机关, 联系方式, 前言, 一、总体情况
        assert ws[a].value == text and ws[a].data_type == "s", a
    with zipfile.ZipFile(path) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_illegal_control_characters_are_dropped(tmp_path: Path) -> None:
    report = filled_report("gov2021")
    report.narrative["ch5"] = "第一段\x0b第二段\x01"
    path = tmp_path / "x.xlsx"
    write_xlsx(report, path)
    ws = openpyxl.load_workbook(path)[INFO_SHEET]
    assert "第一段第二段" in [ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)]


def test_write_is_atomic(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"old")
    write_xlsx(filled_report("gov2021"), path)
    assert zipfile.is_zipfile(path)
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]  # no temp file left


def test_locked_target_gives_chinese_error_and_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"old")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(StorageError, match="没有权限"):
        write_xlsx(filled_report("gov2021"), path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_missing_folder_gives_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="无法保存"):
        write_xlsx(filled_report("gov2021"), tmp_path / "没有这个文件夹" / "r.xlsx")


# --- LibreOffice recalculates the workbook; totals and checks must match the core -----------------
def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculated(path: Path, tmp_path: Path) -> Path:
    exe = soffice()
    if exe is None:
        pytest.skip("LibreOffice（soffice）未安装，跳过重新计算测试")
    out = tmp_path / "recalc"
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx", "--outdir", str(out),
         str(path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    result = out / path.name
    assert result.is_file()
    return result


def unbalanced_report() -> Report:
    report = filled_report("gov2021")
    report.values["t3.forward.research"] = int(report.values["t3.forward.research"]) + 5
    return report


def shown_values(report: Report) -> dict[str, Any]:
    """What every total cell shows: its parts' sum where the stated total equals it, else the stated total (one
    truth with check: nothing is printed that nobody stated)."""
    from nianbao.core.computed import derived_value

    out: dict[str, Any] = {}
    for rule in report.fmt.derive_order:
        target = rule.lhs[0].cell
        parts = derived_value(rule, report.values)
        out[target] = parts if report.value(target) == parts else report.value(target)
    return out


def check_texts(report: Report, totals: dict[str, Any]) -> list[str]:
    values = {**{c: report.value(c) for c in report.fmt.cells}, **totals}
    out = []
    for rule in (r for r in report.fmt.rules if r.base == "R3.1"):
        lhs = sum(values.get(t.cell, 0) for t in rule.lhs)
        rhs = sum(values.get(t.cell, 0) for t in rule.rhs)
        out.append("平衡" if lhs == rhs else f"不平衡\n差{lhs - rhs}")
    return out


def sheet_checks(wb: openpyxl.Workbook, report: Report) -> list[str]:
    table = report.fmt.tables["t3"]
    ws = wb[sheet_name(report.fmt, "t3")]
    out = []
    for rule in (r for r in report.fmt.rules if r.base == "R3.1"):
        col = re.match(r"[A-Z]+", cell_addr(table, rule.focus))
        assert col
        out.append(ws[f"{col.group()}{TOP + table.n_rows}"].value)
    return out


def assert_totals_read(wb: openpyxl.Workbook, report: Report, totals: dict[str, Any]) -> None:
    """Every total cell of the workbook (read with data_only: cached or recalculated values) shows `totals`."""
    for rule in report.fmt.derive_order:
        target = rule.lhs[0].cell
        cell = wb[sheet_name(report.fmt, rule.table)][cell_addr(report.fmt.tables[rule.table], target)]
        assert cell.value == totals[target], target


@pytest.mark.parametrize(
    ("report", "n_unbalanced"),
    [
        pytest.param(filled_report("gov2021"), 0, id="gov2021-filled"),
        pytest.param(load_example(), 0, id="gov2019-example"),
        pytest.param(unbalanced_report(), 1, id="gov2021-unbalanced"),  # 科研机构 (the stated 总计 is kept)
    ],
)
def test_cached_values_show_totals_and_checks_without_recalculation(
    report: Report, n_unbalanced: int, tmp_path: Path
) -> None:
    src = tmp_path / "in.xlsx"
    write_xlsx(report, src)
    wb = openpyxl.load_workbook(src, data_only=True)  # the values stored in the file, as previews show them
    totals = shown_values(report)
    assert_totals_read(wb, report, totals)
    checks = sheet_checks(wb, report)
    assert checks == check_texts(report, totals)
    assert sum(c != "平衡" for c in checks) == n_unbalanced
    from nianbao.core.computed import derived_value

    formulas = openpyxl.load_workbook(src)  # a total disagreeing with its parts is the stated number, no formula
    for rule in report.fmt.derive_order:
        target = rule.lhs[0].cell
        live = report.value(target) == derived_value(rule, report.values)
        cell = formulas[sheet_name(report.fmt, rule.table)][cell_addr(report.fmt.tables[rule.table], target)]
        assert cell.data_type == ("f" if live else "n"), target


@pytest.mark.slow
@pytest.mark.parametrize(
    ("report", "n_unbalanced"),
    [
        pytest.param(filled_report("gov2021"), 0, id="gov2021-filled"),
        pytest.param(load_example(), 0, id="gov2019-example"),
        pytest.param(unbalanced_report(), 1, id="gov2021-unbalanced"),
    ],
)
def test_libreoffice_recalculation_matches_core(report: Report, n_unbalanced: int, tmp_path: Path) -> None:
    src = tmp_path / "in.xlsx"
    write_xlsx(report, src)
    wb = openpyxl.load_workbook(recalculated(src, tmp_path), data_only=True)
    totals = shown_values(report)
    assert_totals_read(wb, report, totals)
    checks = sheet_checks(wb, report)
    assert checks == check_texts(report, totals)  # LibreOffice agrees with the cached values
    assert sum(c != "平衡" for c in checks) == n_unbalanced


def test_inputs_unlocked_labels_totals_and_checks_locked(tmp_path: Path) -> None:
    report = filled_report("gov2021")
    write_xlsx(report, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    fmt = report.fmt
    for tid, table in fmt.tables.items():
        ws = wb[sheet_name(fmt, tid)]
        assert ws.protection.sheet and not ws.protection.password
        for it in table.items:
            cell = ws.cell(row=TOP + it.row, column=1 + it.col)
            typed = it.role == "value" and it.cell is not None and not fmt.cells[it.cell].computed
            assert cell.protection.locked is not typed, (tid, it.text or it.cell)
    ws = wb[sheet_name(fmt, "t3")]
    assert ws.cell(row=TOP + fmt.tables["t3"].n_rows, column=4).protection.locked  # the check row
    info = wb[INFO_SHEET]
    assert info["A3"].protection.locked and not info["B3"].protection.locked and not info["B9"].protection.locked


def test_a_long_narrative_takes_one_row_per_paragraph(tmp_path: Path) -> None:
    report = filled_report("gov2021")
    paragraph = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。" * 10
    report.narrative["ch1"] = "\n".join([paragraph] * 6)  # 2,400+ characters
    write_xlsx(report, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")[INFO_SHEET]
    rows = [ws.cell(row=9 + i, column=2) for i in range(6)]
    assert [c.value for c in rows] == [paragraph] * 6
    assert all(ws.row_dimensions[c.row].height < 409 for c in rows)  # nothing cut off in print
    assert ws.cell(row=15, column=1).value == "二、主动公开政府信息情况"
