"""The packaged report formats, parsed once and cached; a bad definition fails loudly.

Parsing and validation live in definition/builder.py, which (with tomllib) loads only when the cached copy of a
format (definition/cache.py) is missing or stale."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nianbao.definition.model import ReportFormat

FORMAT_IDS = ("gov2021", "gov2019")


class DefinitionError(ValueError):
    """The definition file is inconsistent; the message names the place."""


def format_ids() -> tuple[str, ...]:
    return FORMAT_IDS


@functools.cache
def load_format(format_id: str) -> ReportFormat:
    """Load one of the packaged formats (cached in memory and on disk; the objects are immutable)."""
    if format_id not in FORMAT_IDS:
        raise KeyError(format_id)
    from nianbao.definition.cache import cached_format

    data = (Path(__file__).resolve().parent / f"{format_id}.toml").read_bytes()  # packaged beside this module
    return cached_format(format_id, data, lambda: load_definition(_text(data), source=f"{format_id}.toml"))


def _text(data: bytes) -> str:
    """The TOML text as a text-mode read gives it (universal newlines)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def format_for_year(year: int) -> ReportFormat:
    """The official format for a report year: up to 2020 the 2019 trial format, then the 2021 one."""
    return load_format("gov2019" if year <= 2020 else "gov2021")


def load_definition(text: str, source: str = "<definition>") -> ReportFormat:
    from nianbao.definition.builder import parse_definition

    return parse_definition(text, source)
