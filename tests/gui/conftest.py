"""GUI tests run offscreen with pytest-qt (tests/conftest.py sets the platform and marks them `gui`); without
PySide6 (the core-only CI run) they are skipped cleanly."""

from __future__ import annotations

from importlib.util import find_spec

HAVE_QT = find_spec("PySide6") is not None and find_spec("pytestqt") is not None

if not HAVE_QT:
    collect_ignore_glob = ["test_*.py"]
else:
    from guikit import services, session, window_factory  # noqa: F401  (fixtures)


def pytest_report_header() -> str:
    return "GUI tests: " + ("offscreen Qt" if HAVE_QT else "skipped, PySide6 or pytest-qt not installed")
