"""Report factories shared by the tests (on sys.path through pytest's `pythonpath`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.core.document import ReportDocument
from nianbao.core.edits import EditBatch
from nianbao.core.report import Report, new_report
from nianbao.core.values import Value
from nianbao.definition import ValueKind, load_format

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLES = DATA / "samples"
SEED = SAMPLES / "2020-township-seed.txt"
PUBLISHED = SAMPLES / "published"


def filled_report(format_id: str = "gov2021", year: int | None = None) -> Report:
    """A report whose input cells hold distinct numbers, totals derived, and every rule holding."""
    fmt = load_format(format_id)
    report = new_report(year or (2025 if format_id == "gov2021" else 2020), "某某镇人民政府", format_id)
    doc = ReportDocument(report)
    values: dict[str, Value | None] = {}
    n = 1
    for cid, spec in fmt.cells.items():
        if spec.computed or (spec.table == "t3" and spec.row in ("new", "forward")):
            continue
        values[cid] = Decimal(f"{n}.25") if spec.kind is ValueKind.MONEY else n
        n += 1
    doc.apply(EditBatch.set_cells(values))
    # make the official balance hold in every column: 一 = （七）总计 + 四 - 二, with 四 = 1
    fix: dict[str, Value | None] = {}
    for cid in fmt.tables["t3"].cells:
        spec = fmt.cells[cid]
        if spec.row == "new" and not spec.computed:
            fix[f"t3.forward.{spec.col}"] = 1
            fix[cid] = int(report.value(f"t3.total.{spec.col}")) + 1 - int(report.value(f"t3.carried.{spec.col}"))
    doc.apply(EditBatch.set_cells(fix))
    for ch in fmt.narrative_chapters:
        report.narrative[ch.id] = f"{ch.title}的正文。\n（一）第一项\n第二段文字。"
    return report


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `nianbao ARGS` in-process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
