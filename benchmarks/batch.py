"""Issue #15 benchmark: import of a 5-page published report, audit and 汇总 of many reports.

Run: python benchmarks/batch.py   (plain Python; prints a table with targets)
Targets (2-core machine): import of a 5-page PDF or Word file <= 0.5 s median; audit of 1,000 project files
<= 5 s; audit of 100 published PDFs <= 30 s (worker processes allowed); 汇总 of 1,000 project files <= 5 s.
The baseline, measured in the same run, is json.loads of one project file: a machine-speed reference.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import print_table, timed
from factories import DATA, filled_report
from nianbao.batch.aggregate import aggregate
from nianbao.batch.audit import audit
from nianbao.core import storage
from nianbao.importers.published import read_published

FIX = DATA / "published"


def once(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    try:
        projects = work / "projects"
        projects.mkdir()
        report = filled_report("gov2021")
        for i in range(1000):
            report.meta.issuer = f"某某镇{i:04d}人民政府"
            storage.save(report, projects / f"{i:04d}.nianbao", backup=False)
        pdfs = work / "pdfs"
        pdfs.mkdir()
        sources = [FIX / "pingtan-2023-5pages.pdf", FIX / "pingtan-2023.pdf", FIX / "pingtan-2020.pdf"]
        for i in range(100):
            shutil.copy(sources[i % len(sources)], pdfs / f"{i:03d}.pdf")
        text = storage.dumps(report)
        result = audit([str(projects)])
        assert len(result.audited) == 1000 and not result.unreadable
        rows = [
            ("baseline: json.loads one project file", timed(lambda: json.loads(text), 200), None),
            ("import 5-page PDF", timed(lambda: read_published(FIX / "pingtan-2023-5pages.pdf"), 7), 500.0),
            ("import 5-page Word", timed(lambda: read_published(FIX / "pingtan-2023-5pages.docx"), 7), 500.0),
            # the longest report the bounds are made for (tests/importers/test_pdf_budget.py); no target in #15
            ("import 60-page PDF", timed(lambda: read_published(FIX / "pingtan-2023-60pages.pdf"), 3), None),
            ("audit 1,000 project files", once(lambda: audit([str(projects)])), 5000.0),
            ("audit 100 published PDFs", once(lambda: audit([str(pdfs)])), 30000.0),
            ("aggregate 1,000 project files", once(lambda: aggregate([str(projects)], "某某县人民政府")), 5000.0),
        ]
        return print_table(rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
