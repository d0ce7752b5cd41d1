"""Report -> PDF with a text layer that reads back exactly: the 公文 layout of the Word export, drawn with fpdf2.

Why not Qt's PDF writer (the print preview still uses Qt): its ToUnicode map gives a glyph that two code points
share the lowest one, so 人 民 一 行 read back as the Kangxi radicals ⼈ ⺠ ⼀ ⾏ that share their glyphs in CJK
fonts; and painting a page clip by clip leaves the previous page's last line, invisible, in the top margin. fpdf2
(pure Python, on fontTools) embeds a subset of TrueType and OpenType-CFF fonts and maps each code it writes to the
character that was written. Every line is placed here, once, in reading order; tables cell by cell, row by row.

Layout: A4, margins 37/35/28/26 mm, body 3号 仿宋 on a 28-character x 22-line grid (28.95 pt line pitch), headings
黑体, run-in sub-headings 楷体, title 小标宋 2号, page numbers "— N —" in 4号 宋体 7 mm below the type area, odd
pages right and even pages left (GB/T 9704 7.5). Chinese line breaking keeps closing punctuation off line starts
and opening punctuation off line ends; numbers and Latin words are not broken.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nianbao.core.report import Report
from nianbao.core.storage import StorageError, write_atomic
from nianbao.definition.model import GridItem, Table
from nianbao.export.common import blocks, export_values, item_text, split_lead, title_lines
from nianbao.export.page import LEFT, PAGE_NUMBER_GAP, RIGHT, TEXT_H, TEXT_W, TOP, column_mm
from nianbao.export.pdf_font_cache import covered, reduced
from nianbao.export.pdf_fonts import FontSet, FontsMissing, Role, system_fonts

if TYPE_CHECKING:
    from fpdf import FPDF

PT = 25.4 / 72  # mm per point
LINE = 28.95 * PT  # body line pitch, as in the Word export: 22 lines fill the 225 mm type area (29 pt gave 21)
BODY_PT, TITLE_PT, PAGE_PT, CELL_PT = 16.0, 22.0, 14.0, 10.5
GRID_CHAR = TEXT_W / 28  # 28 characters per line (GB/T 9704 7.2)
TITLE_LINE = 35 * PT
CELL_LINE = 13 * PT
CELL_PAD_X, CELL_PAD_Y = 0.8, 0.7
MIN_ROW = 6.5
BORDER = 0.5 * PT

NO_START = set("，。、；：？！）》」』”’〕】…—%,.;:?!)]}·")
NO_END = set("（《「『“‘〔【([{")
_WORD = re.compile(r"[A-Za-z0-9.%,:/+\-@_]+|.", re.S)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")

Run = tuple[str, Role]


@dataclass(frozen=True, slots=True)
class Atom:
    text: str
    role: Role
    width: float  # mm at the atom's size, without letter spacing


@dataclass(frozen=True, slots=True)
class Line:
    atoms: tuple[Atom, ...]
    indent: float
    last: bool  # the paragraph's last line (not justified)


class _Writer:
    def __init__(self, report: Report, fonts: FontSet) -> None:
        from fpdf import FPDF
        from fpdf.fonts import TTFFont

        self.report = report
        self.values = export_values(report)
        pdf = FPDF(unit="mm", format="A4")
        pdf.set_margins(LEFT, TOP, RIGHT)
        pdf.set_auto_page_break(False)
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(BORDER)
        families: dict[tuple[str, int], str] = {}
        self.family: dict[Role, str] = {}
        for role, font in fonts.items():
            key = (font.path, font.face)
            if key not in families:
                families[key] = f"f{len(families)}"
                pdf.add_font(families[key], "", font.path, collection_font_number=font.face)
                added = pdf.fonts[families[key]]
                if isinstance(added, TTFFont):
                    # subsetting keeps every glyph's outline and bounds: measuring them all again on save (what
                    # fontTools does by default) took most of an export's time
                    added.ttfont.recalcBBoxes = False
            self.family[role] = families[key]
        title = report.title()
        pdf.set_title(title)
        pdf.set_author(report.meta.issuer or "年报助手")
        pdf.set_subject(title)
        pdf.set_creator("年报助手")
        pdf.set_lang("zh-CN")
        self.pdf: FPDF = pdf
        self.y = TOP
        self._widths: dict[tuple[Role, float, str], float] = {}
        self._font: tuple[Role, float] | None = None

    # -- text measuring and drawing
    def font(self, role: Role, size: float) -> None:
        if self._font != (role, size):
            self.pdf.set_font(self.family[role], size=size)
            self._font = (role, size)

    def width(self, text: str, role: Role, size: float) -> float:
        key = (role, size, text)
        w = self._widths.get(key)
        if w is None:
            self.font(role, size)
            self.pdf.set_char_spacing(0)
            w = self._widths[key] = float(self.pdf.get_string_width(text))
        return w

    def atoms(self, runs: list[Run], size: float) -> list[Atom]:
        out = []
        for text, role in runs:
            for m in _WORD.finditer(_CONTROL.sub("", text.replace("\t", " "))):
                out.append(Atom(m.group(), role, self.width(m.group(), role, size)))
        return out

    def lines(self, runs: list[Run], size: float, width: float, indent: float, spacing: float) -> list[Line]:
        """Greedy line breaking with Chinese rules; ``spacing`` is added after every character (mm)."""
        atoms: list[Atom] = []
        for atom in self.atoms(runs, size):
            if len(atom.text) > 1 and atom.width + spacing * len(atom.text) > width - indent:
                atoms += self.atoms([(ch, atom.role) for ch in atom.text], size)  # too long a word: by characters
            else:
                atoms.append(atom)
        lines: list[Line] = []
        cur: list[Atom] = []
        used = indent
        first = True
        for atom in atoms:
            w = atom.width + spacing * len(atom.text)
            if cur and used + w > width + 0.01:
                carry: list[Atom] = []
                # closing punctuation never starts a line (“》，” moves down with the character before it),
                # opening punctuation never ends one
                while len(cur) > 1 and (carry[0] if carry else atom).text in NO_START:
                    carry.insert(0, cur.pop())
                while len(cur) > 1 and cur[-1].text in NO_END:
                    carry.insert(0, cur.pop())
                lines.append(Line(tuple(cur), indent if first else 0.0, False))
                first = False
                cur = carry
                used = sum(a.width + spacing * len(a.text) for a in cur)
            if not cur and atom.text == " ":
                continue  # no space at a line start
            cur.append(atom)
            used += w
        if cur or not lines:
            lines.append(Line(tuple(cur), indent if first else 0.0, True))
        return lines

    def draw_line(self, line: Line, x: float, baseline: float, size: float, width: float, spacing: float,
                  justify: bool) -> None:  # fmt: skip
        chars = sum(len(a.text) for a in line.atoms)
        natural = sum(a.width for a in line.atoms) + spacing * chars
        extra = 0.0
        if justify and not line.last and chars > 1:
            extra = max(0.0, (width - line.indent - natural) / (chars - 1))
        gap = spacing + extra
        x += line.indent
        for text, role, w in self._segments(line.atoms):
            self.font(role, size)
            self.pdf.set_char_spacing(gap / PT)
            self.pdf.text(x, baseline, text)
            x += w + gap * len(text)

    @staticmethod
    def _segments(atoms: Sequence[Atom]) -> Iterator[tuple[str, Role, float]]:
        """Consecutive atoms of one font as one text run."""
        text, role, w = "", None, 0.0
        for a in atoms:
            if role is not None and a.role != role:
                yield text, role, w
                text, w = "", 0.0
            text, role, w = text + a.text, a.role, w + a.width
        if role is not None and text:
            yield text, role, w

    # -- pages
    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = TOP
        n = self.pdf.page
        label = f"— {n} —"
        w = self.width(label, "song", PAGE_PT)
        one = PAGE_PT * PT
        x = LEFT + TEXT_W - one - w if n % 2 else LEFT + one
        self.font("song", PAGE_PT)
        self.pdf.set_char_spacing(0)
        self.pdf.text(x, TOP + TEXT_H + PAGE_NUMBER_GAP + PAGE_PT * PT * 0.8, label)

    def room(self) -> float:
        return TOP + TEXT_H + 0.05 - self.y

    def paragraph(self, runs: list[Run], indent: bool = True, keep: float = 0.0) -> None:
        spacing = GRID_CHAR - BODY_PT * PT  # full-width characters on the 28-per-line grid
        lines = self.lines(runs, BODY_PT, TEXT_W, 2 * GRID_CHAR if indent else 0.0, spacing)
        if keep and self.room() < LINE + keep:  # a heading stays with what follows
            self.new_page()
        for line in lines:
            if self.room() < LINE:
                self.new_page()
            baseline = self.y + LINE / 2 + BODY_PT * PT * 0.36
            self.draw_line(line, LEFT, baseline, BODY_PT, TEXT_W, spacing, justify=True)
            self.y += LINE

    def title(self) -> None:
        for text in title_lines(self.report, TEXT_W / (TITLE_PT * PT)):
            w = self.width(text, "title", TITLE_PT)
            self.font("title", TITLE_PT)
            self.pdf.set_char_spacing(0)
            self.pdf.text(LEFT + max(0.0, (TEXT_W - w) / 2), self.y + TITLE_LINE / 2 + TITLE_PT * PT * 0.36, text)
            self.y += TITLE_LINE
        self.y += LINE

    # -- tables
    def cell_lines(self, text: str, role: Role, size: float, width: float) -> list[str]:
        """A cell text in lines; the last line never holds one character alone when it can be balanced."""
        lines = self.lines([(text, role)], size, width, 0.0, 0.0)
        out = ["".join(a.text for a in ln.atoms) for ln in lines]
        if len(out) > 1 and len(out[-1]) == 1 and all(len(a.text) == 1 for ln in lines for a in ln.atoms):
            chars = "".join(out)
            per = -(-len(chars) // len(out))
            if per < len(out[0]):
                out = [chars[i : i + per] for i in range(0, len(chars), per)]
        return out

    def table(self, table: Table, keep_heading: bool) -> None:
        widths = column_mm(table)
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        cells: dict[GridItem, tuple[list[str], Role, float]] = {}
        for it in table.items:
            text = item_text(self.report, it, self.values)
            role: Role = "hei" if it.role == "caption" else "body"
            size = CELL_PT
            span = sum(widths[it.col : it.col + it.colspan]) - 2 * CELL_PAD_X
            if it.role == "value" and self.width(text, role, size) > span:
                size = size * span / self.width(text, role, size)  # a big number stays on one line, smaller
            cells[it] = (self.cell_lines(text, role, size, span), role, size)
        heights = [MIN_ROW] * table.n_rows
        for it in sorted(table.items, key=lambda i: i.rowspan):
            lines, _role, size = cells[it]
            need = len(lines) * max(CELL_LINE, size * 1.25 * PT) + 2 * CELL_PAD_Y
            have = sum(heights[it.row : it.row + it.rowspan])
            if need > have:
                heights[it.row + it.rowspan - 1] += need - have
        head = table.header_rows
        head_h = sum(heights[:head])
        cuts = set(_cut_rows(table))
        start = 0
        first_part = True
        while start < table.n_rows:
            top = start if first_part else max(start, head)
            repeat = 0 if first_part else head
            room = self.room() - (head_h if repeat else 0.0)
            end, used = top, 0.0
            best = None
            r = top
            while r < table.n_rows and used + heights[r] <= room:
                used += heights[r]
                r += 1
                if r in cuts or r == table.n_rows:
                    best = r
            if best is None or best <= max(top, head if first_part else 0):
                if self.y > TOP + 0.01:  # nothing useful fits here: start the table on the next page
                    self.new_page()
                    continue
                best = max(r, top + 1)  # a group taller than a page: cut where the page ends
            end = best
            self._draw_part(table, cells, xs, heights, top, end, repeat)
            start = end
            first_part = False
            if start < table.n_rows:
                self.new_page()
        self.y += 14.5 * PT  # half a line after the table

    def _draw_part(self, table: Table, cells: dict[GridItem, tuple[list[str], Role, float]], xs: list[float],
                   heights: list[float], top: int, end: int, repeat: int) -> None:  # fmt: skip
        """Rows [top, end) below ``repeat`` repeated header rows; merged regions cut by the part are drawn in
        it with their text when the text fits."""
        ys: dict[int, float] = {}
        y = self.y
        rows = [*range(repeat), *range(top, end)]
        for r in rows:
            ys[r] = y
            y += heights[r]
        bottom = y
        items = sorted(table.items, key=lambda i: (i.row, i.col))
        for it in items:
            in_head = repeat and it.row < repeat
            if not in_head and not (it.row < end and it.row + it.rowspan > top):
                continue
            if repeat and not in_head and it.row < table.header_rows:
                continue
            r0 = it.row if in_head else max(it.row, top)
            r1 = it.row + it.rowspan if in_head else min(it.row + it.rowspan, end)
            x0, x1 = xs[it.col], xs[it.col + it.colspan]
            y0 = ys[r0]
            h = sum(heights[r] for r in range(r0, r1))
            self.pdf.rect(x0, y0, x1 - x0, h)
            lines, role, size = cells[it]
            lh = max(CELL_LINE, size * 1.25 * PT)
            if len(lines) * lh + 2 * CELL_PAD_Y > h + 0.01:
                continue  # a label cut by the page that does not fit its piece
            ty = y0 + (h - len(lines) * lh) / 2
            left = it.role == "label" and table.layout == "matrix" and it.rowspan == 1
            for text in lines:
                w = self.width(text, role, size)
                x = x0 + CELL_PAD_X if left else x0 + (x1 - x0 - w) / 2
                self.font(role, size)
                self.pdf.set_char_spacing(0)
                self.pdf.text(x, ty + lh / 2 + size * PT * 0.36, text)
                ty += lh
        self.y = bottom

    # -- the document
    def build(self) -> bytes:
        self.new_page()
        items = list(blocks(self.report))
        for i, block in enumerate(items):
            nxt = items[i + 1] if i + 1 < len(items) else None
            if block.kind == "title":
                self.title()
            elif block.kind == "heading":
                keep = 2 * LINE
                if nxt is not None and nxt.kind == "table" and nxt.table is not None:
                    keep = self._table_start_height(self.report.fmt.tables[nxt.table])
                self.paragraph([(block.text, "hei")], keep=keep)
            elif block.kind == "subheading":
                lead, rest = split_lead(block.text)
                runs: list[Run] = [(lead, "kai")]
                if rest:
                    runs.append((rest, "body"))
                self.paragraph(runs, keep=0.0 if rest else LINE)
            elif block.kind == "table" and block.table is not None:
                self.table(self.report.fmt.tables[block.table], keep_heading=True)
            else:
                self.paragraph([(block.text, "body")])
        return bytes(self.pdf.output())

    def _table_start_height(self, table: Table) -> float:
        """Room a table's heading needs below it: the header rows and the first group (estimated)."""
        first_cut = min((r for r in _cut_rows(table) if r > table.header_rows), default=table.n_rows)
        return (first_cut + 1) * MIN_ROW


def _cut_rows(table: Table) -> list[int]:
    """Rows a table may be cut before: no merged region other than the outermost label column crosses them; in
    table 二 (sections) the start of a section."""
    if table.layout == "sections":
        return sorted({it.row for it in table.items if it.role == "caption" and it.row > 0})
    out = []
    for r in range(table.header_rows + 1, table.n_rows):
        if not any(it.col > 0 and it.row < r < it.row + it.rowspan for it in table.items):
            out.append(r)
    return out


def _characters(report: Report) -> set[str]:
    """Every character the PDF can be written with (texts, table cells, title, page numbers)."""
    chars = set("0123456789— ")
    chars.update(report.title(), report.meta.issuer)
    for block in blocks(report):
        chars.update(block.text)
    values = export_values(report)
    for table in report.fmt.tables.values():
        for it in table.items:
            chars.update(item_text(report, it, values))
    chars.discard("\n")
    return {c for c in chars if not _CONTROL.match(c) and c != "\t"}


def pdf_bytes(report: Report, fonts: FontSet | None = None) -> bytes:
    """The report as PDF bytes; raises StorageError (Chinese message) when no Chinese font is installed."""
    try:
        chosen = fonts if fonts is not None else system_fonts()
    except FontsMissing as exc:
        raise StorageError(str(exc)) from None
    if _characters(report) <= covered():  # the usual case: the fonts' reduced copies hold every character
        chosen = {role: reduced(font) for role, font in chosen.items()}
    logging.getLogger("fpdf").setLevel(logging.ERROR)  # glyph warnings go to the log, not the console
    return _Writer(report, chosen).build()


def write_pdf(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the PDF atomically; raises StorageError with a Chinese message."""
    write_atomic(Path(path), pdf_bytes(report))
