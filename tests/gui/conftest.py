"""GUI tests run offscreen with pytest-qt; without PySide6 (the core-only CI run) they are skipped cleanly."""

from __future__ import annotations

import os
from importlib.util import find_spec

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import pytest

HAVE_QT = find_spec("PySide6") is not None and find_spec("pytestqt") is not None

if not HAVE_QT:
    collect_ignore_glob = ["test_*.py"]
else:
    from guikit import services, session, window_factory  # noqa: F401  (fixtures)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.gui)
            # the offscreen platform cannot resize native windows; not a problem of the code under test
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


def pytest_report_header() -> str:
    return "GUI tests: " + ("offscreen Qt" if HAVE_QT else "skipped, PySide6 or pytest-qt not installed")
