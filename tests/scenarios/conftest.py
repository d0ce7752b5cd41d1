"""Scenario tests play a clerk through the real window (offscreen Qt, marked `gui` by tests/conftest.py); skipped
cleanly without PySide6."""

from __future__ import annotations

from importlib.util import find_spec

if find_spec("PySide6") is None or find_spec("pytestqt") is None:
    collect_ignore_glob = ["test_*.py"]
else:
    from guikit import services  # noqa: F401  (fixture)
