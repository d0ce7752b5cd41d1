"""Core benchmark: definition load, full check, edit + incremental recheck, save + load.

Run: python benchmarks/core.py   (plain Python; prints a table with targets)
A bare-Python baseline measured in the same run (summing the same number of ints in a dict)
gives a machine-speed reference, since absolute times vary on shared machines.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import nianbao.definition
from common import print_table, timed
from factories import filled_report
from nianbao.core import storage
from nianbao.core.checking import Checker
from nianbao.core.document import ReportDocument
from nianbao.core.edits import EditBatch
from nianbao.definition import load_definition


def main() -> int:
    text = (Path(nianbao.definition.__file__).parent / "gov2021.toml").read_text("utf-8")
    report = filled_report("gov2021")
    doc = ReportDocument(report)
    editable = [c for c, s in report.fmt.cells.items() if not s.computed and s.table == "t3"]
    rng = random.Random(1)

    def edit() -> None:
        doc.apply(EditBatch.set_cells({rng.choice(editable): rng.randint(0, 99)}))

    folder = Path(tempfile.mkdtemp())

    def save_load() -> None:
        storage.save(report, folder / "bench.nianbao")
        storage.load(folder / "bench.nianbao")

    values = {f"c{i}": i for i in range(200)}
    rows = [
        ("baseline: sum 200 dict ints", timed(lambda: sum(values.values()), 1000), None),
        ("load definition (gov2021)", timed(lambda: load_definition(text), 50), 50.0),
        ("full check, filled 2021 report", timed(lambda: Checker(report), 200), 5.0),
        ("edit + incremental recheck", timed(edit, 1000), 1.0),
        ("save + load round trip", timed(save_load, 50), 20.0),
    ]
    return print_table(rows)


if __name__ == "__main__":
    raise SystemExit(main())
