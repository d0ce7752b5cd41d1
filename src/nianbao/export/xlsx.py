"""Report -> .xlsx: the official tables with merged headers, live 总计 formulas, checks and validations.

Layout (version ``LAYOUT_VERSION``): a sheet 基本信息与正文 (metadata, the 前言 and the narrative chapters, one row
per paragraph), one sheet per table (title in row 1, a note in row 2, the grid from row 3), and a very hidden sheet
``_nianbao`` that maps every cell id, metadata field and chapter to its sheet and address (a range for a text of
several paragraphs), so ``importers.xlsx`` can read it back.

Written with XlsxWriter (openpyxl reads them back): every formula carries its computed value, so previews, phone
viewers and scripts see the totals and the check row without recalculating. A total is a formula only where the
stated total equals its parts; otherwise the stated number is written as it is, as ``check`` evaluates it. Sheets
are protected without a password: labels, totals and checks are locked, input cells unlocked.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from nianbao import __version__
from nianbao.core.computed import derived_value
from nianbao.core.findings import table_name
from nianbao.core.report import LEVELS, Report
from nianbao.core.storage import StorageError, write_atomic
from nianbao.core.values import MAX_ABS, Value, decimal_places, format_value, places_for
from nianbao.definition import ReportFormat, Rule, Severity, Table
from nianbao.definition.model import GridItem, ValueKind

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

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
    ValueKind.COUNT: ("件数有误", "请填写 0 或正整数（件数）。", "whole", ">=", "0", None),
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
        "请填写不小于 0 的金额，最多 {places} 位小数。",  # the decimals of the cell's unit (places_for)
        "custom",
        "",
        "=AND(ISNUMBER({ref}),{ref}>=0,{ref}<" + str(MAX_ABS) + ",ROUND({ref},{places})={ref})",
        None,
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
    """1 -> A, 27 -> AA (1-based column number)."""
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


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


def check_value_text(rule: Rule, values: dict[str, Value]) -> str:
    """The check formula's value for the numbers written (what Excel and LibreOffice compute)."""

    def side(terms: Iterable[Any]) -> Value:
        total: Value = 0
        for t in terms:
            total += t.sign * values.get(t.cell, 0)
        return total

    diff = side(rule.lhs) - side(rule.rhs)
    return "平衡" if diff == 0 else f"不平衡\n差{_excel_number(diff)}"


# --- writing -----------------------------------------------------------------------------------
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text)


def _excel_number(value: Value | int) -> int | float:
    if isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def _money_format(unit_suffix: str, places: int = 0) -> str:
    """7545 -> 0, 24252.311082 -> 0.000000: Excel prints the amount exactly as format_value does."""
    number = MONEY_FORMAT + ("." + "0" * places if places else "")
    return f'{number}"{unit_suffix}"' if unit_suffix else number


BASE: Final = {"font_name": FONT_NAME, "font_size": 11, "valign": "vcenter"}
BORDER: Final = {"border": 1, "border_color": "#000000"}


class _Builder:
    def __init__(self, report: Report, buf: io.BytesIO) -> None:
        from xlsxwriter import Workbook

        self.report = report
        self.fmt = report.fmt
        self.wb: Workbook = Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        self.map_rows: list[tuple[str, str, str, str, str, str]] = []
        self._formats: dict[tuple[tuple[str, Any], ...], Format] = {}

    def style(self, **props: Any) -> Format:
        """One Format per distinct set of properties (locked unless ``locked=False``)."""
        key = tuple(sorted({**BASE, **props}.items()))
        f = self._formats.get(key)
        if f is None:
            f = self._formats[key] = self.wb.add_format(dict(key))
        return f

    # -- sheets
    def build(self) -> None:
        names = {tid: sheet_name(self.fmt, tid) for tid in self.fmt.tables}
        self._info_sheet(self.wb.add_worksheet(INFO_SHEET), names)
        for tid, table in self.fmt.tables.items():
            self._table_sheet(self.wb.add_worksheet(names[tid]), table)
        self._marker_sheet()
        self.wb.set_properties(
            {
                "title": self.report.title(),
                "author": self.report.meta.issuer or "年报助手",
                "company": self.report.meta.issuer,
                "comments": "年报助手导出",
            }
        )
        self.wb.close()

    def text(self, ws: Worksheet, row: int, col: int, text: str, style: Format) -> None:
        """Text that stays text (0-based row/col): a leading '=' never turns it into a formula."""
        ws.write_string(row, col, _clean(text), style)

    def _info_sheet(self, ws: Worksheet, names: dict[str, str]) -> None:
        report = self.report
        ws.set_column(0, 0, INFO_LABEL_WIDTH)
        ws.set_column(1, 1, INFO_TEXT_WIDTH)
        ws.merge_range(0, 0, 0, 1, "", self.style(bold=True, font_size=14, align="center", text_wrap=True))
        self.text(ws, 0, 0, report.title(), self.style(bold=True, font_size=14, align="center", text_wrap=True))
        ws.set_row(0, 28)
        note = self.style(font_size=9, font_color="#595959")
        ws.merge_range(1, 0, 1, 1, "", note)
        self.text(ws, 1, 0, INFO_NOTE, note)
        label = self.style(bold=True, align="left", text_wrap=True, bg_color="#" + HEADER_FILL, **BORDER)
        field = self.style(align="left", text_wrap=True, locked=False, **BORDER)
        row = 2  # 0-based: sheet row 3
        meta_rows: dict[str, int] = {}
        values: dict[str, str | int] = {
            "issuer": report.meta.issuer,
            "year": report.meta.year,
            "level": report.meta.level,
            "contact": report.meta.contact,
        }
        for key, caption in META_FIELDS:
            self.text(ws, row, 0, caption, label)
            meta_rows[key] = row
            value = values[key]
            if isinstance(value, int):
                ws.write_number(row, 1, value, self.style(align="left", num_format="0", locked=False, **BORDER))
            else:
                self.text(ws, row, 1, value, field)
            self.map_rows.append(("meta", key, INFO_SHEET, f"B{row + 1}", "", ""))
            ws.set_row(row, 20)
            row += 1
        self.text(ws, row, 0, FORMAT_LABEL, label)
        self.text(ws, row, 1, self.fmt.name, self.style(align="left", text_wrap=True, **BORDER))
        ws.set_row(row, 20)
        row += 1
        ws.data_validation(
            meta_rows["year"], 1, meta_rows["year"], 1,
            {"validate": "integer", "criteria": "between", "minimum": 1990, "maximum": 2100,
             "error_title": "报告年度有误", "error_message": "请填写四位数的报告年度，例如 2024。"},
        )  # fmt: skip
        ws.data_validation(
            meta_rows["level"], 1, meta_rows["level"], 1,
            {"validate": "list", "source": list(LEVELS), "show_error": False},
        )  # fmt: skip

        # the 前言 takes the row that was a blank line before the chapters; a chapter's text takes one row per
        # paragraph (a long 总体情况 in one cell would pass Excel's 409 pt row height and be cut off in print)
        text_style = self.style(align="left", valign="top", text_wrap=True, locked=False, **BORDER)
        link = self.style(font_color="#0563C1", underline=1, align="left", **BORDER)
        for ch in (self.fmt.preface, *self.fmt.chapters):
            if ch.kind == "narrative":
                text = report.narrative.get(ch.id, "").replace("\r\n", "\n")
                # the 前言 (a short text) stays in one cell, so 一、总体情况 always starts in B9
                paragraphs = [text] if ch is self.fmt.preface else text.split("\n")
                first, last = row, row + len(paragraphs) - 1
                for para in paragraphs:
                    self.text(ws, row, 1, para, text_style)
                    ws.set_row(row, min(409.0, line_count(para, INFO_TEXT_WIDTH) * LINE_PT + 6))
                    row += 1
                if last > first:
                    ws.merge_range(first, 0, last, 0, "", label)
                self.text(ws, first, 0, ch.title, label)
                need = line_count(ch.title, INFO_LABEL_WIDTH) * LINE_PT + 6
                if last == first:
                    ws.set_row(first, min(409.0, max(need, line_count(paragraphs[0], INFO_TEXT_WIDTH) * LINE_PT + 6)))
                where = f"B{first + 1}" if last == first else f"B{first + 1}:B{last + 1}"
                self.map_rows.append(("text", ch.id, INFO_SHEET, where, "", ""))
            else:
                self.text(ws, row, 0, ch.title, label)
                target = names[ch.table or ""]
                ws.write_url(row, 1, f"internal:'{target}'!A1", link, string=f"见工作表“{target}”")
                ws.set_row(row, line_count(ch.title, INFO_LABEL_WIDTH) * LINE_PT + 6)
                row += 1
        ws.freeze_panes(2, 0)
        self._print_setup(ws, landscape=False, last_row=row - 1, last_col=1)
        ws.protect("", {"format_columns": True, "format_rows": True})  # labels locked, fields and texts not

    def _table_sheet(self, ws: Worksheet, table: Table) -> None:
        fmt, report = self.fmt, self.report
        n_cols = table.n_cols
        last_col = GRID_LEFT + n_cols - 2  # 0-based
        widths = _column_widths(table)
        for i, w in enumerate(widths):
            ws.set_column(GRID_LEFT - 1 + i, GRID_LEFT - 1 + i, w)

        chapter = next(ch for ch in fmt.chapters if ch.table == table.id)
        title = self.style(bold=True, font_size=14, align="center", text_wrap=True)
        ws.merge_range(0, 0, 0, last_col, "", title)
        self.text(ws, 0, 0, chapter.title, title)
        ws.set_row(0, 28)
        has_totals = any(fmt.cells[cid].computed for cid in table.cells)
        note_text = TOTALS_NOTE if has_totals else TABLE_NOTE
        note = self.style(font_size=9, font_color="#595959", align="left", text_wrap=True)
        ws.merge_range(1, 0, 1, last_col, "", note)
        self.text(ws, 1, 0, note_text, note)
        ws.set_row(1, line_count(note_text, sum(widths) * 1.4) * 12 + 4)  # 9 pt text

        values = self._sheet_values(table)
        derive_by_target = {rule.lhs[0].cell: rule for rule in fmt.derive_order if rule.table == table.id}
        addrs = cell_addresses(table)
        validation: dict[ValueKind, list[tuple[int, int]]] = {}
        money_cells = {
            (GRID_TOP - 1 + it.row, GRID_LEFT - 1 + it.col): it.cell
            for it in table.items
            if it.cell and fmt.cells[it.cell].kind is ValueKind.MONEY
        }
        heights = [0.0] * table.n_rows
        fill_header = {"bg_color": "#" + HEADER_FILL}
        for it in table.items:
            r, c = GRID_TOP - 1 + it.row, GRID_LEFT - 1 + it.col
            merged = it.rowspan > 1 or it.colspan > 1
            if it.role == "value" and it.cell:
                rule = derive_by_target.get(it.cell)
                if merged:  # the border and lock of the whole region; the value goes into its first cell
                    ws.merge_range(r, c, r + it.rowspan - 1, c + it.colspan - 1, "", self.style(**BORDER))
                self._value_cell(ws, r, c, table, it, rule, values, validation)
                continue
            if it.role == "header":
                style = self.style(bold=True, align="center", text_wrap=True, **fill_header, **BORDER)
            elif it.role == "caption":
                style = self.style(bold=True, align="left", text_wrap=True, **fill_header, **BORDER)
            else:
                style = self.style(align="left", text_wrap=True, **BORDER)
            if merged:
                ws.merge_range(r, c, r + it.rowspan - 1, c + it.colspan - 1, "", style)
            self.text(ws, r, c, it.text, style)
            span_width = sum(widths[it.col : it.col + it.colspan])
            need = line_count(it.text, span_width) * LINE_PT + 6
            for k in range(it.rowspan):
                heights[it.row + k] = max(heights[it.row + k], need / it.rowspan)
        for i, h in enumerate(heights):
            ws.set_row(GRID_TOP - 1 + i, max(20.0, h))
        for cid in table.cells:
            blank = "1" if report.values.get(cid) is None else ""
            self.map_rows.append(("cell", cid, ws.get_name(), addrs[cid], blank, report.units.get(cid, "")))

        # data validation on input cells, one rule per value kind (money: one per cell, for its decimals)
        for kind, places in validation.items():
            etitle, emsg, vtype, op, f1, f2 = VALIDATIONS[kind]
            opts: dict[str, Any] = {"error_title": etitle, "error_message": emsg, "ignore_blank": True}
            if vtype == "custom":  # money: the decimals of each cell's unit
                for r, c in places:
                    ref = f"{col_letter(c + 1)}{r + 1}"
                    n = places_for(report.unit(money_cells[(r, c)]))
                    ws.data_validation(
                        r, c, r, c,
                        {**opts, "error_message": emsg.format(places=n), "validate": "custom",
                         "value": f1.format(ref=ref, places=n)},
                    )  # fmt: skip
                continue
            opts |= {"validate": "integer", "criteria": op}
            opts |= {"minimum": int(f1), "maximum": int(f2)} if f2 is not None else {"value": int(f1)}
            (r0, c0), rest = places[0], places[1:]
            if rest:
                opts["multi_range"] = " ".join(f"{col_letter(c + 1)}{r + 1}" for r, c in places)
            ws.data_validation(r0, c0, r0, c0, opts)

        last_row = GRID_TOP - 1 + table.n_rows - 1
        check_style = self.style(align="center", text_wrap=True, **BORDER)
        for base, rules in check_rules(fmt, table.id).items():
            last_row += 1
            ws.set_row(last_row, 36)
            label_cols = max(table.label_cols, 1)
            label = self.style(bold=True, align="left", text_wrap=True, **BORDER)
            if label_cols > 1:
                ws.merge_range(last_row, GRID_LEFT - 1, last_row, GRID_LEFT - 1 + label_cols - 1, "", label)
            self.text(ws, last_row, GRID_LEFT - 1, f"校验（{rules[0].title}）", label)
            cols = []
            for rule in rules:
                col = _slot(table, rule.focus)[1] - 1
                cols.append(col)
                ws.write_formula(last_row, col, check_formula(table, rule), check_style, check_value_text(rule, values))
            first = f"{col_letter(min(cols) + 1)}{last_row + 1}"
            bad = self.wb.add_format({"font_color": "#C00000", "bold": True, "bg_color": "#FFE0E0"})
            good = self.wb.add_format({"font_color": "#2E7D32"})
            span = (last_row, min(cols), last_row, max(cols))
            ws.conditional_format(*span, {"type": "formula", "criteria": f'=ISNUMBER(SEARCH("不平衡",{first}))',
                                          "format": bad})  # fmt: skip
            ws.conditional_format(*span, {"type": "formula", "criteria": f'={first}="平衡"', "format": good})
            rng = f"{first}:{col_letter(max(cols) + 1)}{last_row + 1}"
            self.map_rows.append(("check", base, ws.get_name(), rng, "", ""))

        ws.freeze_panes(GRID_TOP - 1 + table.header_rows, GRID_LEFT - 1 + table.label_cols)
        if table.header_rows:
            ws.repeat_rows(GRID_TOP - 1, GRID_TOP - 1 + table.header_rows - 1)
        self.map_rows.append(("sheet", table.id, ws.get_name(), grid_address(table, 0, 0), "", ""))
        self._print_setup(ws, landscape=sum(widths) > 130, last_row=last_row, last_col=last_col)
        ws.protect("", {"format_columns": True, "format_rows": True})  # no password: only against slips

    def _sheet_values(self, table: Table) -> dict[str, Value]:
        """The number in every value cell of the sheet: inputs as stated (blank 0), a total as its formula
        computes it where the stated total equals its parts, else as stated (what check evaluates)."""
        report = self.report
        values: dict[str, Value] = {cid: report.value(cid) for cid in table.cells}
        for rule in self.fmt.derive_order:
            target = rule.lhs[0].cell
            if target in values and self._live_total(table, rule):
                values[target] = derived_value(rule, values)
        return values

    def _live_total(self, table: Table, rule: Rule) -> bool:
        """A total is written as a formula when it can be, and its stated value equals its parts."""
        stated = self.report.value(rule.lhs[0].cell)  # blank is 0, as check reads it
        return total_formula(table, rule) is not None and stated == derived_value(rule, self.report.values)

    def _value_cell(
        self,
        ws: Worksheet,
        r: int,
        c: int,
        table: Table,
        it: GridItem,
        rule: Rule | None,
        values: dict[str, Value],
        validation: dict[ValueKind, list[tuple[int, int]]],
    ) -> Format:
        report = self.report
        cid = it.cell or ""
        spec = self.fmt.cells[cid]
        if spec.kind is ValueKind.MONEY:
            # the header names the unit when only one is allowed; otherwise show it after the amount
            places = decimal_places(values[cid])
            num = _money_format(report.unit(cid) if len(spec.units) > 1 else "", places)
        elif spec.kind is ValueKind.SIGNED:
            num = SIGNED_FORMAT
        else:
            num = COUNT_FORMAT
        number = _excel_number(values[cid])
        if spec.computed and rule is not None and self._live_total(table, rule):
            style = self.style(align="center", bold=True, bg_color="#" + TOTAL_FILL, num_format=num, **BORDER)
            ws.write_formula(r, c, total_formula(table, rule) or "", style, number)
            return style
        fill = {"bg_color": "#" + TOTAL_FILL} if spec.computed else {}
        style = self.style(align="center", num_format=num, locked=False, **fill, **BORDER)
        ws.write_number(r, c, number, style)
        if not spec.computed:
            validation.setdefault(spec.kind, []).append((r, c))
        return style

    def _print_setup(self, ws: Worksheet, landscape: bool, last_row: int, last_col: int) -> None:
        ws.set_paper(9)  # A4
        if landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.print_area(0, 0, last_row, last_col)

    def _marker_sheet(self) -> None:
        ws = self.wb.add_worksheet(MARKER_SHEET)
        ws.very_hidden()
        report = self.report
        plain = self.style()
        self.text(ws, 0, 0, MARKER, plain)
        ws.write_number(0, 1, LAYOUT_VERSION, plain)
        self.text(ws, 0, 2, "年报助手导出文件的识别信息，导入时使用，请勿修改或删除本工作表。", plain)
        rows: list[tuple[str, str]] = [
            ("format", report.format_id),
            ("app", __version__),
            ("accepted", json.dumps(report.accepted, ensure_ascii=False, sort_keys=True)),
            ("previous", json.dumps(_previous_json(report), ensure_ascii=False)),
        ]
        for i, (key, value) in enumerate(rows, start=1):
            self.text(ws, i, 0, key, plain)
            self.text(ws, i, 1, value, plain)
        for j, name in enumerate(MAP_HEADER):
            self.text(ws, MAP_FIRST_ROW - 2, j, name, plain)
        for i, map_row in enumerate(self.map_rows, start=MAP_FIRST_ROW - 1):
            for j, text in enumerate(map_row):
                if text:
                    self.text(ws, i, j, text, plain)


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


def xlsx_bytes(report: Report) -> bytes:
    buf = io.BytesIO()
    _Builder(report, buf).build()
    return buf.getvalue()


EXCEL_CELL_LIMIT: Final = 32_767  # characters Excel keeps in one cell; it cuts the rest when opening the file


def check_cell_limit(report: Report) -> None:
    """A paragraph (or the 前言) longer than an Excel cell holds is refused with a message, not cut by Excel."""
    for ch in report.fmt.narrative_chapters:
        text = report.narrative.get(ch.id, "")
        n = max((len(p) for p in ([text] if ch is report.fmt.preface else text.split("\n"))), default=0)
        if n > EXCEL_CELL_LIMIT:
            raise StorageError(
                f"“{ch.title}”有一段 {n:,} 个字符，超过了 Excel 单元格最多 {EXCEL_CELL_LIMIT:,} 个字符的上限，"
                "导出后会被 Excel 截断，因此没有导出。请把该段分成几段，或导出为 Word、PDF。"
            )


def write_xlsx(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the report as .xlsx atomically (raises StorageError with a Chinese message)."""
    check_cell_limit(report)
    write_atomic(Path(path), xlsx_bytes(report))


__all__ = ["write_xlsx", "xlsx_bytes"]
