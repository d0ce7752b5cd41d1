"""Hostile and mutated workbooks: each answered (imported or refused with a Chinese message) in ≤ 2 s, ≤ 200 MB."""

from __future__ import annotations

from functools import partial

import pytest

from nianbao.importers.xlsx import ImportFailed, loads_xlsx
from reliability.conftest import FULL, scale
from reliability.hostile import hostile_workbooks, mutated_workbooks
from reliability.measure import run

LIMIT_S, LIMIT_MB = 2.0, 200.0


@pytest.fixture(scope="module")
def hostile() -> list[tuple[str, bytes]]:
    return hostile_workbooks(full=FULL)


FAST_SUBSET = ("whole-sheet SUM", "address beyond Excel", "huge integer", "chained", "rows", "zip bomb", "laughs")


def test_every_hostile_workbook_is_refused_quickly_with_a_message(hostile: list[tuple[str, bytes]]) -> None:
    """Time untraced; the full run also measures each one's peak memory in a second, traced run."""
    failures = []
    for what, raw in hostile:
        if not FULL and not any(k in what for k in FAST_SUBSET):
            continue
        out = run(partial(loads_xlsx, raw, "h.xlsx"), ImportFailed, traced=False)
        peak = run(partial(loads_xlsx, raw, "h.xlsx"), ImportFailed).peak_mb if FULL else 0.0
        if out.result == "traceback" or out.seconds > LIMIT_S or peak > LIMIT_MB:
            failures.append((what, out, peak))
        if out.result == "refused":
            assert "“h.xlsx”" in out.detail and not any(w in out.detail for w in ("Error", "Traceback"))
    assert failures == []


@pytest.mark.parametrize(
    ("what", "words"),
    [
        ("whole-sheet SUM", "公式无法识别"),
        ("chained references", "引用过深"),
        ("zip bomb", "过大或结构异常"),
        ("rows", "过大或结构异常"),
        ("billion laughs", "无法打开"),
        ("huge integer", "无法打开"),
    ],
)
def test_named_attacks_get_their_own_message(hostile: list[tuple[str, bytes]], what: str, words: str) -> None:
    raw = next(r for w, r in hostile if what in w)
    with pytest.raises(ImportFailed, match=words):
        loads_xlsx(raw, "h.xlsx")


def test_mutated_workbooks_never_raise_anything_else() -> None:
    n = scale(8, 1000)
    bad = []
    for what, raw in mutated_workbooks(n):
        out = run(partial(loads_xlsx, raw, "m.xlsx"), ImportFailed, traced=False)
        if out.result == "traceback" or out.seconds > LIMIT_S:
            bad.append((what, out))
    assert bad == []
