"""What the window needs from outside, passed in from gui/app.py (no global singletons)."""

from __future__ import annotations

from pathlib import Path

from nianbao import paths
from nianbao.core.record import Record
from nianbao.gui.dialogs import Dialogs
from nianbao.gui.recent import RecentFiles


class Services(Record):
    __slots__ = ("autosave_dir", "dialogs", "layout_file", "recent")

    def __init__(
        self, dialogs: Dialogs, recent: RecentFiles, autosave_dir: Path, layout_file: Path | None = None
    ) -> None:
        self.dialogs = dialogs
        self.recent = recent
        self.autosave_dir = autosave_dir
        self.layout_file = layout_file  # the window layout kept between sessions (None: not kept)

    @classmethod
    def default(cls) -> Services:
        data = paths.data_dir()
        return cls(Dialogs(), RecentFiles(data / "recent.json"), paths.autosave_dir(), data / "window-layout.bin")
