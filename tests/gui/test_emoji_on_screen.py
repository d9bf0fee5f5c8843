"""The demo's Unicode entry shows its emoji in colour, not as empty boxes (with the colour
emoji font `./dev setup` installs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_actions import look_up
from PySide6.QtWidgets import QWidget

EMOJI_FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")


def coloured_pixels(widget: QWidget) -> int:
    """Pixels of a strong colour: the text is black or grey, a colour emoji is not."""
    image = widget.grab().toImage()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            count += colour.hsvSaturation() > 120 and colour.value() > 100
    return count


@pytest.mark.skipif(not EMOJI_FONT.exists(), reason="no colour emoji font (./dev setup)")
def test_the_unicode_demo_entrys_emoji_are_drawn_in_colour(qtbot, window):
    look_up(qtbot, window, "5000000011")
    what = window.entry_panel.summary.what_label
    assert "🚀" in what.text()
    assert coloured_pixels(what) > 20
