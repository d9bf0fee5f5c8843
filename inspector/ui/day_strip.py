"""The inspected entry's day as a strip: a 24-hour axis in the owner's time zone (UTC when
unknown), the entry (highlighted) and its neighbours as bars, overlaps hatched in red, a
running entry fading out to the right, and midnight in UTC and on this computer as labelled
ticks. Hovering a bar names its entry; clicking one chooses it, as in the list.

Painted from the palette (Highlight, Base, Text, WindowText), so it reads in light and dark;
a few text lines high, as wide as the window gives it (never wider)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, tzinfo

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from inspector.ui.around import Day, DayBar
from inspector.ui.style import OVERLAP_COLOUR, named, plain_tooltip

MIN_HEIGHT = 60
BAR_INSET = 3  # between a bar and its lane's edge, where an overlap's hatching shows
LANES = 2  # the inspected entry above, the entries around it below


class DayStrip(QWidget):
    entry_clicked = Signal(object)  # an entry id (beyond a C++ int: not Signal(int))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "dayStrip", "Day strip")
        self._day: Day | None = None
        self._bars: tuple[DayBar, ...] = ()
        self._overlaps: tuple[tuple[datetime, datetime], ...] = ()
        self._now = datetime.now(UTC)
        self._local_zone: tzinfo | None = None
        self._selected: int | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        self.setFont(font)

    # --- what it shows ------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(480, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        text = self.fontMetrics().height()
        return QSize(160, max(MIN_HEIGHT, 2 * text + LANES * 16 + 6))

    @property
    def day(self) -> Day | None:
        return self._day

    @property
    def bars(self) -> tuple[DayBar, ...]:
        return self._bars

    @property
    def selected(self) -> int | None:
        return self._selected

    def show_day(
        self,
        day: Day,
        bars: Sequence[DayBar],
        overlaps: Sequence[tuple[datetime, datetime]],
        now: datetime,
        local_zone: tzinfo | None,
    ) -> None:
        self._day = day
        self._bars = tuple(bars)
        self._overlaps = tuple(overlaps)
        self._now = now
        self._local_zone = local_zone
        self._selected = next((bar.entry_id for bar in bars if bar.inspected), None)
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.setToolTip(plain_tooltip(self._day_tooltip()))
        names = "; ".join(bar.tooltip for bar in bars)
        self.setAccessibleDescription(plain_tooltip(f"{day.label}: {names}", 2000))
        self.update()

    def clear(self) -> None:
        self._day = None
        self._bars = self._overlaps = ()
        self._selected = None
        self.setToolTip("")
        self.setAccessibleDescription("")
        self.update()

    def set_selected(self, entry_id: int | None) -> None:
        """The entry shown in the tree, outlined."""
        self._selected = entry_id
        self.update()

    def _day_tooltip(self) -> str:
        if self._day is None:
            return ""
        return (
            f"{self._day.label}. Bars: this entry (highlighted) and the entries around it; "
            "red hatching where they overlap; dashed ticks at midnight in UTC and on this "
            "computer. Click a bar to show that entry."
        )

    # --- geometry -----------------------------------------------------------------------
    def _metrics(self) -> tuple[int, float, float, float]:
        """(text height, top of the lanes, lane height, axis y)."""
        text = QFontMetrics(self.font()).height()
        top = text + 2.0
        axis = self.height() - text - 2.0
        lane = max(4.0, (axis - top - 2.0) / LANES)
        return text, top, lane, axis

    def _x(self, moment: datetime) -> float:
        assert self._day is not None
        share = (moment - self._day.start).total_seconds() / self._day.seconds
        return 1.0 + min(max(share, 0.0), 1.0) * (self.width() - 2.0)

    def _end(self, bar: DayBar) -> datetime:
        return bar.stop if bar.stop is not None else max(self._now, bar.start)

    def bar_rect(self, bar: DayBar) -> QRectF | None:
        """Where ``bar`` is drawn (None: not on this day)."""
        day = self._day
        if day is None or self._end(bar) < day.start or bar.start > day.end:
            return None
        _text, top, lane, _axis = self._metrics()
        left = self._x(max(bar.start, day.start))
        right = self.width() - 1.0 if bar.stop is None else self._x(min(self._end(bar), day.end))
        row = 0 if bar.inspected else 1
        return QRectF(
            left, top + row * lane + BAR_INSET, max(right - left, 3.0), lane - 2 * BAR_INSET
        )

    def bar_at(self, point: QPoint | QPointF) -> DayBar | None:
        """The bar under ``point``; the inspected one wins, then the shortest."""
        hits = [
            bar
            for bar in self._bars
            if (rect := self.bar_rect(bar)) is not None
            and rect.adjusted(-1, -1, 1, 1).contains(QPointF(point))
        ]
        hits.sort(key=lambda bar: (not bar.inspected, (self._end(bar) - bar.start)))
        return hits[0] if hits else None

    # --- events -------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if bar else Qt.CursorShape.ArrowCursor)
        self.setToolTip(plain_tooltip(bar.tooltip if bar else self._day_tooltip()))
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position())
        if bar is not None and event.button() == Qt.MouseButton.LeftButton:
            self.entry_clicked.emit(bar.entry_id)
            event.accept()
            return
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos())
            rect = self.bar_rect(bar) if bar else None
            text = plain_tooltip(bar.tooltip if bar else self._day_tooltip())
            self.setToolTip(text)
            if text:
                area = rect.toAlignedRect() if rect is not None else self.rect()
                QToolTip.showText(event.globalPos(), text, self, area)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if self._day is None:  # nothing shown: nothing drawn (its room stays)
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.Text)
        _text, top, lane, axis = self._metrics()
        lanes = QRectF(0.5, top - 0.5, self.width() - 1.0, axis - top + 1.0)
        painter.fillRect(lanes, palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(_alpha(text_colour, 90), 1))
        painter.drawRect(lanes)
        self._paint_hours(painter, axis)
        # Overlaps under the bars: their hatching shows around and between them.
        self._paint_overlaps(painter, top, lane)
        for bar in sorted(self._bars, key=lambda bar: bar.inspected):
            self._paint_bar(painter, bar, palette)
        self._paint_labels(painter, top, axis)
        painter.end()

    def _paint_hours(self, painter: QPainter, axis: float) -> None:
        assert self._day is not None
        day = self._day
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        hours = round(day.seconds / 3600)
        every = 3 if self.width() >= 360 else 6
        last_right = float("-inf")
        for hour in range(hours + 1):
            moment = day.start + timedelta(hours=hour)
            x = self._x(moment)
            painter.setPen(QPen(_alpha(colour, 110), 1))
            painter.drawLine(QPointF(x, axis - 3), QPointF(x, axis))
            local_hour = moment.astimezone(day.zone).hour if hour < hours else 24
            if local_hour % every:
                continue
            label = f"{local_hour:02d}"
            width = metrics.horizontalAdvance(label)
            left = min(max(x - width / 2, 0.0), self.width() - width)
            if left <= last_right + 2:
                continue
            last_right = left + width
            painter.setPen(colour)
            painter.drawText(QPointF(left, axis + metrics.ascent() + 1), label)

    def _paint_bar(self, painter: QPainter, bar: DayBar, palette: QPalette) -> None:
        rect = self.bar_rect(bar)
        if rect is None:
            return
        text = palette.color(QPalette.ColorRole.Text)
        fill = palette.color(QPalette.ColorRole.Highlight) if bar.inspected else _alpha(text, 110)
        if bar.stop is None:  # running: solid up to now, then fading out to the right edge
            now_x = min(max(self._x(self._end(bar)), rect.left() + 3), rect.right())
            gradient = QLinearGradient(now_x, 0, rect.right(), 0)
            gradient.setColorAt(0.0, fill)
            gradient.setColorAt(1.0, _alpha(fill, 0))
            painter.fillRect(
                QRectF(rect.left(), rect.top(), now_x - rect.left(), rect.height()), fill
            )
            painter.fillRect(
                QRectF(now_x, rect.top(), rect.right() - now_x, rect.height()), gradient
            )
            tip = rect.right()
            middle = rect.center().y()
            half = rect.height() / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_alpha(text, 200))
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(tip, middle),
                        QPointF(tip - half, middle - half),
                        QPointF(tip - half, middle + half),
                    ]
                )
            )
        else:
            painter.fillRect(rect, fill)
        outline = QPen(_alpha(text, 170), 1)
        if bar.deleted:
            outline.setStyle(Qt.PenStyle.DashLine)
        if bar.entry_id == self._selected and not bar.inspected:  # shown in the tree
            outline = QPen(text, 2)
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)

    def _paint_overlaps(self, painter: QPainter, top: float, lane: float) -> None:
        red = QColor(OVERLAP_COLOUR)
        for begins, ends in self._overlaps:
            left, right = self._x(begins), self._x(ends)
            band = QRectF(left, top, max(right - left, 2.0), lane * LANES)
            painter.fillRect(band, _alpha(red, 60))
            painter.fillRect(band, QBrush(red, Qt.BrushStyle.BDiagPattern))
            painter.fillRect(QRectF(band.left(), band.top(), band.width(), 2.0), red)
            painter.fillRect(QRectF(band.left(), band.bottom() - 2.0, band.width(), 2.0), red)

    def _paint_labels(self, painter: QPainter, top: float, axis: float) -> None:
        """The midnight ticks (UTC, this computer), and the day's caption where room is."""
        assert self._day is not None
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        taken: list[QRect] = []
        ticks: dict[datetime, str] = dict.fromkeys(self._day.midnights(UTC), "0:00 UTC")
        for moment in self._day.midnights(self._local_zone):  # this computer's zone
            ticks[moment] = "0:00 UTC and here" if moment in ticks else "0:00 here"
        for moment, label in sorted(ticks.items()):
            x = self._x(moment)
            painter.setPen(QPen(_alpha(colour, 170), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, top - 2), QPointF(x, axis))
            width = metrics.horizontalAdvance(label)
            for left in (x + 2, x - width - 2):  # right of the tick, else left of it
                if self._place(painter, label, round(left), taken):
                    break
        caption = self._day.label
        width = metrics.horizontalAdvance(caption)
        for left in (2, self.width() - width - 2):
            if self._place(painter, caption, left, taken):
                break

    def _place(self, painter: QPainter, text: str, left: int, taken: list[QRect]) -> bool:
        """Draw ``text`` in the top row at ``left`` unless it leaves the strip or covers a
        label already drawn."""
        metrics = painter.fontMetrics()
        box = QRect(left, 0, metrics.horizontalAdvance(text), metrics.height())
        if box.left() < 0 or box.right() >= self.width() or _collides(box, taken):
            return False
        taken.append(box)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(QPointF(left, metrics.ascent()), text)
        return True


def _alpha(colour: QColor, alpha: int) -> QColor:
    faded = QColor(colour)
    faded.setAlpha(alpha)
    return faded


def _collides(box: QRect, taken: Sequence[QRect]) -> bool:
    return any(box.adjusted(-4, 0, 4, 0).intersects(other) for other in taken)
