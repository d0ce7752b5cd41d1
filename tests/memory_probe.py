"""Peak memory of reading hostile files, measured in a fresh Python process (VmHWM from /proc, Linux only)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PREAMBLE = """
import sys
def peak_kb():  # VmHWM: this process's peak resident memory (ru_maxrss would carry the parent's over fork)
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
sys.path[:0] = ["tests/importers", "tests"]
"""


def base_and_growth_kb(body: str, timeout: float = 180) -> tuple[int, int]:
    """Runs `body` after PREAMBLE; it makes its inputs, then prints `peak_kb()` (the base), reads them, and prints
    `peak_kb()` again. Returns (base, growth) in KB."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc (Linux)")
    done = subprocess.run(
        [sys.executable, "-c", PREAMBLE + body],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr
    base, peak = map(int, done.stdout.split())
    return base, peak - base
