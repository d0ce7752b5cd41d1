"""The findings panel: every finding, errors first; click to jump to the cell; accept warnings with a note."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nianbao.core.completeness import is_unfilled, unfilled
from nianbao.core.edits import Change
from nianbao.core.findings import Finding
from nianbao.definition import Severity
from nianbao.gui.session import DocumentSession

if TYPE_CHECKING:  # loaded with the first finding
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QListWidget, QPushButton

    from nianbao.gui.findings_list import FindingsList

EMPTY_HINT = "修改报告时，这里会随时列出表格中的错误和提示；点击某一条可跳到对应的单元格。"


def summary_text(errors: int, warnings: int, unfilled: int = 0) -> str:
    """Status bar text: `2 处错误，1 处提示`; 勾稽关系无误，尚有 N 处未填写; 勾稽关系全部通过 only when nothing is open
    and nothing is left empty."""
    if not errors and not warnings:
        return f"勾稽关系无误，尚有 {unfilled} 处未填写" if unfilled else "勾稽关系全部通过"
    parts = []
    if errors:
        parts.append(f"{errors} 处错误")
    if warnings:
        parts.append(f"{warnings} 处提示")
    if unfilled:
        parts.append(f"尚有 {unfilled} 处未填写")
    return "，".join(parts)


class FindingsPanel(QWidget):
    """The summary, then the list with its buttons once there is something to list, else a short hint."""

    focusRequested = Signal(object)  # Finding
    acceptRequested = Signal(object)  # Finding (an open warning)
    withdrawRequested = Signal(object)  # Finding (an accepted warning)

    def __init__(self, session: DocumentSession, recompute: QAction | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._recompute = recompute
        self._detail: FindingsList | None = None
        self._unfilled: builtins.list[str] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 4, 6, 6)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._layout.addWidget(self.summary)
        self.hint = QLabel(EMPTY_HINT)
        self.hint.setWordWrap(True)
        self._layout.addWidget(self.hint)
        self._layout.addStretch(1)
        session.changed.connect(self.apply_change)
        self.refresh()

    def _build(self) -> FindingsList:
        if self._detail is None:
            from nianbao.gui.findings_list import FindingsList

            detail = FindingsList(self._recompute)
            detail.clicked.connect(self._clicked)
            detail.selectionChanged.connect(self._update_buttons)
            detail.accept_button.clicked.connect(lambda: self._emit_selected(self.acceptRequested))
            detail.withdraw_button.clicked.connect(lambda: self._emit_selected(self.withdrawRequested))
            self._layout.insertWidget(1, detail, 1)
            self._detail = detail
        return self._detail

    @property
    def list(self) -> QListWidget:
        return self._build().list

    @property
    def accept_button(self) -> QPushButton:
        return self._build().accept_button

    @property
    def withdraw_button(self) -> QPushButton:
        return self._build().withdraw_button

    def apply_change(self, change: Change) -> None:
        if change.findings_changed or change.accepted or self._unfilled != self._unfilled_rules():
            self.refresh()

    def _unfilled_rules(self) -> builtins.list[str]:
        return [f.rule for f in unfilled(self.session.report)]

    def findings(self) -> builtins.list[Finding]:  # ("list" is the list view here)
        """The rule findings, then what is still empty (提示 that cannot be accepted)."""
        return self.session.document.findings + unfilled(self.session.report)

    def refresh(self) -> None:
        errors, warnings = self.session.document.counts()
        findings = self.findings()
        self._unfilled = [f.rule for f in findings if is_unfilled(f)]
        self.hint.setVisible(not findings)
        # the list, once shown, takes the dock's height; the stretch under the hint only keeps the hint at the top
        self._layout.setStretch(self._layout.count() - 1, 0 if findings else 1)
        accepted = sum(1 for f in findings if f.accepted)
        text = summary_text(errors, warnings, len(self._unfilled))
        if accepted:
            text += f"（另有 {accepted} 处提示已说明）"
        colour = "#222" if errors or warnings or self._unfilled else "#2e7d32"
        self.summary.setText(f"<span style='color:{colour}'><b>{text}</b></span>")
        if self._detail is None and not findings:
            return
        detail = self._build()
        detail.fill(findings, detail.current_rule())
        detail.setVisible(bool(findings))
        self._update_buttons()

    def selected(self) -> Finding | None:
        rule = None if self._detail is None else self._detail.current_rule()
        return next((f for f in self.findings() if f.rule == rule), None) if rule else None

    def _clicked(self, rule: str) -> None:
        f = next((f for f in self.findings() if f.rule == rule), None)
        if f is not None:
            self.focusRequested.emit(f)

    def _emit_selected(self, signal: SignalInstance) -> None:
        f = self.selected()
        if f is not None:
            signal.emit(f)

    def _update_buttons(self) -> None:
        if self._detail is None:
            return
        f = self.selected()
        acceptable = f is not None and f.severity == Severity.WARNING and not f.accepted and not is_unfilled(f)
        self._detail.accept_button.setEnabled(acceptable)
        self._detail.withdraw_button.setEnabled(f is not None and bool(f.accepted))
