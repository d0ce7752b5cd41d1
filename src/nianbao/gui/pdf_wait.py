"""The window's side of getting the PDF export ready (export/pdf_prepare.py): preparation starts once the window has
been idle a while after start-up, and an export that comes before it is done waits with a visible message."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from nianbao.export import pdf_prepare

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

IDLE_DELAY_MS: Final = 5000  # after the window shows: off the start-up path, before a clerk reaches 导出
WAIT_TEXT: Final = "正在准备 PDF 所用的字体，请稍候……\n（只在这台电脑第一次导出 PDF 时需要，约几秒钟）"
_QUICK: Final = 0.3  # seconds an export waits silently (the fonts' copies exist: only the imports run)


def prepare_when_idle(window: QWidget, delay_ms: int = IDLE_DELAY_MS) -> None:
    """Start preparing in the background ``delay_ms`` after the event loop runs (not if the window is gone)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(delay_ms, window, pdf_prepare.start)


def wait_until_prepared(parent: QWidget, title: str) -> None:
    """Return when the preparation is done, showing WAIT_TEXT (window-modal, no cancel) if it takes a moment."""
    thread = pdf_prepare.start()
    thread.join(_QUICK)
    if not thread.is_alive():
        return
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QApplication, QProgressDialog

    dialog = QProgressDialog(WAIT_TEXT, "", 0, 0, parent)  # range 0-0: a busy bar, not a percentage
    dialog.setCancelButton(None)  # the export continues once the fonts are ready
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance(WAIT_TEXT.splitlines()[1]) + 80)  # room each side
    dialog.show()
    try:
        while thread.is_alive():  # the window repaints meanwhile; the background thread does the work
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            thread.join(0.05)
    finally:
        dialog.close()
        dialog.deleteLater()
