"""The window's status bar: a long message never runs into the permanent count at the right."""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar, QWidget

GAP = 24  # px of air between the end of a message and the count


class StatusBar(QStatusBar):
    """QStatusBar clips a temporary message at the first permanent widget, mid-character and flush against it
    ("….ni勾稽关系无误…"). Here a message that does not fit is cut with "…" before that widget, and the whole text
    is the status bar's tooltip while it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._permanent: list[QWidget] = []
        self.messageChanged.connect(self._message_changed)

    def addPermanentWidget(self, widget: QWidget, stretch: int | None = 0) -> None:
        super().addPermanentWidget(widget, stretch or 0)
        self._permanent.append(widget)

    def showMessage(self, text: str, timeout: int | None = 0) -> None:
        fitted = self._fitted(text)
        super().showMessage(fitted, timeout or 0)
        self.setToolTip(text if fitted != text else "")

    def room(self) -> int:
        """Width in px a message may take: up to the first visible permanent widget, less the gap."""
        lefts = [w.x() for w in self._permanent if w.isVisible()]
        right = min(lefts) if lefts else self.width()
        return max(0, right - GAP - 6)  # QStatusBar draws messages from x = 6

    def _fitted(self, text: str) -> str:
        metrics = self.fontMetrics()
        room = self.room()
        if metrics.horizontalAdvance(text) <= room:
            return text
        from PySide6.QtCore import Qt  # not at import: start-up leaves the Qt namespace alone

        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)

    def _message_changed(self, text: str) -> None:
        if not text:
            self.setToolTip("")
