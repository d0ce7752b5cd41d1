"""HTML a CMS editor can trust: headings, th with scope, space after tables, no orphans, no control characters,
a clean HTML5 parse, inline styles only."""

from __future__ import annotations

import re

import html5lib
import pytest

from factories import filled_report
from nianbao.core.report import Report
from nianbao.export.html import render_html, render_html_fragment, unbroken_pairs


def _report(fid: str) -> Report:
    report = filled_report(fid)
    report.narrative["ch1"] = "总述。\n（一）主动公开\n正文\x01第一段\x1b。\n（二）依申请公开。全年收到申请。"
    return report


@pytest.mark.parametrize("fid", ["gov2021", "gov2019"])
def test_parses_without_errors_in_an_html5_parser(fid: str) -> None:
    page = render_html(_report(fid))
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(page)  # strict: raises on any parse error
    assert parser.errors == []


@pytest.mark.parametrize("fid", ["gov2021", "gov2019"])
def test_headings_th_scope_and_table_spacing(fid: str) -> None:
    report = _report(fid)
    html = render_html_fragment(report)
    assert len(re.findall(r"<h1 ", html)) == 1
    h2 = re.findall(r"<h2 [^>]*>([^<]*)</h2>", html)
    assert h2 == [ch.title for ch in report.fmt.chapters]
    h3 = re.findall(r"<h3 [^>]*>([^<]*)</h3>", html)
    chapters = [text for cid, text in report.narrative.items() if cid != "preface"]  # the 前言 has no headings
    lead_only = [p for text in chapters for p in text.split("\n") if p in ("（一）主动公开", "（一）第一项")]
    assert h3 == lead_only and "（一）主动公开" in h3  # a （一） heading on its own line
    assert "<p " in html and "（二）依申请公开。" in html  # a run-in heading stays in its paragraph
    ths = re.findall(r"<th ([^>]*)>", html)
    assert ths and all(re.search(r'scope="(col|colgroup|row|rowgroup)"', a) for a in ths)
    for table in report.fmt.tables.values():
        values = [it for it in table.items if it.role == "value"]
        assert len(values) <= html.count("<td ")
    assert html.count("margin:0 auto 1em auto") == len(report.fmt.tables)  # space after every table
    assert "<style" not in html and "class=" not in html and "<script" not in html


def test_control_characters_are_never_written() -> None:
    html = render_html(_report("gov2021"))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html)
    assert "正文第一段。" in html


@pytest.mark.parametrize("fid", ["gov2021", "gov2019"])
def test_header_labels_never_leave_one_character_alone(fid: str) -> None:
    report = filled_report(fid)
    for table in report.fmt.tables.values():
        for it in table.items:
            if it.role == "value" or len(it.text) < 2:
                continue
            groups = re.findall(r'<span style="white-space:nowrap;">([^<]*)</span>', unbroken_pairs(it.text))
            assert "".join(groups) == it.text.replace("&", "&amp;") or len(it.text) <= 3
            assert all(len(g) >= 2 for g in groups), it.text


def test_title_parts_never_break_inside() -> None:
    report = filled_report("gov2021")
    report.meta.issuer = "某某省某某市某某区发展和改革局"
    html = render_html_fragment(report)
    assert (
        '<span style="display:inline-block;">某某省某某市某某区发展和改革局</span>'
        '<span style="display:inline-block;">2025年政府信息公开工作年度报告</span>'
    ) in html
