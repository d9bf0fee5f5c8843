"""The inspected entry's day as a strip: a 24-hour axis in the owner's time zone (UTC when
unknown), the entry (highlighted) and its neighbours as bars, overlaps hatched in red, a
running entry fading out to the right, and midnight in UTC and on this computer as labelled
ticks. Hovering a bar names its entry; clicking one chooses it, as in the list.

Painted from the palette (Highlight, Base, Text, WindowText), so it reads in light and dark;
a few text lines high, as wide as the window gives it (never wider)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from inspector.ui.around import Day, DayBar
from inspector.ui.day_axis import Backdrop, alpha, geometry_of
from inspector.ui.day_strip_room import LANES, DayStripRoom
from inspector.ui.style import OVERLAP_COLOUR, named, plain_tooltip

BAR_INSET = 3  # between a bar and its lane's edge, where an overlap's hatching shows


class DayStrip(DayStripRoom):
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
        self._hovered: int | None = None  # the bar whose name the tooltip holds
        self._rects: dict[int, QRectF] | None = None  # the bars' rectangles, once laid out
        self._backdrop = Backdrop()
        self.setMouseTracking(True)
        # It paints every pixel itself: its updates repaint nothing beneath it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # --- what it shows ------------------------------------------------------------------
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
        self._rects = None
        self._bars = tuple(bars)
        self._overlaps = tuple(overlaps)
        self._now = now
        self._local_zone = local_zone
        self._selected = next((bar.entry_id for bar in bars if bar.inspected), None)
        self._hovered = None
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.setToolTip(plain_tooltip(self._day_tooltip()))
        inspected = next((bar for bar in bars if bar.inspected), None)
        overlapping = f", {len(overlaps)} overlapping it" if overlaps else ""
        self.setAccessibleDescription(
            f"{day.label}: {inspected.tooltip if inspected else 'no entry'}; "
            f"{len(bars) - (inspected is not None)} entries around it{overlapping}"
        )
        self.update()

    def clear(self) -> None:
        self._day = None
        self._rects = None
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
    def _x(self, moment: datetime) -> float:
        assert self._day is not None
        return geometry_of(self).x(self._day, moment)

    def _end(self, bar: DayBar) -> datetime:
        return bar.stop if bar.stop is not None else max(self._now, bar.start)

    def bar_rect(self, bar: DayBar) -> QRectF | None:
        """Where ``bar`` is drawn (None: not on this day)."""
        return self._bar_rects().get(id(bar))

    def _bar_rects(self) -> dict[int, QRectF]:
        """Every bar's rectangle by the bar's id(), worked out once per size and content
        (painting and each mouse move use them)."""
        if self._rects is not None:
            return self._rects
        rects: dict[int, QRectF] = {}
        day = self._day
        if day is not None:
            where = geometry_of(self)
            top, lane = where.top, where.lane
            for bar in self._bars:
                end = self._end(bar)
                if end < day.start or bar.start > day.end:
                    continue
                left = where.x(day, max(bar.start, day.start))
                right = where.width - 1.0 if bar.stop is None else where.x(day, min(end, day.end))
                lane_top = top + (0 if bar.inspected else lane) + BAR_INSET
                rects[id(bar)] = QRectF(
                    left, lane_top, max(right - left, 3.0), lane - 2 * BAR_INSET
                )
        self._rects = rects
        return rects

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._rects = None
        super().resizeEvent(event)

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
        """The tooltip names the bar under the mouse (Qt shows it as usual; one already
        shown follows the mouse to the next bar). No event() override: every other event
        the strip gets stays in Qt."""
        bar = self.bar_at(event.position())
        hovered = bar.entry_id if bar else None
        if hovered != self._hovered or not self.toolTip():
            self._hovered = hovered
            self.setCursor(Qt.CursorShape.PointingHandCursor if bar else Qt.CursorShape.ArrowCursor)
            self.setToolTip(plain_tooltip(bar.tooltip if bar else self._day_tooltip()))
            if QToolTip.isVisible():
                QToolTip.showText(event.globalPosition().toPoint(), self.toolTip(), self)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position())
        if bar is not None and event.button() == Qt.MouseButton.LeftButton:
            self.entry_clicked.emit(bar.entry_id)
            event.accept()
            return
        super().mousePressEvent(event)

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        if self._day is None:  # nothing shown: only the window's colour (its room stays)
            painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
            painter.end()
            return
        painter.drawPixmap(0, 0, self._backdrop.pixmap(self, self._day, self._local_zone))
        where = geometry_of(self)
        # Overlaps under the bars: their hatching shows around and between them.
        self._paint_overlaps(painter, where.top, where.lane)
        text = palette.color(QPalette.ColorRole.Text)
        colours = _BarColours(
            highlight=palette.color(QPalette.ColorRole.Highlight),
            fill=alpha(text, 110),
            arrow=alpha(text, 200),
            outline=QPen(alpha(text, 170), 1),
            deleted=QPen(alpha(text, 170), 1, Qt.PenStyle.DashLine),
            selected=QPen(text, 2),
        )
        rects = self._bar_rects()
        # Upright rectangles need no antialiasing; the plain ones (stopped, not deleted,
        # not chosen) go in one call: hundreds of bars paint in well under a millisecond.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        plain, special = [], []
        for bar in self._bars:
            rect = rects.get(id(bar))
            if rect is None:
                continue
            ordinary = not (bar.inspected or bar.deleted or bar.entry_id == self._selected)
            if ordinary and bar.span.stop is not None:
                plain.append(rect)
            else:
                special.append((bar, rect))
        painter.setPen(colours.outline)
        painter.setBrush(colours.fill)
        painter.drawRects(plain)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for bar, rect in sorted(special, key=lambda item: item[0].inspected):
            self._paint_bar(painter, bar, rect, colours)
        painter.end()

    def _paint_bar(
        self, painter: QPainter, bar: DayBar, rect: QRectF, colours: _BarColours
    ) -> None:
        fill = colours.highlight if bar.inspected else colours.fill
        if bar.stop is None:  # running: solid up to now, then fading out to the right edge
            now_x = min(max(self._x(self._end(bar)), rect.left() + 3), rect.right())
            gradient = QLinearGradient(now_x, 0, rect.right(), 0)
            gradient.setColorAt(0.0, fill)
            gradient.setColorAt(1.0, alpha(fill, 0))
            painter.fillRect(
                QRectF(rect.left(), rect.top(), now_x - rect.left(), rect.height()), fill
            )
            painter.fillRect(
                QRectF(now_x, rect.top(), rect.right() - now_x, rect.height()), gradient
            )
            tip, middle, half = rect.right(), rect.center().y(), rect.height() / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.arrow)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(tip, middle),
                        QPointF(tip - half, middle - half),
                        QPointF(tip - half, middle + half),
                    ]
                )
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.fillRect(rect, fill)
        if bar.entry_id == self._selected and not bar.inspected:  # shown in the tree
            painter.setPen(colours.selected)
        else:
            painter.setPen(colours.deleted if bar.deleted else colours.outline)
        painter.drawRect(rect)

    def _paint_overlaps(self, painter: QPainter, top: float, lane: float) -> None:
        """Red, hatched, where another entry runs at the same time; stretches that touch
        are one band (as many pattern fills as bands, not as neighbours)."""
        red = QColor(OVERLAP_COLOUR)
        tint, hatch = alpha(red, 60), QBrush(red, Qt.BrushStyle.BDiagPattern)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for begins, ends in _merged(self._overlaps):
            left, right = self._x(begins), self._x(ends)
            band = QRectF(left, top, max(right - left, 2.0), lane * LANES)
            painter.fillRect(band, tint)
            painter.fillRect(band, hatch)
            painter.fillRect(QRectF(band.left(), band.top(), band.width(), 2.0), red)
            painter.fillRect(QRectF(band.left(), band.bottom() - 2.0, band.width(), 2.0), red)


@dataclass(frozen=True)
class _BarColours:
    highlight: QColor  # the inspected entry
    fill: QColor  # the others
    arrow: QColor  # a running entry's open end
    outline: QPen
    deleted: QPen
    selected: QPen  # the entry shown in the tree


def _merged(
    stretches: Sequence[tuple[datetime, datetime]],
) -> list[tuple[datetime, datetime]]:
    """The union of ``stretches`` as separate, ordered stretches."""
    merged: list[tuple[datetime, datetime]] = []
    for begins, ends in sorted(stretches):
        if merged and begins <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], ends))
        else:
            merged.append((begins, ends))
    return merged
