"""Composition root of the window: QApplication, translations, fonts, services, the first report."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qFatal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from nianbao import startup
from nianbao.core import storage
from nianbao.core.document import ReportDocument
from nianbao.core.report import Report, new_report
from nianbao.core.storage import StorageError
from nianbao.gui.autosave import Autosaver
from nianbao.gui.main_window import MainWindow, prepared_year
from nianbao.gui.services import Services
from nianbao.gui.session import DocumentSession
from nianbao.resources import DEFAULT_EXAMPLE, EXAMPLES, load_example

# The interface font: a Chinese UI font wherever one is installed; Qt takes the first family present (and the next
# ones for characters it lacks). Microsoft YaHei UI on Windows, PingFang SC on macOS; on Linux the hinted WenQuanYi
# Micro Hei before Noto Sans CJK, crisper at 9 pt on 96-dpi screens. Without any of them Qt's default font is used.
# A Latin UI font would leave every Chinese character to font fallback, which costs start-up ~8 ms on Linux.
UI_FONT_FAMILIES = (
    "Microsoft YaHei UI",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
)
UI_FONT_POINTS = 9
PROGRAM_NAME = "nianbao"
GEOMETRY_ENV = "NIANBAO_GEOMETRY"  # "1366x768" or "1366x768+0+0": window size for screenshots and tests


def create_application(qt_args: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if startup.wine_version() is not None:
        # Wine 8 has no WinRT UISettings (windows.ui.dll): Qt 6.5-6.9 crash in QApplication() reading the Windows
        # theme unless desktop settings are off. Real Windows keeps its theme, fonts and colours.
        QApplication.setDesktopSettingsAware(False)
    qInstallMessageHandler(_start_up_messages)
    # argv[0] names the program: X11's window class comes from it ("__main__.py" under python -m), as does the
    # taskbar grouping; the desktop file name ties the window to nianbao.desktop on Linux
    app = QApplication([PROGRAM_NAME, *qt_args])
    app.setDesktopFileName(PROGRAM_NAME)
    app.setApplicationName(PROGRAM_NAME)  # the window class; people see applicationDisplayName
    app.setOrganizationName("nianbao")
    app.setApplicationDisplayName("年报助手")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    install_translations(app)
    app.setFont(interface_font())
    return app


def _start_up_messages(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's messages until the window shows: warnings into the start-up log, a fatal error (no usable platform
    plugin, ...) also into a message box, because Qt aborts the process right after this handler returns."""
    if kind == QtMsgType.QtFatalMsg:
        startup.report_qt_fatal(message)
        return
    if kind != QtMsgType.QtDebugMsg:
        startup.log_qt_message(message)
    if sys.stderr is not None:
        print(message, file=sys.stderr)


def _forced_fault() -> None:
    """NIANBAO_TEST_STARTUP_FAULT (tests only): fail the way a broken installation would, with Qt already up."""
    fault = startup.forced_fault()
    if fault == "exception":
        raise RuntimeError(f"测试用的启动故障（{startup.FAULT_ENV}={fault}）")
    if fault == "qt-fatal":
        qFatal(f"test fault ({startup.FAULT_ENV}={fault})")


def interface_font() -> QFont:
    font = QFont()
    font.setFamilies(list(UI_FONT_FAMILIES))
    font.setPointSize(UI_FONT_POINTS)
    return font


def install_translations(app: QApplication) -> bool:
    """Qt's own dialogs (file chooser, standard buttons) in Chinese."""
    translator = QTranslator(app)
    if not translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return False
    return app.installTranslator(translator)


def _document(source: Report | ReportDocument) -> ReportDocument:
    return source if isinstance(source, ReportDocument) else ReportDocument(source)


def build_main_window(
    source: Report | ReportDocument,
    path: str | os.PathLike[str] | None = None,
    services: Services | None = None,
    autosaver: Autosaver | None = None,
    untitled_name: str = "",
) -> MainWindow:
    """The editing window over a report (a QApplication must exist). No dialogs are shown."""
    session = DocumentSession(_document(source), Path(path) if path else None)
    session.untitled_name = untitled_name
    return MainWindow(session, services or Services.default(), autosaver)


def _first_session(report: Report, path: Path | None = None) -> DocumentSession:
    """The session the window starts with: its narrative is checked once the window is on screen (MainWindow)."""
    return DocumentSession.for_report(report, path, check_narrative=False)


def initial_session(
    file: str | None, example: str | None, services: Services
) -> tuple[DocumentSession, Autosaver | None, str | None]:
    """What the window starts with: (session, adopted autosaver, error). FILE, --example, crash recovery, the last
    file, or a new report; asks only through services.dialogs, so tests drive the choice without a window."""
    if example:
        name = example if example in EXAMPLES else DEFAULT_EXAMPLE
        session = _first_session(load_example(name))
        session.untitled_name = "示例报告"
        return session, None, None
    error = None
    if file:
        try:
            return _first_session(storage.load(file), Path(file)), None, None
        except StorageError as exc:
            error = str(exc)
    else:
        for orphan in Autosaver.orphans(services.autosave_dir):
            # claimed before asking: of two instances started together, only one recovers it
            claimed = Autosaver.claim(services.autosave_dir, orphan)
            if claimed is None:
                continue
            if services.dialogs.ask_recover(None, orphan.description()):
                try:
                    session = _first_session(storage.load(orphan.data), orphan.origin)
                    session.mark_unsaved()
                    return session, claimed, None
                except StorageError as exc:
                    error = f"无法恢复自动保存的内容：{exc}"
                    claimed.release()
            else:
                claimed.discard()
            break
        last = services.recent.last()
        if last is not None and error is None:
            try:
                return _first_session(storage.load(last), last), None, None
            except Exception as exc:
                # the last file broke: dropped from 最近打开 so the next start does not stumble on it again
                services.recent.remove(last)
                reason = str(exc) if isinstance(exc, StorageError) else "文件内容无法读取。"
                error = f"上次打开的文件无法读取，已从“最近打开”中移除，现在新建一份报告。\n\n{reason}"
    return _first_session(new_report(prepared_year())), None, error


def _place(window: MainWindow) -> None:
    spec = os.environ.get(GEOMETRY_ENV, "")
    if spec:
        size, _, pos = spec.partition("+")
        w, _, h = size.partition("x")
        window.resize(int(w), int(h))
        if pos:
            x, _, y = pos.partition("+")
            window.move(int(x), int(y))
        window.show()
        return
    screen = window.screen().availableGeometry()
    if screen.width() < 1500 or screen.height() < 900:
        window.showMaximized()  # 1366×768 laptops: use every pixel
    else:
        window.resize(min(1440, screen.width() - 80), min(920, screen.height() - 80))
        window.move(screen.center() - window.rect().center())
        window.show()


def start(
    file: str | None = None, example: str | None = None, qt_args: Sequence[str] = ()
) -> tuple[QApplication, MainWindow]:
    """Everything up to the window on screen; run() then enters the event loop (benchmarks/gui.py times this)."""
    app = create_application(qt_args)
    _forced_fault()
    services = Services.default()
    session, autosaver, error = initial_session(file, example, services)
    window = MainWindow(session, services, autosaver)
    from nianbao.gui import crash

    crash.install(lambda: window)
    _place(window)
    qInstallMessageHandler(None)  # Qt's own output again once the window is up
    startup.log(f"window shown: Qt {app.platformName()}, desktop settings {QApplication.desktopSettingsAware()}")
    if error:
        services.dialogs.error(window, "无法打开", error)
    return app, window


def event_loop(window: MainWindow) -> int:
    """Run until the window closes (the caller's window is passed so that it lives that long)."""
    return int(QApplication.exec())


def run(
    file: str | None = None, example: str | None = None, smoke: str | None = None, qt_args: Sequence[str] = ()
) -> int:
    if smoke is not None:
        from nianbao.gui.smoke import run_smoke

        return run_smoke(smoke, qt_args)
    app, window = start(file, example, qt_args)
    from nianbao.gui.pdf_wait import prepare_when_idle

    prepare_when_idle(window)  # the PDF export's fonts, in the background a few seconds after start-up
    return int(app.exec())
