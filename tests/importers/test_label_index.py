"""The label index of a format is cached and shared by every import: it cannot be changed by one of them."""

from __future__ import annotations

import dataclasses

import pytest

from nianbao.importers.published import labels


@pytest.mark.parametrize("format_id", ["gov2021", "gov2019"])
def test_the_shared_label_index_cannot_be_changed(format_id: str) -> None:
    idx = labels.index(format_id)
    key, row = next(iter(idx.rows.items()))
    with pytest.raises(TypeError):
        idx.rows["x"] = row  # type: ignore[index]
    with pytest.raises(TypeError):
        idx.loose["x"] = row  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        idx.known = frozenset()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.label = "x"  # type: ignore[misc]
    assert isinstance(row.cells, tuple) and isinstance(idx.t4_cells, tuple)
    assert "x" not in labels.index(format_id).rows and labels.index(format_id).rows[key] is row


def test_a_matched_row_is_no_tuple() -> None:
    hit = labels.match_row("gov2021", "规范性文件")
    assert hit is not None and hit.exact
    assert hit != (hit.row, True)  # type: ignore[comparison-overlap]  # what NamedTuple made true
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.exact = False  # type: ignore[misc]


def test_the_2021_group_printed_as_one_row_reads_into_its_other_row_with_a_note() -> None:
    """The one record made by copying another with a note (dataclasses.replace, formerly NamedTuple._replace)."""
    idx = labels.index("gov2021")
    group = idx.rows[labels.norm("（六）其他处理")]
    misc = idx.rows[labels.norm("3.其他")]
    assert group.cells == misc.cells and group.table == misc.table and not misc.note
    assert "已计入“3.其他”" in group.note
