"""Window side of issue #15: 文件 > 从上年报告新建 and 导入已发布的年报, 工具 > 批量审核 and 汇总, the
上年报告 dock that shows last year's text of the current chapter, read-only, beside the editor, and the 汇总来源
dock that lists the files a 汇总 report was summed from (and those left out).

`install(window)` adds the actions and the dock; the dialogs load on first use (gui/yearly_dialogs.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QPlainTextEdit

if TYPE_CHECKING:
    from nianbao.core.findings import Finding
    from nianbao.core.report import Report
    from nianbao.gui.main_window import MainWindow

LAST_YEAR_FILTER = "上年报告 (*.nianbao *.docx *.pdf *.html *.htm *.txt);;所有文件 (*)"


class YearlyActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w = window
        self.act_from_last = QAction("从上年报告新建(&L)…", w)
        self.act_from_last.setStatusTip("选择上年的项目文件或已发布的年报，带入基本信息和上年结转数字")
        self.act_from_last.triggered.connect(lambda: self.new_from_last_year())
        self.act_import_published = QAction("导入已发布的年报(&P)…", w)
        self.act_import_published.setStatusTip("读取已发布的 Word、PDF、网页或文本，核对后生成报告")
        self.act_import_published.triggered.connect(lambda: self.import_published())
        self.act_paste_published = QAction("粘贴网页文字导入(&T)…", w)
        self.act_paste_published.triggered.connect(lambda: self.import_published(paste=True))
        self.act_audit = QAction("批量审核(&A)…", w)
        self.act_audit.setStatusTip("审核一批项目文件和已发布的年报，列出全部勾稽问题")
        self.act_audit.triggered.connect(lambda: self.batch_audit())
        self.act_aggregate = QAction("汇总(&S)…", w)
        self.act_aggregate.setStatusTip("把同一年度的多份报告逐格相加，生成汇总报告")
        self.act_aggregate.triggered.connect(lambda: self.aggregate())
        w.file_menu.insertAction(w.act_open, self.act_from_last)
        w.import_menu.addActions([self.act_import_published, self.act_paste_published])
        self.tools_menu = w.tools_menu()
        self.tools_menu.addActions([self.act_audit, self.act_aggregate])
        # each read-only dock and its text are made when first needed
        self.dock: QDockWidget | None = None  # 上年报告: with the first report that has last year's text
        self.text: QPlainTextEdit | None = None
        self.sources_dock: QDockWidget | None = None  # 汇总来源: with the first 汇总 report opened
        self.sources_text: QPlainTextEdit | None = None
        w.sessionInstalled.connect(self.session_installed)
        self.session_installed()

    # ------------------------------------------------------------------ the 上年报告 dock
    def session_installed(self) -> None:
        """After every 新建/打开: follow the new tabs; the dock shows only when there is last year's text."""
        w = self.window
        self.show_sources()
        prev = w.session.document.report.previous
        wanted = prev is not None and any(prev.narrative.values())
        if self.dock is None and not wanted:
            return  # start-up: no dock, no Qt namespace
        w.tabs.currentChanged.connect(lambda _i: self.show_last_year())
        if self.dock is None:
            self.dock, self.text = self._read_only_dock("上年报告", "last_year")
        self.dock.setVisible(wanted)
        self.show_last_year()

    def _read_only_dock(self, title: str, name: str) -> tuple[QDockWidget, QPlainTextEdit]:
        from PySide6.QtCore import Qt  # not at import: start-up leaves the Qt namespace alone (gui/qt_names.py)

        w = self.window
        dock = QDockWidget(title, w)
        dock.setObjectName(name)
        text = QPlainTextEdit()
        text.setReadOnly(True)
        dock.setWidget(text)
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        w.view_menu.addAction(dock.toggleViewAction())
        w.resizeDocks([dock], [max(240, w.height() // 2)], Qt.Orientation.Vertical)  # room to read
        return dock, text

    def show_sources(self) -> None:
        """汇总来源: for a 汇总 report, the files summed and those left out (stored in the project file)."""
        sources = self.window.session.document.report.sources
        if sources is None:
            if self.sources_dock is not None:
                self.sources_dock.setVisible(False)
            return
        if self.sources_dock is None or self.sources_text is None:
            self.sources_dock, self.sources_text = self._read_only_dock("汇总来源", "aggregate_sources")
        self.sources_text.setPlainText("\n".join(sources.lines()))
        self.sources_dock.setVisible(True)

    def show_last_year(self) -> None:
        if self.text is None:
            return  # no 上年报告 dock yet
        w = self.window
        prev = w.session.document.report.previous
        index = w.tabs.currentIndex()
        chapters = w.session.document.fmt.chapters
        if prev is None or not 0 <= index < len(chapters):
            self.text.setPlainText("")
            return
        ch = chapters[index]
        parts = []
        if ch.id == "ch1" and prev.narrative.get("preface"):
            parts.append("【前言】\n" + prev.narrative["preface"])
        body = prev.narrative.get(ch.id, "")
        if ch.kind == "narrative":
            parts.append(f"【{prev.year}年 {ch.title}】\n" + (body or "（上年报告此章为空）"))
        else:
            parts.append(f"{ch.title}：表格数字见“检查结果”中的跨年度提示。")
        self.text.setPlainText("\n\n".join(parts))

    # ------------------------------------------------------------------ 从上年报告新建
    def new_from_last_year(self, path: Path | None = None) -> bool:
        w = self.window
        if not w.maybe_save():
            return False
        from nianbao.batch.sources import SourceError, open_any
        from nianbao.core.carry import from_last_year

        got = w.read_chosen(
            path,
            "从上年报告新建",
            LAST_YEAR_FILTER,
            lambda p: from_last_year(open_any(p).report),
            SourceError,
            "无法读取上年报告",
        )
        if got is None:
            return False
        path, carried = got
        w.open_unsaved(carried.report)
        lines = [f"已从“{Path(path).name}”新建 {carried.report.title()}。", ""]
        lines += [f"已带入：{x}" for x in ("基本信息和联系方式", *carried.carried)]
        lines += [f"未带入：{x}" for x in carried.not_carried]
        lines += ["", "上年的正文显示在右侧“上年报告”窗格中，仅供参考。"]
        w.dialogs.info(w, "从上年报告新建", "\n".join(lines))
        return True

    # ------------------------------------------------------------------ 导入已发布的年报
    def import_published(self, path: Path | None = None, paste: bool = False) -> bool:
        w = self.window
        if not w.maybe_save():
            return False
        result = None
        name = "粘贴的文字"
        if not paste:
            from nianbao.gui.yearly_dialogs import PUBLISHED_FILTER
            from nianbao.importers.published import ImportFailed, read_published

            got = w.read_chosen(path, "导入已发布的年报", PUBLISHED_FILTER, read_published, ImportFailed, "无法导入")
            if got is None:
                return False
            path, result = got
            name = Path(path).name
        report = w.dialogs.review_import(w, result)
        if report is None:
            return False
        self.open_unsaved(report, f"从“{name}”导入")
        w.statusBar().showMessage("已导入，请核对后保存为年报助手项目文件。", 8000)
        return True

    def open_unsaved(self, report: Report, name: str) -> None:
        self.window.open_unsaved(report, name)

    # ------------------------------------------------------------------ 批量审核 and 汇总
    def batch_audit(self) -> None:
        from PySide6.QtCore import Qt

        from nianbao.gui.yearly_dialogs import BatchAuditDialog

        dialog = BatchAuditDialog(self.open_finding, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.audit_dialog = dialog
        dialog.show()

    def open_finding(self, path: Path, finding: Finding) -> None:
        """A double-click in 批量审核: open that report (a published one as a new report) at the cell."""
        w = self.window
        if path.suffix.lower() == ".nianbao":
            if not w.open_file(path):
                return
        else:
            from nianbao.batch.sources import SourceError, open_any

            if not w.maybe_save():
                return
            got = w.read_chosen(path, "打开", "", open_any, SourceError, "无法打开")
            if got is None:
                return
            self.open_unsaved(got[1].report, f"从“{path.name}”导入")
        current = w.session.document.checker.findings.get(finding.rule, finding)
        w.focus_finding(current)
        w.activateWindow()

    def aggregate(self) -> bool:
        from PySide6.QtWidgets import QDialog

        from nianbao.gui.yearly_dialogs import AggregateDialog

        w = self.window
        dialog = AggregateDialog(w)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None or not w.maybe_save():
            return False
        self.open_unsaved(dialog.outcome.report, "汇总报告")
        return True


def install(window: MainWindow) -> YearlyActions:
    return YearlyActions(window)
