"""A new report from last year's: metadata copied, last year's figures kept as `previous`, 上年结转 filled.

Spec §2.6 and §3.3: table 三's 二、上年结转 takes last year's 四、结转下年度继续办理 column by column, also across
the 2019 → 2021 format change (same columns). In the 2019 format, table 二's 上一年项目数量 is last year's
上一年项目数量 + 本年增/减. Table 二 cannot be carried into the 2021 format (对外公开总数量 ≠ 现行有效件数).
"""

from __future__ import annotations

from dataclasses import dataclass

from nianbao.core.computed import derive
from nianbao.core.preface import PREFACE, default_preface
from nianbao.core.report import Metadata, PreviousYear, Report, new_report
from nianbao.core.values import Value
from nianbao.definition import format_for_year

# 2019 table 二 rows whose 上一年项目数量 follows from last year's 上一年项目数量 + 本年增/减
ITEM_ROWS_2019 = ("license", "services", "punish", "enforce", "fees")


@dataclass(frozen=True, slots=True)
class Carried:
    report: Report
    carried: tuple[str, ...]  # Chinese lines: what was filled from last year
    not_carried: tuple[str, ...]  # Chinese lines: what could not be carried, and why


def from_last_year(last: Report, year: int | None = None) -> Carried:
    """This year's report started from last year's (last is not modified)."""
    new_year = last.meta.year + 1 if year is None else year
    fid = format_for_year(new_year).id
    report = new_report(new_year, last.meta.issuer, fid, last.meta.level)
    report.meta = Metadata(last.meta.issuer, new_year, last.meta.level, last.meta.contact)
    report.narrative[PREFACE] = default_preface(report.fmt, report.meta)  # this year's usual wording, with 联系方式
    report.previous = PreviousYear(
        last.format_id,
        last.meta.year,
        dict(last.values),
        {k: v for k, v in last.narrative.items() if v},
    )
    fmt, last_fmt = report.fmt, last.fmt
    carried: list[str] = []
    not_carried: list[str] = []
    values: dict[str, Value] = {}
    # table 三: 二、上年结转 = last year's 四、结转下年度继续办理, each applicant column (totals are derived below)
    n = 0
    for cid in fmt.tables["t3"].cells:
        spec = fmt.cells[cid]
        if spec.row != "carried" or spec.computed:
            continue
        source = f"t3.forward.{spec.col}"
        if source in last_fmt.cells and source in last.values:
            values[cid] = last.values[source]
            n += 1
    if n:
        derive(fmt, values, list(values))  # the 总计 of the row, from the carried columns
    elif "t3.forward.total" in last.values:
        values["t3.carried.total"] = last.values["t3.forward.total"]  # only the total was printed
        n = 1
    if n:
        carried.append("表三“二、上年结转政府信息公开申请数量”：取自上年报告“四、结转下年度继续办理”（逐列）。")
    else:
        not_carried.append("上年报告“四、结转下年度继续办理”为空，表三“二、上年结转”未填写。")
    # table 二
    if fid == last.format_id == "gov2019":
        rows = []
        for row in ITEM_ROWS_2019:
            base, change = last.values.get(f"t2.{row}.last"), last.values.get(f"t2.{row}.change")
            if base is None and change is None:
                continue
            values[f"t2.{row}.last"] = int(base or 0) + int(change or 0)
            rows.append(fmt.cells[f"t2.{row}.last"].row_label)
        if rows:
            carried.append(f"表二“上一年项目数量”（{'、'.join(rows)}）：上年的上一年项目数量加本年增/减。")
    elif fid != last.format_id:
        not_carried.append(
            f"表二（主动公开政府信息情况）无法带入：{fmt.name}的栏目与上年的{last_fmt.name}不同"
            "（例如“对外公开总数量”不等于“现行有效件数”），请按本年格式填写。"
        )
    if last.meta.year and new_year != last.meta.year + 1:
        not_carried.append(f"注意：上年报告是{last.meta.year}年度，新报告是{new_year}年度，不是相邻年度。")
    derive(fmt, values, [c for c in values if c.startswith("t2.")])
    report.values = values
    return Carried(report, tuple(carried), tuple(not_carried))
