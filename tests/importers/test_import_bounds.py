"""Word, web page, text and workbook importers against the same bar as PDF: the worst file of each kind is refused
(or read) in <= 2 s with a Chinese message, and reading grows the process by < 200 MB."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from memory_probe import base_and_growth_kb
from nianbao.importers.published import ImportFailed, loads_published

W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CELL = b"<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
MERGED_BELOW = b"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
MERGE_START = b'<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc></w:tr>'


def docx_with(head: bytes, piece: bytes, repeat: int, tail: bytes) -> bytes:
    """A Word file (python-docx's own template) whose body is head + piece * repeat + tail, packed as it is written
    (a body of hundreds of megabytes takes little memory to make)."""
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != "word/document.xml":
                zout.writestr(item, zin.read(item.filename))
                continue
            with zout.open("word/document.xml", "w") as part:
                part.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + W + b"><w:body>" + head)
                for _ in range(repeat // 1000):
                    part.write(piece * 1000)
                part.write(piece * (repeat % 1000) + tail + b"</w:body></w:document>")
    return out.getvalue()


HOSTILE: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "Word: a table of 110 000 rows": (
        ".docx",
        lambda: docx_with(b"<w:tbl>", b"<w:tr>" + CELL * 10 + b"</w:tr>", 110_000, b"</w:tbl>"),
        "结构异常庞大",
    ),
    "Word: 9 million empty paragraphs": (".docx", lambda: docx_with(b"", b"<w:p/>", 9_000_000, b""), "结构异常庞大"),
    "Word: one paragraph of a million runs": (
        ".docx",
        lambda: docx_with(b"<w:p>", b"<w:r/>", 1_000_000, b"</w:p>"),
        "结构异常庞大",
    ),
    "Word: a cell spanning 100 million columns": (
        ".docx",
        lambda: docx_with(b"<w:tbl><w:tr>", b'<w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr></w:tc>', 1, b""),
        "结构异常庞大",
    ),
    "Word: a vertical merge 2 000 rows long": (
        ".docx",
        lambda: docx_with(MERGE_START, MERGED_BELOW, 2_000, b"</w:tbl>"),
        "结构异常庞大",
    ),
    "web page: 800 000 table cells": (
        ".html",
        lambda: b"<table>" + b"<tr><td>1</td><td>2</td></tr>" * 270_000 + b"</table>",
        "元素异常之多",
    ),
    "web page: a million empty elements": (".html", lambda: b"<br>" * 1_000_000, "元素异常之多"),
    "text: 10 001 label lines": (".txt", lambda: "本年制发件数 1\n".encode() * 10_001, "内容过多"),
    "text: 4 million characters on one line": (".txt", lambda: b"1 " * 2_000_001, "过大"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_worst_files_are_refused_quickly_with_a_chinese_message(case: str) -> None:
    suffix, make, words = HOSTILE[case]
    raw = make()
    t = time.perf_counter()
    with pytest.raises(ImportFailed, match=words) as exc:
        loads_published(raw, "hostile" + suffix, suffix)
    assert time.perf_counter() - t < 2.0
    assert "hostile" + suffix in str(exc.value)


# Just under every bound: read (or refused for having no report in it) in under 2 s as well.
UNDER: dict[str, tuple[str, Callable[[], bytes]]] = {
    "Word: 75 000 runs": (".docx", lambda: docx_with(b"<w:p>", b"<w:r/>", 75_000, b"</w:p>")),
    "Word: 19 000 empty paragraphs": (".docx", lambda: docx_with(b"", b"<w:p/>", 19_000, b"")),
    "Word: a table of 900 rows x 10 cells": (
        ".docx",
        lambda: docx_with(b"<w:tbl>", b"<w:tr>" + CELL * 10 + b"</w:tr>", 900, b"</w:tbl>"),
    ),
    "Word: a vertical merge 149 rows long": (".docx", lambda: docx_with(MERGE_START, MERGED_BELOW, 149, b"</w:tbl>")),
    "Word: 900 rows of 10 cells spanning 64 columns": (
        ".docx",
        lambda: docx_with(
            b"<w:tbl>",
            b"<w:tr>" + b'<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p/></w:tc>' * 10 + b"</w:tr>",
            900,
            b"</w:tbl>",
        ),
    ),
    "web page: 99 000 elements": (".html", lambda: b"<table>" + (b"<tr>" + b"<td>1</td>" * 10 + b"</tr>") * 8_990),
    "text: 9 900 label lines": (".txt", lambda: "本年制发件数 1\n".encode() * 9_900),
    "text: 180 000 labelled cells on one line": (".txt", lambda: "\t本年制发件数\t1".encode() * 180_000),
}


@pytest.mark.parametrize("case", list(UNDER))
def test_files_just_under_the_bounds_are_read_quickly(case: str) -> None:
    suffix, make = UNDER[case]
    raw = make()
    t = time.perf_counter()
    try:
        loads_published(raw, "big" + suffix, suffix)
    except ImportFailed as exc:  # these hold no report; what matters is that they were read, not refused
        assert "异常" not in str(exc) and "过多" not in str(exc) and "过大" not in str(exc), str(exc)
    assert time.perf_counter() - t < 2.0


def _workbook(extra_cells_per_sheet: int) -> bytes:
    """Our own exported workbook with rows of extra cells added to every sheet (as a hostile or broken file)."""
    import tempfile

    from factories import filled_report
    from nianbao.export.xlsx import write_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        write_xlsx(filled_report("gov2021"), Path(tmp) / "a.xlsx")
        real = (Path(tmp) / "a.xlsx").read_bytes()
    out = io.BytesIO()
    rows = b"".join(
        b'<row r="%d">' % r
        + b"".join(b'<c r="%s%d"><v>1</v></c>' % (c, r) for c in (b"AA", b"AB", b"AC", b"AD"))
        + b"</row>"
        for r in range(1000, 1000 + extra_cells_per_sheet // 4)  # below the template's rows
    )
    with zipfile.ZipFile(io.BytesIO(real)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</sheetData>", rows + b"</sheetData>")
            zout.writestr(item, data)
    return out.getvalue()


def test_a_workbook_of_too_many_cells_is_refused_quickly() -> None:
    """220 000 cells, every part under the size bounds: openpyxl took 5.9 s to build them."""
    from nianbao.importers.xlsx import ImportFailed as XlsxFailed
    from nianbao.importers.xlsx import loads_xlsx

    raw = _workbook(44_000)
    t = time.perf_counter()
    with pytest.raises(XlsxFailed, match="过大或结构异常"):
        loads_xlsx(raw, "big.xlsx")
    assert time.perf_counter() - t < 2.0
    t = time.perf_counter()
    assert loads_xlsx(_workbook(3_600), "fine.xlsx").values  # 19 000 cells: still read, and quickly
    assert time.perf_counter() - t < 2.0


MEMORY_PROBE = """
import test_import_bounds as t
from nianbao.importers.published import ImportFailed, loads_published
from nianbao.importers.xlsx import ImportFailed as XlsxFailed, loads_xlsx
import docx, lxml.html, openpyxl
files = [(suffix, make()) for suffix, make, _ in t.HOSTILE.values()]
workbook = t._workbook(44_000)
print(peak_kb())
for suffix, raw in files:
    try:
        loads_published(raw, "m" + suffix, suffix)
    except ImportFailed:
        pass
try:
    loads_xlsx(workbook, "m.xlsx")
except XlsxFailed:
    pass
print(peak_kb())
"""


def test_the_worst_files_stay_under_200_mb() -> None:
    base_kb, grown_kb = base_and_growth_kb(MEMORY_PROBE)
    assert base_kb < 300_000 and grown_kb < 200_000, (base_kb, grown_kb)
