"""The whole report as plain text, the text/plain half of 复制为网页: paragraphs; tables as tab-separated rows."""

from __future__ import annotations

from nianbao.core.report import Report
from nianbao.export.common import blocks, export_values, item_text


def report_text(report: Report) -> str:
    """The whole report as plain text (the fallback of 复制为网页): paragraphs, tables as tab-separated rows."""
    values = export_values(report)
    lines: list[str] = []
    for block in blocks(report):
        if block.kind != "table" or block.table is None:
            lines.append(block.text)
            continue
        table = report.fmt.tables[block.table]
        grid = [[""] * table.n_cols for _ in range(table.n_rows)]  # a merged region's text at its top-left slot
        for it in table.items:
            grid[it.row][it.col] = item_text(report, it, values)
        lines.extend("\t".join(row).rstrip("\t") for row in grid)
    return "\n".join(lines) + "\n"
