"""Window side of the narrative checks (issue #16): the sentences a finding is about, marked in the editor; a click in
检查结果 selects the sentence. Loaded with the first narrative finding shown (gui/chapter_page.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from nianbao.core.findings import Finding
from nianbao.core.text_check import sentence_around

MARKED = ("T1", "T2")  # findings about a sentence (the others are about a chapter as a whole)
SENTENCE_COLOUR = QColor("#fff1c2")


class _MarkTips(QObject):
    """Hovering a marked sentence shows its finding (an event filter on the editor's viewport, made with the first
    marks: the editor class itself stays free of event overrides, which cost start-up)."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self.tips: list[tuple[int, int, str]] = []
        editor.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = self.editor.cursorForPosition(event.pos()).position()
            tip = next((t for a, b, t in self.tips if a <= pos < b), None)
            if tip is not None:
                QToolTip.showText(event.globalPos(), tip, self.editor)
                return True
        return False


def mark_findings(editor: QPlainTextEdit, findings: list[Finding]) -> None:
    """Tint the sentence of every open finding about a sentence and underline its words; hovering shows the message."""
    text = editor.toPlainText()
    selections = []
    tips = editor.findChild(_MarkTips) or _MarkTips(editor)
    tips.tips = []
    for f in findings:
        if f.span is None or f.base not in MARKED or f.accepted or f.span[1] > len(text):
            continue
        start, end = sentence_around(text, f.span)
        tips.tips.append((start, end, f.message))
        for (a, b), fmt in ((start, end), _sentence_format()), (f.span, _words_format()):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(editor.document())
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor  # type: ignore[attr-defined]
            sel.format = fmt  # type: ignore[attr-defined]
            selections.append(sel)
    editor.setExtraSelections(selections)


def _sentence_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(SENTENCE_COLOUR)
    return fmt


def _words_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor("#c62828"))
    return fmt


def select_sentence(editor: QPlainTextEdit, span: tuple[int, int] | None) -> None:
    """Select the sentence around span (the start of the text when the finding is about the whole chapter)."""
    text = editor.toPlainText()
    cursor = editor.textCursor()
    if span is None or span[1] > len(text) or span == (0, len(text)):
        cursor.setPosition(0)
    else:
        start, end = sentence_around(text, span)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    editor.setFocus()
