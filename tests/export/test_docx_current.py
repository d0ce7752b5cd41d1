"""Word opens the export as a current document: no 兼容模式, only used styles, properties, the 公文 grid; big
counts on one line; table 三's groups kept on one page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from factories import filled_report
from nianbao.core.report import Report
from nianbao.export.docx import column_widths, docx_bytes, number_size


def _big_report() -> Report:
    report = filled_report("gov2021")
    report.meta.issuer = "某某市某某区人民政府"
    for cid, spec in report.fmt.cells.items():
        if spec.table == "t4" and not spec.computed:
            report.values[cid] = 123456
    return report


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


@pytest.mark.parametrize("fid", ["gov2021", "gov2019"])
def test_current_format_only_used_styles_and_properties(fid: str) -> None:
    report = filled_report(fid)
    data = docx_bytes(report)
    settings = _part(data, "word/settings.xml")
    assert 'w:name="compatibilityMode"' in settings and 'w:val="14"' not in settings
    assert re.search(r'w:name="compatibilityMode" w:uri="[^"]+" w:val="15"', settings)
    styles = _part(data, "word/styles.xml")
    ids = re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', styles)
    document = _part(data, "word/document.xml") + _part(data, "word/footer1.xml")
    used = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', document))
    assert used <= set(ids)
    assert len(ids) < 20  # the template's 170 are gone
    for sid in set(ids) - used:  # what remains unused is a default or what a used style is based on
        assert re.search(rf'w:default="1"[^>]*w:styleId="{sid}"|w:val="{sid}"', styles), sid
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == report.title() and props.author == report.meta.issuer


def test_body_grid_is_22_lines() -> None:
    sect = _part(docx_bytes(filled_report("gov2021")), "word/document.xml")
    m = re.search(r'<w:docGrid w:type="lines" w:linePitch="(\d+)"/>', sect)
    assert m and int(m.group(1)) == 579  # 28.95 pt, as the paragraphs' exact line height
    assert re.search(r'w:line="579" w:lineRule="exact"', _part(docx_bytes(filled_report("gov2021")), "word/styles.xml"))
    type_area = 16838 - 2098 - 1984  # A4 height minus the 37 and 35 mm margins, in twips
    assert 22 * 579 <= type_area < 23 * 579 and type_area < 22 * 580  # 29 pt would leave room for 21 lines only


@pytest.mark.slow
def test_libreoffice_lays_the_body_out_in_22_lines_of_28_characters(tmp_path: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext not installed")
    report = filled_report("gov2021")
    report.narrative["ch1"] = "政府信息公开工作稳步推进本机关认真贯彻落实条例要求" * 80  # two full pages and more
    src = tmp_path / "r.docx"
    src.write_bytes(docx_bytes(report))
    subprocess.run(
        [exe, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    page = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    lines = [ln for ln in page.splitlines() if ln.strip() and not re.fullmatch(r"—\s*\d+\s*—", ln.strip())]
    assert [len(ln) for ln in lines] == [28] * 22


def test_six_digit_counts_fit_one_line_in_every_column() -> None:
    report = _big_report()
    for tid in ("t3", "t4"):
        table = report.fmt.tables[tid]
        for w in column_widths(table)[table.label_cols :]:
            size = number_size("999999", w)
            # six Times digits (half an em each) plus the 1 mm paddings fit the column
            assert 6 * 0.5 * size * 10 + 2 * 57 <= w, (tid, w, size)
            assert size >= 12
    xml = _part(docx_bytes(report), "word/document.xml")
    assert len(re.findall(r'<w:sz w:val="1[2-9]"/><w:szCs w:val="1[2-9]"/></w:rPr><w:t[^>]*>123456</w:t>', xml)) == 12
    assert "<w:noWrap/>" in xml


def test_table_three_groups_keep_together_and_headers_repeat() -> None:
    doc = docx.Document(io.BytesIO(docx_bytes(filled_report("gov2021"))))
    table = filled_report("gov2021").fmt.tables["t3"]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = doc.element.body.findall(f"{w}tbl")[1].findall(f"{w}tr")  # python-docx has no API for row properties
    for r in range(table.header_rows):
        assert rows[r].find(f"{w}trPr/{w}tblHeader") is not None
    for it in table.items:
        if it.col > 0 and it.rowspan > 1:  # a group such as （三）不予公开: every row but its last keeps with the next
            for r in range(it.row, it.row + it.rowspan - 1):
                assert rows[r].findall(f".//{w}keepNext"), (it.text, r)


@pytest.mark.slow
def test_libreoffice_renders_big_counts_on_one_line(tmp_path: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext not installed")
    src = tmp_path / "r.docx"
    src.write_bytes(docx_bytes(_big_report()))
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True)
    words = text.stdout.split()
    assert words.count("123456") == 12  # never "1234" + "56"


def test_28_characters_fit_the_line() -> None:
    styles = _part(docx_bytes(filled_report("gov2021")), "word/styles.xml")
    m = re.search(r'<w:rPrDefault><w:rPr>.*?<w:spacing w:val="(-?\d+)"/><w:sz w:val="32"/>', styles)
    assert m
    pitch_pt = 16 + int(m.group(1)) / 20
    assert 28 * pitch_pt <= 156 / 25.4 * 72 < 29 * pitch_pt
