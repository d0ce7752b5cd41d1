"""The 前言 reaches every export and `nianbao dump`: its paragraphs after the title, before 一、总体情况."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import openpyxl
import pytest

from factories import filled_report, run_cli
from nianbao.core import storage
from nianbao.core.report import Report
from nianbao.export.docx import docx_bytes
from nianbao.export.html import render_html
from nianbao.export.xlsx import INFO_SHEET, xlsx_bytes
from nianbao.importers.xlsx import read_xlsx

PREFACE = "本报告根据《条例》编制。\n数据统计期限自2025年1月1日起至2025年12月31日止。"


def _report() -> Report:
    report = filled_report("gov2021")
    report.narrative["preface"] = PREFACE
    return report


def test_word_prints_the_preface_between_title_and_chapter_one() -> None:
    texts = [p.text for p in docx.Document(io.BytesIO(docx_bytes(_report()))).paragraphs if p.text]
    i = texts.index("一、总体情况")
    assert texts[1:i] == PREFACE.split("\n")


def test_html_prints_the_preface_before_chapter_one() -> None:
    html = render_html(_report())
    a, b, c = html.index("本报告根据《条例》编制。"), html.index("数据统计期限"), html.index("一、总体情况")
    assert a < b < c


def test_excel_has_the_preface_row_before_chapter_one_and_reads_it_back(tmp_path: Path) -> None:
    data = xlsx_bytes(_report())
    ws = openpyxl.load_workbook(io.BytesIO(data))[INFO_SHEET]
    rows = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert rows["前言"] == PREFACE
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert labels.index("前言") + 1 == labels.index("一、总体情况")
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    assert read_xlsx(path).narrative["preface"] == PREFACE


def test_dump_shows_the_preface(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.nianbao"
    storage.save(_report(), src)
    code, out, _ = run_cli(capsys, "dump", str(src), "--json")
    assert code == 0 and json.loads(out)["narrative"]["前言"] == PREFACE
    code, out, _ = run_cli(capsys, "dump", str(src))
    assert code == 0 and out.index("本报告根据《条例》编制。") < out.index("一、总体情况")
