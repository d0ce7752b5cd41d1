"""Record: a small mutable class whose equality and repr go over the names in its __slots__.

The report model and the services are written as plain classes on this base rather than with @dataclass: they are
imported at every start-up, where dataclasses costs about 1 ms to import and 0.4 ms per class to generate methods.
(Immutable values are NamedTuples, for the same reason.)
"""

from __future__ import annotations


class Record:
    __slots__: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable, so unhashable (as a dataclass with eq)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"
