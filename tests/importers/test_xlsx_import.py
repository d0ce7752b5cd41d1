"""Excel import: round trip, workbooks edited like a user would, and workbooks that are not ours."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from factories import filled_report
from nianbao.core.computed import derive
from nianbao.core.report import Report
from nianbao.definition import Table, ValueKind
from nianbao.export.xlsx import INFO_SHEET, MARKER_SHEET, sheet_name, write_xlsx
from nianbao.importers.xlsx import ImportFailed, loads_xlsx, read_xlsx
from nianbao.resources import load_example

TOP = 3


def addr(table: Table, cid: str) -> str:
    item = next(it for it in table.items if it.cell == cid)
    return f"{get_column_letter(item.col + 1)}{item.row + TOP}"


def varied_2019() -> Report:
    """The 2019 format with negative 本年增/减, money in 元, blanks, an explanation and last year's figures."""
    from nianbao.core.report import PreviousYear

    report = filled_report("gov2019")
    report.values["t2.license.change"] = -8
    report.values["t2.purchase.amount"] = Decimal("251000.5")
    report.units["t2.purchase.amount"] = "元"
    del report.values["t2.services.last"]
    report.accepted["S2.2:rules"] = "规章由市政府统一公开"
    report.previous = PreviousYear("gov2019", 2019, {"t3.forward.natural": 3, "t2.purchase.amount": Decimal("1.5")})
    report.meta.contact = "办公室 0571-12345678"
    report.narrative["ch6"] = "  前后有空格  \n\n空行之后\t制表符"
    return report


def round_trip_cases() -> list[Any]:
    return [
        pytest.param(filled_report("gov2021"), id="gov2021-filled"),
        pytest.param(load_example(), id="gov2019-example"),
        pytest.param(varied_2019(), id="gov2019-varied"),
    ]


def assert_same(a: Report, b: Report) -> None:
    assert (a.format_id, a.meta, a.narrative) == (b.format_id, b.meta, b.narrative)
    assert a.values == b.values
    assert {c: a.unit(c) for c in a.values} == {c: b.unit(c) for c in b.values}
    assert (a.units, a.accepted, a.previous) == (b.units, b.accepted, b.previous)
    assert a == b


@pytest.mark.parametrize("report", round_trip_cases())
def test_round_trip_is_identical(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    assert_same(read_xlsx(path), report)


def edit(path: Path, sheet: str, changes: dict[str, Any]) -> None:
    wb = openpyxl.load_workbook(path)
    for a, v in changes.items():
        wb[sheet][a].value = v
    wb.save(path)


@pytest.fixture
def exported_2021(tmp_path: Path) -> tuple[Report, Path]:
    report = filled_report("gov2021")
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    return report, path


def test_user_edits_text_numbers_and_totals_follow(exported_2021: tuple[Report, Path]) -> None:
    report, path = exported_2021
    fmt = report.fmt
    t3, t2 = fmt.tables["t3"], fmt.tables["t2"]
    edit(path, sheet_name(fmt, "t3"), {addr(t3, "t3.open.natural"): "１,２３４", addr(t3, "t3.repeat.legal"): 77})
    edit(path, sheet_name(fmt, "t2"), {addr(t2, "t2.fees.amount"): "１２.５万元", addr(t2, "t2.rules.issued"): " 9 "})
    got = read_xlsx(path)
    expected = dict(report.values)
    expected.update({"t3.open.natural": 1234, "t3.repeat.legal": 77, "t2.fees.amount": Decimal("12.5")})
    expected["t2.rules.issued"] = 9
    derive(fmt, expected)  # the totals follow the edited parts
    assert got.values == expected
    assert got.values["t3.total.total"] != report.values["t3.total.total"]


def test_blank_cells_stay_blank_until_changed(tmp_path: Path) -> None:
    report = load_example()
    fmt = report.fmt
    t3 = fmt.tables["t3"]
    assert "t3.open.natural" not in report.values and "t3.total.natural" not in report.values
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    edit(path, sheet_name(fmt, "t3"), {addr(t3, "t3.open.natural"): 5, addr(t3, "t3.new.natural"): 5})
    edit(path, sheet_name(fmt, "t2"), {addr(fmt.tables["t2"], "t2.normative.made"): None})
    got = read_xlsx(path)
    assert got.values["t3.open.natural"] == 5 and got.values["t3.total.natural"] == 5
    assert got.values["t3.new.natural"] == 5
    assert "t2.normative.made" not in got.values  # a cleared cell is blank
    assert "t3.open.business" not in got.values  # untouched blanks stay blank


def test_metadata_and_narrative_edits(exported_2021: tuple[Report, Path]) -> None:
    _, path = exported_2021
    edit(path, INFO_SHEET, {"B3": "=某县人民政府", "B4": "２０２４", "B6": 13800138000, "B9": "新的总体情况"})
    got = read_xlsx(path)
    assert got.meta.issuer == "=某县人民政府"
    assert got.meta.year == 2024
    assert got.meta.contact == "13800138000"
    assert got.narrative["ch1"] == "新的总体情况\n（一）第一项\n第二段文字。"  # B9 holds its first paragraph


def test_formula_text_round_trips_as_text(tmp_path: Path) -> None:
    report = filled_report("gov2021")
    report.meta.issuer = "=SUM(1,2)"
    report.narrative["ch5"] = "=1+1 不是公式"
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    assert_same(read_xlsx(path), report)


def _set_cached(path: Path, sheet_index: int, address: str, cached: str) -> None:
    """Give a formula cell a cached result, as Excel does when it saves."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == f"xl/worksheets/sheet{sheet_index}.xml":
                text, n = re.subn(
                    rf'(<c r="{address}"[^>]*>\s*<f>[^<]*</f>\s*)<v\s*/?>(</v>)?',
                    rf"\g<1><v>{cached}</v>",
                    data.decode(),
                )
                assert n == 1
                data = text.encode()
            dst.writestr(info, data)
    tmp.replace(path)


def test_formulas_with_and_without_cached_values(exported_2021: tuple[Report, Path]) -> None:
    report, path = exported_2021
    fmt = report.fmt
    t3 = fmt.tables["t3"]
    sheet = sheet_name(fmt, "t3")
    a_sum, a_plus, a_other = (addr(t3, c) for c in ("t3.open.natural", "t3.open.business", "t3.open.research"))
    n1, n2 = addr(t3, "t3.unclear.natural"), addr(t3, "t3.petition.natural")
    b1, b2 = addr(t3, "t3.unclear.business"), addr(t3, "t3.petition.business")
    r1 = addr(t3, "t3.unclear.research")
    # a user's own formulas: SUM and +/- are evaluated here; anything else needs the value Excel cached
    edit(path, sheet, {a_sum: f"=SUM({n1},{n2})+1", a_plus: f"=${b2[0]}${b2[1:]}-{b1}+3", a_other: f"=ROUND({r1}*2,0)"})
    with pytest.raises(ImportFailed, match=rf"{a_other} 单元格.*“（一）予以公开”行“科研机构”列.*公式无法识别"):
        read_xlsx(path)
    _set_cached(path, 3, a_other, "42")
    got = read_xlsx(path)
    v = report.values
    assert got.values["t3.open.natural"] == v["t3.unclear.natural"] + v["t3.petition.natural"] + 1
    assert got.values["t3.open.business"] == v["t3.petition.business"] - v["t3.unclear.business"] + 3
    assert got.values["t3.open.research"] == 42
    # the totals' formulas have no cached values (openpyxl writes none) and are evaluated here
    parts = [c for c in t3.cells if c.startswith("t3.open.") and not c.endswith(".total")]
    assert got.values["t3.open.total"] == sum(int(got.values[c]) for c in parts)
    assert got.values["t3.total.natural"] == report.values["t3.total.natural"] - v["t3.open.natural"] + (
        v["t3.unclear.natural"] + v["t3.petition.natural"] + 1
    )


def test_total_typed_over_the_formula_is_kept_as_stated(exported_2021: tuple[Report, Path]) -> None:
    report, path = exported_2021
    t4 = report.fmt.tables["t4"]
    edit(path, sheet_name(report.fmt, "t4"), {addr(t4, "t4.cases.review_total"): 999})
    assert read_xlsx(path).values["t4.cases.review_total"] == 999


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("abc", "不是有效的数字"), (-3, "件数不能为负数"), ("2.5", "件数必须是整数"), (True, "不是有效的数字")],
)
def test_invalid_value_names_sheet_cell_labels_and_reason(
    exported_2021: tuple[Report, Path], typed: Any, reason: str
) -> None:
    report, path = exported_2021
    t3 = report.fmt.tables["t3"]
    a = addr(t3, "t3.secret.charity")
    edit(path, "表三 依申请公开", {a: typed})
    with pytest.raises(ImportFailed) as exc:
        read_xlsx(path)
    msg = str(exc.value)
    assert "“r.xlsx”" in msg and "工作表“表三 依申请公开”" in msg and f"{a} 单元格" in msg
    assert "表三“1.属于国家秘密”行“社会公益组织”列" in msg and reason in msg


def test_money_unit_from_text_and_bad_money(tmp_path: Path) -> None:
    report = varied_2019()
    t2 = report.fmt.tables["t2"]
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    edit(path, "表二 主动公开", {addr(t2, "t2.purchase.amount"): "3.5万元", addr(t2, "t2.license.change"): "－１２"})
    got = read_xlsx(path)
    assert got.values["t2.purchase.amount"] == Decimal("3.5") and got.unit("t2.purchase.amount") == "万元"
    assert got.values["t2.license.change"] == -12
    edit(path, "表二 主动公开", {addr(t2, "t2.purchase.amount"): -1})
    with pytest.raises(ImportFailed, match="金额不能为负数"):
        read_xlsx(path)


def test_renamed_sheet_is_found_by_position(exported_2021: tuple[Report, Path]) -> None:
    report, path = exported_2021
    wb = openpyxl.load_workbook(path)
    wb["表三 依申请公开"].title = "依申请"
    wb[INFO_SHEET].title = "封面"
    wb.save(path)
    assert_same(read_xlsx(path), report)


def test_inserted_row_is_refused(exported_2021: tuple[Report, Path]) -> None:
    _, path = exported_2021
    wb = openpyxl.load_workbook(path)
    wb["表三 依申请公开"].insert_rows(8)
    wb.save(path)
    with pytest.raises(ImportFailed, match=r"工作表“表三 依申请公开”的表格结构已被改动.*请不要插入或删除行"):
        read_xlsx(path)


def test_newer_layout_version_is_refused(exported_2021: tuple[Report, Path]) -> None:
    _, path = exported_2021
    edit(path, MARKER_SHEET, {"B1": 99})
    with pytest.raises(ImportFailed, match="更新版本的年报助手"):
        read_xlsx(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("plain_workbook", "不是年报助手导出的 Excel 文件"),
        ("wrong_marker", "不是年报助手导出的 Excel 文件"),
        ("damaged_map", "识别信息"),
        ("text_file", "不是 Excel（.xlsx）文件"),
        ("truncated", "不是 Excel（.xlsx）文件"),
        ("zip_not_xlsx", "无法打开，文件可能已损坏"),
        ("old_xls", "旧版 Excel（.xls）"),
        ("missing", "找不到文件"),
        ("directory", "是文件夹"),
    ],
)
def test_not_our_workbook_gives_chinese_message(tmp_path: Path, make: str, message: str) -> None:
    path = tmp_path / "x.xlsx"
    if make == "plain_workbook":
        wb = openpyxl.Workbook()
        wb.active["A1"] = "随便一个表格"
        wb.save(path)
    elif make == "wrong_marker":
        wb = openpyxl.Workbook()
        wb.create_sheet(MARKER_SHEET)["A1"] = "something else"
        wb.save(path)
    elif make == "damaged_map":
        write_xlsx(filled_report("gov2021"), path)
        wb = openpyxl.load_workbook(path)
        ws = wb[MARKER_SHEET]
        for row in ws.iter_rows(min_row=8):
            if row[1].value == "t3.open.natural":
                row[1].value = None
        wb.save(path)
    elif make == "text_file":
        path.write_text("这不是表格", encoding="utf-8")
    elif make == "truncated":
        write_xlsx(filled_report("gov2021"), path)
        path.write_bytes(path.read_bytes()[:3000])
    elif make == "zip_not_xlsx":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("readme.txt", "hello")
    elif make == "old_xls":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    elif make == "directory":
        path.mkdir()
    with pytest.raises(ImportFailed) as exc:
        read_xlsx(path)
    assert message in str(exc.value)
    assert "Traceback" not in str(exc.value)


def test_loads_from_bytes_names_the_file() -> None:
    with pytest.raises(ImportFailed, match=r"“上报\.xlsx”不是 Excel"):
        loads_xlsx(b"not a zip", "上报.xlsx")


# --- a workbook saved by a spreadsheet program (LibreOffice here): cached values, shared strings ---
@pytest.mark.slow
@pytest.mark.parametrize("report", round_trip_cases())
def test_workbook_resaved_by_libreoffice_imports_identically(report: Report, tmp_path: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice（soffice）未安装，跳过另存测试")
    src = tmp_path / "in.xlsx"
    write_xlsx(report, src)
    out = tmp_path / "out"
    subprocess.run(
        [exe, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(src)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    resaved = out / "in.xlsx"
    total = addr(report.fmt.tables["t3"], "t3.total.total")
    cached = openpyxl.load_workbook(resaved, data_only=True)["表三 依申请公开"][total]
    assert isinstance(cached.value, int)  # LibreOffice stored the computed total
    got = read_xlsx(resaved)
    assert_same(got, report)
    assert all(isinstance(v, int) for c, v in got.values.items() if report.fmt.cells[c].kind is not ValueKind.MONEY)
    # the same file with every cached formula result deleted still imports identically
    stripped = tmp_path / "stripped.xlsx"
    removed = 0
    with zipfile.ZipFile(resaved) as original, zipfile.ZipFile(stripped, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                text, n = re.subn(r"(<f[^>]*>[^<]*</f>)<v>[^<]*</v>", r"\1", data.decode("utf-8"))
                removed += n
                data = text.encode("utf-8")
            dst.writestr(info, data)
    assert removed >= len(report.fmt.derive_order)
    assert openpyxl.load_workbook(stripped, data_only=True)["表三 依申请公开"][total].value is None
    assert_same(read_xlsx(stripped), report)
