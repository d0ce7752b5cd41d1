"""What a report is: the official formats as data (no Qt, no document libraries)."""

from nianbao.definition.loader import (
    DefinitionError,
    format_for_year,
    format_ids,
    load_definition,
    load_format,
)
from nianbao.definition.model import CellSpec, Chapter, GridItem, ReportFormat, Table, ValueKind
from nianbao.definition.rules import Rule, Severity, Term

__all__ = [
    "CellSpec",
    "Chapter",
    "DefinitionError",
    "GridItem",
    "ReportFormat",
    "Rule",
    "Severity",
    "Table",
    "Term",
    "ValueKind",
    "format_for_year",
    "format_ids",
    "load_definition",
    "load_format",
]
