"""Scenario tests play a clerk through the real window (offscreen Qt); skipped cleanly without PySide6."""

from __future__ import annotations

import os
from importlib.util import find_spec

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import pytest

HAVE_QT = find_spec("PySide6") is not None and find_spec("pytestqt") is not None

if not HAVE_QT:
    collect_ignore_glob = ["test_*.py"]
else:
    from guikit import services  # noqa: F401  (fixture)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/scenarios" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))
