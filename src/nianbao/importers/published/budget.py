"""The wall-clock safety net of an import.

Hostile files are kept fast by the structural bounds (size, zip parts, pages, PDF drawing work (pdf_budget), nesting,
rows), checked before the expensive parsing. The clock is only a last resort for what those bounds cannot see, so
it is generous: a legitimate report must never hit it, not on a clerk's old PC nor on a loaded machine. Measured
on the 2-core development machine under load (load average ~5): a 5-page PDF printed from Word took 0.45 s at
worst (~0.09 s a page), the same report as Word 0.09 s. BASE_SECONDS is 20x the worst whole document seen and
PER_PAGE_SECONDS 10x the worst page, so a machine ten times slower still imports a 60-page PDF (~54 s of a
70 s budget).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from nianbao.importers.published.mapper import ImportFailed

Clock = Callable[[], float]  # seconds, monotonic

BASE_SECONDS = 10.0
PER_PAGE_SECONDS = 1.0  # added per PDF page once the page count is known (bounded by pdf.MAX_PAGES)


class Deadline:
    """A time budget for reading one file; `clock` is the seam a test uses to simulate a slow machine."""

    def __init__(self, name: str, seconds: float = BASE_SECONDS, clock: Clock = time.monotonic) -> None:
        self.name = name
        self.clock = clock
        self.end = clock() + seconds

    def extend(self, seconds: float) -> None:
        self.end += seconds

    def check(self) -> None:
        if self.clock() > self.end:
            raise ImportFailed(f"读取“{self.name}”用时过长，文件可能过大或结构异常，已停止读取。")
