"""The 前言 (report opening): its usual wording from the year, the issuer and 联系方式, and keeping it in step."""

from __future__ import annotations

from typing import Final

from nianbao.core.report import Metadata, Report
from nianbao.definition import ReportFormat

PREFACE: Final = "preface"  # narrative key of the 前言
SELF: Final = "本机关"  # stands for the issuer while 发布机关 is empty


def default_preface(fmt: ReportFormat, meta: Metadata) -> str:
    """The usual opening paragraph for these metadata, in the wording the format definition gives."""
    t = fmt.preface_template
    parts = "；".join(ch.title.split("、", 1)[-1] for ch in fmt.chapters)  # 、 occurs inside titles
    issuer = meta.issuer.strip() or SELF
    year = str(meta.year) if meta.year > 0 else "    "
    contact = meta.contact.strip()
    closing = t.contact if contact else t.no_contact
    return (t.text + closing).format(issuer=issuer, year=year, parts=parts, contact=contact)


def preface_after_meta(report: Report, field: str, value: object) -> str | None:
    """The 前言 to store with a change of one metadata field: the regenerated wording when the 前言 is still
    the wording generated from the current metadata (the user has not edited it), else None (keep it)."""
    current = report.narrative.get(PREFACE, "")
    if current != default_preface(report.fmt, report.meta):
        return None
    meta = Metadata(report.meta.issuer, report.meta.year, report.meta.level, report.meta.contact)
    setattr(meta, field, value)
    new = default_preface(report.fmt, meta)
    return new if new != current else None
