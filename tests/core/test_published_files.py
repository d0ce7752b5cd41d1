"""#10.5 project-file half: every published year, written as a project file, opens and checks with exactly the
rule breaks recorded in its `inconsistencies`; its money keeps the published decimals."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from nianbao.core import storage
from nianbao.core.checking import Checker, check
from nianbao.core.values import format_value
from nianbao.definition import Severity, ValueKind
from published_project_files import expected_errors, project_json, read_sample, sample_paths


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
@pytest.mark.parametrize("money_as_number", [False, True], ids=["money-text", "money-number"])
def test_published_year_opens_and_checks_as_recorded(path: Path, money_as_number: bool, tmp_path: Path) -> None:
    sample = read_sample(path)
    file = tmp_path / f"{path.stem}.nianbao"
    file.write_text(project_json(sample, money_as_number), "utf-8")
    report = storage.load(file)
    # every broken rule instance (check() lists an instance that only repeats another inside it: one problem)
    errors = sorted((f.row, f.column) for f in Checker(report).findings.values() if f.severity == Severity.ERROR)
    assert errors == expected_errors(sample)
    money = {c: v for c, v in report.values.items() if report.fmt.cells[c].kind is ValueKind.MONEY}
    printed = [v for rows in sample["table2"].values() for cols in rows.values() for v in cols.values()]
    published = [Decimal(str(v).rstrip("万元")) for v in printed if not isinstance(v, int)]
    assert list(money.values()) == published
    storage.save(report, file)
    assert storage.load(file) == report


def test_six_decimal_wanyuan_survives_save_and_prints_everywhere_alike(tmp_path: Path) -> None:
    sample = read_sample(next(p for p in sample_paths() if p.stem.endswith("2021")))
    report = storage.loads(project_json(sample))
    assert format_value(report.values["t2.fees.amount"], ValueKind.MONEY) == "24252.311082"
    storage.save(report, tmp_path / "a.nianbao")
    assert json.loads((tmp_path / "a.nianbao").read_text("utf-8"))["values"]["t2.fees.amount"] == "24252.311082"


def test_more_decimals_than_the_unit_opens_with_a_finding_on_that_cell() -> None:
    sample = read_sample(next(p for p in sample_paths() if p.stem.endswith("2021")))
    text = project_json(sample).replace('"24252.311082"', '"24252.3110821"')
    report = storage.loads(text)  # opens: the whole file is not refused
    assert report.values["t2.fees.amount"] == Decimal("24252.3110821")
    found = [f for f in check(report) if f.focus == "t2.fees.amount"]
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert "7 位小数" in found[0].message and "最多 6 位" in found[0].message and "24252.311082" in found[0].message


def test_yuan_takes_two_decimals_and_a_unit_change_is_checked() -> None:
    from nianbao.core.document import ReportDocument
    from nianbao.core.edits import EditBatch

    sample = read_sample(next(p for p in sample_paths() if p.stem.endswith("2019")))
    report = storage.loads(project_json(sample).replace('"75394432.52"', '"75394432.523"'))
    assert [f.focus for f in check(report) if f.severity == Severity.ERROR] == ["t2.purchase.amount"]
    doc = ReportDocument(report)
    change = doc.apply(EditBatch(units=(("t2.purchase.amount", "万元"),)))  # 3 decimals are fine in 万元
    assert "decimals:t2.purchase.amount" in change.findings_changed
    assert not [f for f in doc.findings if f.severity == Severity.ERROR]
