"""What the window needs from outside, passed in from gui/app.py (no global singletons)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nianbao import paths
from nianbao.gui.dialogs import Dialogs
from nianbao.recent import RecentFiles


@dataclass(slots=True)
class Services:
    dialogs: Dialogs
    recent: RecentFiles
    autosave_dir: Path
    layout_file: Path | None = None  # the window layout kept between sessions (None: not kept)

    @classmethod
    def default(cls) -> Services:
        data = paths.data_dir()
        return cls(Dialogs(), RecentFiles(data / "recent.json"), paths.autosave_dir(), data / "window-layout.bin")
