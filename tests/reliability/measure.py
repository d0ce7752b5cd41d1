"""Time and peak memory of one call, for the reliability figures (tests and benchmarks/reliability.py)."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from typing import NamedTuple


class Outcome(NamedTuple):
    result: str  # "ok" | "refused" | "traceback"
    seconds: float
    peak_mb: float  # Python allocations (tracemalloc): the parsers' working memory
    detail: str


def run(call: Callable[[], object], refused: type[Exception], traced: bool = True) -> Outcome:
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        call()
        result, detail = "ok", ""
    except refused as exc:
        result, detail = "refused", str(exc)
    except Exception as exc:  # what the proofs count: must stay 0
        result, detail = "traceback", f"{type(exc).__name__}: {exc}"[:300]
    seconds = time.perf_counter() - start
    peak = 0.0
    if traced:
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    return Outcome(result, seconds, peak, detail)
