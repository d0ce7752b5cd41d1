"""The published samples (tests/data/samples/published) written as project files, the way a clerk's file holds them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from factories import PUBLISHED
from nianbao.definition import load_format

FORMAT_IDS = {"2019": "gov2019", "2021": "gov2021"}
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
T4_GROUPS = ("review", "direct", "after")


def sample_paths() -> list[Path]:
    return sorted(PUBLISHED.glob("pingtan-*.json"))


def read_sample(path: Path) -> dict[str, Any]:
    sample: dict[str, Any] = json.loads(path.read_text("utf-8"), parse_float=Decimal)
    return sample


def project_json(sample: dict[str, Any], money_as_number: bool = False) -> str:
    """The sample as .nianbao text: every printed value in its cell (stated totals too), money units kept."""
    fid = FORMAT_IDS[sample["format"]]
    fmt = load_format(fid)
    by_label = {(s.table, s.row_label, s.col_label): cid for cid, s in fmt.cells.items()}
    values: dict[str, Any] = {}
    units: dict[str, str] = {}
    for rows in sample["table2"].values():
        for row, cols in rows.items():
            for col, v in cols.items():
                cid = by_label[("t2", row, col)]
                if isinstance(v, str):
                    unit = next(u for u in fmt.cells[cid].units if u and v.endswith(u))
                    v, units[cid] = v.removesuffix(unit), unit
                values[cid] = v if isinstance(v, int) else str(v)
    t3_cols = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    for row, numbers in sample["table3"].items():
        for col, v in zip(t3_cols, numbers, strict=True):
            values[by_label[("t3", row, col)]] = v
    for i, v in enumerate(sample["table4"]):
        values[f"t4.cases.{T4_GROUPS[i // 5]}_{T4_COLUMNS[i % 5]}"] = v
    data = {
        "nianbao": 1,
        "format": fid,
        "meta": {"issuer": sample["issuer"][:100], "year": sample["year"], "level": "市级政府", "contact": ""},
        "narrative": {},
        "values": values,
        "units": units,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if money_as_number:  # as a hand-edited or foreign file may hold it: a bare JSON number
        for cid, v in values.items():
            if fmt.cells[cid].kind.value == "money":
                text = text.replace(f'"{cid}": "{v}"', f'"{cid}": {v}')
    return text


def expected_errors(sample: dict[str, Any]) -> list[tuple[str, str]]:
    """(row, column) of every recorded rule break, as the tables print them."""
    out = []
    for inc in sample["inconsistencies"]:
        total_row = next(k for k in inc["values"] if not isinstance(inc["values"][k], dict))
        out.append((total_row, inc["column"]))
    return sorted(out)
