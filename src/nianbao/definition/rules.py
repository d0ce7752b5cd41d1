"""Frozen rule instances (one per expanded row/column) and their terms."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from nianbao.definition.frozen import Frozen

RuleKind = Literal["sum", "equal", "le"]
Basis = Literal["official", "implied", "soft"]


class Severity(StrEnum):
    """An error must be corrected; a warning (提示) may be accepted with a written explanation."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "提示"


@dataclass(frozen=True, slots=True)
class Term(Frozen):
    cell: str
    sign: int = 1  # +1 or -1
    prev: bool = False  # the value of last year's report


@dataclass(frozen=True, slots=True)
class Rule(Frozen):
    """An expanded rule: sum(lhs) <op> sum(rhs).

    For kind "sum", lhs is the single total and rhs its parts; with derive=True the total is a
    computed cell. ``focus`` is the cell a finding points at (and the one whose value a balance
    message suggests).
    """

    id: str  # instance id, e.g. "R3.1:natural"
    base: str  # rule id in the definition, e.g. "R3.1"
    kind: RuleKind
    severity: Severity
    basis: Basis
    table: str
    title: str
    lhs: tuple[Term, ...]
    rhs: tuple[Term, ...]
    focus: str
    derive: bool = False

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.lhs + self.rhs

    @property
    def cells(self) -> tuple[str, ...]:
        """This year's cells the rule reads (no duplicates, in order)."""
        return tuple(dict.fromkeys(t.cell for t in self.terms if not t.prev))

    @property
    def uses_previous(self) -> bool:
        return any(t.prev for t in self.terms)
