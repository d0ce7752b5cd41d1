"""What the window needs from outside, passed in from gui/app.py (no global singletons)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nianbao import paths
from nianbao.gui.dialogs import Dialogs
from nianbao.gui.recent import RecentFiles


@dataclass
class Services:
    dialogs: Dialogs
    recent: RecentFiles
    autosave_dir: Path

    @classmethod
    def default(cls) -> Services:
        return cls(Dialogs(), RecentFiles(paths.data_dir() / "recent.json"), paths.autosave_dir())
