"""The window prepares the PDF export when idle, and an export that comes first waits with a message."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot

from guikit import FakeDialogs, FakeServices, WindowFactory
from nianbao.export import pdf_prepare
from nianbao.export.pdf_fonts import FontSet
from nianbao.gui.main_window import MainWindow
from nianbao.gui.pdf_wait import WAIT_TEXT, prepare_when_idle


def test_the_window_prepares_the_pdf_export_once_idle(
    window_factory: WindowFactory, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    started = threading.Event()
    monkeypatch.setattr(pdf_prepare, "prepare", lambda fonts=None: started.set())
    win: MainWindow = window_factory()
    prepare_when_idle(win, delay_ms=100)
    assert not started.wait(0.05)  # not on the start-up path: only once the event loop has run a while
    qtbot.waitUntil(started.is_set, timeout=5000)


def test_an_export_before_the_fonts_are_ready_waits_with_a_message(
    window_factory: WindowFactory, services: FakeServices, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialogs: FakeDialogs = services.dialogs
    release = threading.Event()
    real = pdf_prepare.prepare

    def slow(fonts: FontSet | None = None) -> None:  # the fonts' copies being made on a new machine
        release.wait(30)
        real(fonts)

    monkeypatch.setattr(pdf_prepare, "prepare", slow)
    win: MainWindow = window_factory()
    seen: list[tuple[str, str]] = []

    def look() -> None:  # while the export waits: what the clerk sees
        for box in win.findChildren(QProgressDialog):
            if box.isVisible():
                seen.append((box.windowTitle(), box.labelText()))
        release.set()

    QTimer.singleShot(800, look)
    dialogs.export_to = tmp_path / "r.pdf"
    win.export_actions[".pdf"].trigger()
    assert seen == [("导出为PDF 文件", WAIT_TEXT)]
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
    assert not [box for box in win.findChildren(QProgressDialog) if box.isVisible()]
    assert not dialogs.errors and win.statusBar().currentMessage() == f"已导出 {tmp_path / 'r.pdf'}"
