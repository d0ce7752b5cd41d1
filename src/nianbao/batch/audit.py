"""Audit many reports: every rule of the normal check, per report, then a summary; unreadable files listed.

Files are read one by one in this process, or by worker processes when many published reports (PDF, Word,
web pages) must be parsed: parsing is the slow part, and a bad file only ever becomes a line in the result.
"""

from __future__ import annotations

import io
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from nianbao.batch.sources import PROJECT_SUFFIXES, SourceError, SourceKind, collect, open_any
from nianbao.core.findings import Finding
from nianbao.core.storage import write_atomic
from nianbao.definition import Severity

PARALLEL_FROM = 8  # published files in one run before worker processes pay off
PARALLEL_FILES = 200  # or this many files of any kind (a project file takes ~4 ms to read and check)


@dataclass(frozen=True, slots=True)
class Audited:
    path: Path
    issuer: str
    year: int
    format_id: str
    kind: SourceKind
    findings: tuple[Finding, ...]
    doubtful: int  # importer doubts (published reports): figures the clerk should compare with the original

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.WARNING and not f.accepted)


@dataclass(frozen=True, slots=True)
class Unreadable:
    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class AuditResult:
    audited: tuple[Audited, ...]
    unreadable: tuple[Unreadable, ...]

    @property
    def with_errors(self) -> int:
        return sum(1 for a in self.audited if a.errors)

    def by_rule(self) -> Counter[str]:
        """Findings per rule (the rule's id in the definition, e.g. R3.1) over all reports."""
        return Counter(f.base for a in self.audited for f in a.findings)


def default_workers() -> int:
    """Worker processes for many files: up to 4; none in the frozen Windows build, whose entry point would start
    the application again in every worker."""
    return 1 if getattr(sys, "frozen", False) else min(4, os.cpu_count() or 1)


def audit_file(path: Path) -> Audited | Unreadable:
    from nianbao.core.checking import check

    try:
        opened = open_any(path)
    except SourceError as exc:
        return Unreadable(path, str(exc))
    except Exception as exc:  # a bug or a library failure on one file must not stop the run
        return Unreadable(path, f"读取时出现意外错误（{type(exc).__name__}）。")
    r = opened.report
    doubtful = sum(1 for i in opened.issues if i.kind == "doubtful")
    return Audited(path, r.meta.issuer, r.meta.year, r.format_id, opened.kind, tuple(check(r)), doubtful)


def audit(
    paths: Sequence[str],
    progress: Callable[[int, int, Path], None] | None = None,
    jobs: int | None = None,
) -> AuditResult:
    """Audit files and folders (recursively); progress(done, total, path) after each file."""
    files, missing = collect(list(paths))
    results: list[Audited | Unreadable] = [Unreadable(p, reason) for p, reason in missing]
    slow = [f for f in files if f.suffix.lower() not in PROJECT_SUFFIXES]
    workers = default_workers() if jobs is None else jobs
    total = len(files)
    if workers > 1 and (len(slow) >= PARALLEL_FROM or total >= PARALLEL_FILES):
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = 4 if slow else 32
            for n, res in enumerate(pool.map(audit_file, files, chunksize=chunk), 1):
                results.append(res)
                if progress:
                    progress(n, total, res.path)
    else:
        for n, f in enumerate(files, 1):
            results.append(audit_file(f))
            if progress:
                progress(n, total, f)
    audited = tuple(r for r in results if isinstance(r, Audited))
    unreadable = tuple(r for r in results if isinstance(r, Unreadable))
    return AuditResult(audited, unreadable)


# ---------------------------------------------------------------------------------- output
COLUMNS = ("文件", "发布机关", "年度", "规则", "类别", "表", "行", "列", "填报值", "计算值", "说明")


def finding_row(a: Audited, f: Finding) -> tuple[str | int, ...]:
    return (
        str(a.path),
        a.issuer,
        a.year,
        f.base,
        f.severity.label + ("（已说明）" if f.accepted else ""),
        f.table_title,
        f.row,
        f.column,
        _number(f.actual),
        _number(f.expected),
        f.message,
    )


def _number(v: int | Decimal) -> int | str:
    return v if isinstance(v, int) else format(v, "f")


def as_json(result: AuditResult) -> dict[str, object]:
    return {
        "reports": [
            {
                "file": str(a.path),
                "issuer": a.issuer,
                "year": a.year,
                "format": a.format_id,
                "kind": a.kind,
                "errors": a.errors,
                "warnings": a.warnings,
                "doubtful_import_items": a.doubtful,
                "findings": [f.as_json() | {"base": f.base, "stated": _number(f.actual)} for f in a.findings],
            }
            for a in result.audited
        ],
        "unreadable": [{"file": str(u.path), "reason": u.reason} for u in result.unreadable],
        "summary": {
            "files": len(result.audited) + len(result.unreadable),
            "read": len(result.audited),
            "with_errors": result.with_errors,
            "unreadable": len(result.unreadable),
            "findings_by_rule": dict(sorted(result.by_rule().items())),
        },
    }


def write_xlsx(result: AuditResult, out: Path) -> None:
    """One row per finding; a sheet of unreadable files; a summary sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "审核结果"
    ws.append(list(COLUMNS))
    for a in result.audited:
        for f in a.findings:
            ws.append(list(finding_row(a, f)))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col, width in zip("ABCDEFGHIJK", (36, 24, 8, 8, 10, 30, 30, 14, 10, 10, 80), strict=True):
        ws.column_dimensions[col].width = width
    bad = wb.create_sheet("无法读取的文件")
    bad.append(["文件", "原因"])
    for u in result.unreadable:
        bad.append([str(u.path), u.reason])
    bad.column_dimensions["A"].width = 50
    bad.column_dimensions["B"].width = 80
    summary = wb.create_sheet("汇总")
    summary.append(["读取的报告", len(result.audited)])
    summary.append(["有错误的报告", result.with_errors])
    summary.append(["无法读取的文件", len(result.unreadable)])
    summary.append([])
    summary.append(["规则", "发现数"])
    for rule, n in sorted(result.by_rule().items()):
        summary.append([rule, n])
    buf = io.BytesIO()
    wb.save(buf)
    write_atomic(out, buf.getvalue())  # StorageError (Chinese message) when the file cannot be written
