"""Cross-year findings that are not sums: a table identical to last year's (雷同).

The arithmetic cross-year rules (X3 上年结转, S2.1 现行有效件数, S2.3 上一年项目数量) are rules in the format
definitions; this module adds the one check a rule cannot express: every figure of a table equal to last year's.
"""

from __future__ import annotations

from nianbao.core.findings import Finding, new_finding, table_name
from nianbao.core.report import Report
from nianbao.definition import ReportFormat

SAME_RULE = "X4"  # rule id of the 雷同 finding; instance ids are "X4:<table id>"


def identical_tables(report: Report, fmt: ReportFormat | None = None) -> list[Finding]:
    """A warning per table whose entered figures all equal last year's (same format, something non-zero)."""
    prev = report.previous
    if prev is None or prev.format_id != report.format_id:
        return []
    fmt = fmt or report.fmt
    out = []
    for table in fmt.tables.values():
        cells = tuple(c for c in table.cells if not fmt.cells[c].computed)
        mine = [report.values.get(c) for c in cells]
        if not any(mine):
            continue  # an empty or all-zero table repeats nothing
        if any(report.values.get(c) != prev.values.get(c) for c in cells):
            continue
        name = table_name(fmt, table.id)
        rid = f"{SAME_RULE}:{table.id}"
        message = (
            f"{name}的数字与{prev.year}年度报告完全相同（雷同），请核实是否照抄了上年数字。"
            "如确实相同，可填写说明后接受此提示。"
        )
        out.append(
            new_finding(
                rid, SAME_RULE, message, fmt=fmt, focus=cells[0], cells=cells, accepted=report.accepted.get(rid)
            )
        )
    return out
