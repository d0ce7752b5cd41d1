"""The findings panel: every finding, errors first; click to jump to the cell; accept warnings with a note."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal, SignalInstance
from PySide6.QtGui import QAction, QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nianbao.core.edits import Change
from nianbao.core.findings import Finding
from nianbao.gui.session import DocumentSession

RULE_ROLE = 0x0100 + 1  # Qt.ItemDataRole.UserRole + 1, as a number: start-up leaves the Qt namespace alone
_DOT = {"error": "#c62828", "warning": "#e0a100", "accepted": "#b0b0b0"}


def summary_text(errors: int, warnings: int) -> str:
    """Status bar text: `2 处错误，1 处提示`, or 勾稽关系全部通过 when there is nothing open."""
    if not errors and not warnings:
        return "勾稽关系全部通过"
    parts = []
    if errors:
        parts.append(f"{errors} 处错误")
    if warnings:
        parts.append(f"{warnings} 处提示")
    return "，".join(parts)


def _dot(colour: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(colour))
    return QIcon(pix)


class FindingsPanel(QWidget):
    focusRequested = Signal(object)  # Finding
    acceptRequested = Signal(object)  # Finding (an open warning)
    withdrawRequested = Signal(object)  # Finding (an accepted warning)

    def __init__(self, session: DocumentSession, recompute: QAction | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._icons = {k: _dot(v) for k, v in _DOT.items()}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setIconSize(QSize(12, 12))
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(False)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton("填写说明并接受…")
        self.accept_button.setToolTip("提示（不是错误）有正当原因时，可填写出错说明后接受；说明会保存在文件中。")
        self.accept_button.clicked.connect(lambda: self._emit_selected(self.acceptRequested))
        self.withdraw_button = QPushButton("撤销说明")
        self.withdraw_button.clicked.connect(lambda: self._emit_selected(self.withdrawRequested))
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        if recompute is not None:
            tool = QToolButton()
            tool.setDefaultAction(recompute)
            buttons.addWidget(tool)
        layout.addLayout(buttons)
        session.changed.connect(self.apply_change)
        self.refresh()

    def apply_change(self, change: Change) -> None:
        if change.findings_changed or change.accepted:
            self.refresh()

    def findings(self) -> list[Finding]:
        return self.session.document.findings

    def refresh(self) -> None:
        current = self.selected()
        self.list.clear()
        errors, warnings = self.session.document.counts()
        findings = self.findings()
        accepted = sum(1 for f in findings if f.accepted)
        text = summary_text(errors, warnings)
        if accepted:
            text += f"（另有 {accepted} 处提示已说明）"
        colour = "#222" if errors or warnings else "#2e7d32"
        self.summary.setText(f"<span style='color:{colour}'><b>{text}</b></span>")
        for f in findings:
            if f.severity == "error":
                tag, icon = "错误", self._icons["error"]
            elif f.accepted:
                tag, icon = "提示（已说明）", self._icons["accepted"]
            else:
                tag, icon = "提示", self._icons["warning"]
            body = f"【{tag}】{f.message}"
            if f.accepted:
                body += f"\n说明：{f.accepted}"
            item = QListWidgetItem(icon, body)
            item.setData(RULE_ROLE, f.rule)
            item.setToolTip(body)
            if f.accepted:
                item.setForeground(QBrush(QColor("#8c8c8c")))
            self.list.addItem(item)
            if current is not None and f.rule == current.rule:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def selected(self) -> Finding | None:
        item = self.list.currentItem()
        if item is None:
            return None
        rule = item.data(RULE_ROLE)
        return next((f for f in self.findings() if f.rule == rule), None)

    def item_for(self, rule: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(RULE_ROLE) == rule:
                return item
        return None

    def _clicked(self, item: QListWidgetItem) -> None:
        rule = item.data(RULE_ROLE)
        f = next((f for f in self.findings() if f.rule == rule), None)
        if f is not None:
            self.focusRequested.emit(f)

    def _emit_selected(self, signal: SignalInstance) -> None:
        f = self.selected()
        if f is not None:
            signal.emit(f)

    def _update_buttons(self) -> None:
        f = self.selected()
        self.accept_button.setEnabled(f is not None and f.severity == "warning" and not f.accepted)
        self.withdraw_button.setEnabled(f is not None and bool(f.accepted))
