"""Edit batches, the unit of undo: applying returns a Change; reverting a Change restores exactly."""

from __future__ import annotations

from typing import NamedTuple

from nianbao.core.record import Record
from nianbao.core.values import Value

META_FIELDS = ("issuer", "year", "level", "contact")


class EditError(ValueError):
    """An edit that cannot be applied (unknown or computed cell); str(exc) is Chinese."""


class EditBatch(NamedTuple):
    cells: tuple[tuple[str, Value | None], ...] = ()  # cell id -> new value (None = blank)
    texts: tuple[tuple[str, str], ...] = ()  # chapter id -> new narrative text
    meta: tuple[tuple[str, object], ...] = ()  # Metadata field -> new value
    accepted: tuple[tuple[str, str | None], ...] = ()  # rule id -> explanation (None = withdraw)
    units: tuple[tuple[str, str], ...] = ()  # money cell id -> unit chosen from its CellSpec.units
    recompute_all: bool = False  # 重新计算合计: derive every computed cell from its parts
    label: str = ""

    @staticmethod
    def set_cells(values: dict[str, Value | None], label: str = "") -> EditBatch:
        return EditBatch(cells=tuple(values.items()), label=label)


class Change(Record):
    """What a batch changed: old and new of every cell (derived ones included) and text."""

    __slots__ = ("accepted", "cells", "findings_changed", "label", "meta", "texts", "units")

    def __init__(
        self,
        cells: dict[str, tuple[Value | None, Value | None]] | None = None,
        texts: dict[str, tuple[str, str]] | None = None,
        meta: dict[str, tuple[object, object]] | None = None,
        accepted: dict[str, tuple[str | None, str | None]] | None = None,
        units: dict[str, tuple[str | None, str | None]] | None = None,
        findings_changed: set[str] | None = None,
        label: str = "",
    ) -> None:
        self.cells: dict[str, tuple[Value | None, Value | None]] = {} if cells is None else cells
        self.texts: dict[str, tuple[str, str]] = {} if texts is None else texts
        self.meta: dict[str, tuple[object, object]] = {} if meta is None else meta
        self.accepted: dict[str, tuple[str | None, str | None]] = {} if accepted is None else accepted
        # units as stored (None = the cell's default unit)
        self.units: dict[str, tuple[str | None, str | None]] = {} if units is None else units
        # rule ids whose finding appeared, went or changed
        self.findings_changed: set[str] = set() if findings_changed is None else findings_changed
        self.label = label

    @property
    def empty(self) -> bool:
        return not (self.cells or self.texts or self.meta or self.accepted or self.units)
