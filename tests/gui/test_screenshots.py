"""`./dev screenshots` draws the real window for the docs: two of its pictures, taken into a
scratch directory, have the size asked for, show a window (not one flat colour), the dark one
dark; and a person's own files are left alone."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from conftest import run_on_loop
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from tools.screenshots import SIZE, take_screenshots


def colours(path: Path) -> Counter[int]:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    return Counter(memoryview(bytes(image.constBits())).cast("I"))


def lightness(counts: Counter[int]) -> float:
    """The picture's mean lightness, 0 (black) to 255 (white)."""
    total = sum(counts.values())
    return sum(QColor.fromRgb(rgb).lightness() * n for rgb, n in counts.items()) / total


def files_under(variable: str) -> list[Path]:
    root = Path(os.environ[variable])
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_the_pictures_are_drawn_at_their_size_and_the_dark_one_dark(qtbot, event_loop, tmp_path):
    palette_before = QPalette(QApplication.palette())
    written = run_on_loop(qtbot, take_screenshots(tmp_path, ["running", "dark"]), timeout=60_000)

    assert [path.name for path in written] == ["running.png", "dark.png"]
    light, dark = (colours(path) for path in written)
    for path, counts in zip(written, (light, dark), strict=True):
        assert QImage(str(path)).size() == SIZE
        # A window: text, a tree, a list; not one colour (a blank grab), nor a handful.
        assert len(counts) > 200, path.name
        assert counts.most_common(1)[0][1] < 0.8 * sum(counts.values()), path.name
    assert lightness(light) > 180 > 100 > lightness(dark)
    # The application looks as it did before; nothing was written to a person's own places.
    assert QApplication.palette() == palette_before
    assert files_under("XDG_DATA_HOME") == [] and files_under("XDG_CONFIG_HOME") == []
