"""Every modal question the window asks, in one object: tests replace it (the one seam for dialogs)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nianbao.core.findings import Finding
from nianbao.core.report import LEVELS
from nianbao.core.storage import SUFFIX
from nianbao.definition import format_for_year, format_ids, load_format

if TYPE_CHECKING:
    from nianbao.core.report import Report

SaveAnswer = Literal["save", "discard", "cancel"]
FILE_FILTER = f"年报助手项目文件 (*{SUFFIX});;所有文件 (*)"


@dataclass(frozen=True)
class NewReportChoice:
    year: int
    issuer: str
    level: str
    format_id: str


class Dialogs:
    """Real dialogs. Methods return plain values; no method touches the document."""

    def ask_save_changes(self, parent: QWidget, name: str) -> SaveAnswer:
        box = QMessageBox(QMessageBox.Icon.Warning, "年报助手", f"“{name}”有尚未保存的修改。是否保存？", parent=parent)
        box.setInformativeText("如果不保存，本次修改将会丢失。")
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def error(self, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def open_path(self, parent: QWidget, start: Path | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "打开报告", str(start or ""), FILE_FILTER)
        return Path(name) if name else None

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, "另存为", str(suggested), FILE_FILTER)
        return Path(name) if name else None

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        """A yes/no question; the default answer is 否."""
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def export_path(self, parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
        return Path(name) if name else None

    def import_path(self, parent: QWidget, title: str, start: Path | None, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(start or ""), file_filter)
        return Path(name) if name else None

    def print_preview(self, parent: QWidget, report: Report) -> None:
        from nianbao.gui.pdf import print_preview  # QtPrintSupport: loaded on first use

        print_preview(report, parent)

    def new_report(self, parent: QWidget, default_year: int) -> NewReportChoice | None:
        dialog = NewReportDialog(default_year, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def accept_warning(self, parent: QWidget, finding: Finding) -> str | None:
        dialog = AcceptWarningDialog(finding, parent)
        return dialog.explanation() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_recover(self, parent: QWidget | None, description: str) -> bool:
        answer = QMessageBox.question(
            parent,
            "恢复未保存的报告",
            f"年报助手上次没有正常退出，找到自动保存的内容：\n\n{description}\n\n是否恢复？选择“否”将删除这份自动保存。",
        )
        return answer == QMessageBox.StandardButton.Yes


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
