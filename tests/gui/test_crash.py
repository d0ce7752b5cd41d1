"""An unexpected exception in the window: message, copyable details, a log with the traceback, report kept."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from guikit import WindowFactory
from nianbao import paths
from nianbao.gui.crash import CrashHandler


def test_unexpected_error_is_shown_logged_and_the_report_stays_open(
    window_factory: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import nianbao.export.html

    win = window_factory(path=tmp_path / "a.nianbao")
    win.session.undo_stack.setClean()
    assert not win.isWindowModified()
    shown: list[tuple[str, str, Path | None]] = []
    handler = CrashHandler(lambda: win, lambda text, details, log: shown.append((text, details, log)))
    monkeypatch.setattr(sys, "excepthook", handler)

    def broken(report: object) -> str:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(nianbao.export.html, "render_html_fragment", broken)
    win.act_copy_html.trigger()  # a real menu action whose slot raises

    assert len(shown) == 1
    text, details, log = shown[0]
    assert "出现意外错误" in text and "报告没有丢失" in text
    assert "RuntimeError: renderer exploded" in details and "Traceback" in details
    assert log is not None and log.parent == paths.data_dir() / "logs"
    assert "renderer exploded" in log.read_text("utf-8")
    assert str(log) in text
    assert win.isVisible()
    assert win.session.modified and win.isWindowModified()


def test_the_handler_never_raises_even_when_the_dialog_fails(window_factory: WindowFactory) -> None:
    win = window_factory()

    def bad_show(text: str, details: str, log: Path | None) -> None:
        raise OSError("no display")

    handler = CrashHandler(lambda: win, bad_show)
    try:
        raise ValueError("x")
    except ValueError as exc:
        handler(ValueError, exc, exc.__traceback__)
    assert handler.count == 1
