"""A report being prepared: metadata, narrative texts and cell values keyed by stable cell ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from nianbao.core.values import Value
from nianbao.definition import ReportFormat, format_for_year, load_format

LEVELS: Final = ("乡镇/街道", "县级部门", "县级政府", "市级部门", "市级政府", "省级及以上", "其他")


@dataclass(slots=True)
class Metadata:
    issuer: str = ""  # 发布机关
    year: int = 0  # report year (the year reported on)
    level: str = LEVELS[0]
    contact: str = ""  # 联系人、电话


@dataclass(slots=True)
class PreviousYear:
    """Last year's figures, for the cross-year checks (二、上年结转 = last year's 四)."""

    format_id: str
    year: int
    values: dict[str, Value] = field(default_factory=dict)
    # last year's chapters (its format's chapter ids), shown read-only beside the editor; never copied
    narrative: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A report summed into a 汇总."""

    file: str
    issuer: str
    year: int


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file left out of a 汇总, with the reason."""

    file: str
    reason: str


@dataclass(slots=True)
class Sources:
    """汇总: the files summed into this report and the files left out (kept in the project file)."""

    included: list[SourceFile] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"已汇总 {len(self.included)} 份报告："]
        out += [f"  · {s.file}（{s.issuer or '发布机关未填'}，{s.year}年度）" for s in self.included]
        if self.skipped:
            out.append(f"未汇总 {len(self.skipped)} 个文件：")
            out += [f"  · {s.file}：{s.reason}" for s in self.skipped]
        return out


@dataclass(slots=True)
class Report:
    format_id: str
    meta: Metadata = field(default_factory=Metadata)
    narrative: dict[str, str] = field(default_factory=dict)  # chapter id -> text
    values: dict[str, Value] = field(default_factory=dict)  # cell id -> value; absent = blank
    units: dict[str, str] = field(default_factory=dict)  # cell id -> chosen unit (money cells)
    accepted: dict[str, str] = field(default_factory=dict)  # rule instance id -> explanation
    previous: PreviousYear | None = None
    # cell id -> short note printed after the number, as published reports do ("22（其中修订16件）")
    notes: dict[str, str] = field(default_factory=dict)
    sources: Sources | None = None  # a 汇总 report: what was summed and what was left out

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
