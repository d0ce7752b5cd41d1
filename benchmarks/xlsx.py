"""Excel benchmark: write a full report to .xlsx, and read it back.

Run: python benchmarks/xlsx.py   (prints median times against the targets; exit 1 if slower)
If benchmarks/exports.py appears (a list of (name, callable) for every exporter), add write_xlsx there too.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from factories import filled_report
from nianbao.export.xlsx import write_xlsx
from nianbao.importers.xlsx import read_xlsx
from nianbao.resources import load_example


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of `repeat` calls (after one warm-up call that loads openpyxl)."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    folder = Path(tempfile.mkdtemp())
    r2021, r2019 = filled_report("gov2021"), load_example()
    p2021, p2019 = folder / "2021.xlsx", folder / "2019.xlsx"
    write_xlsx(r2021, p2021)
    write_xlsx(r2019, p2019)
    rows = [
        ("write_xlsx, filled 2021 report", timed(lambda: write_xlsx(r2021, p2021), 20), 300.0),
        ("write_xlsx, 2019 example", timed(lambda: write_xlsx(r2019, p2019), 20), 300.0),
        ("read_xlsx, filled 2021 report", timed(lambda: read_xlsx(p2021), 20), 300.0),
        ("read_xlsx, 2019 example", timed(lambda: read_xlsx(p2019), 20), 300.0),
    ]
    print(f"{'measure':34} {'median ms':>10} {'target ms':>10}  result")
    failed = 0
    for name, seconds, target in rows:
        ms = seconds * 1000
        ok = ms <= target
        failed += not ok
        print(f"{name:34} {ms:10.1f} {target:10.1f}  {'ok' if ok else 'SLOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
