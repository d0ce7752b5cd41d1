"""The editing window: 基本信息, one tab per chapter, findings dock, menus, files, autosave."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nianbao.core import storage
from nianbao.core.completeness import unfilled, unfilled_names
from nianbao.core.edits import Change, EditBatch, EditError
from nianbao.core.file_guard import FileGuard
from nianbao.core.findings import Finding
from nianbao.core.oserrors import describe
from nianbao.core.report import new_report
from nianbao.core.storage import StorageError
from nianbao.definition import Severity
from nianbao.export.formats import EXPORT_FORMATS, ExportFormat
from nianbao.gui.autosave import AUTOSAVE_MS, Autosaver
from nianbao.gui.chapter_page import ChapterPage, NarrativePage, TablePage, build_page
from nianbao.gui.dock_width import DockWidth
from nianbao.gui.findings_view import FindingsPanel, summary_text
from nianbao.gui.meta_panel import MetaPanel
from nianbao.gui.profile_actions import ProfileActions
from nianbao.gui.qt_names import set_property, set_shortcuts
from nianbao.gui.services import Services
from nianbao.gui.session import DocumentSession
from nianbao.gui.status_bar import StatusBar
from nianbao.gui.window_layout import restore as restore_layout
from nianbao.gui.window_layout import save as save_layout
from nianbao.resources import asset_path, load_example

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent

    from nianbao.core.coverage import Profile
    from nianbao.core.report import Report

# Start-up leaves PySide's Qt namespace alone (gui/qt_names.py): code that runs later imports Qt where it is used.
APP_TITLE = "年报助手"


XLSX_FILTER = "Excel 工作簿 (*.xlsx);;所有文件 (*)"
T = TypeVar("T")  # what an importer reads a file into
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_file_name(name: str) -> str:
    """A file name Windows accepts: forbidden characters become “_”, no trailing dots or spaces."""
    return _UNSAFE_NAME.sub("_", name).strip().rstrip(". ") or "年度报告"


def documents_dir() -> Path:
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location and Path(location).is_dir() else Path.home()


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    """The wait cursor while a slow job (export, import) runs, whatever way it ends."""
    from PySide6.QtCore import Qt  # not at import: start-up leaves the Qt namespace alone

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def toolbar_icon(name: str) -> QIcon:
    """assets/toolbar/NAME.png; Qt loads NAME@2x.png beside it on high-DPI screens."""
    return QIcon(asset_path(f"toolbar/{name}.png"))


def prepared_year(today: date | None = None) -> int:
    """The report year being prepared: from October on the current year, before that the previous one."""
    if today is None:
        now = time.localtime()  # not datetime: start-up does not need that module
        year, month = now.tm_year, now.tm_mon
    else:
        year, month = today.year, today.month
    return year if month >= 10 else year - 1


class AfterFirstPaint(QObject):
    """Runs `then` once, just after `widget` is first painted (an event filter that removes itself)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # once this paint has reached the screen
            self.deleteLater()
        return False


class MainWindow(QMainWindow):
    sessionInstalled = Signal()  # after the pages of a new session are built (新建, 打开, 导入)

    def __init__(self, session: DocumentSession, services: Services, autosaver: Autosaver | None = None) -> None:
        super().__init__()
        self.services = services
        self.dialogs = services.dialogs
        self.setWindowIcon(QIcon(asset_path("icon.png")))
        self.setAcceptDrops(True)
        self.undo_group = QUndoGroup(self)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.setStatusBar(StatusBar(self))
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.dock = QDockWidget("检查结果", self)
        self.dock.setObjectName("findings")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.view_menu.addAction(self.dock.toggleViewAction())
        self.autosaver = autosaver or Autosaver(services.autosave_dir)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        self._autosaved_revision = -1
        self._export_dir: Path | None = None
        self._backup_warned: set[Path] = set()
        self.profile: Profile | None = None  # 工具 > 载入本地要求: applies to every report shown
        self._tools_menu: QMenu | None = None
        self.guard = FileGuard()
        self.session = session
        self._install(session)
        # the layout is restored into a window of the screen's size: restored into Qt's small default size and then
        # maximized, the dock came out 30 px wide
        self.resize(self.screen().availableGeometry().size())
        self.layout_source, layout_state = restore_layout(self, self.dock, services.layout_file)
        self.dock_width = DockWidth(self, self.dock, layout_state)
        from nianbao.gui.yearly import install  # 从上年报告新建, 导入已发布的年报, 批量审核, 汇总 (issue #15)

        self.yearly = install(self)
        self.profile_actions = ProfileActions(self)  # 工具 > 载入本地要求 (issue #16)

    # ------------------------------------------------------------------ construction
    def tools_menu(self) -> QMenu:
        """The 工具 menu (before 视图), made by the first item that goes there."""
        if self._tools_menu is None:
            self._tools_menu = QMenu("工具(&T)", self)
            self.menuBar().insertMenu(self.view_menu.menuAction(), self._tools_menu)
        return self._tools_menu

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        act = QAction(text, self)
        if isinstance(shortcut, str):
            set_shortcuts(act, keys=shortcut)
        elif shortcut is not None:
            set_shortcuts(act, shortcut)
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        act.triggered.connect(slot)
        return act

    def _build_actions(self) -> None:
        Key = QKeySequence.StandardKey  # the platform's standard keys
        self.act_new = self._action("新建(&N)…", self.new_report, Key.New, "新建一份年度报告")
        self.act_new.setIcon(toolbar_icon("new"))
        self.act_open = self._action("打开(&O)…", lambda: self.open_file(), Key.Open, "打开已保存的报告文件")
        self.act_open.setIcon(toolbar_icon("open"))
        self.act_example = self._action("打开示例报告", self.open_example, tip="打开内置的乡镇示例报告，了解填写方法")
        self.act_save = self._action("保存(&S)", self.save, Key.Save, "保存报告（Ctrl+S）")
        self.act_save.setIcon(toolbar_icon("save"))
        self.act_save_as = self._action("另存为(&A)…", self.save_as)
        set_shortcuts(self.act_save_as, Key.SaveAs, "Ctrl+Shift+S")
        self.act_quit = self._action("退出(&X)", self.close)
        set_shortcuts(self.act_quit, Key.Quit, "Ctrl+Q")
        self.act_undo = self.undo_group.createUndoAction(self, "撤销")
        set_shortcuts(self.act_undo, Key.Undo)
        self.act_undo.setIcon(toolbar_icon("undo"))
        self.act_redo = self.undo_group.createRedoAction(self, "重做")
        set_shortcuts(self.act_redo, Key.Redo, "Ctrl+Y")  # Windows: Ctrl+Y and Ctrl+Shift+Z
        self.act_redo.setIcon(toolbar_icon("redo"))
        self.act_copy = self._action("复制(&C)", self.copy, Key.Copy)
        self.act_paste = self._action("粘贴(&V)", self.paste, Key.Paste)
        self.act_clear = self._action("清除所选单元格\tDelete", self.clear_cells)
        self.act_recompute = self._action(
            "重新计算合计", self.recompute_totals, tip="按各项数字重新计算全部“总计”（导入的报告合计不一致时使用）"
        )
        self.act_recompute.setIcon(toolbar_icon("recompute"))
        self.act_about = self._action("关于年报助手", self.about)
        self.export_actions: dict[str, QAction] = {}
        for fmt in EXPORT_FORMATS:
            act = self._action(fmt.text, lambda _c=False, f=fmt: self.export(f), tip=f"把报告导出为{fmt.name}")
            self.export_actions[fmt.suffix] = act
        self.act_print_preview = self._action(
            "打印预览(&R)…", self.print_preview, Key.Print, "按打印版式预览报告，可直接打印"
        )
        self.act_copy_html = self._action(
            "复制为网页", self.copy_as_html, tip="把整份报告（含表格）复制到剪贴板，可粘贴到网站后台编辑器或 Word"
        )
        self.act_import_xlsx = self._action(
            "从 Excel 导入(&I)…", lambda: self.import_xlsx(), tip="打开由年报助手导出、在 Excel/WPS 中填写的工作簿"
        )
        # Chapter keys from anywhere in the window (QTabWidget alone handles them only while the focus is inside it)
        self.act_next_chapter = self._action("下一章\tCtrl+PgDown", lambda: self.step_chapter(1))
        self.act_prev_chapter = self._action("上一章\tCtrl+PgUp", lambda: self.step_chapter(-1))
        chapter_keys = []
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+Tab", 1), ("Ctrl+PgUp", -1), ("Ctrl+Shift+Tab", -1)):
            act = QAction(self)
            set_shortcuts(act, keys=keys)
            act.triggered.connect(lambda _c=False, s=step: self.step_chapter(s))
            chapter_keys.append(act)
        self.addActions([self.act_undo, self.act_redo, *chapter_keys])

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("文件(&F)")
        self.file_menu.addActions([self.act_new, self.act_open, self.act_example])
        self.recent_menu = QMenu("最近打开", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.act_save, self.act_save_as])
        self.file_menu.addSeparator()
        self.import_menu = self.file_menu.addMenu("导入(&M)")
        self.import_menu.addAction(self.act_import_xlsx)
        self.export_menu = self.file_menu.addMenu("导出(&E)")
        self.export_menu.addActions(list(self.export_actions.values()))
        self.file_menu.addActions([self.act_print_preview, self.act_copy_html])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)
        edit = bar.addMenu("编辑(&E)")
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions([self.act_copy, self.act_paste, self.act_clear])
        edit.addSeparator()
        edit.addAction(self.act_recompute)
        edit.addSeparator()
        edit.addAction(self.act_copy_html)
        self.view_menu = bar.addMenu("视图(&V)")
        self.view_menu.addActions([self.act_next_chapter, self.act_prev_chapter])
        self.view_menu.addSeparator()
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addActions([self.act_example, self.act_about])

    def _build_toolbar(self) -> None:
        tools = self.addToolBar("常用")
        tools.setObjectName("tools")
        tools.setMovable(False)
        set_property(tools, "toolButtonStyle", "ToolButtonTextBesideIcon")
        tools.addActions([self.act_new, self.act_open, self.act_save])
        tools.addSeparator()
        tools.addActions([self.act_undo, self.act_redo])
        tools.addSeparator()
        tools.addAction(self.act_recompute)

    def _install(self, session: DocumentSession) -> None:
        """Show a session: pages, findings, undo stack, title."""
        if self.profile is not None:
            session.document.set_profile(self.profile)
        session.setParent(self)
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.meta_panel = MetaPanel(session)
        layout.addWidget(self.meta_panel)
        self.guard.attach(session.path)
        self.read_only_banner = QLabel(self.guard.banner_text())
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("background:#fff3c4; color:#5c4400; padding:6px 10px;")
        self.read_only_banner.setVisible(self.guard.read_only)
        layout.addWidget(self.read_only_banner)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(False)
        set_property(self.tabs.tabBar(), "elideMode", "ElideNone")
        self.pages: list[ChapterPage] = []
        self.tabs.currentChanged.connect(self._tab_changed)
        for chapter in session.document.fmt.chapters:
            page = build_page(session, chapter)
            if isinstance(page, TablePage):
                page.viewCreated.connect(lambda view: view.message.connect(self._show_status))
            self.pages.append(page)
            self.tabs.addTab(page, chapter.title)
        layout.addWidget(self.tabs, 1)
        old = self.centralWidget()
        self.setCentralWidget(central)
        if old is not None:
            old.deleteLater()
        self.findings_panel = FindingsPanel(session, self.act_recompute)
        self.findings_panel.focusRequested.connect(self.focus_finding)
        self.findings_panel.acceptRequested.connect(self.accept_warning)
        self.findings_panel.withdrawRequested.connect(self.withdraw_warning)
        old_panel = self.dock.widget()
        dock_width = self.dock.width()
        self.dock.setWidget(self.findings_panel)
        if old_panel is not None:
            old_panel.deleteLater()
            self.dock_width.check(keep=dock_width)  # a new panel must not widen the dock to its text's width
        session.changed.connect(self._changed)
        session.revisited.connect(self.reveal_change)
        session.modifiedChanged.connect(lambda _m: self.update_title())
        self._autosaved_revision = -1
        self.update_title()
        self.update_counts()
        self.focus_chapter()
        if session.document.narrative_pending:  # the first report: on screen before the narrative rules load
            AfterFirstPaint(self.tabs, self.check_narrative)
        self.sessionInstalled.emit()

    def check_narrative(self) -> None:
        """The findings about the text of a session made with check_narrative=False (start-up)."""
        change = self.session.document.check_narrative()
        if change.findings_changed:
            self.session.changed.emit(change)

    def _tab_changed(self, index: int) -> None:
        if 0 <= index < len(self.pages):
            self.pages[index].ensure_built()
            self.focus_chapter()

    def reveal_change(self, change: Change) -> None:
        """After undo/redo: show the cell or chapter that changed (it may be off-screen or on another tab)."""
        fmt = self.session.document.fmt
        typed = [c for c in change.cells if not fmt.cells[c].computed] or list(change.cells)
        if typed:
            page = self.page_for_table(fmt.cells[typed[0]].table)
            if page is not None:
                self.tabs.setCurrentWidget(page)
                page.view.select_cell(typed[0])
            return
        for chapter in change.texts:
            shown = next((p for p in self.pages if p.chapter.id == chapter), None)
            if shown is not None:
                self.tabs.setCurrentWidget(shown)
                return

    def focus_chapter(self) -> None:
        """Keys typed next go into the current chapter: its text, or its grid at the current input cell."""
        page = self.tabs.currentWidget()
        if isinstance(page, ChapterPage):
            page.focus_target().setFocus()

    def step_chapter(self, step: int) -> None:
        """Ctrl+Tab / Ctrl+PgDown (step 1), Ctrl+Shift+Tab / Ctrl+PgUp (-1): the next or previous chapter, wrapping."""
        count = self.tabs.count()
        if count:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def set_session(self, session: DocumentSession, autosaver: Autosaver | None = None) -> None:
        old = self.session
        self.autosaver.discard()
        self.autosaver = autosaver or Autosaver(self.services.autosave_dir)
        self.session = session
        self._install(session)
        self.undo_group.removeStack(old.undo_stack)
        old.deleteLater()

    # ------------------------------------------------------------------ state shown
    def display_name(self) -> str:
        if self.session.path is not None:
            return self.session.path.name + ("（只读）" if self.guard.read_only else "")
        return self.session.untitled_name or "未命名报告"

    def update_title(self) -> None:
        # Qt shows "[*]" as "*" while the window is modified
        self.setWindowTitle(f"{self.display_name()}[*] - {self.session.report.title()} - {APP_TITLE}")
        self.setWindowModified(self.session.modified)

    def update_counts(self) -> None:
        self.counts_label.setText(summary_text(*self.session.document.counts(), len(unfilled(self.session.report))))

    def _changed(self, change: Change) -> None:
        if change.findings_changed or change.accepted or change.texts or change.meta or change.cells:
            self.update_counts()
        if change.meta:
            self.update_title()

    # ------------------------------------------------------------------ findings
    def page_for_table(self, table_id: str) -> TablePage | None:
        return next((p for p in self.pages if isinstance(p, TablePage) and p.chapter.table == table_id), None)

    def current_table_page(self) -> TablePage | None:
        page = self.tabs.currentWidget()
        return page if isinstance(page, TablePage) else None

    def focus_finding(self, finding: Finding) -> None:
        if finding.chapter:  # about the narrative: select the sentence
            self.focus_text_finding(finding)
            return
        page = self.page_for_table(finding.table)
        if page is None:
            return
        self.tabs.setCurrentWidget(page)
        page.view.select_cell(finding.focus)
        self.statusBar().showMessage(finding.message, 10000)

    def focus_text_finding(self, finding: Finding) -> None:
        """Show the chapter (the 前言 sits on 一's page) and select the sentence the finding is about."""
        for page in self.pages:
            if not isinstance(page, NarrativePage):
                continue
            if page.chapter.id == finding.chapter:
                target: NarrativePage | None = page
            elif page is self.pages[0]:
                page.ensure_built()
                target = page.preface if page.preface and page.preface.chapter.id == finding.chapter else None
            else:
                target = None
            if target is not None:
                self.tabs.setCurrentWidget(page)
                target.show_finding(finding.span)
                self.statusBar().showMessage(finding.message, 10000)
                return

    def accept_warning(self, finding: Finding) -> None:
        if finding.severity != Severity.WARNING:
            self.dialogs.error(self, APP_TITLE, "错误不能被接受，请更正数字。只有提示可以填写说明后接受。")
            return
        text = self.dialogs.accept_warning(self, finding)
        if text:
            self._edit(EditBatch(accepted=((finding.rule, text),), label="接受提示"))

    def withdraw_warning(self, finding: Finding) -> None:
        self._edit(EditBatch(accepted=((finding.rule, None),), label="撤销说明"))

    def recompute_totals(self) -> None:
        stale = len(self.session.document.stale_totals())
        change = self.session.recompute_totals()
        if change.empty:
            self.statusBar().showMessage("各“总计”均与各项之和一致，无需重新计算。", 6000)
        else:
            self.statusBar().showMessage(f"已重新计算 {stale} 个合计（可撤销）。", 6000)

    def _edit(self, batch: EditBatch) -> None:
        try:
            self.session.edit(batch)
        except EditError as exc:
            self.dialogs.error(self, APP_TITLE, str(exc))

    # ------------------------------------------------------------------ edit menu
    def _focus_text_widget(self) -> QLineEdit | QPlainTextEdit | None:
        w = QApplication.focusWidget()
        return w if isinstance(w, QLineEdit | QPlainTextEdit) else None

    def copy(self) -> None:
        text = self._focus_text_widget()
        if text is not None:
            text.copy()
        elif (page := self.current_table_page()) is not None:
            page.view.copy_selection()

    def paste(self) -> None:
        text = self._focus_text_widget()
        if text is not None:
            text.paste()
        elif (page := self.current_table_page()) is not None:
            page.view.paste()

    def clear_cells(self) -> None:
        if (page := self.current_table_page()) is not None:
            page.view.clear_selection()

    # ------------------------------------------------------------------ files
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current report (saved, discarded, or nothing to save)."""
        if not (self.session.modified and self.isWindowModified()):
            return True
        answer = self.dialogs.ask_save_changes(self, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_report(self) -> bool:
        meta = self.session.report.meta
        choice = self.dialogs.new_report(self, prepared_year(), meta.issuer, meta.level)
        if choice is None or not self.maybe_save():
            return False
        report = new_report(choice.year, choice.issuer, choice.format_id, choice.level)
        self.set_session(DocumentSession.for_report(report))
        return True

    def open_example(self) -> bool:
        if not self.maybe_save():
            return False
        session = DocumentSession.for_report(load_example())
        session.untitled_name = "示例报告"
        self.set_session(session)
        return True

    def open_file(self, path: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            last = self.services.recent.last()
            path = self.dialogs.open_path(self, last.parent if last else None)
            if path is None:
                return False
        notes: list[str] = []
        try:
            report = storage.load(path, notes)
        except StorageError as exc:
            self.dialogs.error(self, "无法打开", str(exc))
            return False
        self.set_session(DocumentSession.for_report(report, Path(path)))
        self.services.recent.add(Path(path))
        self.statusBar().showMessage(" ".join([f"已打开 {path}。", *notes]), 15000 if notes else 6000)
        return True

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        if self.guard.read_only:  # another instance has this file open: never written from here
            self.dialogs.error(self, "只读", self.guard.banner_text())
            return self.save_as()
        return self._write(self.session.path)

    def save_as(self) -> bool:
        last = self.services.recent.last()
        folder = self.session.path.parent if self.session.path else (last.parent if last else Path.home())
        suggested = folder / f"{self.session.report.title()}{storage.SUFFIX}"
        path = self.dialogs.save_path(self, suggested)
        if path is None:
            return False
        if path.suffix.lower() != storage.SUFFIX:
            path = path.with_name(path.name + storage.SUFFIX)
        return self._write(path)

    def _write(self, path: Path) -> bool:
        if not self._may_write(path):
            return False
        try:
            warnings = storage.save(self.session.report, path)
        except storage.ReadOnlyTarget as exc:
            if self.dialogs.confirm(self, "无法保存", f"{exc}\n\n报告仍在窗口中，没有丢失。现在“另存为”其他文件吗？"):
                return self.save_as()
            return False
        except StorageError as exc:
            self.dialogs.error(self, "无法保存", f"{exc}\n\n报告仍在窗口中，没有丢失。可以换一个位置“另存为”。")
            return False
        for warning in warnings:  # a .bak that could not be kept: said once per file, never blocks saving
            if path not in self._backup_warned:
                self._backup_warned.add(path)
                self.dialogs.error(self, "备份文件未更新", warning)
        self.session.mark_saved(path)
        self.guard.saved(path)
        self.read_only_banner.setVisible(self.guard.read_only)
        self.services.recent.add(path)
        self.autosaver.discard()
        self.update_title()
        self.statusBar().showMessage(f"已保存到 {path}", 6000)
        return True

    def _may_write(self, path: Path) -> bool:
        """One writer per file: not a file another instance holds, nor one changed on disk without asking."""
        if self.guard.read_only and self.guard.path is not None and path.absolute() == self.guard.path.absolute():
            self.dialogs.error(self, "无法保存", f"{self.guard.banner_text()}\n\n请换一个文件名。")
            return False
        owner = self.guard.claim(path)
        if owner is not None:
            self.dialogs.error(
                self,
                "无法保存",
                f"“{path.name}”正由{owner.describe()}打开，不能覆盖。请换一个文件名，或等对方关闭后再保存。",
            )
            return False
        if self.guard.changed_on_disk(path):
            question = (
                f"“{path.name}”在本窗口打开之后，已被其他程序或他人修改。\n\n"
                "仍要用本窗口的内容覆盖它吗？选“否”不会保存，可以用“另存为”保存为新文件。"
            )
            return self.dialogs.confirm(self, "文件已被修改", question)
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = [p for p in self.services.recent.paths() if p.is_file()]
        for p in paths:
            act = self.recent_menu.addAction(p.name)
            act.setToolTip(str(p))
            act.setStatusTip(str(p))
            act.triggered.connect(lambda _c=False, p=p: self.open_file(p))
        if not paths:
            self.recent_menu.addAction("（无）").setEnabled(False)

    # ------------------------------------------------------------------ export, print, import
    def export_folder(self) -> Path:
        """Where exports go by default: the last export folder, the project file's folder, or 文档."""
        if self._export_dir is not None and self._export_dir.is_dir():
            return self._export_dir
        if self.session.path is not None:
            return self.session.path.parent
        return documents_dir()

    def export_suggestion(self, suffix: str) -> Path:
        return self.export_folder() / f"{safe_file_name(self.session.report.title())}{suffix}"

    def _confirm_errors(self, what: str) -> bool:
        """A report with errors is exported only after they are named (the export prints the stated numbers)."""
        errors = [f for f in self.session.document.findings if f.severity == Severity.ERROR]
        empty = unfilled_names(self.session.report)
        if errors:
            shown = "\n".join(f"· {f.message}" for f in errors[:5])
            more = f"\n……另有 {len(errors) - 5} 处" if len(errors) > 5 else ""
            text = f"报告存在 {len(errors)} 处错误：\n{shown}{more}\n\n导出的数字与报告中填写的一致。"
            if empty:
                text += f"\n另有尚未填写的部分：{'、'.join(empty)}。"
            return self.dialogs.confirm(self, what, text + "仍要导出吗？")
        if empty:  # an export with bare headings is named before it is written
            return self.dialogs.confirm(self, what, f"以下部分尚未填写：{'、'.join(empty)}。\n\n仍要导出吗？")
        return True

    def export(self, fmt: ExportFormat) -> bool:
        """文件 > 导出: ask (errors, target), write atomically; a failure is shown and changes nothing."""
        title = f"导出为{fmt.name}"
        if not self._confirm_errors(title):
            return False
        if fmt.id == "pdf":  # the fonts are got ready while the clerk picks the file
            from nianbao.export import pdf_prepare

            pdf_prepare.start()
        path = self.dialogs.export_path(self, title, self.export_suggestion(fmt.suffix), fmt.file_filter)
        if path is None:
            return False
        if path.suffix.lower() != fmt.suffix:
            path = path.with_name(path.name + fmt.suffix)
        if fmt.id == "pdf":
            from nianbao.gui.pdf_wait import wait_until_prepared

            wait_until_prepared(self, title)
        with busy_cursor():
            try:
                fmt.writer()(self.session.report, path)
            except StorageError as exc:
                return self._export_failed(str(exc))
            except OSError as exc:
                return self._export_failed(f"无法写入“{path}”：{describe(exc)}")
            except (UnicodeError, ValueError):  # text is cleaned where it enters; this is the last guard
                return self._export_failed("报告中有无法写入该格式的内容（特殊字符）。")
        self._export_dir = path.parent
        self.statusBar().showMessage(f"已导出 {path}", 10000)
        answer = self.dialogs.after_export(self, path)  # 打开文件 / 打开所在文件夹 / 关闭
        if answer:
            self.open_externally(path if answer == "file" else path.parent)
        return True

    def open_externally(self, path: Path) -> bool:
        """Open a file or folder with the system's program for it (Word, Explorer…)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))

    def _export_failed(self, reason: str) -> bool:
        hint = "报告仍在窗口中。可以关闭占用该文件的程序后重试，或换一个位置导出。"
        self.dialogs.error(self, "无法导出", f"{reason}\n\n{hint}")
        return False

    def print_preview(self) -> None:
        self.dialogs.print_preview(self, self.session.report)

    def copy_as_html(self) -> None:
        """复制为网页: the report as HTML (tables with merged cells) plus plain text for plain editors."""
        from PySide6.QtCore import QMimeData

        from nianbao.export.html import render_html_fragment
        from nianbao.export.text import report_text

        report = self.session.report
        mime = QMimeData()
        mime.setHtml(render_html_fragment(report))
        mime.setText(report_text(report))
        QApplication.clipboard().setMimeData(mime)
        self.statusBar().showMessage("已将报告复制为网页格式，可粘贴到网站后台编辑器或 Word。", 8000)

    def import_xlsx(self, path: Path | None = None) -> bool:
        """文件 > 导入 > 从 Excel 导入: the workbook becomes a new, not yet saved report."""
        if not self.maybe_save():
            return False
        from nianbao.importers.xlsx import ImportFailed, read_xlsx

        got = self.read_chosen(path, "从 Excel 导入", XLSX_FILTER, read_xlsx, ImportFailed, "无法导入")
        if got is None:
            return False
        path, report = got
        self.open_unsaved(report, f"从“{path.name}”导入")
        self.statusBar().showMessage(f"已从 {path} 导入，请保存为年报助手项目文件。", 8000)
        return True

    def read_chosen(
        self,
        path: Path | None,
        title: str,
        file_filter: str,
        read: Callable[[Path], T],
        failure: type[Exception],
        error_title: str,
    ) -> tuple[Path, T] | None:
        """Every import (Excel, published reports, 从上年报告新建, the audit's double-click): the file given or chosen
        (None: cancelled), read under the busy cursor. A refusal (`failure`) is shown with its reason; an importer
        bug is logged and reported; either way the open report stays as it is."""
        if path is None:
            path = self.dialogs.import_path(self, title, self.export_folder(), file_filter)
            if path is None:
                return None
        with busy_cursor():
            try:
                return path, read(path)
            except failure as exc:
                self.dialogs.error(self, error_title, str(exc))
            except Exception as exc:  # an importer bug must not cost the open report: logged, reported, kept
                from nianbao.errorlog import details_text, write_log

                log = write_log(details_text(type(exc), exc, exc.__traceback__))
                where = f"\n\n详细信息已记录在：{log}" if log else ""
                self.dialogs.error(self, error_title, f"“{path.name}”无法读取（内部错误）。当前报告没有改动。{where}")
        return None

    def open_unsaved(self, report: Report, name: str | None = None) -> None:
        """A report made from other files (import, 从上年报告新建, 汇总): the window's new, not yet saved report."""
        session = DocumentSession.for_report(report)
        if name is not None:
            session.untitled_name = name
        session.mark_unsaved()
        self.set_session(session)

    # ------------------------------------------------------------------ autosave
    def autosave_now(self) -> bool:
        """Write the autosave if there is unsaved work not yet autosaved."""
        self.guard.refresh()  # the lock file shows other computers the file is still open
        revision = self.session.revision
        if not self.session.modified or (revision == self._autosaved_revision and self.autosaver.exists):
            return False
        try:
            self.autosaver.write(self.session.report, self.session.path)
        except (UnicodeError, ValueError):  # text is cleaned where it enters; this is the last guard
            self.statusBar().showMessage("自动保存失败：报告中有无法保存的字符。请检查最近输入的文字后保存。", 10000)
            return False
        except StorageError as exc:
            self.statusBar().showMessage(f"自动保存失败：{exc}", 10000)
            return False
        self._autosaved_revision = revision
        return True

    # ------------------------------------------------------------------ window events
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.dock_width.check()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave_timer.stop()
        self.autosaver.discard()
        self.guard.release()
        save_layout(self, self.services.layout_file)
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_file(path))

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from nianbao import __version__

        QMessageBox.about(
            self,
            "关于年报助手",
            f"年报助手 {__version__}\n\n用于编制政府信息公开工作年度报告：填写表格、检查勾稽关系、保存项目文件。",
        )


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(storage.SUFFIX):
            return Path(url.toLocalFile())
    return None
