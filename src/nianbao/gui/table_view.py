"""The official table as a QTableView: spans, Excel-like keys, copy/paste, frozen header rows and label columns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QActionGroup,
    QContextMenuEvent,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from nianbao.core.clipboard import PastePlan, join_block, plan_paste, split_block
from nianbao.core.computed import derive
from nianbao.core.edits import EditBatch, EditError
from nianbao.core.findings import cell_place
from nianbao.core.values import Value, format_value
from nianbao.definition import GridItem, ReportFormat, Table
from nianbao.gui.table_model import ReportTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
GRID_COLOUR = "#aab2bf"
MAX_PASTE_ERRORS = 8


class CellDelegate(QStyledItemDelegate):
    """Centred line editor; Enter/Tab commit and move (the view decides where)."""

    commitAndMove = Signal(QWidget, int, int)  # editor, dx, dy

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFrame(False)
        return editor

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            assert isinstance(event, QKeyEvent)
            move = _key_move(event)
            if move is not None:
                self.commitAndMove.emit(editor, *move)
                return True
        return super().eventFilter(editor, event)


def _key_move(event: QKeyEvent) -> tuple[int, int] | None:
    key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return (0, -1) if shift else (0, 1)
    if key == Qt.Key.Key_Tab:
        return (-1, 0) if shift else (1, 0)
    if key == Qt.Key.Key_Backtab:
        return (-1, 0)
    return None


class _Frozen(QTableView):
    """A second view over the same model showing only the leading rows and/or columns (Qt's frozencolumn idea)."""

    def __init__(self, host: ReportTableView, rows: int, cols: int) -> None:
        super().__init__(host)
        self.rows, self.cols = rows, cols
        self.setModel(host.model())
        self.setSelectionModel(host.selectionModel())
        self.setItemDelegate(host.itemDelegate())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(host.styleSheet())
        table = host.table
        for it in table.items:
            inside = (not rows or it.row < rows) and (not cols or it.col < cols)
            if inside and (it.rowspan > 1 or it.colspan > 1):
                self.setSpan(it.row, it.col, it.rowspan, it.colspan)
        for r in range(rows or table.n_rows, table.n_rows):
            self.setRowHidden(r, True)
        for c in range(cols or table.n_cols, table.n_cols):
            self.setColumnHidden(c, True)
        self.clicked.connect(host.setFocus)

    def copy_sizes(self, host: QTableView) -> None:
        for c in range(host.model().columnCount()):
            self.setColumnWidth(c, host.columnWidth(c))
        for r in range(host.model().rowCount()):
            self.setRowHeight(r, host.rowHeight(r))


class ReportTableView(QTableView):
    message = Signal(str)  # for the status bar

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: Table = model.table
        self._frozen: list[_Frozen] = []
        self.last_refusal = ""
        self.setModel(model)
        self.setItemDelegate(delegate := CellDelegate(self))
        delegate.commitAndMove.connect(self._commit_and_move)
        model.editRefused.connect(self._show_refusal)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setStyleSheet(
            f"QTableView {{ gridline-color: {GRID_COLOUR}; }}"
            "QTableView::item:selected { background: #cfe3ff; color: black; border: 1px solid #2f6fd6; }"
        )
        for it in self.table.items:
            if it.rowspan > 1 or it.colspan > 1:
                self.setSpan(it.row, it.col, it.rowspan, it.colspan)
        if self.table.layout == "matrix":
            h, w = self.table.header_rows, self.table.label_cols
            if w:
                self._frozen.append(_Frozen(self, 0, w))
            if h:
                self._frozen.append(_Frozen(self, h, 0))
            if h and w:
                self._frozen.append(_Frozen(self, h, w))
            self.verticalScrollBar().valueChanged.connect(self._sync_scroll)
            self.horizontalScrollBar().valueChanged.connect(self._sync_scroll)
        first = self.first_editable()
        if first.isValid():
            self.setCurrentIndex(first)

    def model(self) -> ReportTableModel:
        m = super().model()
        assert isinstance(m, ReportTableModel)
        return m

    # ------------------------------------------------------------------ layout
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def relayout(self) -> None:
        """Column widths fill the viewport (label columns by their text, values evenly); rows fit wrapped labels."""
        t = self.table
        fm = QFontMetrics(self.font())
        em = fm.horizontalAdvance("中")
        pad = 14
        avail = max(self.viewport().width(), 200)
        label_w: list[int] = []
        for c in range(t.label_cols):
            cap = 20 * em if c == t.label_cols - 1 else (8 * em if c else 5.5 * em)
            texts = [it.text for it in t.items if it.col == c and it.colspan == 1 and it.role != "value"]
            want = max((fm.horizontalAdvance(s) + pad for s in texts), default=4 * em)
            label_w.append(int(min(want, cap)))
        n_values = t.n_cols - t.label_cols
        min_value, max_value = 5 * em, 10 * em
        excess = sum(label_w) + n_values * min_value - avail
        if excess > 0 and t.label_cols:
            # a narrow window (table 三 at 1024×768): the widest label column gives way, down to 9 characters, its
            # labels wrapping onto more lines, before value columns (其他, 总计) scroll out of sight
            last = t.label_cols - 1
            label_w[last] = max(min(label_w[last], int(9 * em)), label_w[last] - excess)
        each = (avail - sum(label_w)) // n_values if n_values else 0
        each = max(min_value, min(each, max_value))
        widths = label_w + [each] * n_values
        spare = avail - sum(widths)
        if spare > 0 and t.label_cols:
            widths[t.label_cols - 1] += min(spare, 10 * em)
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)
        self._fit_rows(fm, widths)
        for f in self._frozen:
            f.copy_sizes(self)
        self._place_frozen()

    def _fit_rows(self, fm: QFontMetrics, widths: list[int]) -> None:
        base = fm.height() + 12
        heights = [base] * self.table.n_rows
        flags = int(Qt.TextFlag.TextWordWrap)

        def needed(it: GridItem) -> int:
            w = sum(widths[it.col : it.col + it.colspan]) - 10
            return fm.boundingRect(QRect(0, 0, max(w, 10), 10_000), flags, it.text).height() + 12

        for it in self.table.items:
            if it.text and it.rowspan == 1:
                heights[it.row] = max(heights[it.row], needed(it))
        for it in self.table.items:
            if it.text and it.rowspan > 1:
                rows = range(it.row, it.row + it.rowspan)
                lack = needed(it) - sum(heights[r] for r in rows)
                if lack > 0:
                    for r in rows:
                        heights[r] += -(-lack // it.rowspan)
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)

    def _frozen_size(self) -> tuple[int, int]:
        top = sum(self.rowHeight(r) for r in range(self.table.header_rows)) if self._frozen else 0
        left = sum(self.columnWidth(c) for c in range(self.table.label_cols)) if self._frozen else 0
        return top, left

    def _place_frozen(self) -> None:
        fw = self.frameWidth()
        top, left = self._frozen_size()
        vp = self.viewport()
        for f in self._frozen:
            w = left if f.cols else vp.width()
            h = top if f.rows else vp.height()
            f.setGeometry(fw, fw, w, h)
            f.raise_()
            f.show()
        self._sync_scroll()

    def _sync_scroll(self) -> None:
        for f in self._frozen:
            if not f.cols:
                f.horizontalScrollBar().setValue(self.horizontalScrollBar().value())
            if not f.rows:
                f.verticalScrollBar().setValue(self.verticalScrollBar().value())

    def scrollTo(
        self, index: AnyIndex, hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible
    ) -> None:
        # a page just made current (undo/redo of a cell on another tab) may still have the scroll ranges of before
        # its rows were last resized: bring them up to date first, or the cell stays below the bottom
        self.updateGeometries()
        super().scrollTo(index, hint)
        if not self._frozen or not index.isValid():
            return
        top, left = self._frozen_size()
        rect = self.visualRect(index)
        if index.row() >= self.table.header_rows and rect.top() < top:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - (top - rect.top()))
        if index.column() >= self.table.label_cols and rect.left() < left:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (left - rect.left()))

    # ------------------------------------------------------------------ navigation
    def first_editable(self) -> QModelIndex:
        m = self.model()
        for cell in self.table.cells:
            idx = m.index_of(cell)
            if m.is_editable(idx):
                return idx
        return QModelIndex()

    def select_cell(self, cell: str) -> bool:
        idx = self.model().index_of(cell)
        if not idx.isValid():
            return False
        self.setCurrentIndex(idx)
        self.scrollTo(idx)
        self.setFocus()
        return True

    def move_current(self, dx: int, dy: int) -> None:
        """Enter/Tab: next editable cell below/right (Tab wraps to the next row), skipping labels and totals."""
        target = self._neighbour(self.currentIndex(), dx, dy)
        if target is not None:
            self.setCurrentIndex(target)
            self.scrollTo(target)

    def _neighbour(self, index: QModelIndex, dx: int, dy: int) -> QModelIndex | None:
        m, t = self.model(), self.table
        if not index.isValid():
            return self.first_editable()
        if dx:
            order = [m.index_of(c) for c in t.cells if m.is_editable(m.index_of(c))]
            keys = [(i.row(), i.column()) for i in order]
            here = (index.row(), index.column())
            later = [i for i, k in zip(order, keys, strict=True) if (k > here if dx > 0 else k < here)]
            if not later:
                return None
            return later[0] if dx > 0 else later[-1]
        col, row = index.column(), index.row()
        step = 1 if dy > 0 else -1
        r = row + (self.rowSpan(row, col) if step > 0 else -1)
        while 0 <= r < t.n_rows:
            it = t.item_at(r, col)
            if it is None:
                return None
            idx = m.index(it.row, it.col)
            if m.is_editable(idx) and it.row != row:
                return idx
            r = it.row + it.rowspan if step > 0 else it.row - 1
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.clear_selection()
            return
        move = _key_move(event)
        if move is not None:
            self.move_current(*move)
            return
        spec = self.model().spec(self.currentIndex())
        typed = event.text().strip() and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if typed and spec is not None and spec.computed:
            self.show_message_at(
                self.currentIndex(), "这是自动合计（灰底），由各项相加得出，不能直接填写；请修改参与相加的各项。"
            )
            return
        if event.key() == Qt.Key.Key_Home and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            first = self.first_editable()  # not the merged header at the top left, as Qt would go
            self.setCurrentIndex(first)
            self.scrollTo(first)
            return
        super().keyPressEvent(event)

    def edit(self, index: Any, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        if trigger is None:  # edit(index) slot overload
            return bool(super().edit(index))
        opened = bool(super().edit(index, trigger, event))
        if opened and trigger != QAbstractItemView.EditTrigger.AnyKeyPressed:
            editor = self.indexWidget(index)
            if isinstance(editor, QLineEdit):  # F2 / double click: caret at the end, like Excel
                editor.deselect()
                editor.end(False)
        return opened

    def _commit_and_move(self, editor: QWidget, dx: int, dy: int) -> None:
        """Enter/Tab: write the editor's text to the cell; move on only if the model took it (a refused value is
        shown at the cell by the model's editRefused, and the cursor stays for a correction)."""
        accepted = isinstance(editor, QLineEdit) and self.model().setData(self.currentIndex(), editor.text())
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if accepted:
            self.move_current(dx, dy)

    # ------------------------------------------------------------------ feedback
    def _show_refusal(self, index: QModelIndex, reason: str) -> None:
        self.show_message_at(index, reason)

    def show_message_at(self, index: QModelIndex, text: str) -> None:
        self.last_refusal = text
        self.message.emit(text)
        rect = self.visualRect(index) if index.isValid() else self.viewport().rect()
        pos = self.viewport().mapToGlobal(rect.bottomLeft())
        if QGuiApplication.platformName() == "offscreen":  # no popups there (Qt warns on raise())
            return
        # after the editor closes, so the tooltip is not hidden by the focus change
        QTimer.singleShot(0, lambda: QToolTip.showText(pos, text, self.viewport(), rect, 6000))

    # ------------------------------------------------------------------ context menu
    def context_menu(self, index: QModelIndex) -> QMenu:
        """Copy/paste/clear, and 计量单位 for money cells that offer several units."""
        menu = QMenu(self)
        menu.addAction("复制", self.copy_selection)
        menu.addAction("粘贴", lambda: self.paste())
        menu.addAction("清除", self.clear_selection)
        m = self.model()
        choice = m.unit_choice(index)
        if choice is not None:
            current, units = choice
            menu.addSeparator()
            group = QActionGroup(menu)
            cell = QPersistentModelIndex(index)
            for unit in units:
                act = menu.addAction(f"计量单位：{unit}")
                act.setCheckable(True)
                act.setChecked(unit == current)
                act.setActionGroup(group)
                act.triggered.connect(lambda _c=False, u=unit: self._choose_unit(cell, u))
        return menu

    def _choose_unit(self, index: QPersistentModelIndex, unit: str) -> None:
        if self.model().set_unit(index, unit):
            self.message.emit(f"计量单位已改为“{unit}”（可撤销）。")

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        if index not in self.selectedIndexes():
            self.setCurrentIndex(index)
        self.popup_menu(self.context_menu(index), event.globalPos())

    def popup_menu(self, menu: QMenu, pos: QPoint) -> None:
        """Show a context menu modally, then free it (tests replace this: no popups offscreen)."""
        menu.exec(pos)
        menu.deleteLater()

    # ------------------------------------------------------------------ clipboard and clearing
    def _selection_rect(self) -> tuple[int, int, int, int] | None:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return None
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        bottom = max(i.row() + self.rowSpan(i.row(), i.column()) - 1 for i in indexes)
        right = max(i.column() + self.columnSpan(i.row(), i.column()) - 1 for i in indexes)
        return min(rows), min(cols), bottom, right

    def selection_text(self) -> str:
        rect = self._selection_rect()
        if rect is None:
            return ""
        top, left, bottom, right = rect
        m = self.model()
        lines: list[list[str]] = []
        for r in range(top, bottom + 1):
            line = [
                str(m.data(m.index(r, c), Qt.ItemDataRole.EditRole) or "")
                for c in range(left, right + 1)
                if m.item(m.index(r, c))
            ]
            if line:
                lines.append(line)
        return join_block(lines) if lines else ""

    def copy_selection(self) -> None:
        text = self.selection_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.message.emit("已复制。")

    def paste(self, text: str | None = None) -> bool:
        """Paste a rectangle as one undo step; if any value is invalid nothing changes and the reasons are shown."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        index = self.currentIndex()
        if not text or not index.isValid():
            return False
        m = self.model()
        block = split_block(text)
        if len(block) == 1 and len(block[0]) == 1 and len(self.selectedIndexes()) > 1:
            plan = plan_paste(self.table, m.document.fmt.cells, index.row(), index.column(), text)
            for idx in self.selectedIndexes():  # one value into a selection: fill it, like Excel
                spec = m.spec(idx)
                if spec is not None and not spec.computed and plan.values:
                    plan.values[spec.id] = next(iter(plan.values.values()))
        else:
            plan = plan_paste(self.table, m.document.fmt.cells, index.row(), index.column(), text)
        if plan.errors:
            shown = plan.errors[:MAX_PASTE_ERRORS]
            more = f"\n……另有 {len(plan.errors) - len(shown)} 处" if len(plan.errors) > len(shown) else ""
            self.show_message_at(index, "未粘贴，以下内容有误：\n" + "\n".join(shown) + more)
            return False
        if not plan.values:
            self.show_message_at(index, "粘贴区域内没有可填写的单元格。")
            return False
        report = m.document.report
        units = tuple((c, u) for c, u in plan.units.items() if u != report.unit(c))
        stated = disagreeing_totals(m.document.fmt, report.values, plan)
        try:
            m.submit_batch(
                EditBatch(cells=tuple(plan.values.items()), units=units, stated=tuple(stated.items()), label="粘贴")
            )
        except EditError as exc:
            self.show_message_at(index, f"未粘贴：{exc}")
            return False
        notes = []
        if plan.by_label:
            notes.append(f"按行名称对齐 {plan.by_label} 行")
        if plan.headers:
            notes.append(f"略过 {plan.headers} 行表头")
        agreeing = plan.skipped_computed - len(stated)
        if agreeing > 0:
            notes.append(f"{agreeing} 个合计与计算结果一致")
        if plan.outside:
            notes.append(f"{plan.outside} 个数超出表格范围，未粘贴")
        done = f"已粘贴 {len(plan.values)} 个单元格" + ("（" + "，".join(notes) + "）" if notes else "。")
        if stated:
            specs = m.document.fmt.cells
            listed = "；".join(f"{cell_place(specs[c])}粘贴为 {v}" for c, v in list(stated.items())[:3])
            more = f"等 {len(stated)} 处" if len(stated) > 3 else ""
            self.show_message_at(
                index,
                f"{done}\n注意：粘贴内容中的合计与各项之和不符（{listed}{more}），已按粘贴的数字保留并标为错误。"
                "请核对；如需改为计算结果，可用“重新计算合计”。",
            )
        else:
            self.message.emit(done)
        return True

    def clear_selection(self) -> bool:
        m = self.model()
        values: dict[str, Value | None] = {}
        for idx in self.selectedIndexes() or [self.currentIndex()]:
            spec = m.spec(idx)
            if spec is not None and not spec.computed and m.document.report.values.get(spec.id) is not None:
                values[spec.id] = None
        if not values:
            return False
        try:
            m.submit_batch(EditBatch.set_cells(values, label="清除"))
        except EditError as exc:
            self.show_message_at(self.currentIndex(), str(exc))
            return False
        return True


def disagreeing_totals(fmt: ReportFormat, values: Mapping[str, Value], plan: PastePlan) -> dict[str, Value]:
    """The pasted block's totals that differ from what its parts add up to (after the paste)."""
    if not plan.totals:
        return {}
    after = dict(values)
    for cell, value in plan.values.items():
        if value is None:
            after.pop(cell, None)
        else:
            after[cell] = value
    derive(fmt, after, None)
    return {c: v for c, v in plan.totals.items() if after.get(c, 0) != v}


def value_text(model: ReportTableModel, cell: str) -> str:
    """Display text of a value cell (tests and status messages)."""
    spec = model.document.fmt.cells[cell]
    return format_value(model.document.report.values.get(cell), spec.kind)
