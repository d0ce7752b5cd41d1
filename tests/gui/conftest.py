"""GUI tests run offscreen with pytest-qt; skipped cleanly when PySide6 is not installed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


from nianbao.core.report import Report, new_report  # noqa: E402
from nianbao.gui.session import DocumentSession  # noqa: E402
from nianbao.gui.table_model import ReportTableModel  # noqa: E402
from nianbao.gui.table_view import ReportTableView  # noqa: E402


def blank_report(format_id: str = "gov2021", year: int = 2025) -> Report:
    return new_report(year, "某某镇人民政府", format_id)


@pytest.fixture
def session(qapp: object) -> DocumentSession:
    return DocumentSession.for_report(blank_report())


def make_view(session: DocumentSession, table_id: str, qtbot: object) -> ReportTableView:
    model = ReportTableModel(session.document, table_id, session.edit)
    session.changed.connect(model.apply_change)
    view = ReportTableView(model)
    view.resize(1100, 700)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    return view
