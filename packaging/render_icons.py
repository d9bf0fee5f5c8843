"""Render resources/toggl-inspector.svg into the PNG sizes desktops expect, plus .ico/.icns.

Run after changing the SVG:  .venv/bin/python packaging/render_icons.py
(Qt renders the SVG; the results are committed so that builds need no renderer.)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon, QImage

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> QImage:
    image = QIcon(str(RESOURCES / "toggl-inspector.svg")).pixmap(QSize(size, size)).toImage()
    if image.isNull() or image.width() != size:
        raise SystemExit(f"could not render the icon at {size} px")
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs it to render)
    for size in SIZES:
        target = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        render(size).save(str(target / "toggl-inspector.png"))
    render(256).save(str(RESOURCES / "toggl-inspector.ico"))
    render(512).save(str(RESOURCES / "toggl-inspector.icns"))
    print(f"rendered {len(SIZES)} PNG sizes, .ico and .icns into {RESOURCES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
