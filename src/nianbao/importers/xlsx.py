"""Read back a workbook written by ``export.xlsx`` (also after a user edited it in Excel or WPS).

The very hidden sheet ``_nianbao`` says where every cell, metadata field and chapter lives. Values may be
numbers, text ("１,２３４", "12.5万元"), or formulas with or without cached results: the SUM and +/- forms
we write are evaluated here; other formulas fall back to the value Excel cached when it saved.
"""

from __future__ import annotations

import io
import json
import os
import re
import warnings
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from nianbao.core import storage
from nianbao.core.findings import table_cell_place
from nianbao.core.report import Report
from nianbao.core.values import InvalidValue, Value, check_value, normalize, parse
from nianbao.definition import ReportFormat, format_ids, load_format
from nianbao.definition.model import CellSpec, ValueKind
from nianbao.export.xlsx import (
    GRID_LEFT,
    GRID_TOP,
    LAYOUT_VERSION,
    MAP_FIRST_ROW,
    MARKER,
    MARKER_SHEET,
    META_FIELDS,
)
from nianbao.importers.xml_parts import xml_chunks

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx
_REF = r"\$?[A-Z]{1,3}\$?[0-9]+"
_TERM = re.compile(rf"([+-]?)(SUM\([^()]*\)|{_REF}|[0-9]+(?:\.[0-9]+)?)")
_RANGE = re.compile(rf"^({_REF})(?::({_REF}))?$")
_QUOTED = re.compile(r'"([^"]*)"')


class ImportFailed(Exception):
    """A workbook that cannot be imported; str(exc) is a Chinese message for the user."""


@dataclass(frozen=True)
class _Place:
    sheet: str
    address: str
    blank: bool = False
    unit: str = ""


def read_xlsx(path: str | os.PathLike[str]) -> Report:
    p = Path(path)
    try:
        raw = storage.read_bytes(p, "Excel 文件", "（文件可能正被 Excel 或 WPS 打开）")
    except storage.StorageError as exc:
        raise ImportFailed(str(exc)) from None
    return loads_xlsx(raw, p.name)


# A workbook we exported is ~20 KB (largest part ~60 KB of XML). Anything far beyond is refused before parsing,
# by the sizes the zip declares (zipfile never inflates an entry past its declared size).
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
MAX_XML_PART = 2 * 1024 * 1024  # one sheet, shared strings, styles...
MAX_UNPACKED = 40 * 1024 * 1024
MAX_PARTS = 500
MAX_RATIO = 100  # compression ratio of a part over 1 MB (zip bombs reach thousands)
# openpyxl builds every cell of every sheet (twice: formulas, then the results Excel cached), ~25 us a cell here,
# and parses every other part whole. Our export has ~1 400 cells and ~4 500 elements in all; Excel or WPS add
# styles when saving. 220 000 cells under the part bounds above took 5.9 s; at these bounds reading takes < 1 s.
MAX_CELLS = 20_000
MAX_ELEMENTS = 100_000
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_ELEMENT = re.compile(rb"<[A-Za-z_]")
MAX_FORMULA_DEPTH = 40  # formulas referring to formulas: our totals are two levels deep


def loads_xlsx(raw: bytes, name: str = "文件") -> Report:
    name = _shown(name)
    try:
        return _Reader(raw, name).read()
    except ImportFailed:
        raise
    except (RecursionError, MemoryError, zipfile.BadZipFile, EOFError, OSError):
        raise ImportFailed(f"“{name}”无法打开，文件可能已损坏，或内容异常复杂。") from None
    except Exception as exc:
        # the parse boundary: zipfile and openpyxl raise many types for damaged files (NotImplementedError for an
        # unknown zip version, KeyError for a missing part...); each still gets a message
        raise ImportFailed(
            f"“{name}”的内容无法识别（{type(exc).__name__}），可能已损坏，或不是年报助手导出的 Excel 文件。"
        ) from None


def _check_zip(raw: bytes, name: str) -> None:
    """Refuse by the zip's own declarations, before any XML is parsed."""
    too_big = f"“{name}”过大或结构异常，不像是年报助手导出的 Excel 文件，没有导入。"
    if len(raw) > MAX_WORKBOOK_BYTES:
        raise ImportFailed(too_big)
    try:
        infos = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFailed(f"“{name}”无法打开，文件可能已损坏，或不是 Excel（.xlsx）文件。") from None
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise ImportFailed(too_big)
    for info in infos:
        xml = info.filename.endswith((".xml", ".rels", ".vml"))
        ratio = info.file_size / max(info.compress_size, 1)
        if (xml and info.file_size > MAX_XML_PART) or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise ImportFailed(too_big)
    cells = elements = 0
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        for info in infos:
            for data in xml_chunks(zf, info):
                cells += len(_CELL.findall(data))
                elements += len(_ELEMENT.findall(data))
                if cells > MAX_CELLS or elements > MAX_ELEMENTS:
                    raise ImportFailed(too_big)


def _load(raw: bytes, data_only: bool) -> Workbook:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        # WPS and Excel add extensions openpyxl does not know ("Data Validation extension is not supported")
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\..*)?$")
        return load_workbook(io.BytesIO(raw), data_only=data_only)


class _Reader:
    def __init__(self, raw: bytes, name: str) -> None:
        self.raw, self.name = raw, name
        self.not_ours = f"“{name}”不是年报助手导出的 Excel 文件，无法导入。请选择用年报助手“导出 Excel”得到的文件。"
        self._cached: Workbook | None = None
        self._memo: dict[tuple[str, str], Decimal | None] = {}
        self._busy: set[tuple[str, str]] = set()
        self._spec_at: dict[tuple[str, str], CellSpec] = {}
        self._bounds: dict[str, tuple[int, int]] = {}  # sheet -> (last column, last row) of the template

    # -- opening
    def _open(self) -> Workbook:
        if not zipfile.is_zipfile(io.BytesIO(self.raw)):
            if self.raw.startswith(_OLE_MAGIC):
                raise ImportFailed(
                    f"“{self.name}”是旧版 Excel（.xls）文件或设置了打开密码，无法导入。"
                    "请在 Excel 或 WPS 中取消密码并另存为 .xlsx 格式后再试。"
                )
            raise ImportFailed(f"“{self.name}”不是 Excel（.xlsx）文件，无法导入。")
        _check_zip(self.raw, self.name)
        try:
            return _load(self.raw, data_only=False)
        except Exception:  # openpyxl raises many types (KeyError, BadZipFile, ValueError...) for broken files
            raise ImportFailed(f"“{self.name}”无法打开，文件可能已损坏，或不是 Excel（.xlsx）文件。") from None

    def _cached_value(self, sheet: str, address: str) -> Any:
        """The result Excel or WPS stored with a formula when saving (None if never calculated)."""
        if self._cached is None:
            try:
                self._cached = _load(self.raw, data_only=True)
            except Exception:  # the cached results are only a fallback
                return None
        return self._cached[sheet][address].value

    # -- the marker sheet
    def read(self) -> Report:
        wb = self._open()
        self.wb = wb
        if MARKER_SHEET not in wb.sheetnames:
            raise ImportFailed(self.not_ours)
        ms = wb[MARKER_SHEET]
        if ms["A1"].value != MARKER:
            raise ImportFailed(self.not_ours)
        version = ms["B1"].value
        if not isinstance(version, int) or version < 1:
            raise ImportFailed(f"{self.not_ours}（识别信息已损坏）")
        if version > LAYOUT_VERSION:
            raise ImportFailed(f"“{self.name}”由更新版本的年报助手导出，当前版本无法导入。请升级年报助手后再试。")
        settings: dict[str, str] = {}
        places: dict[tuple[str, str], _Place] = {}
        order: list[str] = []
        for row in ms.iter_rows(min_row=2, max_row=MAP_FIRST_ROW - 2, max_col=2, values_only=True):
            if isinstance(row[0], str) and row[1] is not None:
                settings[row[0]] = str(row[1])
        for row in ms.iter_rows(min_row=MAP_FIRST_ROW, max_col=6, values_only=True):
            key = row[0]
            if isinstance(key, str) and isinstance(row[1], str) and isinstance(row[2], str) and isinstance(row[3], str):
                ok = _text_rows(row[3]) is not None if key == "text" else _cell_position(row[3]) is not None
                if key in ("meta", "text", "cell", "sheet") and not ok:
                    raise ImportFailed(f"{self.not_ours}（识别信息已损坏）")
                places[(key, row[1])] = _Place(row[2], row[3], row[4] == "1", str(row[5] or ""))
                if row[2] not in order:
                    order.append(row[2])
        fid = settings.get("format")
        if fid not in format_ids():
            raise ImportFailed(f"“{self.name}”使用了未知的报告格式“{_shown(fid)}”，无法导入。")
        fmt = load_format(fid)
        self.fmt = fmt
        self.sheets = self._resolve_sheets(order)
        for place in places.values():  # the template's extent per sheet: formulas reaching beyond are not ours
            position = _cell_position(place.address)
            if position is not None and place.sheet in self.sheets:
                col, row_ = self._bounds.get(self.sheets[place.sheet], (0, 0))
                self._bounds[self.sheets[place.sheet]] = (max(col, position[0]), max(row_, position[1]))
        self._check_structure(fmt, places)

        data: dict[str, Any] = {storage.MAGIC: storage.FILE_VERSION, "format": fid}
        meta: dict[str, Any] = {}
        for key, label in META_FIELDS:
            place = self._place(places, "meta", key)
            raw = self._ws(place.sheet)[place.address].value
            meta[key] = self._year(raw, place, label) if key == "year" else _as_text(raw)
        data["meta"] = meta
        narrative = {}
        for ch in fmt.narrative_chapters:
            if ch.id == fmt.preface.id and ("text", ch.id) not in places:
                continue  # a workbook exported before the 前言 existed: it stays empty
            place = self._place(places, "text", ch.id)
            narrative[ch.id] = self._text_at(place)
        data["narrative"] = narrative

        for cid, spec in fmt.cells.items():
            place = self._place(places, "cell", cid)
            self._spec_at[(self.sheets[place.sheet], place.address)] = spec
        values: dict[str, int | str] = {}
        units: dict[str, str] = {}
        for cid, spec in fmt.cells.items():
            place = places[("cell", cid)]
            value, unit = self._cell(fmt, spec, place)
            if value is not None and not (place.blank and value == 0):
                values[cid] = value if isinstance(value, int) else format(value, "f")
            if spec.units and (place.unit or (unit and unit != spec.unit)):
                units[cid] = unit or place.unit
        data["values"] = values
        data["units"] = units
        try:
            data["accepted"] = json.loads(settings.get("accepted", "{}"))
            data["previous"] = json.loads(settings.get("previous", "null"))
            return storage.from_json(data, self.name)
        except (json.JSONDecodeError, storage.StorageError):
            raise ImportFailed(f"{self.not_ours}（识别信息已损坏）") from None

    def _place(self, places: dict[tuple[str, str], _Place], kind: str, key: str) -> _Place:
        place = places.get((kind, key))
        if place is None or place.sheet not in self.sheets:
            raise ImportFailed(f"{self.not_ours}（识别信息不完整）")
        return place

    def _resolve_sheets(self, order: list[str]) -> dict[str, str]:
        """Exported sheet name -> current name; a renamed sheet is found by its position."""
        visible = [ws.title for ws in self.wb.worksheets if ws.title != MARKER_SHEET]
        out = {}
        for i, title in enumerate(order):
            if title in visible:
                out[title] = title
            elif i < len(visible) and visible[i] not in order:
                out[title] = visible[i]
            else:
                raise ImportFailed(f"“{self.name}”缺少工作表“{title}”，无法导入。请使用年报助手重新导出后再填写。")
        return out

    def _ws(self, exported_title: str) -> Worksheet:
        return self.wb[self.sheets[exported_title]]

    def _text_at(self, place: _Place) -> str:
        """A text cell, or a column range holding one paragraph per row (joined with newlines)."""
        ws = self._ws(place.sheet)
        span = _text_rows(place.address)
        assert span is not None  # checked when the map was read
        col, first, last = span
        return "\n".join(_as_text(ws.cell(row=r, column=col).value) for r in range(first, last + 1))

    def _check_structure(self, fmt: ReportFormat, places: dict[tuple[str, str], _Place]) -> None:
        """Every printed label must still be where we wrote it (rows or columns inserted would shift them)."""
        from openpyxl.utils import get_column_letter

        for tid, table in fmt.tables.items():
            place = places.get(("sheet", tid))
            if place is None or place.sheet not in self.sheets:
                raise ImportFailed(f"{self.not_ours}（识别信息不完整）")
            ws = self._ws(place.sheet)
            for it in table.items:
                if it.role == "value":
                    continue
                address = f"{get_column_letter(GRID_LEFT + it.col)}{GRID_TOP + it.row}"
                found = ws[address].value
                if normalize(str(found or "")) != normalize(it.text):
                    raise ImportFailed(
                        f"“{self.name}”中工作表“{ws.title}”的表格结构已被改动（{address} 应为“{it.text}”），"
                        "无法导入。请不要插入或删除行、列；可用年报助手重新导出后再填写数字。"
                    )

    # -- values
    def _year(self, raw: Any, place: _Place, label: str) -> int:
        try:
            value = check_value(_number(raw), ValueKind.COUNT)
        except InvalidValue:
            value = None
        if not isinstance(value, int) or not 1 <= value <= 9999:
            sheet = self.sheets[place.sheet]
            raise ImportFailed(f"“{self.name}”中工作表“{sheet}”{place.address} 单元格的{label}“{_shown(raw)}”无效。")
        return value

    def _cell(self, fmt: ReportFormat, spec: CellSpec, place: _Place) -> tuple[Value | None, str]:
        ws = self._ws(place.sheet)
        cell = ws[place.address]
        unit = ""
        if spec.units:
            found = [u for u in _QUOTED.findall(str(cell.number_format or "")) if u in spec.units]
            unit = found[0] if found else ""
            if isinstance(cell.value, str) and cell.data_type != "f":
                text = normalize(cell.value)
                unit = next((u for u in sorted(spec.units, key=len, reverse=True) if u and text.endswith(u)), unit)
        number = self._numeric(ws, place.address)
        try:
            return check_value(number, spec.kind), unit
        except InvalidValue as exc:
            raise self._bad(fmt, spec, ws, place.address, cell.value, str(exc)) from None

    def _bad(self, fmt: ReportFormat, spec: CellSpec, ws: Worksheet, address: str, raw: Any, reason: str) -> Exception:
        where = table_cell_place(fmt, spec)
        return ImportFailed(
            f"“{self.name}”中的数值有误：工作表“{ws.title}”{address} 单元格（{where}）的“{_shown(raw)}”：{reason}。"
        )

    def _numeric(self, ws: Worksheet, address: str) -> Decimal | None:
        """The number a cell holds: literal, text parsed like typed input, or a formula evaluated."""
        key = (ws.title, address)
        if key in self._memo:
            return self._memo[key]
        if key in self._busy:
            raise ImportFailed(f"“{self.name}”中工作表“{ws.title}”{address} 单元格的公式循环引用了自身，无法计算。")
        if len(self._busy) >= MAX_FORMULA_DEPTH:
            raise ImportFailed(f"“{self.name}”中工作表“{ws.title}”{address} 单元格的公式层层引用过深，无法计算。")
        self._busy.add(key)
        try:
            result = self._numeric_uncached(ws, address)
        finally:
            self._busy.discard(key)
        self._memo[key] = result
        return result

    def _numeric_uncached(self, ws: Worksheet, address: str) -> Decimal | None:
        cell = ws[address]
        raw = cell.value
        spec = self._spec_at.get((ws.title, address))
        if cell.data_type == "f" and isinstance(raw, str):
            value = self._formula(ws, raw)
            if value is None:
                value = _number(self._cached_value(ws.title, address))
            if value is None and spec is not None:
                raise self._bad(self.fmt, spec, ws, address, raw, "公式无法识别，请改为直接填写数字")
            return value
        if spec is None:  # a cell a user formula refers to; like Excel's SUM, text counts as nothing
            return None if isinstance(raw, str) else _number(raw)
        if isinstance(raw, str):
            try:
                parsed = parse(raw, spec.kind, spec.units)
            except InvalidValue as exc:
                raise self._bad(self.fmt, spec, ws, address, raw, str(exc)) from None
            return None if parsed is None else Decimal(parsed)
        if raw is None:
            return None
        number = _number(raw)
        if number is None:
            raise self._bad(self.fmt, spec, ws, address, raw, "不是有效的数字")
        return number

    def _formula(self, ws: Worksheet, formula: str) -> Decimal | None:
        """Evaluate =SUM(A1:A3,B4)+C5-7 style formulas; None for anything else."""
        expr = formula.lstrip("=").replace(" ", "").upper()
        terms = _TERM.findall(expr)
        if not expr or "".join(sign + body for sign, body in terms) != expr:
            return None
        total = Decimal(0)
        for sign, body in terms:
            if body.startswith("SUM("):
                value = Decimal(0)
                for arg in body[4:-1].split(","):
                    m = _RANGE.match(arg)
                    addresses = None if m is None else self._inside(ws, m.group(1), m.group(2) or m.group(1))
                    if addresses is None:
                        return None  # not a SUM our export writes: the cached result is used, if any
                    for addr in addresses:
                        value += self._numeric(ws, addr) or 0
            elif body[0].isdigit():
                if len(body) > 20:
                    return None
                value = Decimal(body)
            else:
                addresses = self._inside(ws, body, body)
                if addresses is None:
                    return None
                value = self._numeric(ws, addresses[0]) or Decimal(0)
            total += -value if sign == "-" else value
        return total

    def _inside(self, ws: Worksheet, a: str, b: str) -> list[str] | None:
        """The addresses of range a:b if it lies inside the sheet's template, else None (never expanded)."""
        from openpyxl.utils import get_column_letter

        first, last = _cell_position(a.replace("$", "")), _cell_position(b.replace("$", ""))
        max_col, max_row = self._bounds.get(ws.title, (0, 0))
        if first is None or last is None:
            return None
        (c1, r1), (c2, r2) = first, last
        c1, c2, r1, r2 = min(c1, c2), max(c1, c2), min(r1, r2), max(r1, r2)
        if c2 > max_col or r2 > max_row:
            return None
        return [f"{get_column_letter(c)}{r}" for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


_ADDRESS = re.compile(r"^([A-Z]{1,3})([1-9][0-9]{0,6})$")


MAX_TEXT_ROWS: Final = 5000  # paragraphs of one text; a larger range is not one we wrote


def _text_rows(address: str) -> tuple[int, int, int] | None:
    """(column, first row, last row) of a text's place: one cell, or rows of one column ("B9:B14"), else None."""
    ends = [_cell_position(a) for a in address.split(":")]
    if len(ends) > 2 or None in ends:
        return None
    (col, first), (col2, last) = ends[0], ends[-1]  # type: ignore[misc]
    return (col, first, last) if col == col2 and 0 <= last - first < MAX_TEXT_ROWS else None


def _cell_position(address: str) -> tuple[int, int] | None:
    """(column, row) of an A1 address within Excel's sheet size, else None."""
    m = _ADDRESS.match(address)
    if m is None:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    row = int(m.group(2))
    return (col, row) if col <= 16384 and row <= 1048576 else None


def _number(raw: Any) -> Decimal | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, str):
        try:
            value = parse(raw, ValueKind.SIGNED) if "." not in raw else parse(raw, ValueKind.MONEY)
        except InvalidValue:
            return None
        return None if value is None else Decimal(value)
    return None


def _as_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, float) and raw == int(raw):
        return str(int(raw))
    return str(raw)


def _shown(raw: Any) -> str:
    text = _as_text(raw)
    return text if len(text) <= 30 else text[:30] + "…"


__all__ = ["ImportFailed", "loads_xlsx", "read_xlsx"]
