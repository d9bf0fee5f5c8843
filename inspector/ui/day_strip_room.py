"""The day strip's room: its font and its height, shared by the strip and by the place kept
for it on the first paint (the strip itself is built right after), so nothing moves when
the strip takes its place."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QSizePolicy, QWidget

LANES = 2  # the inspected entry above, the entries around it below
MIN_HEIGHT = 60


class DayStripRoom(QWidget):
    """As high as the strip, in its font; it paints nothing, as the strip paints nothing but
    the window's colour while no entry is shown. The strip is one of these."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        self.setFont(font)

    def sizeHint(self) -> QSize:
        return QSize(480, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        text = self.fontMetrics().height()
        return QSize(160, max(MIN_HEIGHT, 2 * text + LANES * 16 + 6))
