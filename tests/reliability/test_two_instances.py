"""Two instances on one file, started together: exactly one gets the lock; the other is told who holds it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factories import filled_report
from nianbao.core import filelock, storage
from reliability.conftest import scale

SRC = Path(__file__).resolve().parents[2] / "src"
CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from nianbao.core import filelock
go = float(sys.argv[3])
while time.time() < go:
    pass
got = filelock.acquire(Path(sys.argv[1]))
print("lock" if isinstance(got, filelock.FileLock) else "owner" if got is not None else "none", flush=True)
sys.stdin.readline()  # hold it until the parent has seen both answers
"""


def race(folder: Path, rounds: int) -> dict[str, int]:
    import time

    counts = {"rounds": 0, "both_locked": 0, "none_locked": 0, "one_locked": 0}
    for r in range(rounds):
        path = folder / f"r{r}.nianbao"
        storage.save(filled_report(), path)
        go = time.time() + 0.6
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", CHILD, str(path), str(SRC), str(go)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        answers = [p.stdout.readline().strip() for p in procs if p.stdout is not None]
        for p in procs:
            p.communicate("\n")
        locked = answers.count("lock")
        counts["rounds"] += 1
        counts["one_locked" if locked == 1 else "both_locked" if locked > 1 else "none_locked"] += 1
        assert not filelock.lock_path(path).exists() or filelock.is_stale(
            filelock.lock_path(path), filelock.read_owner(filelock.lock_path(path))
        )
    return counts


def test_two_instances_started_together_one_writer(tmp_path: Path) -> None:
    counts = race(tmp_path, scale(2, 100))
    assert counts["one_locked"] == counts["rounds"]
