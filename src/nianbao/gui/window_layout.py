"""The window's layout (where the findings dock and the toolbar sit, how wide the dock is), kept between sessions.

Start-up restores the user's last layout, else the packaged default (assets/window-layout.bin), through
QMainWindow.restoreState. The dock is deliberately not placed with addDockWidget(Qt.DockWidgetArea...) on that path:
the first use of PySide's Qt namespace builds its ~90 enum classes, about 15 ms or a tenth of a bare window's
start-up, and the first table tab pays that instead. If neither layout can be restored (say a future Qt changes the
format), the dock is placed the ordinary way.

After changing the toolbar or the dock, regenerate the default with tools/make_window_layout.py.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QDockWidget, QMainWindow

from nianbao.core.storage import StorageError, write_atomic
from nianbao.resources import asset_path

DOCK_WIDTH = 250  # the findings dock in the default layout, in logical pixels
DEFAULT_ASSET = "window-layout.bin"
Source = Literal["saved", "default", "fallback"]


def _read(path: Path | str | None) -> bytes:
    if path is None:
        return b""
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


def mentions(state: bytes, dock: QDockWidget) -> bool:
    """Whether a saved state places this dock: Qt stores each dock's objectName as UTF-16 (big-endian)."""
    return dock.objectName().encode("utf-16-be") in state


def restore(window: QMainWindow, dock: QDockWidget, saved: Path | None) -> tuple[Source, bytes]:
    """Place the toolbar and the dock: the user's saved layout, else the default one, else addDockWidget. Returns
    where the layout came from and the state restored (b"" for the fallback): gui/dock_width.py applies it once more
    when the window is shown at its final size, since restoring into a window of another size moves the dock."""
    for source, data in (("saved", _read(saved)), ("default", _read(asset_path(DEFAULT_ASSET)))):
        if data and mentions(data, dock) and window.restoreState(data):
            return source, data  # type: ignore[return-value]
    place_default(window, dock)
    return "fallback", b""


def place_default(window: QMainWindow, dock: QDockWidget) -> None:
    """The default layout built with the ordinary calls (what DEFAULT_ASSET holds)."""
    from PySide6.QtCore import Qt

    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
    dock.show()


def save(window: QMainWindow, path: Path | None) -> None:
    """Remember the layout for the next start; a read-only profile only loses the layout."""
    if path is None:
        return
    with contextlib.suppress(StorageError):
        write_atomic(path, bytes(window.saveState().data()))
