"""The PDF's text layer reads back exactly (pdftotext; pdfplumber where the font is TrueType, as Windows' are)."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from factories import filled_report
from nianbao.core.report import Report
from nianbao.export.pdf import pdf_bytes
from nianbao.export.pdf_fonts import CANDIDATES, FontSet, find

LONG = "".join(
    f"第{i}句：本机关认真贯彻落实《中华人民共和国政府信息公开条例》，人民政府信息公开工作稳步推进。"
    "全年办理行政复议案件，工作人员文件主动公开，一、二、三项工作均已完成（详见下表）。"
    for i in range(1, 13)
)


def _report() -> Report:
    report = filled_report("gov2021")
    report.meta.issuer = "某某市某某区人民政府"
    report.narrative["preface"] = "本报告根据《中华人民共和国政府信息公开条例》编制。"
    report.narrative["ch1"] = "\n".join(["（一）主动公开。" + LONG, "（二）依申请公开", LONG.replace("句", "段")])
    for cid, spec in report.fmt.cells.items():
        if spec.table in ("t3", "t4") and not spec.computed and spec.kind.value == "count":
            report.values[cid] = 123456 if spec.table == "t4" else 100000 + len(cid)
    return report


def _pdftotext(data: bytes, *args: str) -> str:
    done = subprocess.run(["pdftotext", *args, "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _flat(text: str) -> str:
    """The text without whitespace and page numbers (a page number sits between the pages' lines)."""
    return re.sub(r"—\s*\d+\s*—|\s+", "", text)


def _truetype_fonts() -> FontSet | None:
    """A font set of TrueType CJK fonts only (what Windows has), if such fonts are installed here."""
    f = find(("uming.ttc", "ukai.ttc", "wqy-zenhei.ttc", "wqy-microhei.ttc"))
    return None if f is None else {role: f for role in CANDIDATES}


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@needs_poppler
@pytest.mark.parametrize("fid", ["gov2021", "gov2019"])
def test_text_layer_reads_back_with_the_installed_cjk_font(fid: str) -> None:
    report = _report() if fid == "gov2021" else filled_report("gov2019")
    report.narrative["ch1"] = "人民政府办理行政复议。\n" + LONG
    data = pdf_bytes(report)
    text = _pdftotext(data)
    flat = _flat(text)
    for needle in ("人民政府", "行政复议", "一、总体情况", "二、主动公开政府信息情况", report.title().replace(" ", "")):
        assert needle in flat, needle
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]  # no Kangxi radicals unless typed
    # every line once, in order: the narrative comes back as written, with nothing repeated
    assert "".join(LONG.split()) in flat
    assert flat.count("人民政府办理行政复议。") == 1
    assert [flat.count(f"第{i}句：") for i in range(1, 13)] == [1] * 12


@needs_poppler
def test_a_typed_radical_stays_a_radical() -> None:
    report = filled_report("gov2021")
    report.narrative["ch6"] = "部首⼈与汉字人"
    assert "部首⼈与汉字人" in "".join(_pdftotext(pdf_bytes(report)).split())


@needs_poppler
def test_page_tops_carry_no_copy_of_the_previous_line() -> None:
    data = pdf_bytes(_report())
    pages = [p for p in _pdftotext(data).split("\f") if p.strip()]
    assert len(pages) >= 4
    lines = [ln.strip() for p in pages for ln in p.splitlines()]
    prose = [ln for ln in lines if len(ln) >= 20 and ("句" in ln or "段" in ln)]  # the numbered sentences
    assert len(prose) > 20 and len(prose) == len(set(prose))
    for prev, page in itertools.pairwise(pages):
        last = [ln for ln in prev.splitlines() if ln.strip() and "—" not in ln][-1].strip()
        first = next(ln for ln in page.splitlines() if ln.strip()).strip()
        assert first != last


@needs_poppler
def test_metadata_title_and_author() -> None:
    report = _report()
    done = subprocess.run(["pdfinfo", "-"], input=pdf_bytes(report), capture_output=True, check=True)
    info = done.stdout.decode("utf-8")
    assert f"Title:           {report.title()}" in info
    assert "Author:          某某市某某区人民政府" in info


def test_six_digit_counts_and_cells_read_back_in_order() -> None:
    fonts = _truetype_fonts()
    if fonts is None:
        pytest.skip("no TrueType CJK font installed (fonts-arphic-uming)")
    report = _report()
    with pdfplumber.open(io.BytesIO(pdf_bytes(report, fonts))) as doc:
        assert doc.metadata["Title"] == report.title() and doc.metadata["Author"] == report.meta.issuer
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        assert "人民政府" in text and "行政复议" in text and "一、总体情况" in text
        assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]
        tables = [t for p in doc.pages for t in p.extract_tables()]
    cells = [c for t in tables for row in t for c in row if c]
    # six-digit counts sit on one line: a cell holds "123456", never "1234\n56"
    inputs = [c for c, spec in report.fmt.cells.items() if spec.table == "t4" and not spec.computed]
    assert cells.count("123456") == len(inputs) == 12
    assert not [c for c in cells if "\n" in c and c.replace("\n", "").isdigit()]
    # table 四's header reads in order
    t4 = next(t for t in tables if any(c and "行政复议" in c for row in t for c in row))
    header = [c.replace("\n", "") for c in t4[0] if c]
    assert header[:2] == ["行政复议", "行政诉讼"]


def test_title_on_one_line_or_issuer_then_year_line(tmp_path: Path) -> None:
    fonts = _truetype_fonts()
    if fonts is None:
        pytest.skip("no TrueType CJK font installed (fonts-arphic-uming)")
    short = filled_report("gov2021")
    short.meta.issuer = "某镇政府"
    long = _report()
    long.meta.issuer = "某某省某某市某某区发展和改革局"
    with pdfplumber.open(io.BytesIO(pdf_bytes(short, fonts))) as doc:
        first = (doc.pages[0].extract_text() or "").splitlines()[0]
    assert first.replace(" ", "") == "某镇政府2025年政府信息公开工作年度报告"
    with pdfplumber.open(io.BytesIO(pdf_bytes(long, fonts))) as doc:
        lines = (doc.pages[0].extract_text() or "").splitlines()
    assert [ln.replace(" ", "") for ln in lines[:2]] == [
        "某某省某某市某某区发展和改革局",
        "2025年政府信息公开工作年度报告",
    ]


def test_no_chinese_font_gives_a_chinese_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao.core.storage import StorageError
    from nianbao.export import pdf_fonts

    monkeypatch.setattr(pdf_fonts, "find", lambda _names: None)  # none of the candidate files is installed
    with pytest.raises(StorageError, match="找不到可用于 PDF 的中文字体"):
        pdf_bytes(filled_report("gov2021"))


@needs_poppler
def test_a_full_page_holds_22_lines_of_28_characters() -> None:
    report = filled_report("gov2021")
    report.narrative["ch1"] = "政府信息公开工作稳步推进本机关认真贯彻落实条例要求" * 80  # two full pages and more
    page = _pdftotext(pdf_bytes(report), "-f", "2", "-l", "2")
    lines = [ln for ln in page.splitlines() if ln.strip() and not re.fullmatch(r"—\s*\d+\s*—", ln.strip())]
    assert [len(ln) for ln in lines] == [28] * 22
