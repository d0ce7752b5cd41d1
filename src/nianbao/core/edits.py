"""Edit batches, the unit of undo: applying returns a Change; reverting a Change restores exactly."""

from __future__ import annotations

from dataclasses import dataclass, field

from nianbao.core.values import Value

META_FIELDS = ("issuer", "year", "level", "contact")


class EditError(ValueError):
    """An edit that cannot be applied (unknown or computed cell); str(exc) is Chinese."""


@dataclass(frozen=True, slots=True)
class EditBatch:
    cells: tuple[tuple[str, Value | None], ...] = ()  # cell id -> new value (None = blank)
    texts: tuple[tuple[str, str], ...] = ()  # chapter id -> new narrative text
    meta: tuple[tuple[str, object], ...] = ()  # Metadata field -> new value
    accepted: tuple[tuple[str, str | None], ...] = ()  # rule id -> explanation (None = withdraw)
    units: tuple[tuple[str, str], ...] = ()  # money cell id -> unit chosen from its CellSpec.units
    recompute_all: bool = False  # 重新计算合计: derive every computed cell from its parts
    label: str = ""
    # totals as a pasted block states them (computed cells), set after deriving: a disagreement stays visible as a
    # finding, as in an imported report, until 重新计算合计
    stated: tuple[tuple[str, Value], ...] = ()

    @staticmethod
    def set_cells(values: dict[str, Value | None], label: str = "") -> EditBatch:
        return EditBatch(cells=tuple(values.items()), label=label)


@dataclass(slots=True)
class Change:
    """What a batch changed: old and new of every cell (derived ones included) and text."""

    cells: dict[str, tuple[Value | None, Value | None]] = field(default_factory=dict)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    meta: dict[str, tuple[object, object]] = field(default_factory=dict)
    accepted: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    units: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # as stored (None = default)
    findings_changed: set[str] = field(default_factory=set)  # rule ids whose finding appeared, went or changed
    label: str = ""

    @property
    def empty(self) -> bool:
        return not (self.cells or self.texts or self.meta or self.accepted or self.units)
