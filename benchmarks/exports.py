"""Export benchmark: Word, HTML and PDF (Qt offscreen) of a full 2021 report.

Run: python benchmarks/exports.py   (prints median times against the targets; exit 1 if slower)
A bare python-docx `Document().save()` in the same run is the baseline for the ratios, since
absolute times vary on shared machines. To add an exporter, append a (name, callable, target ms)
row to CASES; each callable takes the report and a target folder.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from factories import filled_report
from nianbao.core.report import Report

REPEAT = 15


def docx_baseline(report: Report, folder: Path) -> None:
    import docx

    docx.Document().save(io.BytesIO())


def docx_export(report: Report, folder: Path) -> None:
    from nianbao.export.docx import write_docx

    write_docx(report, folder / "r.docx")


def html_export(report: Report, folder: Path) -> None:
    from nianbao.export.html import write_html

    write_html(report, folder / "r.html")


def pdf_export(report: Report, folder: Path) -> None:
    from nianbao.gui.pdf import write_pdf

    write_pdf(report, folder / "r.pdf")


Case = tuple[str, Callable[[Report, Path], None], float | None]
CASES: list[Case] = [
    ("baseline: python-docx Document().save()", docx_baseline, None),
    ("write_docx, filled 2021 report", docx_export, 300.0),
    ("write_html, filled 2021 report", html_export, 300.0),
    ("write_pdf (Qt offscreen), filled 2021", pdf_export, 300.0),
]


def timed(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    """Median seconds of `repeat` calls, after one warm-up call (imports, fonts)."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    from nianbao.gui.pdf import ensure_app

    ensure_app()  # the QApplication is started once by the app, not per export
    report = filled_report("gov2021")
    folder = Path(tempfile.mkdtemp())
    results = [(name, timed(lambda fn=fn: fn(report, folder)), target) for name, fn, target in CASES]  # type: ignore[misc]
    base = results[0][1]
    print(f"{'measure':42} {'median ms':>10} {'target ms':>10} {'x baseline':>11}  result")
    failed = 0
    for name, seconds, target in results:
        ms = seconds * 1000
        ok = target is None or ms <= target
        failed += not ok
        tgt = "" if target is None else f"{target:.0f}"
        verdict = "" if target is None else ("ok" if ok else "SLOW")
        print(f"{name:42} {ms:10.1f} {tgt:>10} {seconds / base:11.1f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
