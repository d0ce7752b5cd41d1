"""Render the icon masters: resources/icon.svg into installer/nianbao.ico and src/nianbao/assets/icon.png, and the
toolbar icons resources/toolbar/*.svg into src/nianbao/assets/toolbar/NAME.png (24 px) and NAME@2x.png (48 px, which
Qt picks up by itself on 125-200 % screens).

Uses Qt's SVG renderer (PySide6 is already a dependency), so no ImageMagick or Pillow is needed:
    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icon.py
ICO entries below 256 px are 32-bit DIBs (every Windows shell and makensis read them); 256 px is PNG.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icon.svg"
ICO = ROOT / "installer" / "nianbao.ico"
PNG = ROOT / "src" / "nianbao" / "assets" / "icon.png"
TOOLBAR_SVG = ROOT / "resources" / "toolbar"
TOOLBAR_PNG = ROOT / "src" / "nianbao" / "assets" / "toolbar"
TOOLBAR_SIZE = 24
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buf, b"PNG").write(image):  # QImage.save takes the format as str, its stubs say bytes
        raise OSError("cannot encode PNG")
    buf.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """A BITMAPINFOHEADER + bottom-up BGRA pixels + an AND mask, as stored inside .ico files."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((size + 31) // 32) * 4
    for y in reversed(range(size)):
        row = bytearray()
        mask = bytearray(mask_stride)
        for x in range(size):
            argb = image.pixel(x, y)
            a, r, g, b = (argb >> 24) & 255, (argb >> 16) & 255, (argb >> 8) & 255, argb & 255
            row += bytes((b, g, r, a))
            if a == 0:
                mask[x // 8] |= 0x80 >> (x % 8)
        rows.append(bytes(row))
        mask_rows.append(bytes(mask))
    return header + b"".join(rows) + b"".join(mask_rows)


def write_ico(path: Path, images: list[QImage]) -> None:
    entries = [png_bytes(img) if img.width() >= 256 else dib_bytes(img) for img in images]
    offset = 6 + 16 * len(images)
    directory = b""
    for img, blob in zip(images, entries, strict=True):
        dim = img.width() if img.width() < 256 else 0
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(struct.pack("<HHH", 0, 1, len(images)) + directory + b"".join(entries))


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    write_ico(ICO, [render(renderer, s) for s in ICO_SIZES])
    PNG.write_bytes(png_bytes(render(renderer, 256)))
    print(f"wrote {ICO.relative_to(ROOT)} ({ICO.stat().st_size} bytes), {PNG.relative_to(ROOT)}")
    TOOLBAR_PNG.mkdir(exist_ok=True)
    for svg in sorted(TOOLBAR_SVG.glob("*.svg")):
        tool = QSvgRenderer(str(svg))
        if not tool.isValid():
            print(f"cannot read {svg}", file=sys.stderr)
            return 1
        (TOOLBAR_PNG / f"{svg.stem}.png").write_bytes(png_bytes(render(tool, TOOLBAR_SIZE)))
        (TOOLBAR_PNG / f"{svg.stem}@2x.png").write_bytes(png_bytes(render(tool, 2 * TOOLBAR_SIZE)))
        print(f"wrote {(TOOLBAR_PNG / svg.stem).relative_to(ROOT)}.png, @2x.png")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
