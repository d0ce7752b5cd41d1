"""Shared GUI test helpers and fixtures; tests/gui and tests/scenarios import them only when PySide6 is available."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from nianbao.core.findings import Finding
from nianbao.core.report import Report, new_report
from nianbao.gui.dialogs import Dialogs, SaveAnswer
from nianbao.gui.main_window import MainWindow
from nianbao.gui.report_dialogs import NewReportChoice
from nianbao.gui.services import Services
from nianbao.gui.session import DocumentSession
from nianbao.gui.table_model import ReportTableModel
from nianbao.gui.table_view import ReportTableView
from nianbao.recent import RecentFiles

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from nianbao.gui.yearly_dialogs import ImportReviewDialog
    from nianbao.importers.published import ImportResult


def blank_report(format_id: str = "gov2021", year: int = 2025) -> Report:
    return new_report(year, "某某镇人民政府", format_id)


@pytest.fixture
def session(qapp: QApplication) -> DocumentSession:
    return DocumentSession.for_report(blank_report())


def make_view(session: DocumentSession, table_id: str, qtbot: QtBot) -> ReportTableView:
    model = ReportTableModel.for_session(session, table_id)
    view = ReportTableView(model)
    view.resize(1100, 700)
    qtbot.addWidget(view)
    return view


class FakeDialogs(Dialogs):
    """The one seam for dialogs: scripted answers, and a record of what was asked."""

    def __init__(self) -> None:
        self.save_answer: SaveAnswer = "cancel"
        self.save_to: Path | None = None
        self.open_from: Path | None = None
        self.new_choice: NewReportChoice | None = None
        self.explanation: str | None = None
        self.recover = True
        self.confirm_answer = True
        self.export_to: Path | None = None
        self.import_from: Path | None = None
        self.asked: list[str] = []
        self.after_export_answer = ""  # after an export: "file", "folder" or "" (close)
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.review_accept = True
        self.reviews: list[ImportReviewDialog] = []  # the real review dialogs shown (not executed modally)

    def ask_save_changes(self, parent: QWidget, name: str) -> SaveAnswer:
        self.asked.append(f"save:{name}")
        return self.save_answer

    def error(self, parent: QWidget, title: str, text: str) -> None:
        self.errors.append(text)

    def open_path(self, parent: QWidget, start: Path | None) -> Path | None:
        return self.open_from

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        self.asked.append(f"save_path:{suggested.name}")
        return self.save_to

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        self.asked.append(f"confirm:{text}")
        return self.confirm_answer

    def export_path(self, parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
        self.asked.append(f"export_path:{suggested}")
        return self.export_to

    def import_path(self, parent: QWidget, title: str, start: Path | None, file_filter: str) -> Path | None:
        self.asked.append(f"import_path:{start}")
        return self.import_from

    def print_preview(self, parent: QWidget, report: Report) -> None:
        self.asked.append(f"preview:{report.title()}")

    def after_export(self, parent: QWidget, path: Path) -> str:
        self.asked.append(f"after_export:{path.name}")
        return self.after_export_answer

    def new_report(
        self, parent: QWidget, default_year: int, issuer: str = "", level: str = ""
    ) -> NewReportChoice | None:
        self.asked.append(f"new:{default_year}:{issuer}:{level}")
        return self.new_choice

    def accept_warning(self, parent: QWidget, finding: Finding) -> str | None:
        self.asked.append(f"accept:{finding.rule}")
        return self.explanation

    def info(self, parent: QWidget, title: str, text: str) -> None:
        self.infos.append(text)

    def review_import(self, parent: QWidget, result: ImportResult | None) -> Report | None:
        from nianbao.gui.yearly_dialogs import ImportReviewDialog

        dialog = ImportReviewDialog(result, parent)
        dialog.show()
        self.reviews.append(dialog)
        if not self.review_accept or dialog.outcome is None:
            return None
        return dialog.outcome.report

    def ask_recover(self, parent: QWidget | None, description: str) -> bool:
        self.asked.append(f"recover:{description}")
        return self.recover


@dataclass(slots=True)
class FakeServices(Services):
    """Services whose dialogs are the scripted FakeDialogs, so tests set answers and read what was asked."""

    dialogs: FakeDialogs


@pytest.fixture
def services(tmp_path: Path) -> FakeServices:
    folder = tmp_path / "autosave"
    folder.mkdir()
    return FakeServices(FakeDialogs(), RecentFiles(tmp_path / "recent.json"), folder)


class WindowFactory(Protocol):
    """The window_factory fixture: a shown 1366x768 window over a report (a blank one by default)."""

    def __call__(self, report: Report | None = None, path: Path | None = None) -> MainWindow: ...


@pytest.fixture
def window_factory(qtbot: QtBot, services: Services) -> Iterator[WindowFactory]:
    from nianbao.gui.app import build_main_window

    made: list[MainWindow] = []

    def make(report: Report | None = None, path: Path | None = None) -> MainWindow:
        win = build_main_window(report or blank_report(), path, services)
        win.resize(1366, 768)
        qtbot.addWidget(win)
        win.show()
        made.append(win)
        return win

    yield make
    for win in made:  # never block on the unsaved-changes prompt while tearing down
        win.session.undo_stack.setClean()
