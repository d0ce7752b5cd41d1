"""The list of findings with its buttons (填写说明并接受, 撤销说明, 重新计算合计).

Loaded and built with the first finding (findings_view.FindingsPanel): a clean report starts without the list view.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nianbao.core.findings import Finding
from nianbao.definition import Severity
from nianbao.gui.wrap_layout import WrapLayout

_DOT = {"error": "#c62828", "warning": "#e0a100", "accepted": "#b0b0b0"}


def _dot(colour: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(colour))
    return QIcon(pix)


class FindingsList(QWidget):
    clicked = Signal(str)  # rule id of the finding clicked or activated
    selectionChanged = Signal()

    def __init__(self, recompute: QAction | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icons = {k: _dot(v) for k, v in _DOT.items()}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self._rules: list[str] = []  # the rule id of each row
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setIconSize(QSize(12, 12))
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(False)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.list.currentItemChanged.connect(lambda *_: self.selectionChanged.emit())
        box.addWidget(self.list, 1)
        # the buttons wrap onto a second line in a narrow dock (180 px) rather than being cut or widening it
        self.buttons = QWidget()
        buttons = WrapLayout(self.buttons, spacing=6)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.accept_button = QPushButton("填写说明并接受…")
        self.accept_button.setToolTip("提示（不是错误）有正当原因时，可填写出错说明后接受；说明会保存在文件中。")
        self.withdraw_button = QPushButton("撤销说明")
        self.withdraw_button.setToolTip("撤销所选提示的说明，它又算作未处理的提示。")
        buttons.add_widget(self.accept_button)
        buttons.add_widget(self.withdraw_button)
        if recompute is not None:
            tool = QToolButton()
            tool.setDefaultAction(recompute)
            buttons.add_widget(tool)
        box.addWidget(self.buttons)

    def fill(self, findings: list[Finding], current_rule: str | None) -> None:
        """One item per finding (accepted warnings greyed, with their explanation); keep the current one."""
        self.list.clear()
        self._rules = [f.rule for f in findings]
        for f in findings:
            if f.severity == Severity.ERROR:
                tag, icon = "错误", self._icons["error"]
            elif f.accepted:
                tag, icon = "提示（已说明）", self._icons["accepted"]
            else:
                tag, icon = "提示", self._icons["warning"]
            body = f"【{tag}】{f.message}"
            if f.accepted:
                body += f"\n说明：{f.accepted}"
            item = QListWidgetItem(icon, body)
            item.setToolTip(body)
            if f.accepted:
                item.setForeground(QBrush(QColor("#8c8c8c")))
            self.list.addItem(item)
            if f.rule == current_rule:
                self.list.setCurrentItem(item)

    def current_rule(self) -> str | None:
        row = self.list.currentRow()
        return self._rules[row] if 0 <= row < len(self._rules) else None

    def _clicked(self, item: QListWidgetItem) -> None:
        self.clicked.emit(self._rules[self.list.row(item)])
