"""Report -> one self-contained HTML page for a government website CMS.

Rich-text editors (UEditor, KindEditor) strip <style> blocks, classes and scripts, so every
element carries its own inline style, tables also carry border/cellspacing/cellpadding attributes,
and there are no external resources. All text is escaped; control characters are never written.
Structure for screen readers and CMS outlines: the title is <h1>, 一、… <h2>, a （一）… heading on its
own <h3>; header cells are <th> with scope (col/colgroup for column heads, row/rowgroup for row labels).
Header labels break only between pairs of characters, so no line of a label holds one character alone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html import escape as _escape
from pathlib import Path

from nianbao.core.report import Report
from nianbao.core.storage import write_atomic
from nianbao.core.values import Value
from nianbao.definition.model import GridItem, Table
from nianbao.export import typefaces
from nianbao.export.common import Block, blocks, export_values, grid_rows, item_text, split_lead, title_parts
from nianbao.export.typefaces import css

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """HTML-escaped text without control characters (they have no place in a page and break parsers)."""
    return _escape(_CONTROL.sub("", text))


def unbroken_pairs(text: str) -> str:
    """Escaped text that breaks only between pairs of characters (the last group takes three when the length is
    odd): a narrow header cell then never leaves one character alone on a line ("结果维/持")."""
    if len(text) <= 3:
        return f'<span style="white-space:nowrap;">{escape(text)}</span>' if text else ""
    groups = [text[i : i + 2] for i in range(0, len(text), 2)]
    if len(groups[-1]) == 1:
        groups[-2:] = [groups[-2] + groups[-1]]
    return "".join(f'<span style="white-space:nowrap;">{escape(g)}</span>' for g in groups)


FANGSONG = css(typefaces.FANGSONG)
KAITI = css(typefaces.KAITI)
HEITI = css(typefaces.HEITI, "sans-serif")
XBS = css(typefaces.XBS)


@dataclass(frozen=True, slots=True)
class HtmlStyle:
    """Sizes and fonts of one rendering (WEB is the default)."""

    title_size: str
    body_size: str
    line_height: str
    table_size: str
    cell_padding: str
    border: str
    title_gap: str = "1em"  # space below the title
    title_family: str = XBS
    body_family: str = FANGSONG
    h1_family: str = HEITI
    h2_family: str = KAITI


WEB = HtmlStyle(
    title_size="22pt",
    body_size="16px",
    line_height="2",
    table_size="14px",
    cell_padding="4px 3px",
    border="1px solid #000000",
)


def render_html(report: Report) -> str:
    """A complete HTML document (UTF-8) of the report."""
    title = escape(report.title())
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n"
        '<body style="margin:0; padding:16px; background:#ffffff;">\n'
        f"{render_html_fragment(report)}</body>\n</html>\n"
    )


def write_html(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the page atomically (UTF-8); raises StorageError with a Chinese message."""
    write_atomic(Path(path), render_html(report).encode("utf-8"))


def render_html_fragment(report: Report, style: HtmlStyle = WEB) -> str:
    """The body part only (for the clipboard and CMS editors): a <div> of inline-styled elements."""
    values = export_values(report)
    out = [
        f'<div style="max-width:800px; margin:0 auto; color:#000000; font-family:{style.body_family}; '
        f'font-size:{style.body_size};">\n'
    ]
    out += [_block(report, b, values, style) for b in blocks(report)]
    out.append("</div>\n")
    return "".join(out)


def _p(text: str, family: str, style: HtmlStyle, extra: str = "", tag: str = "p") -> str:
    return (
        f'<{tag} style="margin:0; text-indent:2em; text-align:justify; font-family:{family}; '
        f'font-size:{style.body_size}; font-weight:normal; line-height:{style.line_height};{extra}">{text}</{tag}>\n'
    )


def _block(report: Report, block: Block, values: dict[str, Value], style: HtmlStyle) -> str:
    if block.kind == "title":
        # one line if it fits, else the issuer and the year line each on a line of its own, never broken inside
        lines = "".join(f'<span style="display:inline-block;">{escape(p)}</span>' for p in title_parts(report))
        return (
            f'<h1 style="margin:0 0 {style.title_gap} 0; text-align:center; font-family:{style.title_family}; '
            f'font-size:{style.title_size}; font-weight:normal; line-height:1.6;">{lines}</h1>\n'
        )
    if block.kind == "heading":
        return _p(escape(block.text), style.h1_family, style, tag="h2")
    if block.kind == "subheading":
        lead, rest = split_lead(block.text)
        if not rest:
            return _p(escape(lead), style.h2_family, style, tag="h3")
        inner = f'<span style="font-family:{style.h2_family};">{escape(lead)}</span>{escape(rest)}'
        return _p(inner, style.body_family, style)
    if block.kind == "table" and block.table is not None:
        return table_html(report, report.fmt.tables[block.table], values, style)
    return _p(escape(block.text), style.body_family, style)


# grid column widths in percent of the table width: label columns first, values share the rest
LABEL_PERCENT = {"t2": (30.0,), "t3": (8.0, 14.0, 33.0)}


def column_percents(table: Table) -> list[float]:
    labels = list(LABEL_PERCENT.get(table.id, ()))[: table.n_cols]
    rest = table.n_cols - len(labels)
    return labels + [(100.0 - sum(labels)) / rest] * rest


def table_html(report: Report, table: Table, values: dict[str, Value], style: HtmlStyle = WEB) -> str:
    """The table with the official merges (rowspan/colspan from Table.items) and borders on every cell."""
    widths = column_percents(table)
    out = [
        '<table border="1" cellspacing="0" cellpadding="3" width="100%" '
        f'style="width:100%; border-collapse:collapse; border:{style.border}; margin:0 auto 1em auto; '
        f'font-family:{style.body_family}; font-size:{style.table_size};">\n'
    ]
    for row in grid_rows(table):
        out.append("<tr>")
        out += [_cell(report, table, it, values, style, widths) for it in row]
        out.append("</tr>\n")
    out.append("</table>\n")
    return "".join(out)


def _cell(
    report: Report, table: Table, item: GridItem, values: dict[str, Value], style: HtmlStyle, widths: list[float]
) -> str:
    attrs = ""
    if item.rowspan > 1:
        attrs += f' rowspan="{item.rowspan}"'
    if item.colspan > 1:
        attrs += f' colspan="{item.colspan}"'
    align = "center"
    if item.role == "label" and table.layout == "matrix" and item.rowspan == 1:
        align = "left"
    weight = "bold" if item.role == "caption" else "normal"
    width = sum(widths[item.col : item.col + item.colspan])
    raw = item_text(report, item, values)
    if item.role == "value":
        tag, text, extra = "td", escape(raw), " white-space:nowrap;"  # a number never wraps
    else:
        tag, text, extra = "th", unbroken_pairs(raw), ""
        if item.role == "label":
            attrs += ' scope="rowgroup"' if item.rowspan > 1 else ' scope="row"'
        else:
            attrs += ' scope="colgroup"' if item.colspan > 1 else ' scope="col"'
    return (
        f'<{tag}{attrs} width="{width:.1f}%" style="border:{style.border}; padding:{style.cell_padding}; '
        f"text-align:{align}; vertical-align:middle; font-weight:{weight}; font-family:{style.body_family}; "
        f'font-size:{style.table_size}; line-height:1.4;{extra}">{text}</{tag}>'
    )
