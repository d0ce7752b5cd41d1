"""The print preview: one QTextDocument laid out like the Word export (PDF files: nianbao.export.pdf).

The document is built with the QTextCursor API (exact control over fixed line pitch, indents,
merged table cells, repeated header rows) in the device pixels of the target (QPdfWriter or
QPrinter), then painted page by page: A4, margins 37/35/28/26 mm, and the page number `— N —`
in 4号 宋体 7 mm below the type area, odd pages right, even pages left (GB/T 9704 7.5).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)
from PySide6.QtWidgets import QApplication, QWidget

from nianbao.core.report import Report
from nianbao.core.values import Value
from nianbao.definition.model import GridItem, Table
from nianbao.export.common import blocks, export_values, item_text, split_lead, title_lines
from nianbao.export.page import LEFT, PAGE_NUMBER_GAP, TEXT_H, TEXT_W, TOP, column_mm
from nianbao.export.typefaces import FANGSONG, HEITI, KAITI, SONG, XBS

FORMAT_DPI = 96.0  # the unit of lengths in text formats
HEADING = QTextFormat.Property.UserProperty + 1  # block property: keep this block with the next

CELL_PAD = 0.8  # mm
BORDER = 0.5  # pt
# Qt places a collapsed-border table ~1.1 mm in and adds borders to the constraints: keep 2.4 mm spare
TABLE_SLACK = 2.4  # mm


def ensure_app() -> QApplication:
    """The running QApplication, or a new one (for the CLI and tests with QT_QPA_PLATFORM=offscreen)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([])
    assert isinstance(app, QApplication)
    return app


@dataclass(frozen=True, slots=True)
class _Units:
    """Lengths in the target device's pixels."""

    dpi: float

    def mm(self, v: float) -> float:
        return v * self.dpi / 25.4

    def pt(self, v: float) -> float:
        return v * self.dpi / 72.0


def _char(families: tuple[str, ...], size: float, bold: bool = False) -> QTextCharFormat:
    cf = QTextCharFormat()
    cf.setFontFamilies(families)
    cf.setFontPointSize(size)
    cf.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    cf.setForeground(QBrush(QColor("black")))
    return cf


def _body_block(
    u: _Units, dev: _Units, indent: bool = True, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignJustify
) -> QTextBlockFormat:
    bf = QTextBlockFormat()
    bf.setLineHeight(u.pt(29), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    bf.setTextIndent(dev.pt(32) if indent else 0)  # Qt does not scale the indent: device pixels
    bf.setAlignment(align)
    bf.setTopMargin(0)
    bf.setBottomMargin(0)
    return bf


def build_document(report: Report, device: QPagedPaintDevice) -> QTextDocument:
    """The report as a QTextDocument paginated for the device (A4 type area per page).

    Tables that cross a page are split at a row boundary where only the outermost label column
    is merged across, and the header rows are repeated on the next page (Qt's own row breaking
    overlaps merged cells); a table whose first rows do not fit starts on the next page with
    its heading.
    """
    plan: dict[str, list[int]] = {}
    moved: set[str] = set()
    for _ in range(12):
        doc, tables = _build(report, device, plan, moved)
        change = _next_split(doc, report, tables, plan, moved)
        if not change:
            return doc
    return doc  # pragma: no cover - a table longer than a dozen pages


def _build(
    report: Report,
    device: QPagedPaintDevice,
    plan: dict[str, list[int]],
    moved: set[str],
) -> tuple[QTextDocument, list[tuple[str, int, QTextTable]]]:
    """Lengths in text formats are 96-dpi pixels (Qt scales them to the device); the page size is in
    device pixels. Returns the document and its table parts (table id, first grid row, QTextTable)."""
    u = _Units(FORMAT_DPI)
    dev = _Units(float(device.logicalDpiY()))
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(dev.mm(TEXT_W), dev.mm(TEXT_H)))
    doc.setDefaultFont(_char(FANGSONG, 16).font())
    values = export_values(report)
    cursor = QTextCursor(doc)
    fresh = True  # the cursor sits in an empty block that can take the next paragraph
    parts: list[tuple[str, int, QTextTable]] = []

    def paragraph(bf: QTextBlockFormat, runs: list[tuple[str, QTextCharFormat]]) -> None:
        nonlocal fresh
        if fresh:
            cursor.setBlockFormat(bf)
        else:
            cursor.insertBlock(bf)
        for text, cf in runs:
            cursor.insertText(text, cf)
        fresh = False

    body = _char(FANGSONG, 16)
    cursor.beginEditBlock()  # one layout pass at the end instead of one per cell
    items = list(blocks(report))
    for i, block in enumerate(items):
        if block.kind == "title":
            bf = _body_block(u, dev, indent=False, align=Qt.AlignmentFlag.AlignHCenter)
            bf.setLineHeight(u.pt(35), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            bf.setBottomMargin(u.pt(29))
            paragraph(bf, [("\u2028".join(title_lines(report, 20)), _char(XBS, 22))])
        elif block.kind == "heading":
            bf = _body_block(u, dev)
            bf.setProperty(HEADING, True)
            if fresh and cursor.block().previous().isValid():  # right after a table: keep the gap
                bf.setTopMargin(cursor.blockFormat().topMargin())
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt is not None and nxt.table in moved:
                bf.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            paragraph(bf, [(block.text, _char(HEITI, 16))])
        elif block.kind == "subheading":
            lead, rest = split_lead(block.text)
            runs = [(lead, _char(KAITI, 16))] + ([(rest, body)] if rest else [])
            bf = _body_block(u, dev)
            if not rest:
                bf.setProperty(HEADING, True)
            paragraph(bf, runs)
        elif block.kind == "table" and block.table is not None:
            table = report.fmt.tables[block.table]
            for first, (part_items, n_rows) in zip(
                [0, *plan.get(table.id, [])], table_parts(table, plan.get(table.id, [])), strict=True
            ):
                qt_table = _insert_table(cursor, report, table, part_items, n_rows, values, u, new_page=first > 0)
                parts.append((table.id, first, qt_table))
                cursor.movePosition(QTextCursor.MoveOperation.End)
            gap = _body_block(u, dev)
            gap.setTopMargin(u.pt(14.5))  # half a line after the table
            cursor.setBlockFormat(gap)
            fresh = True
        else:
            paragraph(_body_block(u, dev), [(block.text, body)])
    cursor.endEditBlock()
    _keep_headings_with_next(doc, dev)
    return doc, parts


def table_parts(table: Table, splits: list[int]) -> list[tuple[list[GridItem], int]]:
    """The grid cut before each row in ``splits``: (items, row count) per part. Parts after the
    first repeat the header rows; a cut merged region keeps its text in a piece only where the
    text fits in the piece's rows (a narrow label squeezed into one row would make it very tall)."""
    bounds = [0, *splits, table.n_rows]
    widths = column_mm(table)
    out: list[tuple[list[GridItem], int]] = []
    for a, b in itertools.pairwise(bounds):
        head = table.header_rows if a > 0 else 0
        part = [it for it in table.items if it.row < table.header_rows] if head else []
        for it in table.items:
            if it.row < b and it.row + it.rowspan > a and (a == 0 or it.row >= table.header_rows):
                top, end = max(it.row, a), min(it.row + it.rowspan, b)
                piece = replace(it, row=top - a + head, rowspan=end - top)
                if piece.rowspan < it.rowspan:
                    per_line = max(1, int((sum(widths[it.col : it.col + it.colspan]) - 2 * CELL_PAD) / 3.8))
                    if -(-len(it.text) // per_line) > piece.rowspan + 1:
                        piece = replace(piece, text="")
                part.append(piece)
        out.append((part, b - a + head))
    return out


def _next_split(
    doc: QTextDocument,
    report: Report,
    parts: list[tuple[str, int, QTextTable]],
    plan: dict[str, list[int]],
    moved: set[str],
) -> bool:
    """Find the first table part that crosses a page; record where to cut it. True if the plan changed."""
    page_h = doc.pageSize().height()
    layout = doc.documentLayout()
    for tid, first, qt_table in parts:
        table = report.fmt.tables[tid]
        head = table.header_rows if first > 0 else 0
        rows = qt_table.rows()
        # the page where the part's first row sits (a part after a cut starts a page)
        top_block = qt_table.cellAt(0, 0).firstCursorPosition().block()
        start_page = int(layout.blockBoundingRect(top_block).top() // page_h)
        cut = None
        for r in range(head, rows):
            for c in range(qt_table.columns()):
                cell = qt_table.cellAt(r, c)
                if cell.row() != r or cell.column() != c or cell.rowSpan() > 1:
                    continue
                rect = layout.blockBoundingRect(cell.lastCursorPosition().block())
                if int((rect.bottom() - 1) // page_h) > start_page:
                    cut = r
                    break
            if cut is not None:
                break
        if cut is None:
            continue
        raw = first + cut - head  # grid row that does not fit
        lowest = max(first, table.header_rows)  # a part keeps at least one body row
        end = min([b for b in plan.get(tid, []) if b > first], default=table.n_rows)
        grid_cut = _safe_cut(table, raw)
        if not lowest < grid_cut < end:
            grid_cut = raw
        if not lowest < grid_cut < end:
            if first == 0 and tid not in moved:
                moved.add(tid)  # nothing useful fits: start the table (with its heading) on a new page
                plan.pop(tid, None)
                return True
            continue  # one row or group taller than the room left: Qt breaks it
        plan[tid] = sorted([*plan.get(tid, []), grid_cut])
        return True
    return False


def _safe_cut(table: Table, row: int) -> int:
    """The nearest row at or above ``row`` where no merged region other than the first column is cut;
    in table 二 (sections) the start of a section."""
    if table.layout == "sections":
        starts = [it.row for it in table.items if it.role == "caption" and it.row <= row]
        return max(starts, default=0)
    r = row
    while r > table.header_rows:
        crossing = [it for it in table.items if it.col > 0 and it.row < r < it.row + it.rowspan]
        if not crossing:
            return r
        r = min(it.row for it in crossing)
    return r


def _column_widths(table: Table, u: _Units) -> list[float]:
    scale = (TEXT_W - TABLE_SLACK) / TEXT_W
    return [u.mm(w * scale) for w in column_mm(table)]


def _insert_table(
    cursor: QTextCursor,
    report: Report,
    table: Table,
    items: list[GridItem],
    n_rows: int,
    values: dict[str, Value],
    u: _Units,
    new_page: bool,
) -> QTextTable:
    border = u.pt(BORDER)
    tf = QTextTableFormat()
    tf.setBorder(border)
    tf.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    tf.setBorderBrush(QBrush(QColor("black")))
    tf.setBorderCollapse(True)
    tf.setCellSpacing(0)
    tf.setCellPadding(u.mm(CELL_PAD))
    tf.setMargin(0)
    if new_page:
        tf.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    tf.setColumnWidthConstraints([QTextLength(QTextLength.Type.FixedLength, w) for w in _column_widths(table, u)])
    qt_table = cursor.insertTable(n_rows, table.n_cols, tf)
    cell_text = _char(FANGSONG, 10.5)
    caption = _char(FANGSONG, 10.5, bold=True)
    for item in items:
        if item.rowspan > 1 or item.colspan > 1:
            qt_table.mergeCells(item.row, item.col, item.rowspan, item.colspan)
        cell = qt_table.cellAt(item.row, item.col)
        cf = QTextTableCellFormat()
        cf.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        cf.setBorder(border)
        cf.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        cf.setBorderBrush(QBrush(QColor("black")))
        cell.setFormat(cf)
        bf = QTextBlockFormat()
        left = item.role == "label" and table.layout == "matrix" and item.rowspan == 1
        bf.setAlignment(Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignHCenter)
        c = cell.firstCursorPosition()
        c.setBlockFormat(bf)
        c.insertText(item_text(report, item, values), caption if item.role == "caption" else cell_text)
    return qt_table


def _keep_headings_with_next(doc: QTextDocument, u: _Units) -> None:
    """A heading with less than three lines left below it on its page starts the next page."""
    page_h = doc.pageSize().height()
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().boolProperty(HEADING):
            rect = layout.blockBoundingRect(block)
            room = page_h - (rect.bottom() % page_h)
            if room < u.pt(29) * 3 and rect.top() % page_h > 0:
                c = QTextCursor(block)
                bf = block.blockFormat()
                bf.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                c.setBlockFormat(bf)
        block = block.next()


def paint(doc: QTextDocument, device: QPagedPaintDevice) -> int:
    """Paint the paginated document onto a paged device set to A4 without margins; returns the page count."""
    u = _Units(float(device.logicalDpiY()))
    page = doc.pageSize()
    pages = doc.pageCount()
    painter = QPainter(device)
    try:
        number_font = _char(SONG, 14).font()
        for i in range(pages):
            if i:
                device.newPage()
            painter.save()
            painter.translate(u.mm(LEFT), u.mm(TOP) - i * page.height())
            doc.drawContents(painter, QRectF(0, i * page.height(), page.width(), page.height()))
            painter.restore()
            _page_number(painter, u, i + 1, number_font)
    finally:
        painter.end()
    return pages


def _page_number(painter: QPainter, u: _Units, number: int, font: QFont) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("black"))
    one_char = u.pt(14)
    top = u.mm(TOP + TEXT_H + PAGE_NUMBER_GAP)
    rect = QRectF(u.mm(LEFT) + one_char, top, u.mm(TEXT_W) - 2 * one_char, u.pt(20))
    align = Qt.AlignmentFlag.AlignRight if number % 2 else Qt.AlignmentFlag.AlignLeft
    painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop), f"— {number} —")
    painter.restore()


def _a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def print_preview(report: Report, parent: QWidget | None = None) -> int:
    """Open the print preview (same layout as the PDF); returns the dialog's result code."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    ensure_app()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setPageLayout(_a4_layout())
    printer.setDocName(report.title())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 — {report.title()}")

    def render(target: QPrinter) -> None:
        paint(build_document(report, target), target)

    dialog.paintRequested.connect(render)
    return int(dialog.exec())
