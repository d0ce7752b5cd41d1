"""Report -> Word (.docx) in official-document layout (GB/T 9704-2012, spec §4).

Layout decisions:
- A4 portrait, margins 37/35/28/26 mm, body 3号 仿宋_GB2312 at a fixed 28.95 pt line pitch
  (22 lines in the 225 mm type area), first-line indent two characters.
- Fonts are named as in official templates (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体) in the
  East Asian slot; digits and Latin use Times New Roman. The fallback chain lives in the font
  table: each GB font has ``w:altName`` (华文中宋, 仿宋, 楷体) plus GB2312 charset and family, so
  Word/WPS substitute the alternate name first and otherwise a Chinese font of the same family
  (宋体 on a Chinese system).
- Table 四's fifteen columns stay in the portrait page: ~10.4 mm per column with 1 mm cell
  padding fits two 五号 characters per line (headers wrap as in printed reports), which avoids a
  landscape section and its clause-8 page-number handling.
- The body is built as one WordprocessingML string and parsed once (fast, and every merge is
  written explicitly: gridSpan for columns, vMerge restart/continue for rows).
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

from nianbao.core.report import Report
from nianbao.core.storage import write_atomic
from nianbao.core.values import Value
from nianbao.definition.model import GridItem, Table
from nianbao.export.common import Block, blocks, export_values, item_text, split_lead, title_lines
from nianbao.export.page import LABEL_MM, LAST_MM, TEXT_W

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = f'xmlns:w="{W_NS}"'

# fonts (East Asian name, alternate name) and sizes in half-points
LATIN = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
FONT_TABLE: tuple[tuple[str, str, str, str], ...] = (
    # name, altName, family, panose
    (TITLE_FONT, "华文中宋", "roman", "02010600040101010101"),
    (BODY_FONT, "仿宋", "modern", "02010609030101010101"),
    (H2_FONT, "楷体", "modern", "02010609030101010101"),
    ("仿宋", "FangSong", "modern", "02010609060101010101"),
    ("楷体", "KaiTi", "modern", "02010609060101010101"),
    (H1_FONT, "SimHei", "modern", "02010609060101010101"),
    (PAGE_FONT, "SimSun", "roman", "02010600030101010101"),
)
SZ_TITLE, SZ_BODY, SZ_PAGE, SZ_TABLE = 44, 32, 28, 21

TWIPS_PER_MM = 1440 / 25.4
TEXT_WIDTH = round(TEXT_W * TWIPS_PER_MM)  # 8844 twips
LINE = 579  # 28.95 pt fixed line pitch: 22 lines fit the 225 mm type area (22 x 29 pt = 225.1 mm does not)
CHAR = 320  # one 3号 character (16 pt) in twips
CHAR_SPACING = -5  # twentieths of a point: 28 x (16 - 0.25) pt = 441 pt < 156 mm (442.2 pt)
TITLE_CHARS = 156 / (22 * 25.4 / 72)  # 2号 characters in a line of the type area
PAGE_CHAR = 280  # one 4号 character (14 pt)
CELL_PAD = 57  # 1 mm left/right cell padding

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_docx(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the report as .docx; atomic (a failed write leaves no partial file, raises StorageError)."""
    write_atomic(Path(path), docx_bytes(report))


def docx_bytes(report: Report) -> bytes:
    import docx

    document = docx.Document()
    _setup_package(document, report)
    _setup_styles(document)
    _setup_section(document)
    body = document.element.body
    sect_pr = body[-1]
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    values = export_values(report)
    parts: list[str] = []
    after_table = False
    for block in blocks(report):
        parts.append(_block_xml(report, block, values, LINE // 2 if after_table else 0))
        after_table = block.kind == "table"
    if after_table:  # Word wants a paragraph between a final table and the section properties
        parts.append(_para("NbBody", ""))
    for el in _parse(f"<w:body {_NS}>{''.join(parts)}</w:body>"):
        sect_pr.addprevious(el)
    _drop_unused_styles(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _drop_unused_styles(document: object) -> None:
    """Keep the styles the body and footers use (with what they are based on, linked to and followed by) and the
    defaults; the template's other ~160 would crowd Word's style gallery."""
    w = f"{{{W_NS}}}"
    section = document.sections[0]  # type: ignore[attr-defined]
    used: set[str] = set()
    for root in (document.element, section.footer._element, section.even_page_footer._element):  # type: ignore[attr-defined]
        for tag in ("pStyle", "rStyle", "tblStyle"):
            used |= {el.get(w + "val") for el in root.iter(w + tag)}
    styles = document.styles.element  # type: ignore[attr-defined]
    by_id = {s.get(w + "styleId"): s for s in styles.findall(w + "style")}
    keep = used | {sid for sid, s in by_id.items() if s.get(w + "default") == "1"}
    todo = list(keep)
    while todo:
        style = by_id.get(todo.pop())
        for tag in ("basedOn", "link", "next"):
            ref = style.find(w + tag) if style is not None else None
            if ref is not None and ref.get(w + "val") not in keep:
                keep.add(ref.get(w + "val"))
                todo.append(ref.get(w + "val"))
    for sid, style in by_id.items():
        if sid not in keep:
            styles.remove(style)


# --- document structure -----------------------------------------------------------------


def _block_xml(report: Report, block: Block, values: dict[str, Value], before: int = 0) -> str:
    """One block as WordprocessingML; ``before`` adds space above (half a line after a table)."""
    if block.kind == "title":
        return _para("NbTitle", "<w:r><w:br/></w:r>".join(_run(line) for line in title_lines(report, TITLE_CHARS)))
    if block.kind == "heading":
        return _para("NbHeading1", _run(block.text), before=before)
    if block.kind == "subheading":
        lead, rest = split_lead(block.text)
        if not rest:
            return _para("NbHeading2", _run(lead), before=before)
        return _para("NbBody", _run(lead, font=H2_FONT) + _run(rest), before=before)
    if block.kind == "table" and block.table is not None:
        return _table_xml(report, report.fmt.tables[block.table], values)
    return _para("NbBody", _run(block.text), before=before)


def _text(text: str) -> str:
    return escape(_INVALID_XML.sub("", text))


def _run(text: str, font: str | None = None, bold: bool = False) -> str:
    rpr = ""
    if font or bold:
        fonts = f'<w:rFonts w:eastAsia="{font}" w:hint="eastAsia"/>' if font else ""
        rpr = f"<w:rPr>{fonts}{'<w:b/><w:bCs/>' if bold else ''}</w:rPr>"
    pieces = _text(text).split("\t")
    inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{p}</w:t>' for p in pieces)
    return f"<w:r>{rpr}{inner}</w:r>"


def _para(style: str, runs: str, jc: str = "", keep: bool = False, before: int = 0) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>'
    if keep:
        ppr += "<w:keepNext/>"
    if before:
        ppr += f'<w:spacing w:before="{before}"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


# --- tables ------------------------------------------------------------------------------


def column_widths(table: Table) -> list[int]:
    """Grid column widths in twips, summing to the 156 mm text width."""
    labels = [round(mm * TWIPS_PER_MM) for mm in LABEL_MM.get(table.id, ())][: table.n_cols]
    last = round(LAST_MM[table.id] * TWIPS_PER_MM) if table.id in LAST_MM else 0
    rest = table.n_cols - len(labels) - (1 if last else 0)
    free = TEXT_WIDTH - sum(labels) - last
    widths = labels + [free // rest] * rest + ([last] if last else [])
    widths[-1] += TEXT_WIDTH - sum(widths)
    return widths


def _table_xml(report: Report, table: Table, values: dict[str, Value]) -> str:
    widths = column_widths(table)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="{8 if side in ("top", "left", "bottom", "right") else 4}" '
        'w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        "<w:tbl><w:tblPr>",
        f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>',
        f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:left w:w="{CELL_PAD}" w:type="dxa"/><w:right w:w="{CELL_PAD}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    keep = _keep_rows(table)
    for r in range(table.n_rows):
        head = "<w:tblHeader/>" if r < table.header_rows else ""
        out.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="454"/>{head}</w:trPr>')
        c = 0
        while c < table.n_cols:
            item = table.item_at(r, c)
            if item is None:  # pragma: no cover - the loader checks that items tile the grid
                raise ValueError(f"{table.id}: grid slot ({r}, {c}) not covered")
            width = sum(widths[item.col : item.col + item.colspan])
            if item.row == r:
                out.append(_cell_xml(report, table, item, values, width, r in keep))
            else:  # a row covered by a vertical merge from above
                out.append(_tc(width, item.colspan, "<w:vMerge/>", _para("NbTable", "", keep=r in keep)))
            c += item.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _keep_rows(table: Table) -> set[int]:
    """Rows kept on the page with the next one: header rows; in table 二 each section's rows; in tables 三 and 四
    each group's rows (a region merged down the rows outside the outermost label column: （三）不予公开 …)."""
    if table.layout == "matrix":
        inside = {r for it in table.items if it.col > 0 for r in range(it.row, it.row + it.rowspan - 1)}
        return set(range(table.header_rows)) | inside
    starts = {it.row for it in table.items if it.role == "caption"}
    return {r for r in range(table.n_rows - 1) if r + 1 not in starts}


def _cell_xml(report: Report, table: Table, item: GridItem, values: dict[str, Value], width: int, keep: bool) -> str:
    text = item_text(report, item, values)
    jc = ""
    if item.role == "label" and table.layout == "matrix" and item.rowspan == 1:
        jc = "left"  # row labels read as text; group labels and everything else centred
    bold = item.role == "caption"
    merge = '<w:vMerge w:val="restart"/>' if item.rowspan > 1 else ""
    run = _run(text, bold=bold) if text else ""
    if item.role == "value" and text:
        size = number_size(text, width)
        if size < SZ_TABLE:  # a big count stays on one line in a narrow column, a little smaller
            sz = f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
            run = (
                run.replace("<w:rPr>", f"<w:rPr>{sz}", 1)
                if "<w:rPr>" in run
                else run.replace("<w:r>", f"<w:r><w:rPr>{sz}</w:rPr>", 1)
            )
        merge += "<w:noWrap/>"
    return _tc(width, item.colspan, merge, _para("NbTable", run, jc, keep))


def number_size(text: str, width: int) -> int:
    """Font size (half-points) at which a number fits one line of a cell ``width`` twips wide: Times New Roman
    digits are half an em wide; 五号 (10.5 pt) unless that is too wide."""
    room = width - 2 * CELL_PAD - 20  # twips; a little spare for the renderer's rounding
    ems = sum(0.5 if ch.isascii() else 1.0 for ch in text)
    return max(12, min(SZ_TABLE, int(room / ems / 10)))  # 1 half-point = 10 twips per em


def _tc(width: int, span: int, merge: str, para: str) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{merge}'
        f'<w:vAlign w:val="center"/></w:tcPr>{para}</w:tc>'
    )


# --- package, styles, page setup ----------------------------------------------------------


def _rfonts(east_asia: str, latin: str = LATIN) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}" w:hint="eastAsia"/>'


def _style(sid: str, name: str, ppr: str, rpr: str, next_: str = "NbBody") -> str:
    return (
        f'<w:style {_NS} w:type="paragraph" w:customStyle="1" w:styleId="{sid}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="{next_}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


_EXACT = f'<w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
_INDENT2 = f'<w:ind w:firstLineChars="200" w:firstLine="{2 * CHAR}"/>'
_NO_INDENT = '<w:ind w:left="0" w:right="0" w:firstLineChars="0" w:firstLine="0"/>'
_SIZE = '<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>'

STYLES = (
    _style(
        "NbBody",
        "年报正文",
        _EXACT + _INDENT2 + '<w:jc w:val="both"/>',
        _rfonts(BODY_FONT) + _SIZE.format(SZ_BODY),
    ),
    _style(
        "NbTitle",
        "年报标题",
        '<w:keepNext/><w:spacing w:before="0" w:after="'
        + str(LINE)
        + '" w:line="700" w:lineRule="exact"/>'
        + _NO_INDENT
        + '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
        _rfonts(TITLE_FONT) + _SIZE.format(SZ_TITLE),
    ),
    _style(
        "NbHeading1",
        "年报一级标题",
        "<w:keepNext/>" + _EXACT + _INDENT2 + '<w:jc w:val="both"/><w:outlineLvl w:val="1"/>',
        _rfonts(H1_FONT) + _SIZE.format(SZ_BODY),
    ),
    _style(
        "NbHeading2",
        "年报二级标题",
        "<w:keepNext/>" + _EXACT + _INDENT2 + '<w:jc w:val="both"/><w:outlineLvl w:val="2"/>',
        _rfonts(H2_FONT) + _SIZE.format(SZ_BODY),
    ),
    _style(
        "NbTable",
        "年报表格",
        # single-spaced, off the line grid (a table row would otherwise take a body line per text line)
        '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        + _NO_INDENT
        + '<w:jc w:val="center"/>',
        _rfonts(BODY_FONT) + _SIZE.format(SZ_TABLE),
    ),
    _style(
        "NbPageNumber",
        "年报页码",
        '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>' + _NO_INDENT,
        _rfonts(PAGE_FONT, PAGE_FONT) + _SIZE.format(SZ_PAGE),
    ),
)

DOC_DEFAULTS = (
    # characters 0.25 pt closer: 28 characters of 3号 fill a 156 mm line (GB/T 9704 7.2: 28 x 22)
    f"<w:docDefaults {_NS}><w:rPrDefault><w:rPr>{_rfonts(BODY_FONT)}"
    f'<w:spacing w:val="{CHAR_SPACING}"/>{_SIZE.format(SZ_BODY)}'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
)


def _parse(xml: str) -> list[object]:
    from docx.oxml.parser import parse_xml

    return list(parse_xml(xml))


def _setup_styles(document: object) -> None:
    from docx.oxml.parser import parse_xml

    styles = document.styles.element  # type: ignore[attr-defined]
    old = styles.find(f"{{{W_NS}}}docDefaults")
    old.addprevious(parse_xml(DOC_DEFAULTS))
    styles.remove(old)
    for xml in STYLES:
        styles.append(parse_xml(xml))


def _setup_section(document: object) -> None:
    from docx.shared import Mm

    section = document.sections[0]  # type: ignore[attr-defined]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    # the number's em-rules sit 7 mm below the type area: 35 - 7 - one 4号 line (~5 mm)
    section.footer_distance = Mm(23)
    document.settings.odd_and_even_pages_header_footer = True  # type: ignore[attr-defined]
    # GB/T 9704 7.2: 22 lines per page: a line grid of 28.95 pt (LibreOffice's rendering: 22 lines of 28). A
    # character grid (linesAndChars with charSpace) is not used: LibreOffice spaces characters from it in its own
    # way (charSpace -860, the 28-per-line value, gave 35 per line; 0 gave 27; 4000 gave 33) and spread headings and
    # tables; the 28 characters per line come from the 16 pt body in the 156 mm type area with -0.25 pt spacing.
    from docx.oxml.parser import parse_xml

    sect = section._sectPr
    for old in sect.findall(f"{{{W_NS}}}docGrid"):
        sect.remove(old)
    sect.append(parse_xml(f'<w:docGrid {_NS} w:type="lines" w:linePitch="{LINE}"/>'))
    _page_footer(section.footer, "right")
    _page_footer(section.even_page_footer, "left")


def _page_footer(footer: object, side: str) -> None:
    """`— N —` in 4号 宋体 with a PAGE field, one character in from the outer edge."""
    footer.is_linked_to_previous = False  # type: ignore[attr-defined]
    ftr = footer._element  # type: ignore[attr-defined]
    for child in list(ftr):
        ftr.remove(child)
    ind = f'<w:ind w:{side}="{PAGE_CHAR}"/>'
    run = '<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>{}</w:r>'
    xml = (
        f'<w:p {_NS}><w:pPr><w:pStyle w:val="NbPageNumber"/>{ind}<w:jc w:val="{side}"/></w:pPr>'
        + run.format('<w:t xml:space="preserve">— </w:t>')
        + run.format('<w:fldChar w:fldCharType="begin"/>')
        + run.format('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run.format('<w:fldChar w:fldCharType="separate"/>')
        + run.format("<w:t>1</w:t>")
        + run.format('<w:fldChar w:fldCharType="end"/>')
        + run.format('<w:t xml:space="preserve"> —</w:t>')
        + "</w:p>"
    )
    from docx.oxml.parser import parse_xml

    ftr.append(parse_xml(xml))


def _setup_package(document: object, report: Report) -> None:
    """Document properties, Chinese theme language, font table with fallbacks; drop the template thumbnail."""
    props = document.core_properties  # type: ignore[attr-defined]
    props.title = report.title()
    props.author = props.last_modified_by = report.meta.issuer or "年报助手"
    props.subject = "政府信息公开工作年度报告"
    props.keywords = props.comments = ""
    props.revision = 1
    package = document.part.package  # type: ignore[attr-defined]
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rid]
    settings = document.settings.element  # type: ignore[attr-defined]
    lang = settings.find(f"{{{W_NS}}}themeFontLang")
    if lang is not None:
        lang.set(f"{{{W_NS}}}eastAsia", "zh-CN")
    # the template says Word 2010 (compatibilityMode 14): Word would open the file in 兼容模式
    for setting in settings.iter(f"{{{W_NS}}}compatSetting"):
        if setting.get(f"{{{W_NS}}}name") == "compatibilityMode":
            setting.set(f"{{{W_NS}}}val", "15")
    for rel in document.part.rels.values():  # type: ignore[attr-defined]
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            part._blob = _font_table(part.blob)


def _font_table(blob: bytes) -> bytes:
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{family}"/>'
        f'<w:pitch w:val="{"fixed" if family == "modern" else "variable"}"/></w:font>'
        for name, alt, family, panose in FONT_TABLE
    )
    return blob.replace(b"</w:fonts>", entries.encode("utf-8") + b"</w:fonts>")
