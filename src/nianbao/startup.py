"""Start of the window, made visible when it fails: a start-up log, Wine detection and a Chinese message box.

Qt-free and light (stdlib only, imported before Qt): if PySide6 itself cannot load (a missing DLL, a broken plugin),
this module still reports it. The message box is Win32's MessageBoxW through ctypes, which needs no Qt. The log
holds versions, timings and errors, never report content or file names.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

LOG_NAME = "startup.log"
LOG_MAX_BYTES = 256 * 1024  # rotated beyond this: startup.log -> startup.1.log ... startup.3.log
LOG_BACKUPS = 3
# Tests only: force a start-up failure after Qt is up ("exception") or a Qt fatal error ("qt-fatal").
FAULT_ENV = "NIANBAO_TEST_STARTUP_FAULT"
BOX_TITLE = "年报助手无法启动"
EXIT_START_FAILED = 3

_T0 = time.perf_counter()
_wine: list[str | None] = []  # the looked-up answer, once
_qt_messages: list[str] = []  # Qt's warnings during start-up: the reason a fatal error comes after


def wine_version() -> str | None:
    """Wine's version when the program runs under Wine (ntdll exports wine_get_version), else None. Windows only."""
    if not _wine:
        _wine.append(_look_up_wine())
    return _wine[0]


def _look_up_wine() -> str | None:
    if sys.platform != "win32":
        return None
    import ctypes

    try:
        getter = ctypes.WinDLL("ntdll").wine_get_version
    except (OSError, AttributeError):  # real Windows: no such export
        return None
    getter.restype = ctypes.c_char_p
    raw = getter()
    return raw.decode("ascii", "replace") if isinstance(raw, bytes) else "unknown"


def logs_dir() -> Path:
    """%LOCALAPPDATA%\\nianbao\\logs (the data folder's logs/); a temporary folder if that cannot be made."""
    try:
        from nianbao.paths import logs_dir as data_logs_dir

        return data_logs_dir()
    except Exception:  # platformdirs missing or the data folder unwritable: the failure must still be logged
        import tempfile

        path = Path(tempfile.gettempdir()) / "nianbao-logs"
        path.mkdir(parents=True, exist_ok=True)
        return path


def log_path() -> Path:
    return logs_dir() / LOG_NAME


def _rotate(path: Path) -> None:
    if not path.exists() or path.stat().st_size < LOG_MAX_BYTES:
        return
    for n in range(LOG_BACKUPS, 0, -1):
        older = path.with_name(f"{path.stem}.{n}{path.suffix}")
        newer = path if n == 1 else path.with_name(f"{path.stem}.{n - 1}{path.suffix}")
        if newer.exists():
            os.replace(newer, older)


def log(*lines: str) -> Path | None:
    """Append lines (timestamp, pid, ms since start) to the start-up log; None if it cannot be written."""
    try:
        path = log_path()
        _rotate(path)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        ms = round((time.perf_counter() - _T0) * 1000)
        with path.open("a", encoding="utf-8", newline="\n") as out:
            for line in lines:
                out.write(f"{stamp} [{os.getpid()}] +{ms}ms {line}\n")
        return path
    except OSError:
        return None


def system_name() -> str:
    """The OS and its build, cheaply (platform.version() may run a WMI query on Windows)."""
    if sys.platform == "win32":
        v = sys.getwindowsversion()
        return f"Windows {v.major}.{v.minor}.{v.build}"
    u = os.uname()
    return f"{u.sysname} {u.release}"


def log_start() -> None:
    from nianbao import __version__

    wine = wine_version()
    log(
        f"start nianbao {__version__} frozen={bool(getattr(sys, 'frozen', False))} "
        f"python {sys.version.split()[0]} {system_name()}" + (f" wine {wine}" if wine else "")
    )


def show_error(title: str, text: str) -> bool:
    """A modal Windows message box (Win32, no Qt needed); elsewhere the text goes to stderr. True if a box showed."""
    if sys.platform == "win32":
        import ctypes

        mb_ok_iconerror_topmost = 0x0 | 0x10 | 0x40000 | 0x10000  # MB_OK, MB_ICONERROR, MB_TOPMOST, MB_SETFOREGROUND
        try:
            ctypes.windll.user32.MessageBoxW(None, text, title, mb_ok_iconerror_topmost)
            return True
        except OSError:
            pass
    if sys.stderr is not None:
        print(f"{title}\n{text}", file=sys.stderr)
    return False


def describe(exc: BaseException) -> str:
    """What happened, in words for a clerk, with the technical line after it."""
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, ImportError):
        what = "程序文件不完整或缺少系统组件（DLL），无法加载图形界面。重新安装年报助手通常可以解决。"
    elif isinstance(exc, MemoryError):
        what = "内存不足。"
    elif isinstance(exc, OSError):
        what = "无法读取或写入所需的文件。"
    else:
        what = "程序内部错误。"
    return f"{what}\n\n技术信息：{detail}"


def failure_text(reason: str, log_file: Path | None) -> str:
    where = f"详细记录已写入：\n{log_file}" if log_file else "无法写入日志文件。"
    return f"年报助手启动时出错，窗口未能打开。\n\n{reason}\n\n{where}\n\n请将此日志文件发给技术支持人员。"


def report_failure(exc: BaseException) -> None:
    """Log the traceback and show the message box."""
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log_file = log("start-up failed: " + f"{type(exc).__name__}: {exc}", *tb.rstrip().splitlines())
    show_error(BOX_TITLE, failure_text(describe(exc), log_file))


def log_qt_message(message: str) -> None:
    _qt_messages.append(message.strip())
    log("qt: " + message)


def report_qt_fatal(message: str) -> None:
    """A Qt fatal error before the window (no platform plugin, ...): Qt aborts right after this returns."""
    log_file = log("qt fatal: " + message)
    detail = "\n".join([*_qt_messages[-3:], message.strip()])[-800:]
    reason = f"图形界面组件（Qt 平台插件）无法加载。重新安装年报助手通常可以解决。\n\n技术信息：{detail}"
    show_error(BOX_TITLE, failure_text(reason, log_file))


def forced_fault() -> str:
    """The test fault asked for in the environment, if any."""
    return os.environ.get(FAULT_ENV, "")


def run_guarded(start: Callable[[], int]) -> int:
    """Run the window's start-up; any exception escaping it is logged and shown instead of vanishing."""
    try:
        return start()
    except SystemExit:
        raise
    except BaseException as exc:  # every failure must reach the person, KeyboardInterrupt included
        report_failure(exc)
        return EXIT_START_FAILED


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off while the window's modules load and the window is built; then what that made is
    frozen and the collector turned back on.

    Start-up allocates some 100 000 objects (modules, Qt wrappers, the report), next to none of them garbage:
    collecting on the way costs several ms, and the first collection afterwards would sweep all of it (5-9 ms before
    the first paint) unless it is frozen first (gc.freeze: the collector never scans it again)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
