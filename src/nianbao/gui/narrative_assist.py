"""Window side of the narrative checks (issue #16): the sentences a finding is about, marked in the editor; a click in
检查结果 selects the sentence; 工具 > 载入本地要求. Loaded with the first narrative editor or on first use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from nianbao.core.coverage import Profile, ProfileError, load_profile
from nianbao.core.findings import Finding
from nianbao.core.text_check import sentence_around
from nianbao.resources import ASSETS

if TYPE_CHECKING:
    from nianbao.gui.main_window import MainWindow

MARKED = ("T1", "T2")  # findings about a sentence (the others are about a chapter as a whole)
SENTENCE_COLOUR = QColor("#fff1c2")
PROFILE_FILTER = "本地要求文件 (*.toml);;所有文件 (*)"
PROFILE_FOLDER = ASSETS / "profiles"  # the shipped example, as a start


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


class ProfileActions:
    """工具 > 载入本地要求… / 停用本地要求: the profile applies to every report opened in the window until stopped."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.act_load = QAction("载入本地要求(&L)…", window)
        self.act_load.setStatusTip("载入上级的年报编制要求（字数、必须写明的事项和数字），按要求检查正文")
        self.act_load.triggered.connect(lambda: self.load())
        self.act_stop = QAction("停用本地要求", window)
        self.act_stop.triggered.connect(lambda: self.use(None))
        self.act_stop.setEnabled(False)
        menu = window.tools_menu()
        menu.addSeparator()
        menu.addActions([self.act_load, self.act_stop])
        self._folder: Path | None = None

    def load(self, path: Path | None = None) -> Profile | None:
        w = self.window
        if path is None:
            path = w.dialogs.import_path(w, "载入本地要求", self._folder or PROFILE_FOLDER, PROFILE_FILTER)
        if path is None:
            return None
        try:
            profile = load_profile(path)
        except ProfileError as exc:
            w.dialogs.error(w, "无法载入本地要求", f"{exc}\n\n文件格式见使用说明（README“本地要求文件”）。")
            return None
        self._folder = path.parent
        self.use(profile)
        return profile

    def use(self, profile: Profile | None) -> None:
        w = self.window
        w.profile = profile
        change = w.session.document.set_profile(profile)
        w.session.changed.emit(change)
        self.act_stop.setEnabled(profile is not None)
        if profile is None:
            w.statusBar().showMessage("已停用本地要求。", 6000)
        else:
            w.statusBar().showMessage(
                f"已载入本地要求“{profile.name}”（{len(profile.requirements)} 条），正文按其检查。", 8000
            )
