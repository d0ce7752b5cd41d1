"""Qt settings made by name, checked: a misspelt name fails at once instead of being ignored.

Start-up sets a few enum-typed properties by their key name (tools.setProperty("toolButtonStyle",
"ToolButtonTextBesideIcon")) rather than through the Qt namespace (Qt.ToolButtonStyle...): PySide builds that
namespace's ~90 enum classes on first use, 14-22 ms or a tenth of a bare window's start-up (docs/architecture.md).
QObject.setProperty returns False for an unknown property or a key the enum lacks, and a shortcut text that Qt does
not read gives an empty key sequence; both raise here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


class QtNameError(ValueError):
    """A property, enum key or key sequence that Qt does not know (a programming error)."""


def set_property(obj: QObject, name: str, value: object) -> None:
    """obj.name = value through Qt's property system; enum values by key name, flags as "A|B"."""
    if not obj.setProperty(name, value):
        raise QtNameError(f"Qt rejected {type(obj).__name__}.{name} = {value!r}")


def key_sequence(text: str) -> QKeySequence:
    """A key sequence written in Qt's portable form ("Ctrl+PgDown"); raises if Qt does not read it back the same."""
    sequence = QKeySequence(text)
    if sequence.isEmpty() or sequence.toString() != text:  # toString() writes the portable form
        raise QtNameError(f"not a key sequence Qt reads: {text!r}")
    return sequence


def set_shortcuts(action: QAction, standard: QKeySequence.StandardKey | None = None, keys: str = "") -> None:
    """The platform's standard keys for the action where Qt has them, else `keys` (Quit has none on Windows, where
    Ctrl+Q is still what users expect), or `keys` alone for actions without a standard key."""
    bindings = QKeySequence.keyBindings(standard) if standard is not None else []
    if bindings:
        action.setShortcuts(bindings)
    elif keys:
        action.setShortcuts([key_sequence(keys)])  # setShortcut's overloads (Qt.Key...) would build the Qt namespace
    else:
        raise QtNameError(f"no shortcut for {action.text()!r} on this platform and no fallback given")
