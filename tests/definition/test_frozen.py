"""The definition is shared by the whole process (load_format caches it), so it must not change."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from nianbao.definition import Rule, Severity, Term, load_format
from nianbao.definition.model import ReportFormat


def test_a_term_is_no_tuple() -> None:
    assert Term("a") != ("a", 1, False)  # type: ignore[comparison-overlap]  # what NamedTuple made true
    assert Term("a") == Term("a", 1, False) and Term("a") != Term("a", -1)


@pytest.mark.parametrize("format_id", ["gov2021", "gov2019"])
def test_the_loaded_format_cannot_be_changed(format_id: str) -> None:
    fmt = load_format(format_id)
    table = next(iter(fmt.tables.values()))
    spec = fmt.cells[table.cells[0]]
    rule = fmt.rules[0]
    with pytest.raises(TypeError):
        fmt.cells["x"] = spec  # type: ignore[index]
    with pytest.raises(TypeError):
        fmt.tables[table.id] = table  # type: ignore[index]
    with pytest.raises(TypeError):
        fmt.rules_by_cell[spec.id] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        table.origin[(0, 0)] = table.items[0]  # type: ignore[index]
    for record, field in ((fmt, "name"), (table, "title"), (spec, "row_label"), (rule, "focus"), (rule.lhs[0], "cell")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, field, "x")
    with pytest.raises((AttributeError, TypeError)):
        fmt.extra = 1  # type: ignore[attr-defined]  # slots: no new attributes either
    assert isinstance(fmt.chapters, tuple) and isinstance(table.items, tuple) and isinstance(rule.lhs, tuple)
    assert "x" not in load_format(format_id).cells  # the cached object is the same, unchanged


def test_severity_is_a_type_with_labels() -> None:
    rules = load_format("gov2021").rules
    assert {r.severity for r in rules} == {Severity.ERROR, Severity.WARNING}
    assert all(isinstance(r.severity, Severity) for r in rules)
    assert (Severity.ERROR.label, Severity.WARNING.label) == ("错误", "提示")


def test_a_pickled_format_comes_back_equal_and_still_read_only() -> None:
    fmt = load_format("gov2021")
    again = pickle.loads(pickle.dumps(fmt, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(again, ReportFormat) and again == fmt and again is not fmt
    assert isinstance(again.rules[0], Rule) and again.rules[0] == fmt.rules[0]
    with pytest.raises(TypeError):
        again.cells["x"] = again.cells[next(iter(again.cells))]  # type: ignore[index]


@pytest.mark.parametrize("format_id", ["gov2021", "gov2019"])
def test_the_loaded_narrative_rules_cannot_be_changed(format_id: str) -> None:
    from nianbao.definition.text_rules import load_text_rules

    rules = load_text_rules(format_id)
    statement = rules.statements[0]
    with pytest.raises(TypeError):
        rules.topics["x"] = "y"  # type: ignore[index]
    records: list[tuple[object, str]] = [(rules, "format_id"), (statement, "key")]
    if rules.checklist:
        records.append((rules.checklist[0], "label"))
    for record, field in records:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, field, "x")
    with pytest.raises((AttributeError, TypeError)):
        statement.extra = 1  # type: ignore[attr-defined]
    assert isinstance(rules.statements, tuple) and isinstance(statement.readings, tuple)
    assert "x" not in load_text_rules(format_id).topics and load_text_rules(format_id) is rules
