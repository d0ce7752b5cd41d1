"""The narrative rules of a format (`<format>.text.toml` beside its definition): statement keys and the checklist.

Parsed once per format and validated against the format's cells, so a typo in the data fails loudly in the tests."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nianbao.definition.frozen import Frozen, read_only_mappings
from nianbao.definition.loader import DefinitionError, load_format

DEFAULT_UNITS = ("件", "起")


@dataclass(frozen=True, slots=True)
class StatementRule(Frozen):
    id: str
    name: str
    key: str  # regular expression of the words that say what the number counts
    topic: str | None  # topic id the sentence must be about, or None
    units: tuple[str, ...]
    readings: tuple[tuple[str, ...], ...]  # each a tuple of cells that are added up; the first is the main one


@dataclass(frozen=True, slots=True)
class ChecklistItem(Frozen):
    id: str
    chapter: str
    label: str
    groups: tuple[tuple[str, ...], ...]  # every group must be found; a group is found when one alternative is
    levels: tuple[str, ...]  # empty: every level


@dataclass(frozen=True, slots=True)
class TextRules(Frozen):
    format_id: str
    topics: Mapping[str, str]  # topic id -> regular expression
    statements: tuple[StatementRule, ...]
    checklist: tuple[ChecklistItem, ...]
    absent: tuple[StatementRule, ...] = ()  # words that say none happened ("未发生…行政复议"): the cells must be 0

    def __post_init__(self) -> None:
        read_only_mappings(self)


@functools.cache
def load_text_rules(format_id: str) -> TextRules:
    """The narrative rules of a packaged format (cached on disk like the format: start-up skips tomllib)."""
    from nianbao.definition.cache import cached

    path = Path(__file__).resolve().parent / f"{format_id}.text.toml"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DefinitionError(f"{path.name}: {exc}") from None
    return cached(f"{format_id}.text", data, lambda: parse_text_rules(format_id, data, path.name), TextRules)


def parse_text_rules(format_id: str, content: bytes, source: str) -> TextRules:
    import tomllib

    fmt = load_format(format_id)
    try:
        data = tomllib.loads(content.decode("utf-8").replace("\r\n", "\n"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DefinitionError(f"{source}: {exc}") from None
    topics = {str(k): str(v) for k, v in data.get("topics", {}).items()}
    statements, absent = (
        tuple(_statement(raw, f"{source} {table}[{i}]", fmt.cells, topics) for i, raw in enumerate(data.get(table, [])))
        for table in ("statements", "absent")
    )
    chapters = {ch.id for ch in fmt.narrative_chapters}
    checklist = []
    for i, raw in enumerate(data.get("checklist", [])):
        where = f"{source} checklist[{i}]"
        if raw["chapter"] not in chapters:
            raise DefinitionError(f"{where}: unknown chapter {raw['chapter']}")
        groups = tuple(tuple(str(a) for a in group) for group in raw["all"])
        for alt in (a for group in groups for a in group):
            _compile(alt, where)
        checklist.append(
            ChecklistItem(
                id=str(raw["id"]),
                chapter=str(raw["chapter"]),
                label=str(raw["label"]),
                groups=groups,
                levels=tuple(raw.get("levels", ())),
            )
        )
    return TextRules(format_id, topics, statements, tuple(checklist), absent)


def _statement(raw: dict[str, Any], where: str, cells: Mapping[str, object], topics: dict[str, str]) -> StatementRule:
    readings = tuple(tuple(str(c) for c in reading) for reading in raw["cells"])
    for cell in (c for reading in readings for c in reading):
        if cell not in cells:
            raise DefinitionError(f"{where}: unknown cell {cell}")
    topic = raw.get("topic")
    if topic is not None and topic not in topics:
        raise DefinitionError(f"{where}: unknown topic {topic}")
    _compile(raw["key"], where)
    return StatementRule(
        id=str(raw["id"]),
        name=str(raw["name"]),
        key=str(raw["key"]),
        topic=topic,
        units=tuple(raw.get("units", DEFAULT_UNITS)),
        readings=readings,
    )


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise DefinitionError(f"{where}: bad pattern {pattern!r}: {exc}") from None
