"""The page every export lays out: A4 with the type area of GB/T 9704 (党政机关公文格式), and the tables' columns.

The Word export, the PDF writer and the print preview take their geometry from here, so they agree page for page."""

from __future__ import annotations

from nianbao.definition.model import Table

# mm
PAGE_W, PAGE_H = 210.0, 297.0
TOP, BOTTOM, LEFT, RIGHT = 37.0, 35.0, 28.0, 26.0
TEXT_W, TEXT_H = PAGE_W - LEFT - RIGHT, PAGE_H - TOP - BOTTOM  # 156 x 225
PAGE_NUMBER_GAP = 7.0  # GB/T 9704 7.5: the number line sits 7 mm below the type area

# column widths (mm) per table: leading label columns, then a wider last column (总计 of table 三 holds the largest
# numbers); the other value columns share the rest equally
LABEL_MM: dict[str, tuple[float, ...]] = {"t2": (48.0,), "t3": (10.0, 21.0, 50.0)}
LAST_MM: dict[str, float] = {"t3": 12.5}


def column_mm(table: Table) -> list[float]:
    """The widths of a table's grid columns in mm, filling the type area's width."""
    labels = list(LABEL_MM.get(table.id, ()))[: table.n_cols]
    last = [LAST_MM[table.id]] if table.id in LAST_MM else []
    rest = table.n_cols - len(labels) - len(last)
    share = (TEXT_W - sum(labels) - sum(last)) / rest
    return [*labels, *([share] * rest), *last]
