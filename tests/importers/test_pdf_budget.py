"""The PDF importer's bounds: hostile files refused in <= 2 s before pdfminer interprets them; real reports of up to
60 pages (printed by LibreOffice from Word, nianbao's own export) well inside them."""

from __future__ import annotations

import io
import time
import zlib

import pytest

from factories import DATA
from memory_probe import base_and_growth_kb
from nianbao.importers.published import ImportFailed, loads_published, read_published
from nianbao.importers.published.pdf_budget import (
    MAX_DOCUMENT_WORK,
    MAX_PAGE_OPERATORS,
    MAX_PAGE_WORK,
    MAX_STRUCTURE_BYTES,
    PdfBudget,
    check_structure,
)
from pdf_kit import deflated, flate, pages_pdf, pdf_file, text_page

FIX = DATA / "published"
RECTANGLES = b"10 10 100 1 re f\n"


def refused_quickly(raw: bytes, words: str) -> None:
    t = time.perf_counter()
    with pytest.raises(ImportFailed, match=words) as exc:
        loads_published(raw, "hostile.pdf", ".pdf")
    assert time.perf_counter() - t < 2.0
    assert "hostile.pdf" in str(exc.value) and "已停止读取" in str(exc.value)


def estimate(raw: bytes) -> tuple[int, int]:
    """(document work, work of the heaviest page) as the importer estimates them."""
    import pdfplumber
    from pdfminer.pdfpage import PDFPage

    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        budget = PdfBudget("x.pdf")
        pages = [budget.streams(p.contents, p.resources, 0) for p in PDFPage.create_pages(pdf.doc)]
    return sum(w.micros for w in pages), max(w.micros for w in pages)


def test_a_real_60_page_report_is_well_inside_the_bounds_and_imports() -> None:
    """The longest report the importer is made for: 60 pages printed by LibreOffice from Word (narrative chapters
    and the three tables). Its estimate leaves the document bound four times over; every page fifteen times."""
    path = FIX / "pingtan-2023-60pages.pdf"
    document, page = estimate(path.read_bytes())
    assert document * 4 < MAX_DOCUMENT_WORK and page * 15 < MAX_PAGE_WORK
    res = read_published(path)
    assert res.report.meta.year == 2023
    assert res.report.values["t2.normative.issued"] == 77
    assert len(res.report.narrative["ch5"]) > 20_000  # the long chapters are read in full


def test_a_protected_pdf_is_measured_through_its_encryption() -> None:
    """Sites publish PDFs that open without a password but "forbid" copying: the streams are encrypted. The budget
    measures what pdfminer will read (decrypted), the same as for the plain print of the same Word file."""
    protected = (FIX / "pingtan-2023-protected.pdf").read_bytes()
    assert b"/Encrypt" in protected
    assert estimate(protected) == estimate((FIX / "pingtan-2023.pdf").read_bytes())
    assert read_published(FIX / "pingtan-2023-protected.pdf").report.values["t2.normative.issued"] == 77


@pytest.mark.parametrize("name", ["pingtan-2023-5pages.pdf", "pingtan-2020.pdf", "pingtan-2023-protected.pdf"])
def test_real_reports_have_little_structure(name: str) -> None:
    check_structure((FIX / name).read_bytes(), name)  # not refused


def test_60_pages_each_just_under_the_page_bound_are_refused_before_parsing() -> None:
    page = text_page() + RECTANGLES * (MAX_PAGE_OPERATORS - 2)
    refused_quickly(pages_pdf([page] * 60), "内容总量异常庞大")


def test_60_pages_of_long_strings_are_refused() -> None:
    """Each glyph is a character object for pdfminer: ~20 000 characters a page is ~1 s, 60 such pages a minute."""
    page = b"BT /F1 10 Tf 10 10 Td (" + b"a" * 20_000 + b") Tj ET\n"
    refused_quickly(pages_pdf([page] * 60), "内容总量异常庞大")


def test_one_page_of_a_single_huge_string_is_refused() -> None:
    page = b"BT /F1 10 Tf 10 10 Td (" + b"a" * 3_000_000 + b") Tj ET\n"
    refused_quickly(pages_pdf([page]), "页面内容异常庞大")


def test_a_form_drawn_a_thousand_times_counts_a_thousand_times() -> None:
    form = RECTANGLES * 20  # a harmless-looking form: 20 rectangles
    page = text_page() + b"/X0 Do\n" * 1000  # 20 000 rectangles on the page
    refused_quickly(pages_pdf([page], forms=[form]), "页面内容异常庞大")
    # the same spread over 60 pages, under the page bound each: the document bound
    page = text_page() + b"/X0 Do\n" * 200
    refused_quickly(pages_pdf([page] * 60, forms=[form]), "内容总量异常庞大")


def test_nested_forms_multiply_and_are_counted_without_expanding_them() -> None:
    """X0 draws X1 ten times, X1 draws X2 ten times ... six levels: a million rectangles from a few bytes."""
    forms = [b"/X%d Do\n" % (i + 1) * 10 for i in range(6)] + [RECTANGLES]
    refused_quickly(pages_pdf([text_page() + b"/X0 Do\n"], forms=forms), "页面内容异常庞大")


def test_forms_nested_too_deep_or_drawing_themselves_are_refused() -> None:
    chain = [b"/X%d Do\n" % (i + 1) for i in range(12)] + [RECTANGLES]
    refused_quickly(pages_pdf([text_page() + b"/X0 Do\n"], forms=chain), "嵌套层数异常")
    loop = [b"/X1 Do\n", b"/X0 Do\n"]
    refused_quickly(pages_pdf([text_page() + b"/X0 Do\n"], forms=loop), "循环")


def test_a_form_drawn_within_bounds_still_imports() -> None:
    forms = [RECTANGLES * 3 + b"/X1 Do\n", text_page("form text", y=500)]
    raw = pages_pdf([text_page() + b"/X0 Do\n"] * 2, forms=forms)
    rows = loads_published_rows(raw)
    assert rows.count(["form text"]) >= 2


def loads_published_rows(raw: bytes) -> list[list[str]]:
    from nianbao.importers.published.pdf import pdf_rows

    return pdf_rows(raw, "ok.pdf")


def test_a_huge_inline_image_is_refused() -> None:
    image = b"q BI /W 2000 /H 1900 /BPC 8 /CS /G ID " + b"\x80" * 3_800_000 + b" EI Q\n"
    refused_quickly(pages_pdf([text_page() + image]), "页面内容异常庞大")
    head = text_page() + b"q BI /W 9000 /H 9000 /BPC 8 /CS /G ID "
    packed = deflated([head, *[b"\0" * 1_000_000] * 81, b" EI Q\n"])  # 81 MB in 80 KB
    refused_quickly(pages_pdf([packed]), "页面内容异常庞大")


def test_a_small_inline_image_is_counted_by_its_bytes_only() -> None:
    image = b"q BI /W 100 /H 100 /BPC 8 /CS /G ID " + b"(re)Tj" * 1_600 + b" EI Q\n"  # operator-like bytes
    raw = pages_pdf([text_page() + image])
    _, page = estimate(raw)
    assert page < 100_000
    assert loads_published_rows(raw) == [["2023 annual report"]]


def test_pages_in_an_object_stream_are_measured_the_same() -> None:
    page = text_page() + RECTANGLES * (MAX_PAGE_OPERATORS - 2)
    refused_quickly(pages_pdf([page] * 60, packed=True), "内容总量异常庞大")
    assert loads_published_rows(pages_pdf([text_page()] * 3, packed=True)) == [["2023 annual report"]] * 3


def test_an_object_stream_bomb_is_refused_before_pdfminer_unpacks_it() -> None:
    """The catalog and page tree sit in an object stream that unpacks to 200 MB: pdfminer would unpack it whole."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}
    raw = pdf_file(objects, packed=[1, 2], padding=200)
    assert len(raw) < 1_000_000
    refused_quickly(raw, "对象数量异常庞大")


def test_a_file_of_many_objects_is_refused_before_pdfminer_parses_them() -> None:
    """100 000 pages in a 6 MB file: pdfminer would parse every page object to count them."""
    kids = b" ".join(b"%d 0 R" % n for n in range(10, 100_010))
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [%s] >>" % kids}
    objects.update({n: b"<< /Type /Page /Parent 2 0 R >>" for n in range(10, 100_010)})
    raw = pdf_file(objects)
    assert len(raw) > MAX_STRUCTURE_BYTES
    refused_quickly(raw, "对象数量异常庞大")


def test_objects_hidden_behind_a_stream_keyword_in_a_comment_are_counted() -> None:
    """pdfminer skips comments; a "stream ... endstream" in them must not hide the big array between from the count."""
    big = b"[" + b"0 " * 600_000 + b"]"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Junk %%>> stream\n" + big + b" %% endstream\n>>",
        2: b"<< /Type /Pages /Kids [] /Count 0 >>",
    }
    refused_quickly(pdf_file(objects), "对象数量异常庞大")


def _font_pdf(font_extra: bytes, stream: bytes) -> bytes:
    """One page of text in font 3, which refers to stream object 5 (`font_extra` says how)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        3: b"<< /Type /Font /Subtype /TrueType /BaseFont /Song " + font_extra + b" >>",
        4: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 6 0 R >>",
        5: stream,
        6: flate(text_page()),
    }
    return pdf_file(objects)


def test_font_maps_and_embedded_fonts_are_unpacked_with_a_bound() -> None:
    """pdfminer unpacks a font's ToUnicode map whole and parses it; it may read the embedded font file too."""
    cmap_bomb = flate(deflated([b"/CIDInit /ProcSet findresource begin "] + [b" " * 1_000_000] * 200))
    refused_quickly(_font_pdf(b"/ToUnicode 5 0 R", cmap_bomb), "字体内容异常庞大")
    descriptor = b"/FontDescriptor << /Type /FontDescriptor /FontName /Song /FontFile2 5 0 R >>"
    font_bomb = flate(deflated([b"\0" * 1_000_000] * 100))
    refused_quickly(_font_pdf(descriptor, font_bomb), "字体内容异常庞大")
    small_map = flate(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap endcmap end end")
    assert loads_published_rows(_font_pdf(b"/ToUnicode 5 0 R", small_map)) == [["2023 annual report"]]


def test_61_pages_are_refused_without_reading_them() -> None:
    refused_quickly(pages_pdf([text_page()] * 61), "超过 60 页")


def test_content_in_an_unusual_encoding_is_refused() -> None:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        4: b"<< /Length 3 /Filter /RunLengthDecode >> stream\n\x81a\x80\nendstream",
    }
    refused_quickly(pdf_file(objects), "不支持的压缩方式")


def test_ascii_and_flate_encoded_content_is_unpacked_with_the_bound() -> None:
    """A stream bomb behind an ASCIIHex filter is still unpacked only up to the bound."""
    bomb = zlib.compress(RECTANGLES * 3_000_000, 9).hex().encode() + b">"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        4: b"<< /Length %d /Filter [/ASCIIHexDecode /FlateDecode] >> stream\n" % len(bomb) + bomb + b"\nendstream",
    }
    refused_quickly(pdf_file(objects), "页面内容异常庞大")


def test_the_page_bound_is_checked_with_forms_included() -> None:
    # without the forms' rectangles the page would be under the bound: 2 500 + 1 260
    page = text_page() + RECTANGLES * (MAX_PAGE_OPERATORS // 2) + b"/X0 Do\n" * (MAX_PAGE_OPERATORS // 4 + 10)
    refused_quickly(pages_pdf([page], forms=[RECTANGLES]), "页面内容异常庞大")


MEMORY_PROBE = """
import test_pdf_budget as t
from pdf_kit import deflated, flate, pages_pdf, pdf_file, text_page
from nianbao.importers.published import ImportFailed, loads_published
page = text_page() + t.RECTANGLES * 4_990
strings = b"BT /F1 10 Tf 10 10 Td (" + b"a" * 20_000 + b") Tj ET"
huge = deflated([text_page(), b"q BI /W 9000 /H 9000 /BPC 8 /CS /G ID ", *[bytes(1_000_000)] * 81, b" EI Q"])
files = [pages_pdf([page] * 60), pages_pdf([strings] * 60), pages_pdf([huge]),
         pages_pdf([b"/X0 Do " * 1000], forms=[t.RECTANGLES * 20]), pages_pdf([page] * 60, packed=True),
         pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] >>"}, [1, 2], padding=200),
         t._font_pdf(b"/ToUnicode 5 0 R", t.flate(deflated([b"begincmap "] + [bytes(1_000_000)] * 200)))]
print(peak_kb())
for raw in files:
    try:
        loads_published(raw, "m.pdf", ".pdf")
    except ImportFailed:
        pass
    else:
        raise SystemExit("not refused")
print(peak_kb())
"""


def test_hostile_pdfs_stay_under_200_mb() -> None:
    base_kb, grown_kb = base_and_growth_kb(MEMORY_PROBE)
    assert base_kb < 200_000 and grown_kb < 200_000, (base_kb, grown_kb)
