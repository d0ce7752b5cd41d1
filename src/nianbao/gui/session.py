"""One open report: the document, its undo stack and its file path. Every edit goes through here.

`revision` names the state of the report: every edit makes a new one, undo and redo go back to the revision their
step started from or led to. It is the one source of "modified" (title *, the question on closing) and of "needs
autosave": the undo stack's index cannot be, since typing in a chapter merges into one step and undo-then-edit
comes back to the same index with other content.
"""

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
    revisited = Signal(object)  # core.edits.Change of an undo or redo: the window shows where it happened

    def __init__(self, document: ReportDocument, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.path = path
        self.untitled_name = ""  # shown instead of a file name (e.g. 示例报告)
        self.undo_stack = QUndoStack(self)
        self.revision = 0
        self.saved_revision = 0
        self._issued = 0  # the last revision handed out: new edits never reuse a number
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, clean: bool) -> None:
        if clean:  # setClean() on the stack (tools, tests) counts as saved, as mark_saved does
            self._set_saved(self.revision)

    def new_revision(self) -> int:
        self._issued += 1
        return self._issued

    def set_revision(self, revision: int) -> None:
        was = self.modified
        self.revision = revision
        if self.modified != was:
            self.modifiedChanged.emit(self.modified)

    def _set_saved(self, revision: int) -> None:
        was = self.modified
        self.saved_revision = revision
        if self.modified != was:
            self.modifiedChanged.emit(self.modified)

    @classmethod
    def for_report(
        cls, report: Report, path: Path | None = None, parent: QObject | None = None, *, check_narrative: bool = True
    ) -> DocumentSession:
        """check_narrative=False: the window checks the narrative once it is on screen (MainWindow)."""
        return cls(ReportDocument(report, check_narrative=check_narrative), path, parent)

    @property
    def report(self) -> Report:
        return self.document.report

    @property
    def modified(self) -> bool:
        return self.revision != self.saved_revision

    def edit(self, batch: EditBatch, merge_id: int = NO_MERGE) -> Change:
        """Apply a batch as one undo step. Raises core.edits.EditError (Chinese message) and changes nothing."""
        change = self.document.apply(batch)
        if change.empty:
            return change
        before, after = self.revision, self.new_revision()
        self.set_revision(after)
        self.undo_stack.push(EditCommand(self, batch, change, merge_id, (before, after)))
        self.changed.emit(change)
        return change

    def recompute_totals(self) -> Change:
        return self.edit(EditBatch(recompute_all=True, label="重新计算合计"))

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.setClean()
        self._set_saved(self.revision)

    def mark_unsaved(self) -> None:
        """For recovered autosaves: modified until saved, even with an empty undo stack."""
        self.undo_stack.resetClean()
        self._set_saved(-1)
