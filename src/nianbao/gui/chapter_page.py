"""One tab per chapter, built from the definition: a narrative editor or the official table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from nianbao.core.edits import Change, EditBatch, EditError
from nianbao.core.preface import PREFACE, default_preface
from nianbao.core.text import clean
from nianbao.definition import Chapter
from nianbao.gui.qt_names import set_property
from nianbao.gui.session import DocumentSession

if TYPE_CHECKING:  # the grid modules load when the first table tab is shown
    from PySide6.QtGui import QKeyEvent, QUndoStack, QWheelEvent

    from nianbao.gui.table_model import ReportTableModel
    from nianbao.gui.table_view import ReportTableView

MIN_POINTS, MAX_POINTS = 7, 28  # Ctrl+wheel zoom range of the narrative text
NARRATIVE_MERGE_BASE = 1000  # undo merge ids: one per chapter, so typing in a chapter is one step
TABLE_LEGEND = (
    "灰底为自动合计，不能直接填写；红底为错误，黄底为提示。鼠标停在单元格上可查看说明。可从 Excel/WPS 复制粘贴。"
)


def char_count(text: str) -> int:
    """Characters as a clerk counts them: everything except whitespace."""
    return sum(1 for ch in text if not ch.isspace())


class ChapterPage(QWidget):
    def __init__(self, session: DocumentSession, chapter: Chapter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.chapter = chapter
        session.changed.connect(self.apply_change)

    def apply_change(self, change: Change) -> None:
        """Refresh from a core Change (edits, undo, redo)."""

    def ensure_built(self) -> None:
        """Build the page's widgets; the window calls this when the page's tab becomes current.

        Not from showEvent: a Python showEvent makes PySide realise QEvent and its 179-member Type enum (~2 ms)
        before the first paint.
        """
        self._build()

    def focus_target(self) -> QWidget:
        """The widget that takes the keys when this chapter becomes current."""
        raise NotImplementedError

    def _build(self) -> object:
        """Build the widgets once (each kind of page has its own) and return what the accessors need."""
        raise NotImplementedError


class _TextEdit(QPlainTextEdit):
    """Undo/redo belong to the window's undo stack, not to the editor's own history; Ctrl+wheel zooms the text
    (Qt zooms only read-only editors)."""

    def __init__(self, undo_stack: QUndoStack) -> None:
        super().__init__()
        self._undo_stack = undo_stack

    def wheelEvent(self, e: QWheelEvent) -> None:
        from PySide6.QtCore import Qt

        steps = e.angleDelta().y() / 120
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier and steps:
            font_size = self.font().pointSizeF()
            if MIN_POINTS <= font_size + steps <= MAX_POINTS:
                self.zoomInF(steps)
            e.accept()
            return
        super().wheelEvent(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        # The editor takes Ctrl+Z/Ctrl+Y from the window's shortcuts (it accepts their ShortcutOverride), so it passes
        # them on here. Not by overriding event(): PySide would then wrap every event, realising ~40 event classes
        # (3 ms) before the first paint.
        from PySide6.QtGui import QKeySequence  # at the first key press, not at start-up

        if e.matches(QKeySequence.StandardKey.Undo):
            self._undo_stack.undo()
        elif e.matches(QKeySequence.StandardKey.Redo):
            self._undo_stack.redo()
        else:
            super().keyPressEvent(e)


class NarrativePage(ChapterPage):
    """The editor is built when the tab first becomes current (or is asked for): hidden tabs cost nothing at
    start-up."""

    def __init__(self, session: DocumentSession, chapter: Chapter, parent: QWidget | None = None) -> None:
        super().__init__(session, chapter, parent)
        self._syncing = False
        fmt = session.document.fmt
        self._merge_id = NARRATIVE_MERGE_BASE + (*fmt.chapters, fmt.preface).index(chapter)
        self._editor: _TextEdit | None = None
        self._guidance: QLabel | None = None
        self._count_label: QLabel | None = None
        self._subheadings_button: QPushButton | None = None
        self.preface_button: QPushButton | None = None  # 按基本信息生成 (the 前言 page only)
        self.draft_button: QPushButton | None = None  # 根据表格生成段落 (一's page only)
        self._marked = False  # the editor shows marks of findings
        self.preface: NarrativePage | None = None  # the 前言 box at the top of the first chapter's page

    def _build(self) -> _TextEdit:
        if self._editor is not None:
            return self._editor
        chapter = self.chapter
        fmt = self.session.document.fmt
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        shown: list[QWidget] = []
        if chapter is fmt.chapters[0]:  # the 前言 is read just before 一: its box sits at the top of 一's page
            self.preface = NarrativePage(self.session, fmt.preface, self)
            self.preface.layout_compact()
            layout.addWidget(self.preface)
            shown.append(self.preface)
        lead = f"<b>{chapter.title}：</b>" if chapter.id == PREFACE else "<b>填写要求：</b>"
        guidance = QLabel(f"{lead}{chapter.guidance}" if chapter.guidance else "")
        guidance.setWordWrap(True)
        set_property(guidance, "textInteractionFlags", "TextSelectableByMouse")  # by name: see gui/qt_names.py
        # a tinted box through the palette: a style sheet would cost start-up ~5 ms (Qt's style sheet machinery)
        tint = guidance.palette()
        tint.setColor(QPalette.ColorRole.Window, QColor("#eef3fa"))
        guidance.setPalette(tint)
        guidance.setAutoFillBackground(True)
        guidance.setMargin(7)
        if not chapter.guidance:
            guidance.hide()
        layout.addWidget(guidance)
        bar = QHBoxLayout()
        shown += [guidance] if chapter.guidance else []
        if chapter.subheadings:
            button = QPushButton("插入常用小标题")
            button.setToolTip("插入：" + " ".join(chapter.subheadings))
            button.clicked.connect(self.insert_subheadings)
            bar.addWidget(button)
            shown.append(button)
            self._subheadings_button = button
        if chapter is fmt.chapters[0]:
            button = QPushButton("根据表格生成段落")
            button.setToolTip(
                "在光标处插入根据表二、表三、表四生成的段落（依申请公开、主动公开、复议诉讼等），可再修改；可撤销"
            )
            button.clicked.connect(self.insert_draft)
            bar.addWidget(button)
            shown.append(button)
            self.draft_button = button
        if chapter.id == PREFACE:
            button = QPushButton("按基本信息生成")
            button.setToolTip("按当前的发布机关、报告年度和联系方式重新生成前言（可撤销）")
            button.clicked.connect(self.regenerate_preface)
            bar.addWidget(button)
            shown.append(button)
            self.preface_button = button
        bar.addStretch(1)
        count_label = QLabel()
        bar.addWidget(count_label)
        layout.addLayout(bar)
        editor = _TextEdit(self.session.undo_stack)
        editor.setUndoRedoEnabled(False)
        editor.setPlaceholderText(f"在此填写“{chapter.title}”的正文。")
        # The interface font (Ctrl+wheel zooms): a second size would cost start-up ~7 ms in font engines and glyphs.
        editor.setPlainText(self.session.report.narrative.get(chapter.id, ""))
        editor.textChanged.connect(self._typed)
        layout.addWidget(editor, 1)
        self._guidance, self._count_label, self._editor = guidance, count_label, editor
        self._update_count()
        self.mark_findings()
        if self.isVisible():  # built as its tab became current: complete in the next paint, not a queued show
            for widget in (*shown, count_label, editor):
                widget.show()
            layout.activate()
        return editor

    def layout_compact(self) -> None:
        """Built at once, no margins, an editor of a few lines (the 前言 box above 一's text)."""
        editor = self._build()
        layout = self.layout()
        assert layout is not None
        layout.setContentsMargins(0, 0, 0, 4)
        editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 5 + 12)

    @property
    def editor(self) -> QPlainTextEdit:
        return self._build()

    def focus_target(self) -> QWidget:
        return self.editor

    @property
    def guidance(self) -> QLabel:
        self._build()
        assert self._guidance is not None
        return self._guidance

    @property
    def count_label(self) -> QLabel:
        self._build()
        assert self._count_label is not None
        return self._count_label

    @property
    def subheadings_button(self) -> QPushButton | None:
        self._build()
        return self._subheadings_button

    def text(self) -> str:
        return self.editor.toPlainText()

    def _typed(self) -> None:
        self._update_count()
        if self._syncing:
            return
        typed = self.text()
        batch = EditBatch(texts=((self.chapter.id, typed),), label=f"编辑“{self.chapter.title}”")
        try:
            self.session.edit(batch, merge_id=self._merge_id)
        except EditError as exc:  # over the chapter limit: the editor goes back to what the report holds
            self._show_report_text()
            self.count_label.setText(f"{self.count_label.text()}　{exc}")
            return
        removed = clean(typed)[1]
        if removed:  # the document dropped them; the editor already shows the cleaned text
            self.count_label.setText(f"{self.count_label.text()}　已删除 {removed} 个无法保存的字符（控制字符等）")

    def _update_count(self) -> None:
        self.count_label.setText(f"字数：{char_count(self.text())}")

    def insert_subheadings(self) -> None:
        """Insert the usual sub-headings that are not there yet, at the cursor, as one undo step."""
        text = self.text()
        missing = [h for h in self.chapter.subheadings if h not in text]
        if not missing:
            return
        cursor = self.editor.textCursor()
        pos = cursor.position()
        before, after = text[:pos], text[pos:]
        lead = "" if not before or before.endswith("\n") else "\n"
        block = lead + "\n\n".join(missing) + "\n"
        new = before + block + after
        self.session.edit(EditBatch(texts=((self.chapter.id, new),), label="插入常用小标题"))
        cursor = self.editor.textCursor()
        cursor.setPosition(len(before) + len(lead) + len(missing[0]))
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def insert_draft(self) -> None:
        """Insert sentences built from the tables at the cursor, on lines of their own, as one undo step."""
        from nianbao.core.drafting import draft

        text = self.text()
        pos = self.editor.textCursor().position()
        before, after = text[:pos], text[pos:]
        block = ("" if not before or before.endswith("\n") else "\n") + draft(self.session.report)
        block += "" if after.startswith("\n") else "\n"
        self.session.edit(EditBatch(texts=((self.chapter.id, before + block + after),), label="根据表格生成段落"))
        cursor = self.editor.textCursor()
        cursor.setPosition(len(before) + len(block))
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def mark_findings(self) -> None:
        """Mark the sentences that narrative findings are about (gui/narrative_assist.py)."""
        if self._editor is None:
            return
        cid = self.chapter.id
        findings = [f for f in self.session.document.checker.findings.values() if f.chapter == cid and f.span]
        if not findings and not self._marked:
            return  # nothing to mark or unmark: start-up loads no more modules
        from nianbao.gui.narrative_assist import mark_findings

        self._marked = bool(findings)
        mark_findings(self._editor, findings)

    def show_finding(self, span: tuple[int, int] | None) -> None:
        from nianbao.gui.narrative_assist import select_sentence

        select_sentence(self.editor, span)

    def regenerate_preface(self) -> None:
        """Replace the 前言 with the usual wording for the current metadata, as one undo step."""
        report = self.session.report
        new = default_preface(report.fmt, report.meta)
        if new != self.text():
            self.session.edit(EditBatch(texts=((self.chapter.id, new),), label="按基本信息生成前言"))
        self.editor.setFocus()

    def apply_change(self, change: Change) -> None:
        if self._editor is None:  # not built: it reads the report then
            return
        if self.chapter.id in change.texts:
            self._show_report_text()
        if change.findings_changed or change.accepted or self.chapter.id in change.texts:
            self.mark_findings()

    def _show_report_text(self) -> None:
        new = self.session.report.narrative.get(self.chapter.id, "")
        if new == self.text():
            return
        pos = self.editor.textCursor().position()
        self._syncing = True
        try:
            self.editor.setPlainText(new)
        finally:
            self._syncing = False
        cursor = self.editor.textCursor()
        cursor.setPosition(min(pos, len(new)))
        self.editor.setTextCursor(cursor)
        self._update_count()


class TablePage(ChapterPage):
    """The grid is built when the tab first becomes current (or is asked for), which keeps start-up fast."""

    viewCreated = Signal(object)  # the ReportTableView, once built

    def __init__(self, session: DocumentSession, chapter: Chapter, parent: QWidget | None = None) -> None:
        super().__init__(session, chapter, parent)
        assert chapter.table is not None
        self._model: ReportTableModel | None = None
        self._view: ReportTableView | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self._layout.setSpacing(4)

    def _build(self) -> tuple[ReportTableModel, ReportTableView]:
        if self._model is None or self._view is None:
            from nianbao.gui.table_model import ReportTableModel
            from nianbao.gui.table_view import ReportTableView

            assert self.chapter.table is not None
            legend = QLabel(TABLE_LEGEND)
            legend.setStyleSheet("color: #555;")
            legend.setWordWrap(True)
            self._layout.addWidget(legend)
            self._model = ReportTableModel.for_session(self.session, self.chapter.table, self)
            self._view = ReportTableView(self._model)
            self._layout.addWidget(self._view, 1)
            if self.isVisible():  # as for NarrativePage: in the next paint, not after a queued show
                legend.show()
                self._view.show()
                self._layout.activate()
            self.viewCreated.emit(self._view)
        return self._model, self._view

    @property
    def model(self) -> ReportTableModel:
        return self._build()[0]

    @property
    def view(self) -> ReportTableView:
        return self._build()[1]

    def focus_target(self) -> QWidget:
        view = self.view
        if not view.model().is_editable(view.currentIndex()):
            view.setCurrentIndex(view.first_editable())
        return view


def build_page(session: DocumentSession, chapter: Chapter) -> ChapterPage:
    return TablePage(session, chapter) if chapter.kind == "table" else NarrativePage(session, chapter)
