"""QAbstractTableModel over one table of a report: a thin adapter, data() only looks things up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from nianbao.core.checking import stated_totals
from nianbao.core.document import ReportDocument
from nianbao.core.edits import Change, EditBatch, EditError
from nianbao.core.findings import Finding, cell_place
from nianbao.core.values import InvalidValue, Value, format_value, normalize, parse
from nianbao.definition import CellSpec, GridItem, Severity, Table

if TYPE_CHECKING:
    from nianbao.gui.session import DocumentSession

CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # cell id of a value slot
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # GridItem.role: header / caption / label / value

AnyIndex = QModelIndex | QPersistentModelIndex


class CellColors:
    header = QColor("#e9edf3")
    label = QColor("#f6f7f9")
    computed = QColor("#e4e8ee")
    error = QColor("#f6c9c9")
    error_text = QColor("#8a1111")
    error_part = QColor("#fcebeb")  # a cell that takes part in a broken rule: the typo may be here
    warning = QColor("#ffe2a8")
    warning_part = QColor("#fff4dc")
    accepted = QColor("#eeeeee")
    accepted_text = QColor("#8c8c8c")


def parse_cell(spec: CellSpec, text: str) -> Value | None:
    """Typed or pasted text -> value; raises InvalidValue with the core's Chinese reason."""
    return parse(text, spec.kind, spec.units)


def typed_unit(spec: CellSpec, text: str) -> str | None:
    """The unit written after a number (“12500元”), if it is one this cell offers."""
    s = normalize(text)
    return next((u for u in sorted(spec.units, key=len, reverse=True) if u and s.endswith(u)), None)


class ReportTableModel(QAbstractTableModel):
    """One grid slot per (row, col) of the official table; merged regions answer at their top-left slot."""

    editRefused = Signal(QModelIndex, str)  # index, Chinese reason; the view shows it at the cell

    def __init__(
        self,
        document: ReportDocument,
        table_id: str,
        submit: Callable[[EditBatch], object],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.table: Table = document.fmt.tables[table_id]
        self._submit = submit
        self._specs = document.fmt.cells
        self._origins: dict[tuple[int, int], GridItem] = {(it.row, it.col): it for it in self.table.items}
        self._where: dict[str, tuple[int, int]] = {
            it.cell: (it.row, it.col) for it in self.table.items if it.cell is not None
        }
        self._bold = QFont()
        self._bold.setBold(True)
        self._rules = {r.id: r for r in document.fmt.rules}
        self._marks: dict[str, list[Finding]] = {}  # the stated totals of broken rules (or their focus)
        self._parts: dict[str, list[Finding]] = {}  # every other cell that takes part: lighter tint
        self._rebuild_marks()

    @classmethod
    def for_session(cls, session: DocumentSession, table_id: str, parent: Any = None) -> ReportTableModel:
        """The editable model of one table: edits go through the session, and the model follows its changes
        (edits, undo, redo) by itself."""
        model = cls(session.document, table_id, session.edit, parent)
        session.changed.connect(model.apply_change)
        return model

    # ------------------------------------------------------------------ lookups
    def item(self, index: AnyIndex) -> GridItem | None:
        """The grid item whose top-left slot is index (None for slots covered by a merge)."""
        if not index.isValid():
            return None
        return self._origins.get((index.row(), index.column()))

    def spec(self, index: AnyIndex) -> CellSpec | None:
        it = self.item(index)
        return self._specs[it.cell] if it is not None and it.cell is not None else None

    def index_of(self, cell: str) -> QModelIndex:
        where = self._where.get(cell)
        return self.index(*where) if where else QModelIndex()

    def is_editable(self, index: AnyIndex) -> bool:
        spec = self.spec(index)
        return spec is not None and not spec.computed

    def submit_batch(self, batch: EditBatch) -> None:
        """Apply a batch through the session (one undo step); raises EditError and changes nothing."""
        self._submit(batch)

    def unit_choice(self, index: AnyIndex) -> tuple[str, tuple[str, ...]] | None:
        """(current unit, units offered) for a money cell with several units, else None."""
        spec = self.spec(index)
        if spec is None or len(spec.units) < 2:
            return None
        return self.document.report.unit(spec.id), spec.units

    def set_unit(self, index: AnyIndex, unit: str) -> bool:
        """Choose the unit of a money cell (one undo step); False if nothing changed or it was refused."""
        spec = self.spec(index)
        if spec is None or unit == self.document.report.unit(spec.id):
            return False
        try:
            self._submit(EditBatch(units=((spec.id, unit),), label=f"计量单位改为{unit}"))
        except EditError as exc:
            self.editRefused.emit(self.index(index.row(), index.column()), str(exc))
            return False
        return True

    def findings_at(self, cell: str) -> list[Finding]:
        return self._marks.get(cell, [])

    def findings_through(self, cell: str) -> list[Finding]:
        """Broken rules this cell takes part in without being their stated total."""
        return self._parts.get(cell, [])

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.table.n_rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.table.n_cols

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        it = self.item(index)
        if it is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if it.cell is not None and not self._specs[it.cell].computed:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        it = self.item(index)
        if it is None:
            return None
        if it.cell is None:
            return self._label_data(it, role)
        spec = self._specs[it.cell]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            text = format_value(self.document.report.values.get(it.cell), spec.kind)
            if text and role == Qt.ItemDataRole.DisplayRole and len(spec.units) > 1:
                text = f"{text} {self.document.report.unit(it.cell)}"
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == CELL_ROLE:
            return it.cell
        if role == ITEM_ROLE:
            return it.role
        marks = self._marks.get(it.cell)
        parts = self._parts.get(it.cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            if marks:
                return QBrush(_mark_colour(marks[0]))
            if parts and not parts[0].accepted:
                return QBrush(CellColors.error_part if parts[0].severity == Severity.ERROR else CellColors.warning_part)
            return QBrush(CellColors.computed) if spec.computed else None
        if role == Qt.ItemDataRole.ForegroundRole and marks:
            top = marks[0]
            if top.severity == Severity.ERROR:
                return QBrush(CellColors.error_text)
            return QBrush(CellColors.accepted_text) if top.accepted else None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f.message + (f"\n（已说明：{f.accepted}）" if f.accepted else "") for f in marks or ()]
            lines += [f"参与的勾稽关系不成立：{f.message}" for f in parts or () if not f.accepted]
            note = self.document.report.notes.get(it.cell)
            if note:
                lines.insert(0, f"注释：{note}")  # as published: "22（其中修订16件）"
            if spec.computed:
                lines.append("自动合计：由各项相加得出，不能直接填写。")
            if len(spec.units) > 1:
                lines.append(f"计量单位：{self.document.report.unit(it.cell)}（右键单击可更改）")
            return "\n".join(lines) or None
        return None

    def _label_data(self, it: GridItem, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return it.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if it.role == "label" and it.rowspan == 1:
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            if it.role == "caption":
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(CellColors.header if it.role in ("header", "caption") else CellColors.label)
        if role == Qt.ItemDataRole.FontRole and it.role in ("caption",):
            return self._bold
        if role == ITEM_ROLE:
            return it.role
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        spec = self.spec(index)
        if role != Qt.ItemDataRole.EditRole or spec is None:
            return False
        try:
            if spec.computed:
                raise InvalidValue("这是自动合计，不能直接填写")
            text = "" if value is None else str(value)
            parsed = parse_cell(spec, text)
            unit = typed_unit(spec, text) if parsed is not None else None
            units = ((spec.id, unit),) if unit and unit != self.document.report.unit(spec.id) else ()
            label = f"填写{cell_place(spec)}"
            self._submit(EditBatch(cells=((spec.id, parsed),), units=units, label=label))
        except (InvalidValue, EditError) as exc:
            self.editRefused.emit(self.index(index.row(), index.column()), str(exc))
            return False
        return True

    # ------------------------------------------------------------------ updates from the session
    def apply_change(self, change: Change) -> None:
        """Turn a core Change into dataChanged for exactly the slots that moved."""
        touched = {c for c in (*change.cells, *change.units) if c in self._where}
        if change.findings_changed or change.accepted:
            before = set(self._marks) | set(self._parts)
            self._rebuild_marks()
            touched |= before | set(self._marks) | set(self._parts)
        for cell in touched:
            idx = self.index_of(cell)
            self.dataChanged.emit(idx, idx)

    def _rebuild_marks(self) -> None:
        marks: dict[str, list[Finding]] = {}
        parts: dict[str, list[Finding]] = {}
        fmt = self.document.fmt
        for f in self.document.findings:  # sorted: errors first, accepted last
            if f.table != self.table.id:
                continue
            rule = self._rules.get(f.rule)
            stated = stated_totals(fmt, rule) if rule is not None else {f.focus}
            for cell in dict.fromkeys((f.focus, *f.cells)):
                if cell in self._where:
                    (marks if cell in stated else parts).setdefault(cell, []).append(f)
        self._marks = marks
        self._parts = parts


def _mark_colour(f: Finding) -> QColor:
    if f.severity == Severity.ERROR:
        return CellColors.error
    return CellColors.accepted if f.accepted else CellColors.warning
