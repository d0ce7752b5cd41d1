"""The bundled example is the township report of the seed sample, value for value."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from factories import SEED
from nianbao.core.checking import check
from nianbao.resources import load_example


def seed_text() -> str:
    if not SEED.exists():
        pytest.fail(f"the sample is missing: {SEED}")
    return SEED.read_text("utf-8")


def test_example_is_2019_format_and_passes_every_check() -> None:
    report = load_example()
    assert report.format_id == "gov2019" and report.meta.year == 2020
    assert check(report) == []


def test_example_narratives_are_the_seed_text() -> None:
    report = load_example()
    seed = re.sub(r"\s+", "", seed_text())
    for chapter in ("ch1", "ch5", "ch6"):
        text = report.narrative[chapter]
        assert text
        for line in text.splitlines():
            assert re.sub(r"\s+", "", line) in seed, line
    assert report.narrative["ch1"].startswith("2020年以来，我镇")
    assert report.narrative["ch5"].endswith("提高公开针对性。")
    assert report.narrative["ch6"] == "无"


def test_example_values_are_as_printed() -> None:
    report = load_example()
    v = report.values
    assert [v.get(f"t2.normative.{c}") for c in ("made", "published", "total")] == [35, 35, 35]
    assert [v.get(f"t2.rules.{c}") for c in ("made", "published", "total")] == [0, 0, 0]
    assert v["t2.purchase.amount"] == Decimal(0) and report.unit("t2.purchase.amount") == "万元"
    # table 三 printed only the 总计 column (all 0); the applicant columns are blank
    fmt = report.fmt
    for cid in fmt.tables["t3"].cells:
        spec = fmt.cells[cid]
        assert v.get(cid) == (0 if spec.col == "total" else None), cid
    printed_t4 = {c for c in fmt.tables["t4"].cells if c in v}
    assert len(printed_t4) == 3 and all(v[c] == 0 for c in printed_t4)
    assert sum(1 for c in fmt.tables["t2"].cells if c in v) == 22
