"""#10.7: after an export the clerk is offered to open the file or its folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clerkkit import show_maximized
from factories import filled_report
from guikit import FakeDialogs
from nianbao.export.formats import EXPORT_FORMATS
from nianbao.gui.app import build_main_window
from nianbao.gui.services import Services


@pytest.mark.parametrize(("answer", "opened"), [("file", "r.html"), ("folder", "out"), ("", None)])
def test_after_an_export_the_file_or_its_folder_can_be_opened(
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    opened: str | None,
) -> None:
    report = filled_report()
    report.meta.contact = "电话 1234567"
    win = build_main_window(report, None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot)
    dialogs = services.dialogs
    assert isinstance(dialogs, FakeDialogs)
    (tmp_path / "out").mkdir()
    dialogs.export_to = tmp_path / "out" / "r.html"
    dialogs.after_export_answer = answer
    launched: list[Path] = []

    def open_externally(path: Path) -> bool:  # instead of the system's program (QDesktopServices)
        launched.append(path)
        return True

    monkeypatch.setattr(win, "open_externally", open_externally)
    html = next(f for f in EXPORT_FORMATS if f.suffix == ".html")
    win.export_actions[html.suffix].trigger()
    assert (tmp_path / "out" / "r.html").is_file()
    assert "after_export:r.html" in dialogs.asked
    assert [p.name for p in launched] == ([opened] if opened else [])
    win.session.undo_stack.setClean()
