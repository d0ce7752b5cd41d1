"""Timing helpers shared by the benchmarks: medians and one printed table with a baseline ratio."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# the benchmarks reuse the tests' report factories
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

Row = tuple[str, float, float | None]  # name, median seconds, target ms (None for the baseline)


def timed(fn: Callable[[], object], repeat: int, warmup: bool = True) -> float:
    """Median seconds of `repeat` calls, after one warm-up call (imports, fonts, caches)."""
    if warmup:
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def print_table(rows: list[Row]) -> int:
    """Print the rows against their targets, with ratios to the first row; 1 if any is too slow."""
    base = rows[0][1]
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'measure':{width}} {'median ms':>10} {'target ms':>10} {'x baseline':>11}  result")
    failed = 0
    for name, seconds, target in rows:
        ms = seconds * 1000
        ok = target is None or ms <= target
        failed += not ok
        tgt = "" if target is None else f"{target:.1f}"
        verdict = "" if target is None else ("ok" if ok else "SLOW")
        print(f"{name:{width}} {ms:10.3f} {tgt:>10} {seconds / base:11.1f}  {verdict}")
    return 1 if failed else 0
