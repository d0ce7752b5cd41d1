"""Report -> .xlsx: the official tables with merged headers, live 总计 formulas, checks and validations.

Layout (version ``LAYOUT_VERSION``): a sheet 基本信息与正文 (metadata and narrative chapters), one sheet per
table (title in row 1, a note in row 2, the grid from row 3), and a very hidden sheet ``_nianbao`` that maps
every cell id, metadata field and chapter to its sheet and address, so ``importers.xlsx`` can read it back.
"""

from __future__ import annotations

import io
import json
import math
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from nianbao import __version__
from nianbao.core.findings import table_name
from nianbao.core.report import LEVELS, Report
from nianbao.core.storage import StorageError, write_atomic
from nianbao.core.values import MAX_ABS, Value, decimal_places, format_value
from nianbao.definition import ReportFormat, Rule, Severity, Table
from nianbao.definition.model import GridItem, ValueKind

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# --- the contract with importers/xlsx.py -------------------------------------------------------
MARKER_SHEET: Final = "_nianbao"
MARKER: Final = "nianbao-xlsx"  # A1 of the marker sheet
LAYOUT_VERSION: Final = 1  # B1 of the marker sheet; bump when the layout changes incompatibly
MAP_HEADER: Final = ("kind", "key", "sheet", "address", "blank", "unit")
MAP_FIRST_ROW: Final = 8  # first row of the map (row 7 holds MAP_HEADER)
INFO_SHEET: Final = "基本信息与正文"
META_FIELDS: Final = (("issuer", "发布机关"), ("year", "报告年度"), ("level", "层级"), ("contact", "联系方式"))
FORMAT_LABEL: Final = "报告格式"

# short sheet names (Excel allows 31 characters); the table's chapter number comes from the definition
SHORT_NAMES: Final = {"t2": "主动公开", "t3": "依申请公开", "t4": "复议诉讼"}
GRID_TOP: Final = 3  # sheet row of grid row 0
GRID_LEFT: Final = 1  # sheet column of grid column 0

FONT_NAME: Final = "宋体"
COUNT_FORMAT: Final = "0"
SIGNED_FORMAT: Final = "+0;-0;0"
MONEY_FORMAT: Final = "0"  # money shows the decimals it has, as the grid and every other export print it
HEADER_FILL: Final = "F2F2F2"
TOTAL_FILL: Final = "D9D9D9"
TABLE_NOTE: Final = "说明：请填写数字，没有的填 0。"
TOTALS_NOTE: Final = "说明：白色单元格填写数字（没有的填 0）；灰色单元格是公式自动合计，请勿改动。"
INFO_LABEL_WIDTH: Final = 22.0
INFO_TEXT_WIDTH: Final = 100.0
INFO_NOTE: Final = "本工作簿由年报助手导出。可在 Excel 或 WPS 中修改后，用年报助手“导入 Excel”读回。"
# data validation per value kind: error title, error message, type, operator, formula1, formula2
VALIDATIONS: Final[dict[ValueKind, tuple[str, str, str, str, str, str | None]]] = {
    ValueKind.COUNT: ("件数有误", "请填写 0 或正整数（件数）。", "whole", "greaterThanOrEqual", "0", None),
    ValueKind.SIGNED: (
        "增减数有误",
        "请填写整数，减少用负数表示，例如 -8。",
        "whole",
        "between",
        str(-(MAX_ABS - 1)),
        str(MAX_ABS - 1),
    ),
    ValueKind.MONEY: (
        "金额有误",
        "请填写不小于 0 的金额（万元最多 6 位小数，元最多 2 位）。",
        "decimal",
        "between",
        "0",
        str(MAX_ABS - 1),
    ),
}
LINE_PT: Final = 14.5  # height of one text line at 11 pt
CJK_UNITS: Final = 2.1  # column-width units taken by one CJK character at 11 pt


def sheet_name(fmt: ReportFormat, table_id: str) -> str:
    short = SHORT_NAMES.get(table_id)
    if short is None:
        title = next(ch.title for ch in fmt.chapters if ch.table == table_id)
        short = title.split("、", 1)[-1]
    return f"{table_name(fmt, table_id)} {short}"[:31]


def col_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(col))


def grid_address(table: Table, row: int, col: int) -> str:
    """Sheet address of a grid slot (0-based grid coordinates)."""
    return f"{col_letter(GRID_LEFT + col)}{GRID_TOP + row}"


def cell_addresses(table: Table) -> dict[str, str]:
    """Value cell id -> address of the top-left slot of its merged region."""
    return {it.cell: grid_address(table, it.row, it.col) for it in table.items if it.cell}


def text_width(text: str) -> float:
    """Approximate width in Excel column units (CJK and full-width characters count double)."""
    return sum(CJK_UNITS if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def line_count(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column of the given width."""
    usable = max(width - 1.0, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))


# --- formulas ----------------------------------------------------------------------------------
def _runs(addrs: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Group (row, col) slots, in order, into consecutive vertical or horizontal runs."""
    runs: list[list[tuple[int, int]]] = []
    for rc in addrs:
        if runs:
            run = runs[-1]
            last = run[-1]
            if len(run) == 1:
                ok = (rc[0] == last[0] + 1 and rc[1] == last[1]) or (rc[1] == last[1] + 1 and rc[0] == last[0])
            elif run[0][1] == run[1][1]:  # vertical
                ok = rc[0] == last[0] + 1 and rc[1] == last[1]
            else:
                ok = rc[1] == last[1] + 1 and rc[0] == last[0]
            if ok:
                run.append(rc)
                continue
        runs.append([rc])
    return [(r[0], r[-1]) for r in runs]


def _ref(rc: tuple[int, int]) -> str:
    return f"{col_letter(rc[1])}{rc[0]}"


def sum_formula(parts: Sequence[tuple[int, int]]) -> str:
    """=SUM(D6:D24) or =SUM(D6:I6,D8) for sheet slots (row, col) (1-based)."""
    refs = [_ref(a) if a == b else f"{_ref(a)}:{_ref(b)}" for a, b in _runs(parts)]
    return f"=SUM({','.join(refs)})"


def _slot(table: Table, cell: str) -> tuple[int, int]:
    for it in table.items:
        if it.cell == cell:
            return GRID_TOP + it.row, GRID_LEFT + it.col
    raise KeyError(cell)


def total_formula(table: Table, rule: Rule) -> str | None:
    """Formula of a deriving rule's total within one sheet; None if it cannot be written as one."""
    if any(t.prev for t in rule.rhs):
        return None
    try:
        slots = [_slot(table, t.cell) for t in rule.rhs]
    except KeyError:
        return None
    if all(t.sign == 1 for t in rule.rhs):
        return sum_formula(slots)
    text = "".join(("+" if t.sign == 1 else "-") + _ref(s) for t, s in zip(rule.rhs, slots, strict=True))
    return "=" + text.lstrip("+")


def check_rules(fmt: ReportFormat, table_id: str) -> dict[str, list[Rule]]:
    """Official equalities within one table (the 勾稽关系 of table 三), grouped by rule id."""
    out: dict[str, list[Rule]] = {}
    for rule in fmt.rules:
        official = rule.kind == "equal" and not rule.derive and rule.severity == Severity.ERROR
        if rule.table == table_id and official and not rule.uses_previous:
            out.setdefault(rule.base, []).append(rule)
    return out


def check_formula(table: Table, rule: Rule) -> str:
    def side(terms: Iterable[Any]) -> str:
        text = "".join(("+" if t.sign == 1 else "-") + _ref(_slot(table, t.cell)) for t in terms)
        return text.lstrip("+")

    lhs, rhs = side(rule.lhs), side(rule.rhs)
    return f'=IF({lhs}={rhs},"平衡","不平衡"&CHAR(10)&"差"&({lhs}-({rhs})))'


# --- writing -----------------------------------------------------------------------------------
@dataclass
class _Styles:
    title: Any
    note: Any
    header: Any
    caption: Any
    label: Any
    value: Any
    total: Any
    link: Any
    border: Any
    fill_header: Any
    fill_total: Any
    align_center: Any
    align_label: Any
    align_text: Any


def _styles() -> _Styles:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    return _Styles(
        title=Font(name=FONT_NAME, size=14, bold=True),
        note=Font(name=FONT_NAME, size=9, color="595959"),
        header=Font(name=FONT_NAME, size=11, bold=True),
        caption=Font(name=FONT_NAME, size=11, bold=True),
        label=Font(name=FONT_NAME, size=11),
        value=Font(name=FONT_NAME, size=11),
        total=Font(name=FONT_NAME, size=11, bold=True),
        link=Font(name=FONT_NAME, size=11, color="0563C1", underline="single"),
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        fill_header=PatternFill("solid", fgColor=HEADER_FILL),
        fill_total=PatternFill("solid", fgColor=TOTAL_FILL),
        align_center=Alignment(horizontal="center", vertical="center", wrap_text=True),
        align_label=Alignment(horizontal="left", vertical="center", wrap_text=True),
        align_text=Alignment(horizontal="left", vertical="top", wrap_text=True),
    )


def _clean(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def put_text(ws: Worksheet, row: int, col: int, text: str) -> Any:
    """Write text that stays text: a leading '=' must not turn it into a formula."""
    cell = ws.cell(row=row, column=col)
    cell.value = _clean(text)
    cell.data_type = "s"
    return cell


def _excel_number(value: Value) -> int | float:
    if isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def _money_format(unit_suffix: str, places: int = 0) -> str:
    """7545 -> 0, 24252.311082 -> 0.000000: Excel prints the amount exactly as format_value does."""
    number = MONEY_FORMAT + ("." + "0" * places if places else "")
    return f'{number}"{unit_suffix}"' if unit_suffix else number


class _Builder:
    def __init__(self, report: Report) -> None:
        from openpyxl import Workbook

        self.report = report
        self.fmt = report.fmt
        self.st = _styles()
        self.wb: Workbook = Workbook()
        self.map_rows: list[tuple[str, str, str, str, str, str]] = []

    # -- sheets
    def build(self) -> Workbook:
        from openpyxl.workbook.properties import CalcProperties

        info = self.wb.active
        info.title = INFO_SHEET
        names = {tid: sheet_name(self.fmt, tid) for tid in self.fmt.tables}
        self._info_sheet(info, names)
        for tid, table in self.fmt.tables.items():
            self._table_sheet(self.wb.create_sheet(names[tid]), table)
        self._marker_sheet()
        self.wb.calculation = CalcProperties(fullCalcOnLoad=True)
        props = self.wb.properties
        props.title = self.report.title()
        props.creator = "年报助手"
        props.lastModifiedBy = "年报助手"
        return self.wb

    def _info_sheet(self, ws: Worksheet, names: dict[str, str]) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation
        from openpyxl.worksheet.hyperlink import Hyperlink

        st, report = self.st, self.report
        ws.column_dimensions["A"].width = INFO_LABEL_WIDTH
        ws.column_dimensions["B"].width = INFO_TEXT_WIDTH
        title = put_text(ws, 1, 1, report.title())
        title.font, title.alignment = st.title, st.align_center
        ws.merge_cells("A1:B1")
        ws.row_dimensions[1].height = 28
        note = put_text(ws, 2, 1, INFO_NOTE)
        note.font = st.note
        ws.merge_cells("A2:B2")

        row = 3
        meta_rows: dict[str, int] = {}
        values: dict[str, str | int] = {
            "issuer": report.meta.issuer,
            "year": report.meta.year,
            "level": report.meta.level,
            "contact": report.meta.contact,
        }
        for key, label in META_FIELDS:
            self._info_label(ws, row, label)
            meta_rows[key] = row
            value = values[key]
            c = ws.cell(row=row, column=2, value=value) if isinstance(value, int) else put_text(ws, row, 2, value)
            c.font, c.alignment, c.border = st.value, st.align_label, st.border
            if isinstance(value, int):
                c.number_format = "0"
            self.map_rows.append(("meta", key, ws.title, f"B{row}", "", ""))
            ws.row_dimensions[row].height = 20
            row += 1
        self._info_label(ws, row, FORMAT_LABEL)
        c = put_text(ws, row, 2, self.fmt.name)
        c.font, c.alignment, c.border = st.value, st.align_label, st.border
        ws.row_dimensions[row].height = 20
        row += 1
        dv_year = DataValidation(
            type="whole", operator="between", formula1="1990", formula2="2100", allow_blank=False,
            showErrorMessage=True, errorTitle="报告年度有误", error="请填写四位数的报告年度，例如 2024。",
        )  # fmt: skip
        dv_year.add(f"B{meta_rows['year']}")
        levels = ",".join(LEVELS)
        dv_level = DataValidation(
            type="list", formula1=f'"{levels}"', allow_blank=True, showErrorMessage=False, showDropDown=False,
        )  # fmt: skip
        dv_level.add(f"B{meta_rows['level']}")
        ws.add_data_validation(dv_year)
        ws.add_data_validation(dv_level)

        # the 前言 takes the row that was a blank line before the chapters: their addresses stay as they were
        for ch in (self.fmt.preface, *self.fmt.chapters):
            self._info_label(ws, row, ch.title)
            if ch.kind == "narrative":
                text = report.narrative.get(ch.id, "")
                c = put_text(ws, row, 2, text)
                c.font, c.alignment, c.border = st.value, st.align_text, st.border
                lines = line_count(text, INFO_TEXT_WIDTH) if text else 1
                ws.row_dimensions[row].height = min(
                    409.0, max(lines, line_count(ch.title, INFO_LABEL_WIDTH)) * LINE_PT + 6
                )
                self.map_rows.append(("text", ch.id, ws.title, f"B{row}", "", ""))
            else:
                target = names[ch.table or ""]
                c = put_text(ws, row, 2, f"见工作表“{target}”")
                c.hyperlink = Hyperlink(ref=f"B{row}", location=f"'{target}'!A1", display=c.value)
                c.font = st.link
                c.alignment, c.border = st.align_label, st.border
                ws.row_dimensions[row].height = line_count(ch.title, INFO_LABEL_WIDTH) * LINE_PT + 6
            row += 1
        ws.freeze_panes = "A3"
        self._print_setup(ws, landscape=False, last=f"B{row - 1}")

    def _info_label(self, ws: Worksheet, row: int, text: str) -> None:
        c = put_text(ws, row, 1, text)
        c.font, c.alignment, c.border, c.fill = self.st.header, self.st.align_label, self.st.border, self.st.fill_header

    def _table_sheet(self, ws: Worksheet, table: Table) -> None:
        from openpyxl.formatting.rule import FormulaRule
        from openpyxl.styles import Font, PatternFill
        from openpyxl.worksheet.cell_range import MultiCellRange
        from openpyxl.worksheet.datavalidation import DataValidation

        st, fmt, report = self.st, self.fmt, self.report
        n_cols = table.n_cols
        last_col = col_letter(GRID_LEFT + n_cols - 1)
        widths = _column_widths(table)
        for i, w in enumerate(widths):
            ws.column_dimensions[col_letter(GRID_LEFT + i)].width = w

        chapter = next(ch for ch in fmt.chapters if ch.table == table.id)
        title = put_text(ws, 1, GRID_LEFT, chapter.title)
        title.font, title.alignment = st.title, st.align_center
        ws.merge_cells(f"A1:{last_col}1")
        ws.row_dimensions[1].height = 28
        has_totals = any(fmt.cells[cid].computed for cid in table.cells)
        note = put_text(ws, 2, GRID_LEFT, TOTALS_NOTE if has_totals else TABLE_NOTE)
        note.font, note.alignment = st.note, st.align_label
        ws.row_dimensions[2].height = line_count(str(note.value), sum(widths) * 1.4) * 12 + 4  # 9 pt text
        ws.merge_cells(f"A2:{last_col}2")

        # borders on every slot first, so merged regions keep their edges
        for r in range(table.n_rows):
            for c in range(n_cols):
                ws.cell(row=GRID_TOP + r, column=GRID_LEFT + c).border = st.border

        derive_by_target = {rule.lhs[0].cell: rule for rule in fmt.derive_order if rule.table == table.id}
        addrs = cell_addresses(table)
        validation: dict[ValueKind, list[str]] = {}
        heights = [0.0] * table.n_rows
        for it in table.items:
            r, c = GRID_TOP + it.row, GRID_LEFT + it.col
            if it.role == "value" and it.cell:
                cell = ws.cell(row=r, column=c)
                self._value_cell(cell, table, it, derive_by_target.get(it.cell), validation)
                cell.border = st.border
            else:
                cell = put_text(ws, r, c, it.text)
                cell.border = st.border
                if it.role == "header":
                    cell.font, cell.alignment, cell.fill = st.header, st.align_center, st.fill_header
                elif it.role == "caption":
                    cell.font, cell.alignment, cell.fill = st.caption, st.align_label, st.fill_header
                else:
                    cell.font, cell.alignment = st.label, st.align_label
                span_width = sum(widths[it.col : it.col + it.colspan])
                need = line_count(it.text, span_width) * LINE_PT + 6
                for k in range(it.rowspan):
                    heights[it.row + k] = max(heights[it.row + k], need / it.rowspan)
            if it.rowspan > 1 or it.colspan > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + it.rowspan - 1, end_column=c + it.colspan - 1)
        for i, h in enumerate(heights):
            ws.row_dimensions[GRID_TOP + i].height = max(20.0, h)
        for cid in table.cells:
            blank = "1" if report.values.get(cid) is None else ""
            self.map_rows.append(("cell", cid, ws.title, addrs[cid], blank, report.units.get(cid, "")))

        # data validation on input cells, one rule per value kind
        for kind, refs in validation.items():
            etitle, emsg, vtype, op, f1, f2 = VALIDATIONS[kind]
            dv = DataValidation(
                type=vtype, operator=op, formula1=f1, formula2=f2, allow_blank=True,
                showErrorMessage=True, errorStyle="stop", errorTitle=etitle, error=emsg,
            )  # fmt: skip
            dv.sqref = MultiCellRange(" ".join(refs))
            ws.add_data_validation(dv)

        last_row = GRID_TOP + table.n_rows - 1
        for base, rules in check_rules(fmt, table.id).items():
            last_row += 1
            ws.row_dimensions[last_row].height = 36
            label_cols = max(table.label_cols, 1)
            label = put_text(ws, last_row, GRID_LEFT, f"校验（{rules[0].title}）")
            label.font, label.alignment = st.header, st.align_label
            for c in range(label_cols):
                ws.cell(row=last_row, column=GRID_LEFT + c).border = st.border
            if label_cols > 1:
                ws.merge_cells(
                    start_row=last_row, start_column=GRID_LEFT, end_row=last_row, end_column=GRID_LEFT + label_cols - 1
                )
            cols = []
            for rule in rules:
                col = _slot(table, rule.focus)[1]
                cols.append(col)
                cell = ws.cell(row=last_row, column=col, value=check_formula(table, rule))
                cell.font, cell.alignment, cell.border = st.value, st.align_center, st.border
            first = f"{col_letter(min(cols))}{last_row}"
            rng = f"{first}:{col_letter(max(cols))}{last_row}"
            ws.conditional_formatting.add(
                rng,
                FormulaRule(
                    formula=[f'ISNUMBER(SEARCH("不平衡",{first}))'],
                    font=Font(color="C00000", bold=True),
                    fill=PatternFill("solid", fgColor="FFE0E0", bgColor="FFE0E0"),
                ),
            )
            ws.conditional_formatting.add(rng, FormulaRule(formula=[f'{first}="平衡"'], font=Font(color="2E7D32")))
            self.map_rows.append(("check", base, ws.title, rng, "", ""))

        ws.freeze_panes = f"{col_letter(GRID_LEFT + table.label_cols)}{GRID_TOP + table.header_rows}"
        if table.header_rows:
            ws.print_title_rows = f"{GRID_TOP}:{GRID_TOP + table.header_rows - 1}"
        self.map_rows.append(("sheet", table.id, ws.title, grid_address(table, 0, 0), "", ""))
        self._print_setup(ws, landscape=sum(widths) > 130, last=f"{last_col}{last_row}")

    def _value_cell(
        self, cell: Any, table: Table, it: GridItem, rule: Rule | None, validation: dict[ValueKind, list[str]]
    ) -> None:
        st, report = self.st, self.report
        cid = it.cell or ""
        spec = self.fmt.cells[cid]
        cell.alignment = st.align_center
        formula = total_formula(table, rule) if rule is not None and spec.computed else None
        if formula is not None:
            cell.value = formula
            cell.font, cell.fill = st.total, st.fill_total
        else:
            value = report.values.get(cid)
            cell.value = _excel_number(value if value is not None else 0)
            cell.font = st.value
            validation.setdefault(spec.kind, []).append(cell.coordinate)
            if spec.computed:
                cell.fill = st.fill_total
        if spec.kind is ValueKind.MONEY:
            unit = report.unit(cid)
            # the header names the unit when only one is allowed; otherwise show it after the amount
            places = decimal_places(report.values.get(cid, 0)) if formula is None else 0
            cell.number_format = _money_format(unit if len(spec.units) > 1 else "", places)
        elif spec.kind is ValueKind.SIGNED:
            cell.number_format = SIGNED_FORMAT
        else:
            cell.number_format = COUNT_FORMAT

    def _print_setup(self, ws: Worksheet, landscape: bool, last: str) -> None:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.print_area = f"A1:{last}"
        ws.protection.sheet = False

    def _marker_sheet(self) -> None:
        ws = self.wb.create_sheet(MARKER_SHEET)
        ws.sheet_state = "veryHidden"
        report = self.report
        ws["A1"], ws["B1"] = MARKER, LAYOUT_VERSION
        put_text(ws, 1, 3, "年报助手导出文件的识别信息，导入时使用，请勿修改或删除本工作表。")
        rows: list[tuple[str, str]] = [
            ("format", report.format_id),
            ("app", __version__),
            ("accepted", json.dumps(report.accepted, ensure_ascii=False, sort_keys=True)),
            ("previous", json.dumps(_previous_json(report), ensure_ascii=False)),
        ]
        for i, (key, value) in enumerate(rows, start=2):
            put_text(ws, i, 1, key)
            put_text(ws, i, 2, value)
        for j, name in enumerate(MAP_HEADER, start=1):
            put_text(ws, MAP_FIRST_ROW - 1, j, name)
        for i, map_row in enumerate(self.map_rows, start=MAP_FIRST_ROW):
            for j, text in enumerate(map_row, start=1):
                if text:
                    put_text(ws, i, j, text)


def _previous_json(report: Report) -> dict[str, Any] | None:
    p = report.previous
    if p is None:
        return None
    return {
        "format": p.format_id,
        "year": p.year,
        "values": {c: v if isinstance(v, int) else format_value(v, ValueKind.MONEY) for c, v in p.values.items()},
    }


def _column_widths(table: Table) -> list[float]:
    """Label columns fit their longest single-column label (max 40); value columns their headers."""
    widths = [0.0] * table.n_cols
    for it in table.items:
        if it.colspan != 1 or not it.text:
            continue
        if it.role == "label":
            need = text_width(it.text) / it.rowspan + 2 if it.rowspan > 1 else text_width(it.text) + 2
            widths[it.col] = max(widths[it.col], min(40.0, need))
        elif it.role == "header" and it.col >= table.label_cols:
            widths[it.col] = max(widths[it.col], min(12.0, text_width(it.text) / 2 + 2))
    out = []
    for i, w in enumerate(widths):
        floor = 8.0 if i < table.label_cols else 10.0
        out.append(round(max(floor, w), 1))
    return out


def workbook(report: Report) -> Workbook:
    """The workbook for a report (not saved)."""
    return _Builder(report).build()


def xlsx_bytes(report: Report) -> bytes:
    buf = io.BytesIO()
    workbook(report).save(buf)
    return buf.getvalue()


EXCEL_CELL_LIMIT: Final = 32_767  # characters Excel keeps in one cell; it cuts the rest when opening the file


def check_cell_limit(report: Report) -> None:
    """A chapter longer than an Excel cell holds is refused with a message, not cut silently by Excel."""
    for ch in report.fmt.narrative_chapters:
        n = len(report.narrative.get(ch.id, ""))
        if n > EXCEL_CELL_LIMIT:
            raise StorageError(
                f"“{ch.title}”有 {n:,} 个字符，超过了 Excel 单元格最多 {EXCEL_CELL_LIMIT:,} 个字符的上限，"
                "导出后会被 Excel 截断，因此没有导出。请缩短该章，或导出为 Word、PDF。"
            )


def write_xlsx(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the report as .xlsx atomically (raises StorageError with a Chinese message)."""
    check_cell_limit(report)
    write_atomic(Path(path), xlsx_bytes(report))


__all__ = ["workbook", "write_xlsx", "xlsx_bytes"]
