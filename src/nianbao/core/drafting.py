"""根据表格生成段落: report sentences built from the current tables, to insert and edit.

Every number in a draft is a table cell or a sum the format defines, written in words the text checks
(core/text_check.py) read back to the same cells: a draft checked against its tables raises no mismatch.
Outcomes that are zero are left out; a table with nothing to report says so ("未发生…").
"""

from __future__ import annotations

from decimal import Decimal

from nianbao.core.report import Report
from nianbao.core.values import format_value


def draft(report: Report) -> str:
    """The paragraphs for 一、总体情况, one per line: 主动公开, 政府信息管理, 依申请公开, 行政复议和行政诉讼."""
    paragraphs = [active_paragraph(report), management_paragraph(report), request_paragraph(report)]
    paragraphs.append(appeal_paragraph(report))
    return "\n".join(p for p in paragraphs if p)


def _n(report: Report, *cells: str) -> int:
    return sum(int(report.value(c)) for c in cells)


def _cells(report: Report, row_ids: tuple[str, ...], col: str = "total") -> tuple[str, ...]:
    cells = report.fmt.cells
    return tuple(c for r in row_ids if (c := f"t3.{r}.{col}") in cells)


def _list(parts: list[tuple[str, int]]) -> str:
    """“予以公开3件、部分公开2件” for the non-zero parts."""
    return "、".join(f"{label}{n}件" for label, n in parts if n)


def active_paragraph(report: Report) -> str:
    """主动公开: the decisions of table 二 (行政许可/行政处罚/行政强制) and the fees or purchases."""
    fmt = report.fmt
    decisions = [
        (label, _n(report, cell))
        for label, cell in (
            ("行政许可决定", "t2.license.decisions"),
            ("行政处罚决定", "t2.punish.decisions"),
            ("行政强制决定", "t2.enforce.decisions"),
        )
        if cell in fmt.cells
    ]
    sentences = []
    if any(n for _, n in decisions):
        sentences.append("本年度作出" + _list(decisions))
    if "t2.fees.amount" in fmt.cells and Decimal(report.value("t2.fees.amount")):
        sentences.append(f"收取行政事业性收费{_money(report, 't2.fees.amount')}")
    if "t2.purchase.items" in fmt.cells and _n(report, "t2.purchase.items"):
        purchase = f"开展政府集中采购项目{_n(report, 't2.purchase.items')}项"
        if Decimal(report.value("t2.purchase.amount")):
            purchase += f"，采购总金额{_money(report, 't2.purchase.amount')}"
        sentences.append(purchase)
    return "主动公开方面，" + "；".join(sentences) + "。" if sentences else ""


def _money(report: Report, cell: str) -> str:
    return f"{format_value(report.value(cell))}{report.unit(cell)}"


def management_paragraph(report: Report) -> str:
    """政府信息管理: 规章 and 规范性文件 issued, repealed and in force (2019: made, published, total)."""
    fmt = report.fmt
    sentences = []
    for row, noun in (("rules", "规章"), ("normative", "行政规范性文件" if fmt.id == "gov2021" else "规范性文件")):
        if fmt.id == "gov2021":
            issued, repealed, valid = (_n(report, f"t2.{row}.{c}") for c in ("issued", "repealed", "valid"))
            if not (issued or repealed or valid):
                continue
            text = f"制发{noun}{issued}件"
            text += f"、废止{repealed}件" if repealed else ""
            sentences.append(f"{text}，现行有效{noun}{valid}件")
        else:
            made, published, total = (_n(report, f"t2.{row}.{c}") for c in ("made", "published", "total"))
            if not (made or published or total):
                continue
            sentences.append(f"新制作{noun}{made}件、新公开{published}件，对外公开{noun}总数{total}件")
    return "政府信息管理方面，本年度" + "；".join(sentences) + "。" if sentences else ""


WITHHELD = ("secret", "forbidden", "safety", "third_party", "internal", "process", "enforcement", "inquiry")
UNABLE = ("not_held", "to_create", "unclear")
NOT_PROCESSED = ("petition", "repeat", "publication", "massive", "confirm")
OTHER = ("other_overdue", "other_fee", "other_misc", "other")  # 2021 has three rows, 2019 one


def request_paragraph(report: Report) -> str:
    """依申请公开: received, carried over, how they were handled (non-zero outcomes only), carried forward."""
    new, carried = _n(report, "t3.new.total"), _n(report, "t3.carried.total")
    total, forward = _n(report, "t3.total.total"), _n(report, "t3.forward.total")
    if not (new or carried or total or forward):
        return "依申请公开方面，本年度未收到政府信息公开申请。"
    text = f"依申请公开方面，本年度新收政府信息公开申请{new}件"
    text += f"，另有上年结转申请{carried}件。" if carried else "。"
    outcomes = [
        ("予以公开", _n(report, "t3.open.total")),
        ("部分公开", _n(report, "t3.partial.total")),
        ("不予公开", _n(report, *_cells(report, WITHHELD))),
        ("无法提供", _n(report, *_cells(report, UNABLE))),
        ("不予处理", _n(report, *_cells(report, NOT_PROCESSED))),
        ("其他处理", _n(report, *_cells(report, OTHER))),
    ]
    if total:
        text += f"本年度办结申请{total}件"
        text += f"，其中{_list(outcomes)}" if any(n for _, n in outcomes) else ""
        text += "。"
    if forward:
        text += f"结转下年度继续办理{forward}件。"
    return text


def appeal_paragraph(report: Report) -> str:
    """行政复议和行政诉讼 from table 四: totals, and how many of the suits went to court directly or after review."""
    review = _n(report, "t4.cases.review_total")
    direct, after = _n(report, "t4.cases.direct_total"), _n(report, "t4.cases.after_total")
    if not (review or direct or after):
        return "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
    first = f"本年度因政府信息公开被申请行政复议{review}件" if review else "本年度未发生因政府信息公开引起的行政复议"
    if not (direct or after):
        return first + "，未发生行政诉讼。"
    parts = _list([("未经复议直接起诉", direct), ("复议后起诉", after)]) if direct and after else ""
    second = f"被提起行政诉讼{direct + after}件" + (f"（{parts}）" if parts else "")
    return f"{first}；{second}。"
