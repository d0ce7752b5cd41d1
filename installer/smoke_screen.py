"""Pixel checks of smoke-test screenshots (no OCR): is a window really drawn, and is it the one we expect?

    python installer/smoke_screen.py window SHOT.png X Y W H      the app's main window
    python installer/smoke_screen.py wizard SHOT.png X Y W H      an installer page with our red side picture
    python installer/smoke_screen.py dialog SHOT.png X Y W H      a message box (not blank, has text)

Prints one JSON line of measurements and exits 1 if a check fails. Uses Qt's QImage (the venv has PySide6) so no
image library is needed. X Y W H: the window's rectangle on the screen (xdotool getwindowgeometry).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QImage


def _pixels(image: QImage, x: int, y: int, w: int, h: int, step: int = 1) -> list[tuple[int, int, int]]:
    out = []
    for yy in range(max(0, y), min(image.height(), y + h), step):
        for xx in range(max(0, x), min(image.width(), x + w), step):
            c = image.pixel(xx, yy)
            out.append(((c >> 16) & 255, (c >> 8) & 255, c & 255))
    return out


def _luma(p: tuple[int, int, int]) -> float:
    return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]


def _stats(pixels: list[tuple[int, int, int]]) -> dict[str, Any]:
    if not pixels:
        return {"n": 0, "colours": 0, "dark": 0.0, "spread": 0.0}
    lum = [_luma(p) for p in pixels]
    mean = sum(lum) / len(lum)
    spread = (sum((v - mean) ** 2 for v in lum) / len(lum)) ** 0.5
    return {
        "n": len(pixels),
        "colours": len(set(pixels)),
        "dark": round(sum(v < 110 for v in lum) / len(lum), 4),  # text strokes
        "spread": round(spread, 1),
    }


def _text_rows(image: QImage, x: int, y: int, w: int, h: int) -> list[int]:
    """Rows (screen y) of the band that hold dark, text-like strokes: several dark runs separated by light ones."""
    rows = []
    for yy in range(max(0, y), min(image.height(), y + h)):
        line = [_luma(p) < 110 for p in _pixels(image, x, yy, w, 1)]
        runs = sum(1 for i in range(1, len(line)) if line[i] and not line[i - 1])
        if runs >= 8:
            rows.append(yy)
    return rows


def check_window(image: QImage, x: int, y: int, w: int, h: int) -> tuple[bool, dict[str, Any]]:
    whole = _stats(_pixels(image, x, y, w, h, step=3))
    top = min(h, 260)  # menu bar, toolbar, 基本信息 strip and the chapter tab bar are all in the top 260 px
    rows = _text_rows(image, x, y, w, top)
    bands = 0
    for i, row in enumerate(rows):
        if i == 0 or row - rows[i - 1] > 3:
            bands += 1
    result = {"window": whole, "text_rows_top": len(rows), "text_bands_top": bands}
    ok = whole["colours"] >= 40 and whole["spread"] >= 15 and 0.002 <= whole["dark"] <= 0.5 and bands >= 3
    return ok, result


def check_wizard(image: QImage, x: int, y: int, w: int, h: int) -> tuple[bool, dict[str, Any]]:
    left = _pixels(image, x, y, min(w // 3, 170), h, step=2)
    red = sum(1 for r, g, b in left if r > 150 and g < 110 and b < 120) / max(1, len(left))
    right = _stats(_pixels(image, x + w // 3, y, w - w // 3, h, step=2))
    result = {"side_red": round(red, 3), "page": right}
    return red >= 0.45 and right["dark"] >= 0.003 and right["colours"] >= 10, result


def check_dialog(image: QImage, x: int, y: int, w: int, h: int) -> tuple[bool, dict[str, Any]]:
    """Drawn, with at least two lines of text."""
    stats = _stats(_pixels(image, x, y, w, h))
    rows = _text_rows(image, x, y, w, h)
    bands = sum(1 for i, row in enumerate(rows) if i == 0 or row - rows[i - 1] > 3)
    ok = stats["colours"] >= 10 and stats["dark"] >= 0.005 and stats["spread"] >= 10 and bands >= 2
    return ok, {"dialog": stats, "text_bands": bands}


CHECKS = {"window": check_window, "wizard": check_wizard, "dialog": check_dialog}


def main(argv: list[str]) -> int:
    if len(argv) != 6 or argv[0] not in CHECKS:
        print(__doc__, file=sys.stderr)
        return 2
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    image = QImage(argv[1])
    if image.isNull():
        print(json.dumps({"ok": False, "error": f"cannot read {argv[1]}"}))
        return 1
    x, y, w, h = (int(v) for v in argv[2:])
    ok, result = CHECKS[argv[0]](image, x, y, w, h)
    print(json.dumps({"ok": ok, **result}, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
