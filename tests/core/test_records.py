"""One record idiom: dataclasses with slots, frozen where the value never changes."""

from __future__ import annotations

import dataclasses

import pytest

from nianbao.core.checking import check
from nianbao.core.edits import Change, EditBatch
from nianbao.core.report import Metadata, PreviousYear, Report
from nianbao.definition import Severity
from nianbao.resources import load_example


def test_report_records_compare_by_every_field() -> None:
    a = Report("gov2021", Metadata("某某镇人民政府", 2025), values={"t3.total": 1})
    b = Report("gov2021", Metadata("某某镇人民政府", 2025), values={"t3.total": 1})
    assert a == b
    b.meta.contact = "0571-1234567"
    assert a != b
    b.meta.contact = ""
    b.previous = PreviousYear("gov2021", 2024)
    assert a != b


def test_defaults_are_not_shared_between_instances() -> None:
    a, b = Report("gov2021"), Report("gov2021")
    a.values["x"] = 1
    a.meta.issuer = "甲"
    assert b.values == {} and b.meta.issuer == ""
    assert Change().cells is not Change().cells


def test_a_misspelt_field_is_an_error_not_a_new_attribute() -> None:
    with pytest.raises(AttributeError):
        Metadata().isuer = "x"  # type: ignore[attr-defined]


def test_values_that_never_change_are_frozen() -> None:
    report = load_example()
    report.values["t2.rules.published"] = 999
    finding = next(f for f in check(report) if f.severity == Severity.WARNING)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.message = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        EditBatch(label="a").label = "b"  # type: ignore[misc]
    assert finding.as_json()["severity"] == "warning"
