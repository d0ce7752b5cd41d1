"""One generic QUndoCommand wrapping a core EditBatch/Change: redo = document.apply, undo = document.revert."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from nianbao.core.edits import Change, EditBatch

if TYPE_CHECKING:
    from nianbao.gui.session import DocumentSession

NO_MERGE = -1


class EditCommand(QUndoCommand):
    """Pushed after the batch was applied (so invalid edits never reach the stack); the first redo is a no-op."""

    def __init__(
        self,
        session: DocumentSession,
        batch: EditBatch,
        change: Change,
        merge_id: int = NO_MERGE,
        revisions: tuple[int, int] = (0, 0),
    ) -> None:
        super().__init__(change.label or batch.label or "编辑")
        self.before, self.after = revisions  # the session's revision before this step and after it
        self._session = session
        self._batch = batch
        self.change = change
        self._merge_id = merge_id
        self._fresh = True

    def id(self) -> int:
        return self._merge_id

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self.change = self._session.document.apply(self._batch)
        self._session.set_revision(self.after)
        self._session.changed.emit(self.change)
        self._session.revisited.emit(self.change)

    def undo(self) -> None:
        back = self._session.document.revert(self.change)
        self._session.set_revision(self.before)
        self._session.changed.emit(back)
        self._session.revisited.emit(back)

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Consecutive typing in one chapter becomes one step: keep the first old text and the last new one."""
        if not isinstance(other, EditCommand) or other.id() != self.id() or self.id() == NO_MERGE:
            return False
        if self.change.cells or other.change.cells or self.change.meta or other.change.meta:
            return False
        for chapter, (_, new) in other.change.texts.items():
            first_old = self.change.texts.get(chapter, other.change.texts[chapter])[0]
            self.change.texts[chapter] = (first_old, new)
        self._batch = other._batch
        self.after = other.after
        self.setObsolete(all(old == new for old, new in self.change.texts.values()))
        return True
