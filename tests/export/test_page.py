"""Word, the PDF writer and the print preview lay out one page (export/page.py); HTML and preview share typefaces."""

from __future__ import annotations

import pytest

from nianbao.definition import load_format
from nianbao.export.docx import TWIPS_PER_MM, column_widths
from nianbao.export.page import LABEL_MM, LAST_MM, TEXT_W, column_mm


@pytest.mark.parametrize("format_id", ["gov2021", "gov2019"])
def test_word_and_pdf_give_every_table_the_same_columns(format_id: str) -> None:
    for table in load_format(format_id).tables.values():
        mm = column_mm(table)
        twips = column_widths(table)
        assert len(mm) == len(twips) == table.n_cols
        assert sum(mm) == pytest.approx(TEXT_W) and sum(twips) == round(TEXT_W * TWIPS_PER_MM)
        # Word rounds each column to whole twips and gives the remainder to the last: under 0.35 mm apart
        assert all(abs(t - m * TWIPS_PER_MM) < 20 for t, m in zip(twips, mm, strict=True))
        assert mm[: len(LABEL_MM.get(table.id, ()))] == list(LABEL_MM.get(table.id, ()))
        if table.id in LAST_MM:
            assert mm[-1] == LAST_MM[table.id] < max(mm[len(LABEL_MM[table.id]) : -1]) * 2


def test_the_html_export_names_the_typefaces_of_the_shared_list() -> None:
    from nianbao.export import typefaces
    from nianbao.export.html import render_html
    from nianbao.resources import load_example

    html = render_html(load_example())
    for faces, generic in ((typefaces.FANGSONG, "serif"), (typefaces.HEITI, "sans-serif"), (typefaces.XBS, "serif")):
        family = typefaces.css(faces, generic)
        assert f"font-family:{family};" in html and family.startswith("'Times New Roman', Times, ")
