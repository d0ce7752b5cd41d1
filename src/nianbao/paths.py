"""Where nianbao keeps per-user data (settings, autosaves) and caches. NIANBAO_DATA_DIR / NIANBAO_CACHE_DIR override."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "nianbao"


def _user_dir(override_var: str, kind: str) -> Path:
    """The folder from the environment override, else platformdirs' user_<kind>_dir; created if missing."""
    override = os.environ.get(override_var)
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _user_dir("NIANBAO_DATA_DIR", "data")


def autosave_dir() -> Path:
    path = data_dir() / "autosave"
    path.mkdir(parents=True, exist_ok=True)
    return path


def logs_dir() -> Path:
    """Program logs (start-up log; versions and errors, never report content): %LOCALAPPDATA%\\nianbao\\logs."""
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Rebuildable data (the parsed report formats): the user cache folder, not the data folder, so it outlives a
    fresh NIANBAO_DATA_DIR (tests set NIANBAO_CACHE_DIR too)."""
    return _user_dir("NIANBAO_CACHE_DIR", "cache")
