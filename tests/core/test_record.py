"""Record, the base of the mutable model classes: equality and repr by field, unhashable."""

from __future__ import annotations

import pytest

from nianbao.core.edits import Change
from nianbao.core.report import Metadata, PreviousYear, Report


def test_records_compare_by_every_field() -> None:
    a = Report("gov2021", Metadata("某某镇人民政府", 2025), values={"t3.total": 1})
    b = Report("gov2021", Metadata("某某镇人民政府", 2025), values={"t3.total": 1})
    assert a == b
    b.meta.contact = "0571-1234567"
    assert a != b
    b.meta.contact = ""
    b.previous = PreviousYear("gov2021", 2024)
    assert a != b
    assert Metadata() != Change()  # different classes never compare equal


def test_defaults_are_not_shared_between_instances() -> None:
    a, b = Report("gov2021"), Report("gov2021")
    a.values["x"] = 1
    a.meta.issuer = "甲"
    assert b.values == {} and b.meta.issuer == ""
    assert Change().cells is not Change().cells


def test_records_are_unhashable_and_have_a_readable_repr() -> None:
    with pytest.raises(TypeError):
        hash(Metadata())
    expected = "Metadata(contact='', issuer='某某镇人民政府', level='乡镇/街道', year=2025)"
    assert repr(Metadata("某某镇人民政府", 2025)) == expected
    with pytest.raises(AttributeError):  # slots: a misspelt field is an error, not a silent new attribute
        Metadata().isuer = "x"  # type: ignore[attr-defined]
