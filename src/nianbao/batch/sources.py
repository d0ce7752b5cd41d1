"""Open any report a clerk may hold: a project file, a workbook exported by nianbao, or a published report."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from nianbao.core.report import Report

if TYPE_CHECKING:
    from nianbao.importers.published import Issue

PROJECT_SUFFIXES = (".nianbao",)
WORKBOOK_SUFFIXES = (".xlsx",)

SourceKind = Literal["project", "workbook", "published"]


class SourceError(Exception):
    """A file that cannot be read as a report; str(exc) is a Chinese message for the user."""


@dataclass(frozen=True, slots=True)
class Opened:
    path: Path
    report: Report
    kind: SourceKind
    issues: tuple[Issue, ...] = ()  # what the importer could not map or doubts (published reports only)
    preface: str = ""


def readable_suffixes() -> tuple[str, ...]:
    from nianbao.importers.published import SUFFIXES

    return (*PROJECT_SUFFIXES, *WORKBOOK_SUFFIXES, *SUFFIXES)


def open_any(path: str | os.PathLike[str]) -> Opened:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in PROJECT_SUFFIXES:
        from nianbao.core import storage

        try:
            return Opened(p, storage.load(p), "project")
        except storage.StorageError as exc:
            raise SourceError(str(exc)) from None
    if suffix in WORKBOOK_SUFFIXES:
        from nianbao.importers.xlsx import ImportFailed as XlsxFailed
        from nianbao.importers.xlsx import read_xlsx

        try:
            return Opened(p, read_xlsx(p), "workbook")
        except XlsxFailed as exc:
            raise SourceError(str(exc)) from None
    from nianbao.importers.published import ImportFailed, read_published

    try:
        res = read_published(p)
    except ImportFailed as exc:
        raise SourceError(str(exc)) from None
    return Opened(p, res.report, "published", res.issues, res.preface)


def collect(paths: list[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files named or found in folders (recursively, readable kinds only, sorted); missing paths with a reason."""
    suffixes = readable_suffixes()
    files: list[Path] = []
    missing: list[tuple[Path, str]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes)
            files.extend(sorted(f for f in found if not f.name.startswith((".", "~$"))))
        elif p.is_file():
            files.append(p)
        else:
            missing.append((p, f"找不到文件或文件夹“{p}”。"))
    return list(dict.fromkeys(files)), missing
