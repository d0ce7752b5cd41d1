"""Export benchmark: Word, HTML, Excel and PDF of a full 2021 report.

Run: python benchmarks/exports.py   (prints median times against the targets; exit 1 if slower)
A bare python-docx `Document().save()` in the same run is the baseline for the ratios, since
absolute times vary on shared machines. To add an exporter, append a (name, callable, target ms)
row to CASES; each callable takes the report and a target folder.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from common import Row, print_table, timed
from factories import filled_report
from nianbao.core.report import Report

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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


def xlsx_export(report: Report, folder: Path) -> None:
    from nianbao.export.xlsx import write_xlsx

    write_xlsx(report, folder / "r.xlsx")


def xlsx_import(report: Report, folder: Path) -> None:
    from nianbao.importers.xlsx import read_xlsx

    if not (folder / "in.xlsx").exists():
        from nianbao.export.xlsx import write_xlsx

        write_xlsx(report, folder / "in.xlsx")
    read_xlsx(folder / "in.xlsx")


def pdf_export(report: Report, folder: Path) -> None:
    from nianbao.export.pdf import write_pdf

    write_pdf(report, folder / "r.pdf")


Case = tuple[str, Callable[[Report, Path], None], float | None]
CASES: list[Case] = [
    ("baseline: python-docx Document().save()", docx_baseline, None),
    ("write_docx, filled 2021 report", docx_export, 300.0),
    ("write_html, filled 2021 report", html_export, 300.0),
    ("write_xlsx, filled 2021 report", xlsx_export, 300.0),
    ("read_xlsx (import), filled 2021 report", xlsx_import, 300.0),
    ("write_pdf (fpdf2), filled 2021 report", pdf_export, 300.0),
]


def main() -> int:
    from nianbao.gui.pdf import ensure_app

    ensure_app()  # the QApplication is started once by the app, not per export
    report = filled_report("gov2021")
    folder = Path(tempfile.mkdtemp())
    rows: list[Row] = [(name, timed(partial(fn, report, folder), REPEAT), target) for name, fn, target in CASES]
    code = print_table(rows)
    print(
        f"first PDF export in a new process: {first_pdf_export(empty_cache=False):.2f} s with the reduced font "
        f"copies cached, {first_pdf_export(empty_cache=True):.2f} s with an empty cache folder (makes them)"
    )
    return code


def first_pdf_export(empty_cache: bool) -> float:
    """Seconds of the first write_pdf in a fresh interpreter (fpdf2/fontTools imports included, start-up not)."""
    import subprocess
    import sys

    env = dict(os.environ)
    if empty_cache:
        env["NIANBAO_CACHE_DIR"] = tempfile.mkdtemp()
    code = (
        "import sys, time; sys.path[:0] = ['../tests', '.']; from factories import filled_report; "
        "r = filled_report('gov2021'); t = time.perf_counter(); from nianbao.export.pdf import pdf_bytes; "
        "pdf_bytes(r); print(time.perf_counter() - t)"
    )
    here = Path(__file__).parent
    done = subprocess.run([sys.executable, "-c", code], cwd=here, env=env, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


if __name__ == "__main__":
    raise SystemExit(main())
