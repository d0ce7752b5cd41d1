"""Every modal question the window asks, in one object: tests replace it (the one seam for dialogs).

The forms (新建报告, 出错说明) live in gui/report_dialogs.py and load on first use, as do the Qt dialog classes
(start-up time)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from nianbao.core.storage import SUFFIX

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from nianbao.core.findings import Finding
    from nianbao.core.report import Report
    from nianbao.gui.report_dialogs import NewReportChoice
    from nianbao.importers.published import ImportResult

SaveAnswer = Literal["save", "discard", "cancel"]
FILE_FILTER = f"年报助手项目文件 (*{SUFFIX});;所有文件 (*)"


class Dialogs:
    """Real dialogs. Methods return plain values; no method touches the document."""

    def ask_save_changes(self, parent: QWidget, name: str) -> SaveAnswer:
        from PySide6.QtWidgets import QMessageBox

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
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, title, text)

    def open_path(self, parent: QWidget, start: Path | None) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(parent, "打开报告", str(start or ""), FILE_FILTER)
        return Path(name) if name else None

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(parent, "另存为", str(suggested), FILE_FILTER)
        return Path(name) if name else None

    def info(self, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, title, text)

    def review_import(self, parent: QWidget, result: ImportResult | None) -> Report | None:
        """导入已发布的年报: the review page; the report to create, or None (cancelled). None result: paste mode."""
        from PySide6.QtWidgets import QDialog

        from nianbao.gui.yearly_dialogs import ImportReviewDialog

        dialog = ImportReviewDialog(result, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None:
            return None
        return dialog.outcome.report

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        """A yes/no question; the default answer is 否."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def export_path(self, parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
        return Path(name) if name else None

    def import_path(self, parent: QWidget, title: str, start: Path | None, file_filter: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(parent, title, str(start or ""), file_filter)
        return Path(name) if name else None

    def print_preview(self, parent: QWidget, report: Report) -> None:
        from nianbao.gui.pdf import print_preview  # QtPrintSupport: loaded on first use

        print_preview(report, parent)

    def after_export(self, parent: QWidget, path: Path) -> str:
        """After an export: "file" (open it), "folder" (open its folder) or "" (close)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, "导出完成", f"已导出：\n{path}", parent=parent)
        open_file = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "file" if clicked is open_file else "folder" if clicked is open_folder else ""

    def new_report(
        self, parent: QWidget, default_year: int, issuer: str = "", level: str = ""
    ) -> NewReportChoice | None:
        from PySide6.QtWidgets import QDialog

        from nianbao.gui.report_dialogs import NewReportDialog

        dialog = NewReportDialog(default_year, parent, issuer, level)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def accept_warning(self, parent: QWidget, finding: Finding) -> str | None:
        from PySide6.QtWidgets import QDialog

        from nianbao.gui.report_dialogs import AcceptWarningDialog

        dialog = AcceptWarningDialog(finding, parent)
        return dialog.explanation() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_recover(self, parent: QWidget | None, description: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent,
            "恢复未保存的报告",
            f"年报助手上次没有正常退出，找到自动保存的内容：\n\n{description}\n\n是否恢复？选择“否”将删除这份自动保存。",
        )
        return answer == QMessageBox.StandardButton.Yes
