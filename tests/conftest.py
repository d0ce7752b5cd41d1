"""Keep every test away from the real user data and cache folders."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# collection already loads the formats (parametrize): their cache must not land in the real user cache folder
_CACHE_DIR = os.environ.setdefault("NIANBAO_CACHE_DIR", tempfile.mkdtemp(prefix="nianbao-test-cache-"))

# Qt's offscreen platform with the screens clerks have (tests/data/offscreen-screens.json): the first, primary one is
# the platform's usual 800×600; the others let a test maximize a window on 1366×768, 1024×768, 1920×1080, also at
# 125 % and 150 % scaling (screen() in tests/clerkkit.py). Set before any test imports Qt.
_SCREENS = os.path.join(os.path.dirname(__file__), "data", "offscreen-screens.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREENS}"


def pytest_unconfigure(config: pytest.Config) -> None:
    if os.path.basename(_CACHE_DIR).startswith("nianbao-test-cache-"):
        shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path_factory.mktemp("usercache")))


WINDOW_TESTS = ("gui", "scenarios")  # the folders whose tests drive the real window (offscreen Qt)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here) and item.path.relative_to(here).parts[0] in WINDOW_TESTS:
            item.add_marker(pytest.mark.gui)
            # the offscreen platform cannot resize native windows; not a problem of the code under test
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))
