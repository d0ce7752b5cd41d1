"""Render the installer wizard's own pictures from the icon master resources/icon.svg:

- installer/wizard-side.bmp (164x314): the left picture of the welcome and finish pages (MUI_WELCOMEFINISHPAGE_BITMAP),
- installer/wizard-header.bmp (150x57): the picture in the header of the other pages (MUI_HEADERIMAGE_BITMAP),

instead of NSIS's generic pictures. 24-bit BMPs (what NSIS's MUI loads), drawn with Qt (no CJK font, no text: the
output is the same on every machine). Regenerate after changing the icon:
    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_wizard_images.py
smoke-wine.sh compares the welcome page on screen with wizard-side.bmp.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageWriter, QLinearGradient, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icon.svg"
SIDE = ROOT / "installer" / "wizard-side.bmp"
HEADER = ROOT / "installer" / "wizard-header.bmp"
RED_TOP, RED_BOTTOM = QColor("#b0001a"), QColor("#e23a4b")  # the icon's reds


def _painter(image: QImage) -> QPainter:
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    return painter


def side_image(renderer: QSvgRenderer) -> QImage:
    image = QImage(164, 314, QImage.Format.Format_RGB32)
    painter = _painter(image)
    gradient = QLinearGradient(QPointF(0, 0), QPointF(0, 314))
    gradient.setColorAt(0, RED_TOP)
    gradient.setColorAt(1, RED_BOTTOM)
    painter.fillRect(image.rect(), gradient)
    # a white card behind the icon, then the icon itself
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(QRectF(22, 44, 120, 120), 18, 18)
    renderer.render(painter, QRectF(34, 56, 96, 96))
    # three thin lines under the card: a page of a report
    painter.setBrush(QColor(255, 255, 255, 150))
    for i, width in enumerate((100, 84, 92)):
        painter.drawRoundedRect(QRectF(32, 196 + i * 18, width, 6), 3, 3)
    painter.end()
    return image


def header_image(renderer: QSvgRenderer) -> QImage:
    image = QImage(150, 57, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))  # the MUI header is white
    painter = _painter(image)
    renderer.render(painter, QRectF(150 - 4 - 48, 4, 48, 48))
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    for image, path in ((side_image(renderer), SIDE), (header_image(renderer), HEADER)):
        rgb = image.convertToFormat(QImage.Format.Format_RGB888)  # 24-bit BMP
        writer = QImageWriter(str(path), b"BMP")  # QImage.save takes the format as str, its stubs say bytes
        if not writer.write(rgb):
            print(f"cannot write {path}: {writer.errorString()}", file=sys.stderr)
            return 1
        print(f"{path.relative_to(ROOT)}: {image.width()}x{image.height()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
