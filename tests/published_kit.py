"""Published reports for the tests: the real Pingtan figures as cell values, and documents made like real ones.

`pingtan(year)` maps a transcribed sample (tests/data/samples/published) onto cell ids by the definition's own
labels (independently of the importer). `make_docx` types a report into Word the way offices do: the official
merged tables (rowspan/colspan of the definition grid), text cells, blanks where nothing was typed. `make_html`
writes a CMS page: the article inside a layout table, the report tables nested in it, &nbsp; for blanks.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from factories import PUBLISHED
from nianbao.core.report import Metadata, Report
from nianbao.core.values import InvalidValue, parse
from nianbao.definition import load_format

Texts = dict[str, str]  # cell id -> printed text


def pingtan_raw(year: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PUBLISHED / f"pingtan-{year}.json").read_text("utf-8"))
    return data


def pingtan(year: int) -> tuple[str, Texts]:
    """(format id, cell id -> text as printed) of one Pingtan year."""
    data = pingtan_raw(year)
    fid = "gov2021" if data["format"] == "2021" else "gov2019"
    fmt = load_format(fid)
    out: Texts = {}
    by_labels = {(s.table, s.row_label, s.col_label): c for c, s in fmt.cells.items()}
    for rows in data["table2"].values():
        for row, cols in rows.items():
            for col, v in cols.items():
                out[by_labels[("t2", row, col)]] = str(v)
    t3 = fmt.tables["t3"]
    row_ids = {fmt.cells[c].row_label: fmt.cells[c].row for c in t3.cells}
    cols = [fmt.cells[c].col for c in t3.cells if fmt.cells[c].row == "new"]
    for label, values in data["table3"].items():
        rid = row_ids.get(label)
        if rid is None and label == "（六）其他处理":
            rid = "other_misc"  # printed as one row in a 2021-format year: not in these samples
        assert rid is not None, label
        for col, v in zip(cols, values, strict=True):
            out[f"t3.{rid}.{col}"] = str(v)
    for cid, v in zip(fmt.tables["t4"].cells, data["table4"], strict=True):
        out[cid] = str(v)
    return fid, out


def grid_rows(fid: str, table_id: str, texts: Texts, labels: dict[str, str] | None = None) -> list[list[Any]]:
    """The table as a grid of (text, rowspan, colspan) at origins and None where a merge covers."""
    fmt = load_format(fid)
    t = fmt.tables[table_id]
    grid: list[list[Any]] = [[None] * t.n_cols for _ in range(t.n_rows)]
    for it in t.items:
        text = texts.get(it.cell, "") if it.cell else it.text
        if labels and text in labels:
            text = labels[text]
        grid[it.row][it.col] = (text, it.rowspan, it.colspan)
    return grid


def make_docx(
    path: Path,
    fid: str,
    title: str,
    texts: Texts,
    narrative: dict[str, str],
    preface: str = "",
    labels: dict[str, str] | None = None,
) -> None:
    import docx
    from docx.shared import Pt

    fmt = load_format(fid)
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(10.5)
    d.add_paragraph(title)
    if preface:
        d.add_paragraph(preface)
    for ch in fmt.chapters:
        d.add_paragraph(ch.title)
        if ch.table is None:
            for para in narrative.get(ch.id, "").split("\n"):
                d.add_paragraph(para)
            continue
        grid = grid_rows(fid, ch.table, texts, labels)
        n_rows, n_cols = len(grid), len(grid[0])
        table = d.add_table(rows=n_rows, cols=n_cols)
        table.style = "Table Grid"
        for r in range(n_rows):
            for c in range(n_cols):
                item = grid[r][c]
                if item is None:
                    continue
                text, rs, cs = item
                cell = table.cell(r, c)
                if rs > 1 or cs > 1:
                    cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
                cell.text = text
    d.save(str(path))


def make_html(
    fid: str,
    title: str,
    texts: Texts,
    narrative: dict[str, str],
    preface: str = "",
    labels: dict[str, str] | None = None,
    charset: str = "gb2312",
) -> bytes:
    fmt = load_format(fid)
    body = [f"<p style='text-align:center'><strong>{html.escape(title)}</strong></p>"]
    if preface:
        body.append(f"<p>&nbsp;&nbsp;{html.escape(preface)}</p>")
    for ch in fmt.chapters:
        body.append(f"<p><strong>{html.escape(ch.title)}</strong></p>")
        if ch.table is None:
            body += [f"<p>　　{html.escape(p)}</p>" for p in narrative.get(ch.id, "").split("\n")]
            continue
        grid = grid_rows(fid, ch.table, texts, labels)
        rows = []
        for line in grid:
            tds = []
            for item in line:
                if item is None:
                    continue
                text, rs, cs = item
                span = (f" rowspan='{rs}'" if rs > 1 else "") + (f" colspan='{cs}'" if cs > 1 else "")
                # wrapped headers as CMS editors leave them; blanks typed as &nbsp;
                shown = "<br/>".join(html.escape(text[i : i + 4]) for i in range(0, len(text), 4)) if text else "&nbsp;"
                tds.append(f"<td{span}><p><span style='font-size:12px'>{shown}</span></p></td>")
            rows.append("<tr>" + "".join(tds) + "</tr>")
        body.append("<table border='1' cellspacing='0'><tbody>" + "\n".join(rows) + "</tbody></table>")
    page = (
        f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={charset}'>"
        f"<title>{html.escape(title)}_政府信息公开</title><script>var x = '<table>';</script></head><body>"
        "<div class='nav'>首页 &gt; 政府信息公开 &gt; 年度报告</div>"
        "<table width='100%'><tr><td class='left'>栏目导航</td><td class='article'>"
        + "\n".join(body)
        + "</td></tr></table><div class='foot'>主办单位：某某县人民政府办公室</div></body></html>"
    )
    return page.encode("gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset)


def pingtan_report(year: int) -> Report:
    """The Pingtan report of one year as a project (cells the value rules refuse, e.g. 6-decimal money, left out)."""
    fid, texts = pingtan(year)
    fmt = load_format(fid)
    data = pingtan_raw(year)
    report = Report(fid, Metadata("平潭综合实验区", year), {ch.id: "" for ch in fmt.narrative_chapters})
    for cid, text in texts.items():
        spec = fmt.cells[cid]
        try:
            value = parse(text, spec.kind, spec.units)
        except InvalidValue:
            continue
        if value is not None:
            report.values[cid] = value
            if spec.units and text.endswith("元") and not text.endswith("万元"):
                report.units[cid] = "元"
    assert data["year"] == year
    return report
