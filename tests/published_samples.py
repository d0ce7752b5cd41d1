"""The published 平潭 series as Reports (tables as printed), and narrative sentences built from what its
`other_observations` quote of the published text."""

from __future__ import annotations

import json
from decimal import Decimal

from factories import PUBLISHED
from nianbao.core.report import Report, new_report
from nianbao.core.values import Value

T3_COLUMNS = ("natural", "business", "research", "charity", "legal", "other", "total")
T4_COLUMNS = tuple(
    f"{g}_{k}" for g in ("review", "direct", "after") for k in ("upheld", "corrected", "other", "pending", "total")
)

# Each year's published narrative as its `other_observations` quote it, verbatim, and whether the observation says
# the figures disagree with the tables (True) or agree (False).
QUOTED: dict[int, list[tuple[str, bool]]] = {
    2020: [("全年共受理政府信息公开申请21件", False)],
    2021: [("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度", False)],
    2022: [("收到申请75件，涉及自然人72件、商业企业3件", False), ("行政诉讼1件、行政复议2件", False)],
    2023: [("现行有效行政规范性文件393件", True)],
    2024: [("全年办理政府信息公开申请218件", False)],
    2025: [("收到154件，办结148件，结转6件；行政复议36起，行政诉讼9起", False)],
}
# 2023's observation lists the application figures without the words around them ("81; 予以公开及部分公开42; 不予公开5;
# 无法提供31; 不予处理1; 其他处理2; 复议2; 诉讼7"): this sentence puts them in a report's usual words.
RECONSTRUCTED_2023 = (
    "全年共收到政府信息公开申请81件，其中予以公开及部分公开42件，不予公开5件，无法提供31件，"
    "不予处理1件，其他处理2件。发生行政复议2件，行政诉讼7件。"
)


def published(year: int) -> dict[str, object]:
    data: dict[str, object] = json.loads((PUBLISHED / f"pingtan-{year}.json").read_text("utf-8"))
    return data


def published_report(year: int) -> Report:
    """The year's tables as printed (totals as stated), no narrative."""
    data = published(year)
    report = new_report(year, "平潭综合实验区管委会", "gov2019" if data["format"] == "2019" else "gov2021")
    fmt = report.fmt
    by_label = {(s.table, s.row_label, s.col_label): cid for cid, s in fmt.cells.items()}
    values: dict[str, Value] = {}
    table2 = data["table2"]
    assert isinstance(table2, dict)
    for rows in table2.values():
        for row, cols in rows.items():
            for col, raw in cols.items():
                cid = by_label[("t2", row, col)]
                if isinstance(raw, str):  # money printed with its unit
                    unit = "元" if raw.endswith("元") and not raw.endswith("万元") else "万元"
                    report.units[cid] = unit
                    values[cid] = Decimal(raw.removesuffix("万元").removesuffix("元"))
                elif fmt.cells[cid].kind == "money":
                    values[cid] = Decimal(str(raw))
                else:
                    values[cid] = int(raw)
    rows_by_label = {s.row_label: s.row for s in fmt.cells.values() if s.table == "t3"}
    table3 = data["table3"]
    assert isinstance(table3, dict)
    for label, numbers in table3.items():
        row = rows_by_label.get(label)
        if row is None:
            continue
        for col, n in zip(T3_COLUMNS, numbers, strict=True):
            values[f"t3.{row}.{col}"] = int(n)
    table4 = data["table4"]
    assert isinstance(table4, list)
    for col, n in zip(T4_COLUMNS, table4, strict=True):
        values[f"t4.cases.{col}"] = int(n)
    report.values.update(values)
    return report
