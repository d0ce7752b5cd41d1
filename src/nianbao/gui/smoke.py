"""Smoke mode (`nianbao --smoke OUT.json`): exercise a frozen build end to end and write the result to a file.

A windowed executable has no stdout, so everything goes into OUT.json: versions, findings counts, export
sizes, timings and an `errors` list. The exit code is 0 only when every step worked.
"""

from __future__ import annotations

import functools
import json
import os
import platform
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nianbao import __version__
from nianbao.definition import Severity

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

SMOKE_TIMEOUT_S = 180.0  # a hung window (modal dialog, stuck event loop) must not block CI forever
SCHEMA = 1


class _Summary:
    """Collects results; every step records its time and, on failure, a short error."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {
            "smoke": SCHEMA,
            "ok": False,
            "app_version": __version__,
            "python": platform.python_version(),
            "python_bits": 64 if sys.maxsize > 2**32 else 32,
            "frozen": bool(getattr(sys, "frozen", False)),
            "platform": {
                "system": platform.system(),
                "release": platform.release(),
                "version": platform.version(),
                "machine": platform.machine(),
            },
            "qt": None,
            "pyside": None,
            "qpa_platform": None,
            "wine": None,  # Wine's version under Wine (then desktop settings must be off), else None
            "desktop_settings_aware": None,
            "window": None,
            "qt_translation": None,
            "icon": None,
            "formats": [],
            "example": None,
            "findings": None,
            "roundtrip": None,
            "exports": {},
            "timings": {},
            "errors": [],
        }
        self._t0 = time.perf_counter()

    def step(self, name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        try:
            return fn()
        except Exception as exc:  # a smoke test reports every failure instead of stopping at the first
            self.error(name, exc)
            return None
        finally:
            self.data["timings"][name] = round(time.perf_counter() - start, 3)

    def error(self, name: str, exc: BaseException | str) -> None:
        if isinstance(exc, BaseException):
            tb = traceback.format_exception(type(exc), exc, exc.__traceback__)
            text = f"{name}: {type(exc).__name__}: {exc}"
            self.data["errors"].append({"step": name, "error": text, "traceback": "".join(tb[-6:])})
        else:
            self.data["errors"].append({"step": name, "error": f"{name}: {exc}"})

    def finish(self) -> dict[str, Any]:
        self.data["timings"]["total"] = round(time.perf_counter() - self._t0, 3)
        self.data["ok"] = not self.data["errors"]
        return self.data


def _write_json(out: Path, data: dict[str, Any]) -> None:
    from nianbao.core.storage import write_atomic

    out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    write_atomic(out, payload)


def _start_watchdog(out: Path, summary: _Summary, timeout: float) -> threading.Event:
    """Write a failing result and kill the process if the smoke run has not finished in time."""
    done = threading.Event()

    def watch() -> None:
        if done.wait(timeout):
            return
        summary.error("watchdog", f"smoke run did not finish within {timeout:.0f} s")
        try:
            _write_json(out, summary.finish())
        finally:
            os._exit(1)

    threading.Thread(target=watch, name="smoke-watchdog", daemon=True).start()
    return done


def _qt_app(qt_args: Sequence[str]) -> QApplication:
    """The app's own QApplication (translations, font), as the window gets it."""
    from nianbao.gui.app import create_application

    return create_application(qt_args)


def _qt_translation() -> bool:
    """Qt's zh_CN strings are bundled (the spec keeps qtbase_zh_CN.qm and drops the other translations)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator()
    if not translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        raise RuntimeError("qtbase_zh_CN.qm not found")
    return True


def _isolated_services(folder: Path) -> Any:
    """Services whose recent-files list and autosaves live in the smoke folder, not in the user's data."""
    from nianbao.gui.dialogs import Dialogs
    from nianbao.gui.services import Services
    from nianbao.recent import RecentFiles

    (folder / "autosave").mkdir(parents=True, exist_ok=True)
    return Services(Dialogs(), RecentFiles(folder / "recent.json"), folder / "autosave")


def _build_window(report: Any, folder: Path, summary: _Summary) -> Any:
    from PySide6.QtWidgets import QApplication

    from nianbao.gui.app import build_main_window

    win = build_main_window(report, services=_isolated_services(folder), untitled_name="示例报告")
    summary.data["window"] = "ok"
    _check_window_assets(win, summary)
    win.resize(1200, 800)
    win.show()
    QApplication.processEvents()
    summary.data["window_title"] = win.windowTitle()
    return win


def _check_window_assets(win: Any, summary: _Summary) -> None:
    """The packaged default layout and the toolbar icons are found in this build (a missing file fails quietly in
    the window: the dock would be placed the slow way, a button would lose its icon)."""
    from PySide6.QtWidgets import QToolBar

    summary.data["layout"] = win.layout_source
    if win.layout_source != "default":
        summary.error("layout", f"assets/window-layout.bin not used (layout: {win.layout_source})")
    tools = win.findChild(QToolBar, "tools")
    actions = [a for a in tools.actions() if not a.isSeparator()] if tools is not None else []
    with_icon = sum(1 for a in actions if not a.icon().isNull() and a.icon().availableSizes())
    summary.data["toolbar_icons"] = with_icon
    if not actions or with_icon != len(actions):
        summary.error("toolbar", f"{len(actions) - with_icon} of {len(actions)} toolbar icons missing")


def _check_icon(summary: _Summary) -> None:
    from PySide6.QtGui import QIcon

    from nianbao.resources import asset_path

    icon = QIcon(asset_path("icon.png"))
    sizes = icon.availableSizes()
    if icon.isNull() or not sizes:
        raise RuntimeError("assets/icon.png missing or unreadable")
    summary.data["icon"] = max(s.width() for s in sizes)


def _load_formats() -> list[str]:
    from nianbao.definition import format_ids, load_format

    return [f"{fid}:{len(load_format(fid).cells)}" for fid in format_ids()]


def _run_checks(report: Any) -> dict[str, int]:
    from nianbao.core.checking import check

    findings = check(report)
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    return {"total": len(findings), "errors": errors, "warnings": len(findings) - errors}


def _roundtrip(report: Any, folder: Path) -> int:
    from nianbao.core import storage

    path = folder / "roundtrip.nianbao"
    storage.save(report, path)
    again = storage.load(path)
    if again.values != report.values or again.narrative != report.narrative:
        raise RuntimeError("saved and reloaded report differ")
    return path.stat().st_size


def _export(kind: str, report: Any, folder: Path, summary: _Summary) -> None:
    """Run one writer and check the file it wrote."""
    from nianbao.export.formats import EXPORT_FORMATS

    fmt = next(f for f in EXPORT_FORMATS if f.id == kind)
    path = folder / f"smoke{fmt.suffix}"
    fmt.writer()(report, path)
    if not path.is_file():
        raise RuntimeError(f"{path.name} was not written")
    with zipfile.ZipFile(path) as zf:
        bad = zf.testzip()
        if bad is not None:
            raise RuntimeError(f"{path.name}: corrupt member {bad}")
    summary.data["exports"][kind] = {"status": "ok", "bytes": path.stat().st_size}


def _export_pdf(report: Any, out: Path, summary: _Summary) -> None:
    """The window's PDF export (fpdf2, the system's CJK fonts), kept beside the result file as OUT.pdf so the
    caller can read its text back (smoke-wine.sh runs pdftotext on it); a system without a Chinese font records
    "no-cjk-font" (a fresh Wine prefix has none of its own)."""
    from nianbao.export import pdf
    from nianbao.export import pdf_fonts as fonts

    try:
        fonts.system_fonts()
    except fonts.FontsMissing:
        summary.data["exports"]["pdf"] = {"status": "no-cjk-font"}
        return
    data: bytes = pdf.pdf_bytes(report)
    if not data.startswith(b"%PDF"):
        raise RuntimeError("pdf_bytes did not return a PDF")
    target = out.with_suffix(".pdf")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    summary.data["exports"]["pdf"] = {"status": "ok", "bytes": len(data), "file": target.name}


def run_smoke(out_path: str, qt_args: Sequence[str] = (), timeout: float = SMOKE_TIMEOUT_S) -> int:
    """Build the window offscreen, open the example, check, export; write OUT.json; 0 if all worked."""
    out = Path(out_path).absolute()
    summary = _Summary()
    done = _start_watchdog(out, summary, timeout)
    window: Any = None
    try:
        qt = summary.step("qapp", lambda: _qt_app(qt_args))
        if qt is not None:
            import PySide6
            from PySide6 import QtCore

            summary.data["qt"] = QtCore.qVersion()
            summary.data["pyside"] = PySide6.__version__
            summary.data["qpa_platform"] = qt.platformName()
            from nianbao.startup import wine_version

            summary.data["wine"] = wine_version()
            summary.data["desktop_settings_aware"] = type(qt).desktopSettingsAware()
        summary.data["formats"] = summary.step("definitions", _load_formats) or []

        from nianbao.resources import DEFAULT_EXAMPLE, load_example

        report = summary.step("load_example", lambda: load_example(DEFAULT_EXAMPLE))
        if report is not None:
            summary.data["example"] = {"name": DEFAULT_EXAMPLE, "title": report.title(), "cells": len(report.values)}
            summary.data["findings"] = summary.step("check", lambda: _run_checks(report))
            with tempfile.TemporaryDirectory(prefix="nianbao-smoke-") as tmp:
                folder = Path(tmp)
                if qt is not None:
                    summary.data["qt_translation"] = summary.step("qt_translation", _qt_translation)
                    summary.step("icon", lambda: _check_icon(summary))
                    window = summary.step("window", lambda: _build_window(report, folder, summary))
                summary.data["roundtrip"] = summary.step("roundtrip", lambda: _roundtrip(report, folder))
                for kind in ("docx", "xlsx"):
                    summary.step(f"export_{kind}", functools.partial(_export, kind, report, folder, summary))
                if qt is not None:
                    summary.step("export_pdf", lambda: _export_pdf(report, out, summary))
                if window is not None:
                    summary.step("close", lambda: _close(window))
    except BaseException as exc:  # an unexpected crash still leaves a result file
        summary.error("smoke", exc)
    done.set()
    data = summary.finish()
    try:
        _write_json(out, data)
    except Exception as exc:
        if sys.stderr is not None:
            print(f"smoke: cannot write {out}: {exc}", file=sys.stderr)
        return 1
    return 0 if data["ok"] else 1


def _close(window: Any) -> None:
    from PySide6.QtWidgets import QApplication

    # The smoke run must never stop at a "save changes?" prompt: mark the window clean first.
    window.setWindowModified(False)
    window.close()
    window.deleteLater()
    QApplication.processEvents()
