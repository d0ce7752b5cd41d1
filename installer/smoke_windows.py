"""Smoke test of the Windows installer on Windows itself (GitHub Actions windows-latest), stdlib only:

    py installer/smoke_windows.py dist/nianbao-<version>-setup-x64.exe [SHOTS-FOLDER]

The checks of installer/smoke-wine.sh that apply on real Windows, one PASS/FAIL line each, exit 1 on any failure:
silent install, registry (association, 应用和功能 entry), the app's --smoke run (offscreen: exports), the real window
(time to visible, screenshot, pixel checks, title, closed), the Chinese start-up failure box and log (forced
exception, missing Qt platform plugin), the installer's pages (screenshots, side picture), upgrade in place, silent
uninstall keeping user data. Windows are found by title (EnumWindows), screenshots taken with GDI (BitBlt) into BMP
files, buttons pressed with WM_COMMAND / WM_CLOSE: no keyboard or mouse simulation, so it also runs unattended.
Tried under Wine only (python.exe of the build prefix, Xvfb, zh_CN): every step passed except the message-box and
folder-page text checks, because Wine's GDI screen capture misses dialog text (smoke-wine.sh checks those with X
screenshots instead). Not yet run on real Windows.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import winreg
from ctypes import wintypes
from pathlib import Path
from typing import Any

APP = "年报助手"
BOX_TITLE = "年报助手无法启动"
UNINST = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao"
user32 = ctypes.WinDLL("user32", use_last_error=True)
gdi32 = ctypes.WinDLL("gdi32", use_last_error=True)
W = wintypes
# (function, argument types, result type): ctypes then converts and checks each call
SIGNATURES: tuple[tuple[Any, list[type[Any]], type[Any]], ...] = (
    (user32.GetDC, [W.HWND], W.HDC),
    (user32.ReleaseDC, [W.HWND, W.HDC], ctypes.c_int),
    (user32.IsWindowVisible, [W.HWND], W.BOOL),
    (user32.GetWindowTextLengthW, [W.HWND], ctypes.c_int),
    (user32.GetWindowTextW, [W.HWND, W.LPWSTR, ctypes.c_int], ctypes.c_int),
    (user32.GetWindowRect, [W.HWND, ctypes.POINTER(W.RECT)], W.BOOL),
    (user32.SetForegroundWindow, [W.HWND], W.BOOL),
    (user32.PostMessageW, [W.HWND, W.UINT, W.WPARAM, W.LPARAM], W.BOOL),
    (user32.SendMessageW, [W.HWND, W.UINT, W.WPARAM, W.LPARAM], W.LPARAM),
    (gdi32.CreateCompatibleDC, [W.HDC], W.HDC),
    (gdi32.CreateCompatibleBitmap, [W.HDC, ctypes.c_int, ctypes.c_int], W.HBITMAP),
    (gdi32.SelectObject, [W.HDC, W.HGDIOBJ], W.HGDIOBJ),
    (gdi32.BitBlt, [W.HDC] + [ctypes.c_int] * 4 + [W.HDC, ctypes.c_int, ctypes.c_int, W.DWORD], W.BOOL),
    (gdi32.GetDIBits, [W.HDC, W.HBITMAP, W.UINT, W.UINT, ctypes.c_void_p, ctypes.c_void_p, W.UINT], ctypes.c_int),
    (gdi32.DeleteObject, [W.HGDIOBJ], W.BOOL),
    (gdi32.DeleteDC, [W.HDC], W.BOOL),
)
for fn, args, res in SIGNATURES:
    fn.argtypes, fn.restype = args, res
WM_CLOSE, WM_COMMAND = 0x0010, 0x0111
IDOK = 1  # NSIS: the Next / Install / Finish button

FAILS: list[str] = []
_T = [time.perf_counter()]


def result(ok: bool, what: str, detail: str = "") -> bool:
    took = time.perf_counter() - _T[0]
    _T[0] = time.perf_counter()
    print(f"[smoke-windows] {'PASS' if ok else 'FAIL'} {what:<52} {took:6.1f}s" + (f"  ({detail})" if detail else ""))
    if not ok:
        FAILS.append(what)
    sys.stdout.flush()
    return ok


# ------------------------------------------------------------------------------------------------ windows
EnumProc = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)


def windows() -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def each(hwnd: int, _lparam: int) -> bool:
        if user32.IsWindowVisible(hwnd):
            n = user32.GetWindowTextLengthW(hwnd)
            buf = ctypes.create_unicode_buffer(n + 1)
            user32.GetWindowTextW(hwnd, buf, n + 1)
            if buf.value:
                found.append((hwnd, buf.value))
        return True

    user32.EnumWindows(EnumProc(each), 0)
    return found


def find_window(match: object, seconds: float) -> tuple[int, str] | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for hwnd, title in windows():
            if callable(match) and match(title):
                return hwnd, title
        time.sleep(0.1)
    return None


def rect(hwnd: int) -> tuple[int, int, int, int]:
    """The window's rectangle, clipped to the screen (a maximized window's frame reaches a few pixels beyond)."""
    r = wintypes.RECT()
    user32.GetWindowRect(hwnd, ctypes.byref(r))
    left, top = max(0, r.left), max(0, r.top)
    right, bottom = min(user32.GetSystemMetrics(0), r.right), min(user32.GetSystemMetrics(1), r.bottom)
    return left, top, right - left, bottom - top


class Shot:
    """A screen area as 32-bit BGRA rows (top-down), saved as a BMP file."""

    def __init__(self, x: int, y: int, w: int, h: int) -> None:
        self.w, self.h = w, h
        screen = user32.GetDC(None)
        mem = gdi32.CreateCompatibleDC(screen)
        bmp = gdi32.CreateCompatibleBitmap(screen, w, h)
        gdi32.SelectObject(mem, bmp)
        gdi32.BitBlt(mem, 0, 0, w, h, screen, x, y, 0x00CC0020)  # SRCCOPY
        header = struct.pack("<IiiHHIIiiII", 40, w, -h, 1, 32, 0, 0, 0, 0, 0, 0)
        info = ctypes.create_string_buffer(header + b"\0" * 16)
        self.data = ctypes.create_string_buffer(w * h * 4)
        gdi32.GetDIBits(mem, bmp, 0, h, self.data, info, 0)
        self.raw = self.data.raw  # one copy: .raw copies the whole buffer on every access
        gdi32.DeleteObject(bmp)
        gdi32.DeleteDC(mem)
        user32.ReleaseDC(None, screen)

    def save(self, path: Path) -> None:
        header = struct.pack("<IiiHHIIiiII", 40, self.w, -self.h, 1, 32, 0, len(self.raw), 0, 0, 0, 0)
        path.write_bytes(b"BM" + struct.pack("<IHHI", 14 + 40 + len(self.raw), 0, 0, 54) + header + self.raw)

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.w + x) * 4
        b, g, r = self.raw[i : i + 3]
        return r, g, b

    def area(self, x: int, y: int, w: int, h: int, step: int = 1) -> list[tuple[int, int, int]]:
        return [
            self.pixel(xx, yy)
            for yy in range(max(0, y), min(self.h, y + h), step)
            for xx in range(max(0, x), min(self.w, x + w), step)
        ]


def shoot(hwnd: int, shots: Path, name: str) -> Shot:
    user32.SetForegroundWindow(hwnd)
    time.sleep(0.5)
    shot = Shot(*rect(hwnd))
    shot.save(shots / f"{name}.bmp")
    return shot


# The same measurements as installer/smoke_screen.py, on the window's own pixels.
def _luma(p: tuple[int, int, int]) -> float:
    return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]


def stats(pixels: list[tuple[int, int, int]]) -> dict[str, float]:
    lum = [_luma(p) for p in pixels] or [0.0]
    mean = sum(lum) / len(lum)
    return {
        "colours": len(set(pixels)),
        "dark": round(sum(v < 110 for v in lum) / len(lum), 4),
        "spread": round((sum((v - mean) ** 2 for v in lum) / len(lum)) ** 0.5, 1),
    }


def text_bands(shot: Shot, height: int) -> int:
    """Bands of rows with text-like strokes (8+ dark runs in a row)."""
    bands, last = 0, -10
    for y in range(min(height, shot.h)):
        line = [_luma(p) < 110 for p in shot.area(0, y, shot.w, 1)]
        if sum(1 for i in range(1, len(line)) if line[i] and not line[i - 1]) >= 8:
            if y - last > 3:
                bands += 1
            last = y
    return bands


def window_ok(shot: Shot) -> tuple[bool, str]:
    s = stats(shot.area(0, 0, shot.w, shot.h, 3))
    bands = text_bands(shot, 260)
    ok = s["colours"] >= 40 and s["spread"] >= 15 and 0.002 <= s["dark"] <= 0.5 and bands >= 3
    return ok, f"{shot.w}x{shot.h} {s} text bands {bands}"


def dialog_ok(shot: Shot) -> tuple[bool, str]:
    """Drawn, with lines of text (under Wine a GDI capture of a dialog misses its text: this fails there)."""
    s = stats(shot.area(0, 0, shot.w, shot.h))
    bands = text_bands(shot, shot.h)
    return s["colours"] >= 10 and s["spread"] >= 10 and bands >= 2, f"{s} text bands {bands}"


def wizard_ok(shot: Shot) -> tuple[bool, str]:
    left = shot.area(0, 0, min(shot.w // 3, 170), shot.h, 2)
    red = sum(1 for r, g, b in left if r > 150 and g < 110 and b < 120) / max(1, len(left))
    return red >= 0.45, f"side picture red {red:.2f}"


# ------------------------------------------------------------------------------------------------ registry
def reg(key: str, name: str = "") -> str | None:
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as k:
            return str(winreg.QueryValueEx(k, name)[0])
    except OSError:
        return None


def wait_exit(proc: subprocess.Popen[bytes], seconds: float) -> int | None:
    try:
        return proc.wait(seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        return None


def startup_log() -> str:
    path = Path(os.environ["LOCALAPPDATA"]) / "nianbao" / "logs" / "startup.log"
    return path.read_text("utf-8", errors="replace") if path.exists() else ""


# ------------------------------------------------------------------------------------------------ steps
def run_smoke(exe: Path, label: str) -> None:
    out = Path(tempfile.mkdtemp()) / "smoke.json"
    t0 = time.perf_counter()
    done = subprocess.run([str(exe), "--smoke", str(out), "-platform", "offscreen"], timeout=300, check=False)
    if not out.exists():
        result(False, label, f"no result file, exit {done.returncode}")
        return
    d = json.loads(out.read_text("utf-8"))
    # on Windows desktop settings stay on; under Wine the app must have turned them off
    aware_ok = d.get("desktop_settings_aware") is (d.get("wine") is None)
    ok = done.returncode == 0 and d["ok"] and d["frozen"] and d["qpa_platform"] == "offscreen" and aware_ok
    ex = d.get("exports", {})
    result(
        ok,
        label,
        f"{time.perf_counter() - t0:.1f}s; qt {d['qt']} wine {d.get('wine')} desktop settings "
        f"{d.get('desktop_settings_aware')} docx {ex.get('docx', {}).get('bytes')} "
        f"pdf {ex.get('pdf', {}).get('bytes')} "
        f"errors {[e.get('error') for e in d.get('errors', [])]}",
    )


def real_window(exe: Path, shots: Path) -> None:
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(exe)])
    found = find_window(lambda t: t.endswith(" - " + APP), 90)
    if found is None:
        result(False, "real window visible within 90 s")
        proc.kill()
        return
    visible = time.perf_counter() - t0
    hwnd, title = found
    time.sleep(3)
    ok, detail = window_ok(shoot(hwnd, shots, "real-window"))
    result(ok, f"real window visible and drawn, title '{title}'", f"{visible:.1f}s from launch; {detail}")
    result("window shown: Qt windows" in startup_log(), "start-up log: window shown (windows platform)")
    user32.PostMessageW(hwnd, WM_CLOSE, 0, 0)
    rc = wait_exit(proc, 60)
    result(rc == 0, "real window closes (WM_CLOSE, exit 0)", f"exit {rc}")


def startup_failure(exe: Path, shots: Path, name: str, want: str, args: list[str], env: dict[str, str]) -> None:
    proc = subprocess.Popen([str(exe), *args], env={**os.environ, **env})
    if args:  # a missing platform plugin: Qt shows its own English box (titled with the program name) first
        qt_box = find_window(lambda t: t.lower() in ("nianbao", "nianbao.exe"), 60)
        if qt_box:
            shoot(qt_box[0], shots, f"{name}-qt-box")
            user32.PostMessageW(qt_box[0], WM_CLOSE, 0, 0)
    found = find_window(lambda t: t == BOX_TITLE, 90)
    if found is None:
        result(False, f"{name}: Chinese message box within 90 s")
        proc.kill()
        return
    ok, detail = dialog_ok(shoot(found[0], shots, name))
    user32.PostMessageW(found[0], WM_CLOSE, 0, 0)
    rc = wait_exit(proc, 60)
    logged = want in startup_log()
    result(ok and logged and rc not in (0, None), f"{name}: Chinese message box, log, exit {rc}", detail)


def installer_pages(setup: Path, shots: Path) -> None:
    proc = subprocess.Popen([str(setup)])
    found = find_window(lambda t: "安装程序" in t and APP in t, 90)
    if found is None:
        result(False, "installer window within 90 s")
        proc.kill()
        return
    hwnd = found[0]
    time.sleep(1.5)
    ok, detail = wizard_ok(shoot(hwnd, shots, "installer-1-welcome"))
    result(ok, "installer welcome page (own side picture)", detail)
    user32.SendMessageW(hwnd, WM_COMMAND, IDOK, 0)
    time.sleep(1.5)
    ok, detail = dialog_ok(shoot(hwnd, shots, "installer-2-folder"))
    result(ok, "installer folder page", detail)
    user32.SendMessageW(hwnd, WM_COMMAND, IDOK, 0)  # 安装
    time.sleep(20)
    ok, detail = wizard_ok(shoot(hwnd, shots, "installer-3-finish"))
    result(ok, "installer finish page", detail)
    user32.SendMessageW(hwnd, WM_COMMAND, IDOK, 0)  # 完成, 运行年报助手 ticked
    app = find_window(lambda t: t.endswith(" - " + APP), 90)
    result(app is not None, "完成 starts the program: its window shows", app[1] if app else "")
    if app:
        user32.PostMessageW(app[0], WM_CLOSE, 0, 0)
    wait_exit(proc, 60)


def main(argv: list[str]) -> int:
    if not argv or not Path(argv[0]).is_file():
        print(__doc__, file=sys.stderr)
        return 2
    for stream in (sys.stdout, sys.stderr):  # a pipe on Windows is cp1252: the Chinese names must print
        stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    setup = Path(argv[0]).resolve()
    shots = Path(argv[1] if len(argv) > 1 else "smoke-shots").resolve()
    shots.mkdir(parents=True, exist_ok=True)
    logs = Path(os.environ["LOCALAPPDATA"]) / "nianbao" / "logs"
    shutil.rmtree(logs, ignore_errors=True)

    rc = subprocess.run([str(setup), "/S"], timeout=300, check=False).returncode
    inst = Path(reg(UNINST, "InstallLocation") or "")
    exe = inst / "nianbao.exe"
    result(rc == 0 and exe.is_file(), "silent install (setup /S)", f"exit {rc}, {inst}")
    if not exe.is_file():
        return 1
    size = sum(f.stat().st_size for f in inst.rglob("*") if f.is_file()) / 2**20
    result(True, "installed size", f"{size:.0f} MB")
    result(reg(r"Software\Classes\.nianbao") == "nianbao.Report", "file association .nianbao = nianbao.Report")
    cmd = reg(r"Software\Classes\nianbao.Report\shell\open\command") or ""
    result(cmd.endswith('nianbao.exe" "%1"'), 'open command runs nianbao.exe "%1"', cmd)
    result(reg(UNINST, "DisplayName") == APP, f"uninstall entry: DisplayName {APP}")
    result((reg(UNINST, "QuietUninstallString") or "").endswith("/S"), "uninstall entry: QuietUninstallString ... /S")

    run_smoke(exe, "installed app --smoke -platform offscreen")
    real_window(exe, shots)
    startup_failure(
        exe, shots, "startup-failure-exception", "start-up failed: RuntimeError", [],
        {"NIANBAO_TEST_STARTUP_FAULT": "exception"},
    )  # fmt: skip
    startup_failure(
        exe, shots, "startup-failure-qt-plugin", "qt fatal: This application failed to start",
        ["-platform", "nosuchplatform"], {},
    )  # fmt: skip

    data = Path(os.environ["LOCALAPPDATA"]) / "nianbao" / "autosave"
    data.mkdir(parents=True, exist_ok=True)
    (data / "keep.nianbao").write_text("{}", "utf-8")
    stale = inst / "_internal" / "stale-from-old-version.txt"
    stale.write_text("stale", "utf-8")
    subprocess.run([str(setup), "/S"], timeout=300, check=False)
    result(exe.is_file() and not stale.exists(), "upgrade in place: old files replaced")
    run_smoke(exe, "app after upgrade --smoke")

    subprocess.run([str(inst / "uninstall.exe"), "/S"], timeout=300, check=False)
    for _ in range(60):  # the uninstaller re-runs itself from %TEMP%
        if not inst.exists():
            break
        time.sleep(1)
    result(not inst.exists(), "silent uninstall: program folder gone")
    result(reg(UNINST, "DisplayName") is None, "uninstall: Apps entry removed")
    result((data / "keep.nianbao").exists(), "uninstall: user data kept")

    installer_pages(setup, shots)
    subprocess.run([str(inst / "uninstall.exe"), "/S"], timeout=300, check=False)

    print(f"[smoke-windows] screenshots: {shots}")
    if FAILS:
        print(f"[smoke-windows] FAILED: {len(FAILS)} step(s)")
        return 1
    print("[smoke-windows] ALL PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
