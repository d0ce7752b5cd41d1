"""Keep the 检查结果 dock readable: about DOCK_WIDTH logical px, never under DOCK_MIN nor over DOCK_MAX_SHARE of the
window, whatever a saved layout, a maximized start or a new findings panel (新建/打开) would make of it.

A saved or default layout restored before the window has its final (maximized) size left a 30 px sliver, and each new
panel after 新建/打开 widened the dock to its text's natural width (600 px and more). The dock's width limits follow
the window; a width outside them is set back to the preferred one.

A width the clerk chose within the limits is kept across starts: the layout is restored while the window is still
hidden, at the size it was built with, and a window shown at another size (maximized on another screen) squeezed
the dock; so the restored layout is applied once more when the window is first shown at its final size.

Plain integer calls only: start-up builds nothing of PySide's Qt namespace (see window_layout).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from nianbao.gui.window_layout import DOCK_WIDTH

DOCK_MIN = 180
DOCK_MAX_SHARE = 0.35


def bounds(window_width: int) -> tuple[int, int]:
    """(narrowest, widest) dock width for a window this wide."""
    return DOCK_MIN, max(DOCK_MIN, int(window_width * DOCK_MAX_SHARE))


class DockWidth:
    def __init__(self, window: QMainWindow, dock: QDockWidget, restored: bytes = b"") -> None:
        self.window = window
        self.dock = dock
        self._pinned = False
        self._restored = restored  # the layout restored at start, applied again once the window is shown

    def beside(self) -> bool:
        """Whether the dock is at the left or right (a dock moved to the top or bottom spans the window)."""
        return not self.dock.isFloating() and self.dock.height() * 2 > self.window.height()

    def check(self, keep: int | None = None) -> None:
        """After the window resized or the panel changed: limits from the window's width; a width outside them (or
        `keep`, the width before a new panel) is set, for one turn of the event loop, by pinning the limits."""
        if self._restored and self.window.isVisible():
            self._restore()
        if not self.dock.isVisible() or not self.beside():
            self.dock.setMinimumWidth(0)
            self.dock.setMaximumWidth(16777215)
            return
        lo, hi = bounds(self.window.width())
        width = self.dock.width()
        if keep is None and lo <= width <= hi:
            if not self._pinned:
                self.dock.setMinimumWidth(lo)
                self.dock.setMaximumWidth(hi)
            return
        wanted = keep if keep is not None and lo <= keep <= hi else DOCK_WIDTH
        target = min(max(wanted, lo), hi)
        self.dock.setMinimumWidth(target)
        self.dock.setMaximumWidth(target)
        if not self._pinned:
            self._pinned = True
            QTimer.singleShot(0, self._release)

    def _restore(self) -> None:
        """The start's layout again, now that the window is shown at its size. Without limits meanwhile: a saved width
        beyond them is then set back to the preferred one, not to the nearest limit."""
        state, self._restored = self._restored, b""
        self.dock.setMinimumWidth(0)
        self.dock.setMaximumWidth(16777215)
        self.window.restoreState(state)

    def _release(self) -> None:
        self._pinned = False
        lo, hi = bounds(self.window.width())
        self.dock.setMinimumWidth(lo)
        self.dock.setMaximumWidth(hi)
