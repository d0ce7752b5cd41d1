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


def test_a_local_profile_and_the_figure_names_cannot_be_changed() -> None:
    from nianbao.core.coverage import figure_refs, load_profile
    from nianbao.resources import ASSETS

    profile = load_profile(ASSETS / "profiles" / "city-2025-example.toml")
    requirement = profile.requirements[0]
    for record, field in ((profile, "name"), (requirement, "label")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, field, "x")
    assert isinstance(profile.requirements, tuple) and isinstance(requirement.phrases, tuple)
    refs = figure_refs()  # cached: every profile check shares it
    with pytest.raises(TypeError):
        refs["x"] = "y"  # type: ignore[index]
    assert "x" not in figure_refs()


def test_records_of_a_summed_report_are_values_not_tuples() -> None:
    from nianbao.core.report import SkippedFile, SourceFile

    source = SourceFile("a.nianbao", "甲镇人民政府", 2025)
    assert source != ("a.nianbao", "甲镇人民政府", 2025)  # type: ignore[comparison-overlap]  # NamedTuple made it equal
    assert (
        source == SourceFile("a.nianbao", "甲镇人民政府", 2025)
        and len({source, SourceFile("a.nianbao", "甲镇人民政府", 2025)}) == 1
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        SkippedFile("b.pdf", "读不出").reason = "x"  # type: ignore[misc]


def test_no_severity_is_compared_with_a_string() -> None:
    """Severity is a StrEnum, so `f.severity == "eror"` would type-check and quietly be False: compare with the type."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"severity\s*(?:==|!=)\s*[\"']|[\"'](?:error|warning)[\"']\s*(?:==|!=)\s*\w+\.severity")
    files = [*(root / "src" / "nianbao").rglob("*.py"), *(root / "tests").rglob("*.py")]
    assert len(files) > 100
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in files
        if path.name != "test_records.py"  # this file names the pattern
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []
