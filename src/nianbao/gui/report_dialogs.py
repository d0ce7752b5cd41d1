"""The forms behind Dialogs: 新建报告 and 出错说明 (loaded when first asked, not at start-up)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nianbao.core.findings import Finding
from nianbao.core.report import LEVELS
from nianbao.definition import format_for_year, format_ids, load_format
from nianbao.gui.dialogs import NewReportChoice


class NewReportDialog(QDialog):
    """新建: report year, issuer, level; the format follows the year unless overridden."""

    def __init__(self, default_year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setRange(2008, 2100)
        self.year.setValue(default_year)
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText("例如：某某镇人民政府")
        self.level = QComboBox()
        self.level.addItems(list(LEVELS))
        self.format = QComboBox()
        for fid in format_ids():
            self.format.addItem(load_format(fid).name, fid)
        self._format_touched = False
        self.format.activated.connect(lambda _i: setattr(self, "_format_touched", True))
        self.year.valueChanged.connect(self._follow_year)
        self._follow_year(default_year)
        form.addRow("报告年度", self.year)
        form.addRow("发布机关", self.issuer)
        form.addRow("层级", self.level)
        form.addRow("报告格式", self.format)
        hint = QLabel("报告格式按年度自动选择：2019、2020年度用试行格式，2021年度起用2021年格式。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def _follow_year(self, year: int) -> None:
        if not self._format_touched:
            self.format.setCurrentIndex(self.format.findData(format_for_year(year).id))

    def choice(self) -> NewReportChoice:
        return NewReportChoice(
            self.year.value(), self.issuer.text().strip(), self.level.currentText(), str(self.format.currentData())
        )


class AcceptWarningDialog(QDialog):
    """出错说明: a warning is accepted only with a written explanation."""

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("填写出错说明")
        layout = QVBoxLayout(self)
        message = QLabel(finding.message)
        message.setWordWrap(True)
        layout.addWidget(message)
        layout.addWidget(QLabel("请说明原因（将保存在报告文件中）："))
        self.text = QPlainTextEdit(finding.accepted or "")
        self.text.setPlaceholderText("例如：上年报告结转数字有误，本年已按实际情况更正。")
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("接受提示")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        ok.setEnabled(bool(self.explanation()))
        self.text.textChanged.connect(lambda: ok.setEnabled(bool(self.explanation())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 260)

    def explanation(self) -> str:
        return self.text.toPlainText().strip()
