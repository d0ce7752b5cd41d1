"""Where nianbao keeps per-user data (settings, autosaves) and caches. NIANBAO_DATA_DIR / NIANBAO_CACHE_DIR override."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "nianbao"


def data_dir() -> Path:
    override = os.environ.get("NIANBAO_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def autosave_dir() -> Path:
    path = data_dir() / "autosave"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Rebuildable data (the parsed report formats): the user cache folder, not the data folder, so it outlives a
    fresh NIANBAO_DATA_DIR (tests set NIANBAO_CACHE_DIR too)."""
    override = os.environ.get("NIANBAO_CACHE_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
