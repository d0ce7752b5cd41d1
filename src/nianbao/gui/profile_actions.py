"""工具 > 载入本地要求… / 停用本地要求 (issue #16): a local requirements profile (core/coverage.py) for the narrative
checks of every report shown in the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from nianbao.resources import ASSETS

if TYPE_CHECKING:
    from nianbao.core.coverage import Profile
    from nianbao.gui.main_window import MainWindow

PROFILE_FILTER = "本地要求文件 (*.toml);;所有文件 (*)"
PROFILE_FOLDER = ASSETS / "profiles"  # the shipped example, as a start


class ProfileActions:
    """工具 > 载入本地要求… / 停用本地要求: the profile applies to every report opened in the window until stopped."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.act_load = QAction("载入本地要求(&L)…", window)
        self.act_load.setStatusTip("载入上级的年报编制要求（字数、必须写明的事项和数字），按要求检查正文")
        self.act_load.triggered.connect(lambda: self.load())
        self.act_stop = QAction("停用本地要求", window)
        self.act_stop.triggered.connect(lambda: self.use(None))
        self.act_stop.setEnabled(False)
        menu = window.tools_menu()
        menu.addSeparator()
        menu.addActions([self.act_load, self.act_stop])
        self._folder: Path | None = None

    def load(self, path: Path | None = None) -> Profile | None:
        w = self.window
        if path is None:
            path = w.dialogs.import_path(w, "载入本地要求", self._folder or PROFILE_FOLDER, PROFILE_FILTER)
        if path is None:
            return None
        from nianbao.core.coverage import ProfileError, load_profile  # the narrative rules: not at start-up

        try:
            profile = load_profile(path)
        except ProfileError as exc:
            w.dialogs.error(w, "无法载入本地要求", f"{exc}\n\n文件格式见使用说明（README“本地要求文件”）。")
            return None
        self._folder = path.parent
        self.use(profile)
        return profile

    def use(self, profile: Profile | None) -> None:
        w = self.window
        w.profile = profile
        change = w.session.document.set_profile(profile)
        w.session.changed.emit(change)
        self.act_stop.setEnabled(profile is not None)
        if profile is None:
            w.statusBar().showMessage("已停用本地要求。", 6000)
        else:
            w.statusBar().showMessage(
                f"已载入本地要求“{profile.name}”（{len(profile.requirements)} 条），正文按其检查。", 8000
            )
