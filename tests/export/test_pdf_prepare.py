"""Getting the PDF export ready ahead of the clerk's first export (export/pdf_prepare.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from nianbao import paths
from nianbao.export import pdf_prepare
from nianbao.export.pdf_font_cache import cache_path
from nianbao.export.pdf_fonts import system_fonts

_CHILD = """
import sys, time
from factories import filled_report
report = filled_report("gov2021")
start = time.perf_counter()
from nianbao.export.pdf import pdf_bytes
from nianbao.export.pdf_prepare import prepare
if sys.argv[1] == "prepared":  # what the window's background thread has done when the clerk exports
    prepare()
    start = time.perf_counter()
assert pdf_bytes(report).startswith(b"%PDF-")
print(time.perf_counter() - start)
"""


def _first_export(cache: Path, how: str) -> float:
    """Seconds of a fresh interpreter's first PDF export with an empty user cache folder."""
    tests = Path(__file__).resolve().parents[1]
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(cache), PYTHONPATH=os.pathsep.join([str(tests), *sys.path]))
    done = subprocess.run([sys.executable, "-c", _CHILD, how], env=env, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def test_prepare_makes_every_font_copy_in_the_cache_folder() -> None:
    fonts = system_fonts()
    targets = {cache_path(f) for f in fonts.values()}
    assert None not in targets
    for target in targets:
        assert target is not None and target.parent == paths.cache_dir() / "fonts"
        target.unlink(missing_ok=True)
    from nianbao.export import pdf_font_cache

    pdf_font_cache._reduced.cache_clear()  # as in a new process
    pdf_prepare.start().join(120)
    assert all(t is not None and t.exists() for t in targets)


def test_after_the_preparation_the_first_export_takes_a_fraction_of_the_time(tmp_path: Path) -> None:
    # the same first export on a new machine, straight away and after prepare(): the copies are made and the
    # imports done beforehand (about 0.15 s against 1-3 s here; a generous bound that fails if nothing is prepared)
    cold = _first_export(tmp_path / "cold", "cold")
    warm = _first_export(tmp_path / "warm", "prepared")
    assert warm < cold / 3, (warm, cold)
