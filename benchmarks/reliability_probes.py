"""Issue #11 reliability figures: kills during save, hostile files and workbooks, injection, two instances, full disk.

Run: python benchmarks/reliability_probes.py [--quick]   (plain Python; several minutes at the full counts)
Prints one table: each probe's count, failures (tracebacks, torn files, ...), worst time and memory, and the target.
The baseline, measured in the same run, is json.loads of one project file (a machine-speed reference).
Memory: the peak RSS of a fresh process importing each hostile workbook, and the traced Python peak of one call.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import common  # noqa: F401  (puts tests/ on sys.path)
from common import timed
from factories import filled_report
from nianbao.core import storage
from nianbao.core.checking import check
from nianbao.importers.xlsx import ImportFailed, loads_xlsx
from reliability.hostile import hostile_projects, hostile_workbooks, mutated_workbooks
from reliability.measure import run
from reliability.test_injection import EXPORTS, PAYLOADS, _assert_safe, _export, _project
from reliability.test_kill_during_save import kill_trials
from reliability.test_two_instances import race

Row = tuple[str, int, str, str, str, str]  # probe, count, failures, worst, memory, target


def _open_and_check(raw: bytes) -> None:
    check(storage.loads(raw, "p.nianbao"))  # what the window and `nianbao check` do


def hostile_project_row(n: int) -> list[Row]:
    outs = [(w, run(partial(_open_and_check, r), storage.StorageError, traced=False))
            for w, r in hostile_projects(n)]  # fmt: skip
    tb = sum(o.result == "traceback" for _, o in outs)
    numbers = [o.seconds for w, o in outs if w.startswith("value ")]
    worst = max(o.seconds for _, o in outs)
    return [
        (f"hostile project files ({sum(o.result == 'refused' for _, o in outs)} refused)", n, f"{tb} tracebacks",
         f"{worst * 1000:.1f} ms", "", "0 tracebacks"),
        ("  of which hostile numbers", len(numbers), "", f"{max(numbers) * 1000:.1f} ms",
         f"median {statistics.median(numbers) * 1000:.2f} ms", "≤ 50 ms each"),
    ]  # fmt: skip


CHILD_RSS = r"""
import resource, sys
sys.path.insert(0, sys.argv[2])
from nianbao.importers.xlsx import ImportFailed, read_xlsx
if sys.argv[1] != "-":
    try:
        read_xlsx(sys.argv[1])
    except ImportFailed:
        pass
try:  # VmHWM belongs to this program's memory map; ru_maxrss would keep the parent's peak across exec on Linux
    with open("/proc/self/status") as fh:
        print(next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) // 1024)
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def child_rss_mb(path: str) -> int:
    """Peak RSS (MB) of a fresh process that imports one workbook ("-": only loads the importer)."""
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run([sys.executable, "-c", CHILD_RSS, path, src], capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1])


def workbook_rows(n_mutated: int, full: bool, tmp: Path) -> list[Row]:
    rows: list[Row] = []
    hostile = hostile_workbooks(full=full)
    worst_s = worst_mb = 0.0
    tb = slow = 0
    base_rss = child_rss_mb("-")
    worst_rss = 0
    for i, (_what, raw) in enumerate(hostile):
        timing = run(partial(loads_xlsx, raw, "h.xlsx"), ImportFailed, traced=False)
        memory = run(partial(loads_xlsx, raw, "h.xlsx"), ImportFailed)
        path = tmp / f"h{i}.xlsx"
        path.write_bytes(raw)
        rss = child_rss_mb(str(path))
        worst_s, worst_mb, worst_rss = max(worst_s, timing.seconds), max(worst_mb, memory.peak_mb), max(worst_rss, rss)
        tb += timing.result == "traceback"
        slow += timing.seconds > 2.0 or rss > 200
    rows.append((f"hostile workbooks ({'probe sizes' if full else 'small sizes'})", len(hostile),
                 f"{tb} tracebacks, {slow} over limits", f"{worst_s:.2f} s",
                 f"peak RSS {worst_rss} MB (Python + importer module: {base_rss} MB), traced {worst_mb:.1f} MB",
                 "≤ 2 s, ≤ 200 MB"))  # fmt: skip
    outs = [run(partial(loads_xlsx, raw, "m.xlsx"), ImportFailed, traced=False)
            for _w, raw in mutated_workbooks(n_mutated)]  # fmt: skip
    rows.append((f"mutated workbooks ({sum(o.result == 'refused' for o in outs)} refused)", len(outs),
                 f"{sum(o.result == 'traceback' for o in outs)} tracebacks", f"{max(o.seconds for o in outs):.2f} s",
                 "", "≤ 2 s each"))  # fmt: skip
    return rows


def injection_row(tmp: Path) -> Row:
    failures = 0
    worst = 0.0
    for i, payload in enumerate(PAYLOADS):
        report = storage.loads(_project(payload), "p.nianbao")
        for kind in EXPORTS:
            out = tmp / f"i{i}.{kind}"
            t0 = time.perf_counter()
            try:
                _export(kind, report, out)
                _assert_safe(kind, out, payload)
            except Exception:
                failures += 1
            worst = max(worst, time.perf_counter() - t0)
    return ("injection payloads × exports", len(PAYLOADS) * len(EXPORTS), f"{failures} failures", f"{worst:.2f} s",
            "", "0 failures")  # fmt: skip


def disk_row(tmp: Path) -> Row:
    disk = tmp / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True,
                          check=False)  # fmt: skip
    if done.returncode != 0:
        return ("disk full (256 KB tmpfs)", 0, "skipped: cannot mount (needs root)", "", "", "file and .bak kept")
    try:
        path = disk / "a.nianbao"
        report = filled_report()
        storage.save(report, path)
        storage.save(report, path)
        before = path.read_bytes(), storage.backup_path(path).read_bytes()
        try:
            with (disk / "filler").open("wb") as fh:
                while True:
                    fh.write(b"\0" * 4096)
        except OSError:
            pass
        report.narrative["ch1"] = "正文" * 5000
        message = ""
        try:
            storage.save(report, path)
        except storage.StorageError as exc:
            message = str(exc)
        kept = (path.read_bytes(), storage.backup_path(path).read_bytes()) == before
        ok = kept and "磁盘空间不足" in message
        return ("disk full (256 KB tmpfs)", 1, "0 failures" if ok else "1 failure", "", "", "file and .bak kept")
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def main() -> int:
    quick = "--quick" in sys.argv
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-reliability-"))
    try:
        text = storage.dumps(filled_report())
        base = timed(lambda: json.loads(text), 200)
        rows: list[Row] = [("baseline: json.loads one project file", 1, "", f"{base * 1000:.3f} ms", "", "")]
        kills = kill_trials(tmp, 20 if quick else 200)
        rows.append(("kill -9 during save", kills["trials"],
                     f"{kills['torn']} torn, {kills['bak_unreadable']} unreadable .bak, "
                     f"{kills['leftover_tmp_after_next_save']} temp files after next save", "", "",
                     "0 torn, 0 unreadable .bak"))  # fmt: skip
        rows += hostile_project_row(500 if quick else 5000)
        rows += workbook_rows(100 if quick else 1000, not quick, tmp)
        rows.append(injection_row(tmp))
        races = race(tmp, 10 if quick else 100)
        races_text = f"{races['both_locked']} both locked, {races['none_locked']} none"
        rows.append(("two instances race for one file", races["rounds"], races_text, "", "", "exactly one writer"))
        rows.append(disk_row(tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    widths = [max(len(str(r[i])) for r in rows) for i in range(6)]
    head = ("probe", "count", "failures", "worst time", "memory", "target")
    widths = [max(w, len(h)) for w, h in zip(widths, head, strict=True)]
    for r in (head, *rows):
        print(" | ".join(f"{c!s:{w}}" for c, w in zip(r, widths, strict=True)))
    return 1 if any(failed(r[2]) for r in rows[1:]) else 0


def failed(failures: str) -> bool:
    """Any count in the failures column other than 0 ("3 torn, 0 unreadable .bak" fails)."""
    import re

    return any(
        int(n) for n in re.findall(r"(\d+) (?:torn|unreadable|temp|tracebacks|over|failure|both|none)", failures)
    )


if __name__ == "__main__":
    raise SystemExit(main())
