"""The definition is immutable for real: one ReportFormat per format id is shared by the whole process.

Its records are dataclasses with frozen=True and slots=True on the Frozen base, sequences are tuples, and mappings
are read-only (MappingProxyType): assigning, adding an attribute or storing into a mapping raises."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Self


class Frozen:
    """Base of the definition's frozen dataclasses.

    Pickling (the definition cache) goes through the constructor: a mappingproxy cannot be pickled, so it travels
    as a dict and is wrapped again, and the constructor restores an object several times faster than the
    __setstate__ that dataclasses generates for frozen slotted classes (which looks up fields() for every object)."""

    __slots__: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        values = (getattr(self, name) for name in self.__slots__)
        return type(self), tuple(dict(v) if isinstance(v, MappingProxyType) else v for v in values)


def read_only_mappings(record: Frozen) -> None:
    """For __post_init__: wrap the dicts given to the constructor read-only."""
    for name in record.__slots__:
        value = getattr(record, name)
        if isinstance(value, dict):
            object.__setattr__(record, name, MappingProxyType(value))
