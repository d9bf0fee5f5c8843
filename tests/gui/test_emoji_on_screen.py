"""The demo's Unicode entry shows its emoji in colour and its Japanese as characters, not as
empty boxes (with the colour emoji and CJK fonts `./dev setup` installs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_actions import look_up
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QLabel, QWidget

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


CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def drawn(text: str, font: QFont) -> bytes:
    """The pixels of ``text`` as a label in ``font`` draws it."""
    label = QLabel(text)
    label.setFont(font)
    label.resize(label.sizeHint())
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return bytes(image.constBits())


@pytest.mark.skipif(not CJK_FONT.exists(), reason="no CJK font (./dev setup)")
def test_the_unicode_demo_entrys_japanese_is_drawn_not_boxes(qtbot, window):
    look_up(qtbot, window, "5000000011")
    what = window.entry_panel.summary.what_label
    assert "日本語" in what.text()
    # A character no font has is drawn as the same empty box whatever it is: three
    # different characters drawn alike are boxes.
    glyphs = {drawn(character, what.font()) for character in "日本語"}
    assert len(glyphs) == 3
