"""The forms behind Dialogs: 新建报告 and 出错说明 (ui/new_report.ui, ui/accept_warning.ui; loaded when first asked)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from nianbao.core.findings import Finding
from nianbao.core.report import LEVELS
from nianbao.definition import format_for_year, format_ids, load_format
from nianbao.gui.forms.ui_accept_warning import Ui_AcceptWarningDialog
from nianbao.gui.forms.ui_new_report import Ui_NewReportDialog


@dataclass(frozen=True, slots=True)
class NewReportChoice:
    """What 新建报告 returns."""

    year: int
    issuer: str
    level: str
    format_id: str


class NewReportDialog(QDialog):
    """新建: report year, issuer, level; the format follows the year unless overridden."""

    def __init__(self, default_year: int, parent: QWidget | None = None, issuer: str = "", level: str = "") -> None:
        super().__init__(parent)
        self.ui = Ui_NewReportDialog()
        self.ui.setupUi(self)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.ui.year.setValue(default_year)
        self.ui.level.addItems(list(LEVELS))
        # a 县直部门 makes its report each year with the same issuer and level: they default from the open report
        self.ui.issuer.setText(issuer)
        if level in LEVELS:
            self.ui.level.setCurrentText(level)
        for fid in format_ids():
            self.ui.format.addItem(load_format(fid).name, fid)
        self._format_touched = False
        self.ui.format.activated.connect(self._format_chosen)
        self.ui.year.valueChanged.connect(self._follow_year)
        self._follow_year(default_year)

    def _format_chosen(self, _index: int) -> None:
        self._format_touched = True

    def _follow_year(self, year: int) -> None:
        if not self._format_touched:
            self.ui.format.setCurrentIndex(self.ui.format.findData(format_for_year(year).id))

    def choice(self) -> NewReportChoice:
        ui = self.ui
        issuer = ui.issuer.text().strip()
        return NewReportChoice(ui.year.value(), issuer, ui.level.currentText(), str(ui.format.currentData()))


class AcceptWarningDialog(QDialog):
    """出错说明: a warning is accepted only with a written explanation."""

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AcceptWarningDialog()
        self.ui.setupUi(self)
        self.ui.message.setText(finding.message)
        self.ui.text.setPlainText(finding.accepted or "")
        self._ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText("接受提示")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.ui.text.textChanged.connect(self._text_changed)
        self._text_changed()

    def _text_changed(self) -> None:
        self._ok.setEnabled(bool(self.explanation()))

    def explanation(self) -> str:
        return self.ui.text.toPlainText().strip()
