"""Word export: every label, number and merge against the definition; page setup, fonts, page numbers, safety."""

from __future__ import annotations

import os
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, Twips

from factories import filled_report
from nianbao.core import storage
from nianbao.core.report import Report, new_report
from nianbao.core.storage import StorageError
from nianbao.definition import Table
from nianbao.export.docx import column_widths, write_docx
from nianbao.resources import load_example

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def reports() -> list[Any]:
    return [
        pytest.param(filled_report("gov2021"), id="gov2021-filled"),
        pytest.param(filled_report("gov2019"), id="gov2019-filled"),
        pytest.param(load_example(), id="gov2019-example"),
    ]


def expected_text(report: Report, cell: str) -> str:
    """Written independently of the exporter: blank is 0, money in plain notation plus a missing unit."""
    spec = report.fmt.cells[cell]
    value = report.values.get(cell, 0)
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    unit = report.units.get(cell) or (spec.units[0] if spec.units else "")
    if unit and unit not in spec.col_label:
        text += unit
    return text


def body_tables(document: Any) -> list[Any]:
    """The document's w:tbl elements in order (python-docx has no public API for merges; its Document.element does)."""
    return list(document.element.body.findall(f"{W}tbl"))


def grid_of(tbl: Any) -> dict[tuple[int, int], Any]:
    """Map (row, grid col) -> w:tc element, following gridSpan."""
    grid: dict[tuple[int, int], Any] = {}
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        c = 0
        for tc in tr.findall(f"{W}tc"):
            grid[(r, c)] = tc
            c += span(tc)
    return grid


def span(tc: Any) -> int:
    el = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(el.get(f"{W}val")) if el is not None else 1


def vmerge(tc: Any) -> str | None:
    el = tc.find(f"{W}tcPr/{W}vMerge")
    if el is None:
        return None
    return el.get(f"{W}val") or "continue"


def tc_text(tc: Any) -> str:
    return "".join(t.text or "" for t in tc.iter(f"{W}t"))


def check_table(report: Report, table: Table, tbl: Any) -> None:
    trs = tbl.findall(f"{W}tr")
    assert len(trs) == table.n_rows
    cols = tbl.findall(f"{W}tblGrid/{W}gridCol")
    assert len(cols) == table.n_cols
    for tr in trs:  # every row's spans add up to the grid, and no cell is without a paragraph
        assert sum(span(tc) for tc in tr.findall(f"{W}tc")) == table.n_cols
        assert all(tc.find(f"{W}p") is not None for tc in tr.findall(f"{W}tc"))
    grid = grid_of(tbl)
    covered = 0
    for it in table.items:
        tc = grid[(it.row, it.col)]
        assert span(tc) == it.colspan, it
        assert vmerge(tc) == ("restart" if it.rowspan > 1 else None), it
        want = expected_text(report, it.cell) if it.role == "value" and it.cell else it.text
        assert tc_text(tc) == want, it
        for r in range(it.row + 1, it.row + it.rowspan):
            below = grid[(r, it.col)]
            assert vmerge(below) == "continue" and span(below) == it.colspan and tc_text(below) == ""
        covered += it.rowspan * it.colspan
    assert covered == table.n_rows * table.n_cols
    assert len(grid) == sum(it.rowspan for it in table.items)  # no stray cells


@pytest.mark.parametrize("report", reports())
def test_tables_match_definition(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    write_docx(report, path)
    document = docx.Document(str(path))
    tables = [ch.table for ch in report.fmt.chapters if ch.table]
    assert len(document.tables) == len(tables) == 3
    for tid, tbl in zip(tables, body_tables(document), strict=True):
        check_table(report, report.fmt.tables[tid], tbl)


def test_distinct_numbers_reach_their_cells(tmp_path: Path) -> None:
    report = filled_report("gov2021")
    values = [v for c, v in report.values.items() if c.startswith("t3.") and not report.fmt.cells[c].computed]
    assert len(set(values)) > 100  # the factory really gives distinct numbers
    write_docx(report, tmp_path / "r.docx")
    t3 = body_tables(docx.Document(str(tmp_path / "r.docx")))[1]
    grid = grid_of(t3)
    spec = report.fmt.cells["t3.total.total"]  # a computed total is filled
    assert tc_text(grid[(spec.grid_row, spec.grid_col)]) == str(report.values["t3.total.total"])
    assert report.values["t3.total.total"] > 0


def test_blank_cells_written_as_zero_and_money_unit(tmp_path: Path) -> None:
    report = new_report(2020, "某镇", "gov2019")
    report.values["t2.purchase.amount"] = Decimal("12.5")
    report.units["t2.purchase.amount"] = "元"
    write_docx(report, tmp_path / "r.docx")
    tables = body_tables(docx.Document(str(tmp_path / "r.docx")))
    t2, t3 = grid_of(tables[0]), grid_of(tables[1])
    amount = report.fmt.cells["t2.purchase.amount"]
    assert tc_text(t2[(amount.grid_row, amount.grid_col)]) == "12.5元"
    items = report.fmt.cells["t2.purchase.items"]
    assert tc_text(t2[(items.grid_row, items.grid_col)]) == "0"
    total = report.fmt.cells["t3.total.total"]
    assert tc_text(t3[(total.grid_row, total.grid_col)]) == "0"


def test_column_widths_fill_text_width() -> None:
    for fid in ("gov2021", "gov2019"):
        fmt = new_report(2025 if fid == "gov2021" else 2020, "x", fid).fmt
        for table in fmt.tables.values():
            widths = column_widths(table)
            assert len(widths) == table.n_cols and sum(widths) == 8844  # 156 mm in twips
        t3 = column_widths(fmt.tables["t3"])
        assert t3[2] > 2 * t3[3]  # the label column is much wider than a value column
        assert min(column_widths(fmt.tables["t4"])) >= 560  # ~10 mm each for the 15 columns


def test_page_setup_and_styles(tmp_path: Path) -> None:
    report = filled_report("gov2021")
    write_docx(report, tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    sec = document.sections[0]
    for got, want in [
        (sec.page_width, Mm(210)),
        (sec.page_height, Mm(297)),
        (sec.top_margin, Mm(37)),
        (sec.bottom_margin, Mm(35)),
        (sec.left_margin, Mm(28)),
        (sec.right_margin, Mm(26)),
    ]:
        assert got is not None and abs(got - want) < Mm(0.1)
    fonts = {}
    for sid in ("NbTitle", "NbBody", "NbHeading1", "NbHeading2", "NbTable", "NbPageNumber"):
        style = document.styles.get_by_id(sid, WD_STYLE_TYPE.PARAGRAPH)
        rfonts = style.element.find(f"{W}rPr/{W}rFonts")
        fonts[sid] = (rfonts.get(f"{W}eastAsia"), rfonts.get(f"{W}ascii"), style.font.size)
    assert fonts["NbTitle"] == ("方正小标宋简体", "Times New Roman", Pt(22))
    assert fonts["NbBody"] == ("仿宋_GB2312", "Times New Roman", Pt(16))
    assert fonts["NbHeading1"] == ("黑体", "Times New Roman", Pt(16))
    assert fonts["NbHeading2"] == ("楷体_GB2312", "Times New Roman", Pt(16))
    assert fonts["NbTable"] == ("仿宋_GB2312", "Times New Roman", Pt(10.5))
    assert fonts["NbPageNumber"] == ("宋体", "宋体", Pt(14))
    body = document.styles.get_by_id("NbBody", WD_STYLE_TYPE.PARAGRAPH)
    spacing = body.element.find(f"{W}pPr/{W}spacing")
    assert spacing.get(f"{W}lineRule") == "exact" and 560 <= int(spacing.get(f"{W}line")) <= 580
    assert body.element.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        font_table = z.read("word/fontTable.xml").decode("utf-8")
    for name, alt in [("方正小标宋简体", "华文中宋"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")]:
        assert f'<w:font w:name="{name}"><w:altName w:val="{alt}"/>' in font_table


def test_title_chapters_and_paragraph_styles(tmp_path: Path) -> None:
    report = filled_report("gov2021")
    report.narrative["ch1"] = "总述。\n\n（一）主动公开。全年公开信息200条。\n（二）依申请公开\n正文第二段。"
    report.narrative["preface"] = "根据《条例》要求编制本报告。"
    write_docx(report, tmp_path / "r.docx")
    paras = [(p.style and p.style.style_id, p.text) for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert paras[0] == ("NbTitle", "某某镇人民政府\n2025年政府信息公开工作年度报告")  # issuer, then the year line
    assert paras[1] == ("NbBody", "根据《条例》要求编制本报告。")
    headings = [t for s, t in paras if s == "NbHeading1"]
    assert headings == [ch.title for ch in report.fmt.chapters]
    i = paras.index(("NbHeading1", "一、总体情况"))
    assert paras[i + 1 : i + 5] == [
        ("NbBody", "总述。"),
        ("NbBody", "（一）主动公开。全年公开信息200条。"),  # run-in heading: 楷体 lead, body rest
        ("NbHeading2", "（二）依申请公开"),
        ("NbBody", "正文第二段。"),
    ]
    lead = docx.Document(str(tmp_path / "r.docx")).paragraphs[i + 2].runs[0]
    assert lead.text == "（一）主动公开。"
    assert lead.element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312"


def test_page_numbers_odd_right_even_left(tmp_path: Path) -> None:
    write_docx(load_example(), tmp_path / "r.docx")
    document = docx.Document(str(tmp_path / "r.docx"))
    assert document.settings.odd_and_even_pages_header_footer
    sec = document.sections[0]
    footers = [(sec.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"), (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")]
    for footer, align, side in footers:
        assert not footer.is_linked_to_previous
        p = footer.paragraphs[0]
        assert p.text == "— 1 —"  # the PAGE field's cached result between the em dashes
        assert p.paragraph_format.alignment == align
        assert getattr(p.paragraph_format, f"{side}_indent") == Twips(280)  # one 4号 character in
        xml = footer.part.element  # the footer's XML: python-docx has no API for fields
        assert [t.text for t in xml.iter(f"{W}instrText")] == [" PAGE "]
        assert [f.get(f"{W}fldCharType") for f in xml.iter(f"{W}fldChar")] == ["begin", "separate", "end"]


def test_text_stays_literal(tmp_path: Path) -> None:
    report = new_report(2025, "<script>alert(1)</script>&镇", "gov2021")
    report.narrative["ch1"] = "=SUM(A1:A9)\n<b>不是粗体</b> & 符号\n带控制字符\x0b\x00的文字\t制表"
    write_docx(report, tmp_path / "r.docx")
    texts = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert texts[0].replace("\n", "") == "<script>alert(1)</script>&镇2025年政府信息公开工作年度报告"
    assert "=SUM(A1:A9)" in texts
    assert "<b>不是粗体</b> & 符号" in texts
    assert "带控制字符的文字\t制表" in texts


def test_unwritable_target_gives_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="无法保存"):
        write_docx(filled_report("gov2021"), blocker / "r.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # CI runs as root, which ignores folder permissions: simulate the refusal Windows or a share gives
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(storage, "_write_new", refuse)
    with pytest.raises(StorageError, match="没有权限"):
        write_docx(filled_report("gov2021"), tmp_path / "r.docx")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.docx"
    path.write_bytes(b"old")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(StorageError, match="磁盘空间不足"):
        write_docx(filled_report("gov2021"), path)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]
