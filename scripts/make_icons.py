"""Render resources/icons/deepdive.svg to the PNG sizes desktops and installers use.

Run: python scripts/make_icons.py   (writes resources/icons/png/deepdive-<size>.png)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    """Write one PNG per size from the SVG."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    root = Path(__file__).resolve().parent.parent / "resources" / "icons"
    renderer = QSvgRenderer(str(root / "deepdive.svg"))
    if not renderer.isValid():
        print("deepdive.svg could not be read", file=sys.stderr)
        return 2
    out = root / "png"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"deepdive-{size}.png"))
    del app
    print(f"wrote {len(SIZES)} icons to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
