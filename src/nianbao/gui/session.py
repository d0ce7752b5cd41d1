"""One open report: the document, its undo stack and its file path. Every edit goes through here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from nianbao.core.document import ReportDocument
from nianbao.core.edits import Change, EditBatch
from nianbao.core.report import Report
from nianbao.gui.undo import NO_MERGE, EditCommand


class DocumentSession(QObject):
    changed = Signal(object)  # core.edits.Change, after apply, undo and redo
    modifiedChanged = Signal(bool)

    def __init__(self, document: ReportDocument, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.path = path
        self.untitled_name = ""  # shown instead of a file name (e.g. 示例报告)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    @classmethod
    def for_report(cls, report: Report, path: Path | None = None, parent: QObject | None = None) -> DocumentSession:
        return cls(ReportDocument(report), path, parent)

    @property
    def report(self) -> Report:
        return self.document.report

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def edit(self, batch: EditBatch, merge_id: int = NO_MERGE) -> Change:
        """Apply a batch as one undo step. Raises core.edits.EditError (Chinese message) and changes nothing."""
        change = self.document.apply(batch)
        if change.empty:
            return change
        self.undo_stack.push(EditCommand(self, batch, change, merge_id))
        self.changed.emit(change)
        return change

    def recompute_totals(self) -> Change:
        return self.edit(EditBatch(recompute_all=True, label="重新计算合计"))

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.setClean()

    def mark_unsaved(self) -> None:
        """For recovered autosaves: modified until saved, even with an empty undo stack."""
        self.undo_stack.resetClean()
        self.modifiedChanged.emit(True)
