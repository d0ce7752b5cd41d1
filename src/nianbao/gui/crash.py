"""Unexpected exceptions in the window: the user is told, the details are logged, the report stays open.

Installed as sys.excepthook by app.start(): PySide hands exceptions raised in slots and event handlers to it.
The handler never raises and never closes the window; the report is marked unsaved so it is not lost silently.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from nianbao.errorlog import details_text, write_log

if TYPE_CHECKING:
    from nianbao.gui.main_window import MainWindow

MESSAGE = (
    "出现意外错误，刚才的操作没有完成。\n\n"
    "报告没有丢失：它仍在窗口中，已标记为“未保存”。请先保存（或另存为），再继续工作。"
)


class CrashHandler:
    """sys.excepthook for the window. `show` is the dialog (replaced in tests)."""

    def __init__(self, window: Callable[[], MainWindow | None], show: Callable[[str, str, Path | None], None]) -> None:
        self.window = window
        self.show = show
        self.busy = False
        self.count = 0

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.count += 1
        details = "（无法生成详细信息）"
        with contextlib.suppress(Exception):
            details = details_text(exc_type, exc, tb)
        log = write_log(details)
        if sys.__stderr__ is not None:  # None in the windowed Windows build
            with contextlib.suppress(Exception):
                sys.__stderr__.write(details)
        if self.busy:  # an error while the dialog is up: logged, not stacked
            return
        self.busy = True
        try:
            window = self.window()
            if window is not None:
                with contextlib.suppress(Exception):
                    window.session.mark_unsaved()
                    window.update_title()
            text = MESSAGE + (f"\n\n错误详情已记录在：{log}" if log else "")
            self.show(text, details, log)
        except Exception:
            pass
        finally:
            self.busy = False


def show_dialog(parent: Callable[[], MainWindow | None]) -> Callable[[str, str, Path | None], None]:
    def show(text: str, details: str, log: Path | None) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, "出现意外错误", text, parent=parent())
        box.setDetailedText(details)  # selectable, with 显示详细信息
        copy = box.addButton("复制详细信息", QMessageBox.ButtonRole.ActionRole)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        while True:
            box.exec()
            if box.clickedButton() is copy:
                QApplication.clipboard().setText(details)
                continue
            break

    return show


def install(window: Callable[[], MainWindow | None]) -> CrashHandler:
    handler = CrashHandler(window, show_dialog(window))
    sys.excepthook = handler
    return handler
