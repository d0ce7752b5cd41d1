"""Frozen description of a report format: chapters, table grids, cells (immutable for real: see frozen.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from nianbao.definition.frozen import Frozen, read_only_mappings
from nianbao.definition.rules import Rule


class ValueKind(StrEnum):
    COUNT = "count"  # non-negative whole number
    SIGNED = "signed"  # whole number, may be negative (2019 本年增/减)
    MONEY = "money"  # non-negative decimal, up to 4 places


Role = Literal["header", "caption", "label", "value"]


@dataclass(frozen=True, slots=True)
class GridItem(Frozen):
    """One merged region of a table's grid, as in the official table (HTML-like spans)."""

    row: int
    col: int
    rowspan: int
    colspan: int
    role: Role
    text: str = ""
    cell: str | None = None  # cell id for role == "value"


@dataclass(frozen=True, slots=True)
class CellSpec(Frozen):
    id: str
    table: str
    row: str
    col: str
    row_label: str
    col_label: str
    kind: ValueKind
    units: tuple[str, ...] = ()  # allowed units; the first is the default ("" = none printed)
    computed: bool = False
    grid_row: int = 0
    grid_col: int = 0

    @property
    def unit(self) -> str:
        return self.units[0] if self.units else ""


@dataclass(frozen=True, slots=True)
class Table(Frozen):
    id: str
    title: str
    layout: Literal["matrix", "sections"]
    n_rows: int
    n_cols: int
    header_rows: int  # leading grid rows that are column headers (0 for the sections layout)
    label_cols: int  # leading grid columns that hold row labels (frozen when scrolling)
    items: tuple[GridItem, ...]
    cells: tuple[str, ...]  # value cell ids in reading order
    origin: Mapping[tuple[int, int], GridItem]  # every grid place -> the item covering it

    def __post_init__(self) -> None:
        read_only_mappings(self)

    def item_at(self, row: int, col: int) -> GridItem | None:
        """The item whose region covers (row, col)."""
        return self.origin.get((row, col))


@dataclass(frozen=True, slots=True)
class Chapter(Frozen):
    id: str
    number: str
    title: str
    kind: Literal["narrative", "table"]
    guidance: str = ""
    subheadings: tuple[str, ...] = ()
    table: str | None = None


@dataclass(frozen=True, slots=True)
class PrefaceTemplate(Frozen):
    """Usual wording of the 前言 (report opening), with {issuer} {year} {parts} {contact} placeholders."""

    text: str  # legal basis, parts, 统计期限, where published
    contact: str  # closing sentence when 联系方式 is filled
    no_contact: str  # closing sentence without it


@dataclass(frozen=True, slots=True)
class ReportFormat(Frozen):
    id: str
    name: str
    first_year: int
    last_year: int | None
    chapters: tuple[Chapter, ...]
    tables: Mapping[str, Table]
    cells: Mapping[str, CellSpec]
    rules: tuple[Rule, ...]
    derive_order: tuple[Rule, ...]  # deriving rules, parts before totals
    rules_by_cell: Mapping[str, tuple[Rule, ...]]
    # the 前言: a narrative text printed without heading before chapter 一 (narrative key "preface")
    preface: Chapter
    preface_template: PrefaceTemplate

    def __post_init__(self) -> None:
        read_only_mappings(self)

    def chapter(self, chapter_id: str) -> Chapter:
        for ch in self.chapters:
            if ch.id == chapter_id:
                return ch
        raise KeyError(chapter_id)

    @property
    def narrative_chapters(self) -> tuple[Chapter, ...]:
        """Every free text of the report in document order: the 前言, then the narrative chapters."""
        return (self.preface, *(ch for ch in self.chapters if ch.kind == "narrative"))

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)
