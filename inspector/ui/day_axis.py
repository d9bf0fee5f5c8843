"""The day strip's axis: where a moment of the day falls and where the lanes are, and its
backdrop (frame, hours, midnight in UTC and on this computer, the day's caption), painted
once per day, zones, size and palette: the same for every entry of that day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen, QPixmap, Qt
from PySide6.QtWidgets import QWidget

from inspector.ui.around import Day
from inspector.ui.day_strip_room import LANES


@dataclass(frozen=True)
class Geometry:
    """Where things go in a strip of ``width`` × ``height`` with text ``text`` high."""

    width: int
    height: int
    text: int

    @property
    def top(self) -> float:  # of the lanes: the labels' row is above them
        return self.text + 2.0

    @property
    def axis(self) -> float:  # the hours' row is below it
        return self.height - self.text - 2.0

    @property
    def lane(self) -> float:
        return max(4.0, (self.axis - self.top - 2.0) / LANES)

    def x(self, day: Day, moment: datetime) -> float:
        share = (moment - day.start).total_seconds() / day.seconds
        return 1.0 + min(max(share, 0.0), 1.0) * (self.width - 2.0)


def geometry_of(widget: QWidget) -> Geometry:
    return Geometry(widget.width(), widget.height(), QFontMetrics(widget.font()).height())


class Backdrop:
    """The backdrop of one strip, kept until what it shows changes."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._pixmap: QPixmap | None = None

    def pixmap(self, widget: QWidget, day: Day, local_zone: tzinfo | None) -> QPixmap:
        ratio = widget.devicePixelRatioF()
        palette = widget.palette()
        key = (widget.size().toTuple(), ratio, day, local_zone, palette.cacheKey())
        if self._key == key and self._pixmap is not None:
            return self._pixmap
        pixmap = QPixmap(widget.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(palette.color(QPalette.ColorRole.Window))
        painter = QPainter(pixmap)
        painter.setFont(widget.font())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        where = geometry_of(widget)
        lanes = QRectF(0.5, where.top - 0.5, where.width - 1.0, where.axis - where.top + 1.0)
        painter.fillRect(lanes, palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(alpha(palette.color(QPalette.ColorRole.Text), 90), 1))
        painter.drawRect(lanes)
        text = palette.color(QPalette.ColorRole.WindowText)
        _paint_hours(painter, day, where, text)
        _paint_midnights(painter, day, where, text, local_zone)
        painter.end()
        self._key, self._pixmap = key, pixmap
        return pixmap


def _paint_hours(painter: QPainter, day: Day, where: Geometry, colour: QColor) -> None:
    metrics = painter.fontMetrics()
    hours = round(day.seconds / 3600)
    every = 3 if where.width >= 360 else 6
    last_right = float("-inf")
    tick = QPen(alpha(colour, 110), 1)
    for hour in range(hours + 1):
        moment = day.start + timedelta(hours=hour)
        x = where.x(day, moment)
        painter.setPen(tick)
        painter.drawLine(QPointF(x, where.axis - 3), QPointF(x, where.axis))
        local_hour = moment.astimezone(day.zone).hour if hour < hours else 24
        if local_hour % every:
            continue
        label = f"{local_hour:02d}"
        width = metrics.horizontalAdvance(label)
        left = min(max(x - width / 2, 0.0), where.width - width)
        if left <= last_right + 2:
            continue
        last_right = left + width
        painter.setPen(colour)
        painter.drawText(QPointF(left, where.axis + metrics.ascent() + 1), label)


def _paint_midnights(
    painter: QPainter, day: Day, where: Geometry, colour: QColor, local_zone: tzinfo | None
) -> None:
    """The midnight ticks (UTC, this computer), and the day's caption where room is."""
    metrics = painter.fontMetrics()
    taken: list[QRect] = []
    ticks: dict[datetime, str] = dict.fromkeys(day.midnights(UTC), "0:00 UTC")
    for moment in day.midnights(local_zone):  # this computer's zone
        ticks[moment] = "0:00 UTC and here" if moment in ticks else "0:00 here"
    dashed = QPen(alpha(colour, 170), 1, Qt.PenStyle.DashLine)
    for moment, label in sorted(ticks.items()):
        x = where.x(day, moment)
        painter.setPen(dashed)
        painter.drawLine(QPointF(x, where.top - 2), QPointF(x, where.axis))
        width = metrics.horizontalAdvance(label)
        for left in (x + 2, x - width - 2):  # right of the tick, else left of it
            if _place(painter, label, round(left), where, colour, taken):
                break
    width = metrics.horizontalAdvance(day.label)
    for left in (2, where.width - width - 2):
        if _place(painter, day.label, left, where, colour, taken):
            break


def _place(
    painter: QPainter, text: str, left: int, where: Geometry, colour: QColor, taken: list[QRect]
) -> bool:
    """Draw ``text`` in the top row at ``left`` unless it leaves the strip or covers a
    label already drawn."""
    metrics = painter.fontMetrics()
    box = QRect(left, 0, metrics.horizontalAdvance(text), metrics.height())
    if box.left() < 0 or box.right() >= where.width or _collides(box, taken):
        return False
    taken.append(box)
    painter.setPen(colour)
    painter.drawText(QPointF(left, metrics.ascent()), text)
    return True


def alpha(colour: QColor, alpha: int) -> QColor:
    faded = QColor(colour)
    faded.setAlpha(alpha)
    return faded


def _collides(box: QRect, taken: Sequence[QRect]) -> bool:
    return any(box.adjusted(-4, 0, 4, 0).intersects(other) for other in taken)
