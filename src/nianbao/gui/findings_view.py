"""The findings panel: every finding, errors first; click to jump to the cell; accept warnings with a note."""

from __future__ import annotations

import builtins

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


EMPTY_HINT = "修改报告时，这里会随时列出表格中的错误和提示；点击某一条可跳到对应的单元格。"


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
    """The summary, then the list with its buttons once there is something to list (built on first need: a clean
    report starts up without the list view), else a short hint."""

    focusRequested = Signal(object)  # Finding
    acceptRequested = Signal(object)  # Finding (an open warning)
    withdrawRequested = Signal(object)  # Finding (an accepted warning)

    def __init__(self, session: DocumentSession, recompute: QAction | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._recompute = recompute
        self._icons: dict[str, QIcon] = {}
        self._list: QListWidget | None = None
        self._detail: QWidget | None = None
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

    def _build(self) -> QListWidget:
        if self._list is not None:
            return self._list
        self._icons = {k: _dot(v) for k, v in _DOT.items()}
        detail = QWidget()
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 0, 0, 0)
        lst = QListWidget()
        lst.setWordWrap(True)
        lst.setIconSize(QSize(12, 12))
        lst.setSpacing(2)
        lst.setAlternatingRowColors(False)
        lst.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        lst.itemClicked.connect(self._clicked)
        lst.itemActivated.connect(self._clicked)
        lst.currentItemChanged.connect(lambda *_: self._update_buttons())
        box.addWidget(lst, 1)
        buttons = QHBoxLayout()
        self._accept = QPushButton("填写说明并接受…")
        self._accept.setToolTip("提示（不是错误）有正当原因时，可填写出错说明后接受；说明会保存在文件中。")
        self._accept.clicked.connect(lambda: self._emit_selected(self.acceptRequested))
        self._withdraw = QPushButton("撤销说明")
        self._withdraw.clicked.connect(lambda: self._emit_selected(self.withdrawRequested))
        buttons.addWidget(self._accept)
        buttons.addWidget(self._withdraw)
        buttons.addStretch(1)
        if self._recompute is not None:
            tool = QToolButton()
            tool.setDefaultAction(self._recompute)
            buttons.addWidget(tool)
        box.addLayout(buttons)
        self._layout.insertWidget(1, detail, 1)
        self._list, self._detail = lst, detail
        return lst

    @property
    def list(self) -> QListWidget:
        return self._build()

    @property
    def accept_button(self) -> QPushButton:
        self._build()
        return self._accept

    @property
    def withdraw_button(self) -> QPushButton:
        self._build()
        return self._withdraw

    def apply_change(self, change: Change) -> None:
        if change.findings_changed or change.accepted:
            self.refresh()

    def findings(self) -> builtins.list[Finding]:  # ("list" is the list view here)
        return self.session.document.findings

    def refresh(self) -> None:
        errors, warnings = self.session.document.counts()
        findings = self.findings()
        self.hint.setVisible(not findings)
        if self._list is None and not findings:
            self.summary.setText(f"<span style='color:#2e7d32'><b>{summary_text(0, 0)}</b></span>")
            return
        current = self.selected()
        self.list.clear()
        assert self._detail is not None
        self._detail.setVisible(bool(findings))
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
