"""Write src/nianbao/assets/window-layout.bin, the default window layout start-up restores (gui/window_layout.py).

Run after changing the toolbar or the findings dock:
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_window_layout.py
The layout is that of a window laid out by window_layout.place_default at 1366x768.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from nianbao.core.report import new_report
from nianbao.gui.app import build_main_window, create_application
from nianbao.gui.dialogs import Dialogs
from nianbao.gui.services import Services
from nianbao.gui.window_layout import DEFAULT_ASSET, place_default
from nianbao.recent import RecentFiles
from nianbao.resources import asset_path


def main() -> int:
    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        services = Services(Dialogs(), RecentFiles(folder / "recent.json"), folder, layout_file=None)
        window = build_main_window(new_report(2025), services=services)
        place_default(window, window.dock)
        window.resize(1366, 768)
        window.show()
        QApplication.processEvents()
        target = Path(asset_path(DEFAULT_ASSET))
        target.write_bytes(bytes(window.saveState().data()))
        print(f"wrote {target} ({target.stat().st_size} bytes)")
        window.session.undo_stack.setClean()
        window.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
