"""kill -9 during save: the project file is never torn and the .bak is always readable; leftovers are cleaned."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nianbao.core import storage
from reliability.conftest import scale

SRC = Path(__file__).resolve().parents[2] / "src"
CHILD = r"""
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from nianbao.core import storage
from nianbao.core.report import new_report

path = Path(sys.argv[1])
report = new_report(2025, "某某镇人民政府")
i = 0
print("ready", flush=True)
while True:
    i += 1
    report.meta.issuer = f"第{i}版"
    report.narrative["ch1"] = f"第{i}版。" + "正文" * 20000  # ~120 KB: kills land inside writes too
    storage.save(report, path)
"""


def kill_trials(folder: Path, trials: int, seed: int = 11) -> dict[str, int]:
    """Run `trials` kill -9s at random moments of a save loop; count what each left behind."""
    rng = random.Random(seed)
    counts = {"trials": 0, "torn": 0, "bak_unreadable": 0, "missing": 0, "leftover_tmp_after_next_save": 0}
    for t in range(trials):
        path = folder / f"t{t}.nianbao"
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(SRC)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        counts["trials"] += 1
        if not path.exists():
            counts["missing"] += 1  # killed before the first save finished: nothing to tear
        else:
            try:
                storage.load(path)
            except storage.StorageError:
                counts["torn"] += 1
        bak = storage.backup_path(path)
        if bak.exists():
            try:
                storage.load(bak)
            except storage.StorageError:
                counts["bak_unreadable"] += 1
        if path.exists():
            storage.save(storage.load(path), path)  # the next save cleans what the killed one left
            left = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
            counts["leftover_tmp_after_next_save"] += len(left)
            if left:
                print("left behind:", left, [p.name for p in folder.iterdir()])
        for p in folder.iterdir():
            p.unlink()
    return counts


def test_kill_9_during_save_never_tears_file_or_backup(tmp_path: Path) -> None:
    counts = kill_trials(tmp_path, scale(3, 200))
    assert counts["torn"] == 0 and counts["bak_unreadable"] == 0
    assert counts["leftover_tmp_after_next_save"] == 0
    assert counts["missing"] < counts["trials"]


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_the_child_really_saves(tmp_path: Path) -> None:
    """The trials are meaningful only if the child writes versions: let it run and see several."""
    path = tmp_path / "a.nianbao"
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(SRC)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()

    def version(p: Path) -> int:
        return int(storage.load(p).meta.issuer.strip("第版"))

    # several versions were written; .bak is the one before (or the same, killed between the two renames)
    assert version(path) >= 3 and version(path) - 1 <= version(storage.backup_path(path)) <= version(path)
