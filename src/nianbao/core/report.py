"""A report being prepared: metadata, narrative texts and cell values keyed by stable cell ids."""

from __future__ import annotations

from typing import Final

from nianbao.core.record import Record
from nianbao.core.values import Value
from nianbao.definition import ReportFormat, format_for_year, load_format

LEVELS: Final = ("乡镇/街道", "县级部门", "县级政府", "市级部门", "市级政府", "省级及以上", "其他")


class Metadata(Record):
    __slots__ = ("contact", "issuer", "level", "year")

    def __init__(self, issuer: str = "", year: int = 0, level: str = LEVELS[0], contact: str = "") -> None:
        self.issuer = issuer  # 发布机关
        self.year = year  # report year (the year reported on)
        self.level = level
        self.contact = contact  # 联系人、电话


class PreviousYear(Record):
    """Last year's figures, for the cross-year checks (二、上年结转 = last year's 四)."""

    __slots__ = ("format_id", "narrative", "values", "year")

    def __init__(
        self,
        format_id: str,
        year: int,
        values: dict[str, Value] | None = None,
        narrative: dict[str, str] | None = None,
    ) -> None:
        self.format_id = format_id
        self.year = year
        self.values: dict[str, Value] = {} if values is None else values
        # last year's chapters (its format's chapter ids), shown read-only beside the editor; never copied
        self.narrative: dict[str, str] = {} if narrative is None else narrative


class Report(Record):
    __slots__ = ("accepted", "format_id", "meta", "narrative", "notes", "previous", "units", "values")

    def __init__(
        self,
        format_id: str,
        meta: Metadata | None = None,
        narrative: dict[str, str] | None = None,
        values: dict[str, Value] | None = None,
        units: dict[str, str] | None = None,
        accepted: dict[str, str] | None = None,
        previous: PreviousYear | None = None,
        notes: dict[str, str] | None = None,
    ) -> None:
        self.format_id = format_id
        self.meta = Metadata() if meta is None else meta
        self.narrative: dict[str, str] = {} if narrative is None else narrative  # chapter id -> text
        self.values: dict[str, Value] = {} if values is None else values  # cell id -> value; absent = blank
        self.units: dict[str, str] = {} if units is None else units  # cell id -> chosen unit (money cells)
        self.accepted: dict[str, str] = {} if accepted is None else accepted  # rule instance id -> explanation
        self.previous = previous
        # cell id -> short note printed after the number, as published reports do ("22（其中修订16件）")
        self.notes: dict[str, str] = {} if notes is None else notes

    @property
    def fmt(self) -> ReportFormat:
        return load_format(self.format_id)

    def value(self, cell: str) -> Value:
        """Blank counts as 0."""
        return self.values.get(cell, 0)

    def unit(self, cell: str) -> str:
        return self.units.get(cell) or self.fmt.cells[cell].unit

    def title(self) -> str:
        return f"{self.meta.issuer}{self.meta.year}年政府信息公开工作年度报告"


def new_report(year: int, issuer: str = "", format_id: str | None = None, level: str = LEVELS[0]) -> Report:
    """An empty report; the format follows the year unless given."""
    fid = format_id or format_for_year(year).id
    fmt = load_format(fid)
    report = Report(
        format_id=fid,
        meta=Metadata(issuer=issuer, year=year, level=level),
        narrative={ch.id: "" for ch in fmt.narrative_chapters},
    )
    from nianbao.core.preface import PREFACE, default_preface

    report.narrative[PREFACE] = default_preface(fmt, report.meta)  # prefilled, editable
    return report
