"""The forms of issue #15: 导入已发布的年报 (review page), 批量审核, 汇总 (ui/*.ui, loaded when first asked)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from nianbao.batch.aggregate import Aggregated, AggregateError, aggregate
from nianbao.batch.audit import AuditResult, audit, finding_row
from nianbao.core.findings import Finding, table_name
from nianbao.core.report import LEVELS
from nianbao.core.values import format_value
from nianbao.gui.forms.ui_aggregate import Ui_AggregateDialog
from nianbao.gui.forms.ui_batch_audit import Ui_BatchAuditDialog
from nianbao.gui.forms.ui_import_review import Ui_ImportReviewDialog
from nianbao.importers.published import ImportFailed, ImportResult, import_text

PUBLISHED_FILTER = "已发布的年报 (*.docx *.pdf *.html *.htm *.txt);;所有文件 (*)"
ANY_FILTER = "年报文件 (*.nianbao *.xlsx *.docx *.pdf *.html *.htm *.txt);;所有文件 (*)"


def _fill(table: QTableWidget, rows: list[tuple[object, ...]]) -> None:
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.DisplayRole, value)  # numbers sort as numbers
            item.setToolTip(str(value))
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    for c in range(table.columnCount()):  # long labels and messages wrap into the tooltip, not off the screen
        table.setColumnWidth(c, min(table.columnWidth(c), 280))
    table.horizontalHeader().setStretchLastSection(True)


class ImportReviewDialog(QDialog):
    """The review page: the original text beside what was read; unmapped labels and doubtful cells listed."""

    def __init__(self, result: ImportResult | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ImportReviewDialog()
        self.ui.setupUi(self)
        self.outcome: ImportResult | None = None
        self._ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText("创建报告")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.ui.reread.clicked.connect(self.reread)
        self.ui.issues.itemDoubleClicked.connect(self._show_cell)
        self.ui.splitter.setSizes([450, 650])
        if result is None:  # paste mode: the clerk pastes the page's text, then 重新识别
            self.ui.detected.setText("请把从网页复制的年报全文粘贴到左边，然后点“重新识别”。")
            self._ok.setEnabled(False)
        else:
            self.ui.source.setPlainText(result.source)
            self.ui.reread.setVisible(False)
            self.ui.source.setReadOnly(True)
            self.show_result(result)

    def reread(self) -> None:
        try:
            result = import_text(self.ui.source.toPlainText())
        except ImportFailed as exc:
            self.ui.detected.setText(str(exc))
            self._ok.setEnabled(False)
            return
        self.show_result(result)

    def show_result(self, result: ImportResult) -> None:
        self.outcome = result
        r = result.report
        fmt = r.fmt
        self.ui.detected.setText(
            f"{r.title()}（{fmt.name}）。{result.detected}。"
            f"共识别 {len(r.values)} 个数字；未能对应 {len(result.unmapped)} 处，需要核对 {len(result.doubtful)} 处。"
        )
        rows: list[tuple[object, ...]] = []
        self._cell_rows: dict[str, int] = {}
        for table in fmt.tables.values():
            for cid in table.cells:
                if cid not in r.values:
                    continue
                spec = fmt.cells[cid]
                unit = r.unit(cid) if spec.units else ""
                self._cell_rows[cid] = len(rows)
                rows.append(
                    (
                        table_name(fmt, table.id),
                        spec.row_label,
                        spec.col_label,
                        format_value(r.values[cid], spec.kind) + unit,
                        r.notes.get(cid, ""),
                    )
                )
        _fill(self.ui.cells, rows)
        errors, warnings = self._show_grids(result)
        if errors or warnings:
            self.ui.detected.setText(
                self.ui.detected.text()
                + f"勾稽检查：{errors} 处错误、{warnings} 处提示（按原报告的数字，见表格中的颜色）。"
            )
        issues = [("未对应" if i.kind == "unmapped" else "需核对", i.where, i.text, i.reason) for i in result.issues]
        self._issue_cells = [i.cell for i in result.issues]
        _fill(self.ui.issues, [tuple(x) for x in issues])
        self._ok.setEnabled(True)

    def _show_grids(self, result: ImportResult) -> tuple[int, int]:
        """表二/三/四 as the report's own grids, read-only: stated totals and the cells breaking a rule coloured."""
        from PySide6.QtWidgets import QAbstractItemView

        from nianbao.core.document import ReportDocument
        from nianbao.gui.table_model import ReportTableModel
        from nianbao.gui.table_view import ReportTableView

        while self.ui.tables.count() > 1:
            page = self.ui.tables.widget(1)
            self.ui.tables.removeTab(1)
            page.deleteLater()
        document = ReportDocument(result.report)
        fmt = result.report.fmt
        self.grids: dict[str, ReportTableView] = {}
        for ch in fmt.chapters:
            if ch.table is None:
                continue
            view = ReportTableView(ReportTableModel(document, ch.table, lambda _batch: None))
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.grids[ch.table] = view
            self.ui.tables.addTab(view, table_name(fmt, ch.table))
        return document.counts()

    def _show_cell(self, item: QTableWidgetItem) -> None:
        cell = self._issue_cells[item.row()] if item.row() < len(self._issue_cells) else None
        if cell is not None and cell in self._cell_rows:
            self.ui.cells.selectRow(self._cell_rows[cell])


def _add_inputs(owner: QWidget, add: Callable[[str], None], folder: bool) -> None:
    if folder:
        name = QFileDialog.getExistingDirectory(owner, "选择文件夹")
        if name:
            add(name)
        return
    names, _ = QFileDialog.getOpenFileNames(owner, "选择文件", "", ANY_FILTER)
    for n in names:
        add(n)


class BatchAuditDialog(QDialog):
    """工具 > 批量审核: progress bar, sortable result table; a double-click asks the window to open the cell."""

    def __init__(self, open_finding: Callable[[Path, Finding], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_BatchAuditDialog()
        self.ui.setupUi(self)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.open_finding = open_finding
        self.outcome: AuditResult | None = None
        self._rows: list[tuple[Path, Finding]] = []
        self.ui.add_folder.clicked.connect(lambda: _add_inputs(self, self.add_path, True))
        self.ui.add_files.clicked.connect(lambda: _add_inputs(self, self.add_path, False))
        self.ui.clear.clicked.connect(self.ui.inputs.clear)
        self.ui.start.clicked.connect(self.start)
        self.ui.export.clicked.connect(self.export)
        self.ui.export.setEnabled(False)
        self.ui.results.itemDoubleClicked.connect(self._open)

    def add_path(self, path: str) -> None:
        self.ui.inputs.addItem(path)

    def paths(self) -> list[str]:
        return [self.ui.inputs.item(i).text() for i in range(self.ui.inputs.count())]

    def start(self) -> None:
        if not self.paths():
            self.ui.summary.setText("请先添加要审核的文件或文件夹。")
            return
        self.ui.start.setEnabled(False)

        def progress(done: int, total: int, path: Path) -> None:
            self.ui.progress.setMaximum(max(total, 1))
            self.ui.progress.setValue(done)
            self.ui.summary.setText(f"正在审核 {done}/{total}：{path.name}")
            QApplication.processEvents()

        try:
            result = audit(self.paths(), progress=progress, jobs=1)
        finally:
            self.ui.start.setEnabled(True)
        self.show_result(result)

    def show_result(self, result: AuditResult) -> None:
        self.outcome = result
        rows: list[tuple[object, ...]] = []
        self._rows = []
        for a in result.audited:
            for f in a.findings:
                self._rows.append((a.path, f))
                rows.append((len(self._rows) - 1, *finding_row(a, f)))
        for u in result.unreadable:
            rows.append((-1, str(u.path), "", "", "", "无法读取", "", "", "", "", "", u.reason))
        _fill(self.ui.results, [r[1:] for r in rows])
        for r, row in enumerate(rows):  # the finding behind each row, kept through sorting
            item = self.ui.results.item(r, 0)
            if item is not None:
                item.setData(Qt.ItemDataRole.UserRole, row[0])
        self.ui.results.setSortingEnabled(True)
        by_rule = "，".join(f"{rule} {n} 处" for rule, n in sorted(result.by_rule().items()))
        self.ui.summary.setText(
            f"共读取 {len(result.audited)} 份报告，其中 {result.with_errors} 份有错误；"
            f"{len(result.unreadable)} 个文件无法读取。" + (f"按规则：{by_rule}。" if by_rule else "")
        )
        self.ui.export.setEnabled(True)

    def _open(self, item: QTableWidgetItem) -> None:
        first = self.ui.results.item(item.row(), 0)
        index = first.data(Qt.ItemDataRole.UserRole) if first is not None else -1
        if isinstance(index, int) and 0 <= index < len(self._rows):
            path, finding = self._rows[index]
            self.open_finding(path, finding)

    def export(self) -> None:
        if self.outcome is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "导出审核结果", "审核结果.xlsx", "Excel 工作簿 (*.xlsx)")
        if name:
            from nianbao.batch.audit import write_xlsx
            from nianbao.core.storage import StorageError

            try:
                write_xlsx(self.outcome, Path(name))
            except StorageError as exc:
                self.ui.summary.setText(str(exc))
                return
            self.ui.summary.setText(f"已导出 {name}")


class AggregateDialog(QDialog):
    """工具 > 汇总: files or folders, the issuer of the total; the result listed, then opened as a new report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AggregateDialog()
        self.ui.setupUi(self)
        self.ui.level.addItems(list(LEVELS))
        self.ui.level.setCurrentText("县级政府")
        self._open = self.ui.buttons.button(QDialogButtonBox.StandardButton.Open)
        self._open.setText("打开汇总报告")
        self._open.setEnabled(False)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.outcome: Aggregated | None = None
        self.ui.add_folder.clicked.connect(lambda: _add_inputs(self, self.add_path, True))
        self.ui.add_files.clicked.connect(lambda: _add_inputs(self, self.add_path, False))
        self.ui.clear.clicked.connect(self.ui.inputs.clear)
        self.ui.run.clicked.connect(self.run)

    def add_path(self, path: str) -> None:
        self.ui.inputs.addItem(path)

    def run(self) -> None:
        paths = [self.ui.inputs.item(i).text() for i in range(self.ui.inputs.count())]
        issuer = self.ui.issuer.text().strip()
        if not paths or not issuer:
            self.ui.log.setPlainText("请添加要汇总的文件或文件夹，并填写汇总报告的发布机关。")
            return

        def progress(done: int, total: int, path: Path) -> None:
            self.ui.progress.setMaximum(max(total, 1))
            self.ui.progress.setValue(done)
            QApplication.processEvents()

        try:
            level, skip = self.ui.level.currentText(), self.ui.skip_errors.isChecked()
            result = aggregate(paths, issuer, level, skip, progress, jobs=1)  # in-process: the bar moves
        except AggregateError as exc:
            self.outcome = None
            self._open.setEnabled(False)
            self.ui.log.setPlainText(str(exc))
            return
        self.outcome = result
        self.ui.log.setPlainText("\n".join([f"{result.report.title()}（{result.report.fmt.name}）", *result.lines()]))
        self._open.setEnabled(True)
