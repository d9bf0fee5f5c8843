"""The shown entry in plain words, above the tabs: its state (ticking while it runs, and
**Deleted** first when it was deleted), who, what, when (UTC, this computer, and the owner's
time zone once known), its anomalies, and why it may look wrong, in sentences.

Server text (names, descriptions, tags) is plain text, cut at a few hundred characters,
and never widens the window: each line is cut at the edge, the tooltip has it all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.run_state import RunState
from inspector.ui.plain_label import LineLabel, PlainLabel
from inspector.ui.style import named, plain_tooltip, say_label_text, shown_line
from inspector.ui.summary_text import span_text, what_text, who_text

if TYPE_CHECKING:  # what shows an entry is imported with the first one
    from PySide6.QtGui import QResizeEvent

    from inspector.domain.entry_view import EntryView
    from inspector.domain.explanations import Explanation
    from inspector.domain.identity import Identity
    from inspector.services import LookupResult
    from inspector.services.context_types import EntryContext

LONGEST_STATE_TEXT = "Stopped, duration only · 10000:00:00"
DELETED = "Deleted"
EXPLANATIONS_LIMIT = 4000  # characters of sentences shown (a sentence quotes a name or two)


class StateLabel(QLabel):
    """Large and coloured; a text longer than its room (a deleted duration-only entry in
    a narrow window) is cut with "…" and whole in the tooltip, never widening the window."""

    def __init__(self) -> None:
        super().__init__()
        self.full_text = ""

    def setText(self, text: str, /) -> None:
        self.full_text = text
        self.setToolTip(text)
        say_label_text(self, text)
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        base = super().sizeHint()  # for the text shown now: what the margins add
        extra = base.width() - self.fontMetrics().horizontalAdvance(self.text())
        return QSize(self.fontMetrics().horizontalAdvance(self.full_text) + extra, base.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        super().setText(shown if room > 0 else self.full_text)


class TimesGrid(QWidget):
    """Start – stop in UTC, on this computer and for the owner, a row each, plain text and
    cut at the edge (the tooltip has them whole): cheaper to change at every lookup than a
    rich-text table, and never wider than the window."""

    ROWS = ("UTC", "This computer", "Owner")

    def __init__(self) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(0)
        grid.setColumnStretch(1, 1)
        self.values: list[PlainLabel] = []
        for row, name in enumerate(self.ROWS):
            value = LineLabel()
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(value, row, 1)
            self.values.append(value)

    def set_rows(self, rows: Sequence[str]) -> None:
        for label, text in zip(self.values, rows, strict=True):
            label.setText(text)
        shown = self.text()
        self.setToolTip(plain_tooltip(shown) if any(rows) else "")

    def text(self) -> str:
        """Every row as "UTC: …" lines (what a test or a screen reader reads)."""
        rows = zip(self.ROWS, self.values, strict=True)
        return "\n".join(f"{name}: {value.full_text}" for name, value in rows if value.full_text)


class EntrySummary(QWidget):
    def __init__(
        self,
        clock: Callable[[], datetime],
        local_zone: Callable[[], tzinfo | None],
        identity: Callable[[], Identity | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "entrySummary", "Entry summary")
        self._clock = clock
        self._local_zone = local_zone
        self._identity = identity
        self._view: EntryView | None = None
        self._owner_zone: str | None = None
        self._explained = False
        self._elapsed_timer = QTimer(self)
        self._elapsed_timer.setInterval(1000)
        self._elapsed_timer.timeout.connect(self._refresh_state)

        self.state_label = self._make_state_label()
        self.who_label = named(LineLabel(), "summaryWhoLabel", "Who")
        self.what_label = named(LineLabel(), "summaryWhatLabel", "What")
        self.times_label = named(TimesGrid(), "timesLabel", "Times")
        self.anomaly_label = named(LineLabel(), "anomalyLabel", "Anomalies")
        self.explanation_label = named(
            PlainLabel(limit=EXPLANATIONS_LIMIT), "explanationLabel", "Why it may look wrong"
        )
        self.explanation_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Room for two sentences whatever is shown: entries do not shift the panel.
        self.explanation_label.setMinimumHeight(2 * self.fontMetrics().lineSpacing())
        # Its rows stay while nothing is shown, empty: hiding or greying them would lay out
        # or repaint the whole summary twice at every lookup.
        self.rows = QWidget()
        form = QFormLayout(self.rows)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(2)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow("Who", self.who_label)
        form.addRow("What", self.what_label)
        form.addRow("When", self.times_label)
        form.addRow("Odd", self.anomaly_label)
        form.addRow("Why", self.explanation_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._state_row = QHBoxLayout()
        self._state_row.addWidget(self.state_label)
        self._state_row.addStretch(1)
        layout.addLayout(self._state_row)
        layout.addWidget(self.rows)
        self.show_entry(None)

    def add_beside_state(self, widget: QWidget) -> None:
        """On the state's row, after it (where the entry came from): no row of its own."""
        self._state_row.insertWidget(1, widget)

    def _make_state_label(self) -> StateLabel:
        label = named(StateLabel(), "runStateLabel", "Run state")
        label.setContentsMargins(10, 4, 10, 4)
        label.setAutoFillBackground(True)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._set_state_font(label, bold=False)
        return label

    def finish_building(self) -> None:
        """The state's bold face, after the first paint (which shows no state): loading a
        face costs time and memory. Its height is the plain face's at that size."""
        self._set_state_font(self.state_label, bold=True)

    def _set_state_font(self, label: StateLabel, *, bold: bool) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(bold)
        label.setFont(font)
        metrics = label.fontMetrics()
        # Always laid out at its full height and the longest state's width, empty or not:
        # the window does not shift (and repaint whole) at every lookup.
        label.setMinimumHeight(metrics.height() + 8)
        label.setMinimumWidth(metrics.horizontalAdvance(LONGEST_STATE_TEXT) + 20)

    # --- what is shown ------------------------------------------------------------------
    @property
    def view(self) -> EntryView | None:
        return self._view

    def stop(self) -> None:
        self._elapsed_timer.stop()

    def show_entry(self, result: LookupResult | None) -> None:
        """An entry as the lookup found it (None: nothing shown): what the entry alone
        explains is said at once; the rest waits for ``show_context``."""
        view = result.view if result else None
        self._view = view
        self._owner_zone = None
        self._explained = False
        for label, text in (
            (self.who_label, who_text(view.raw, self._identity()) if view else ""),
            (self.what_label, what_text(view.raw) if view else ""),
        ):
            if text != label.full_text:
                label.setText(text)
                label.setToolTip(plain_tooltip(text) if text else "")
        self._show_times()
        self._show_anomalies(view)
        found: list[Explanation] = []
        if view is not None:
            from inspector.domain.explanations import Context, explain

            found = explain(view, Context(), self._clock())
        self._show_explanations(found)
        if view is not None and view.run_state is RunState.RUNNING:
            self._elapsed_timer.start()
        else:
            self._elapsed_timer.stop()
        self._refresh_state()

    def show_context(self, context: EntryContext) -> None:
        """What explaining found: the owner's zone and every sentence."""
        if self._view is None:
            return
        self._owner_zone = context.owner_time_zone
        self._explained = True
        self._show_times()
        self._show_explanations(context.explanations)

    def _show_times(self) -> None:
        view = self._view
        if view is None:
            self.times_label.set_rows(("", "", ""))
            return
        from inspector.domain.owner_day import zone_named

        owner = zone_named(self._owner_zone) if self._owner_zone else None
        if owner is not None:  # the zone's name last: the times come first in a narrow window
            for_owner = f"{span_text(view, owner)}, {owner.key}"
        elif self._explained:
            for_owner = "time zone not known"
        else:
            for_owner = "time zone not asked yet (Explain)"
        self.times_label.set_rows(
            (
                span_text(view, None, utc=True),
                span_text(view, self._local_zone()),
                for_owner,
            )
        )

    def _show_anomalies(self, view: EntryView | None) -> None:
        anomalies = view.anomalies if view else ()
        # Exactly one line ("none" is an answer too), so the window never shifts between
        # entries; the full list is the tree's first group and this label's tooltip.
        lines = [f"⚠ {shown_line(anomaly.message)}" for anomaly in anomalies]
        if anomalies:
            more = f" (+{len(anomalies) - 1} more, see Anomalies)" if len(anomalies) > 1 else ""
            self.anomaly_label.setText(f"{shown_line(lines[0], 200)}{more}")
        else:
            self.anomaly_label.setText("No anomalies found." if view else "")
        every_one = "\n".join(lines)  # one line each, bounded: the tooltip shows them all
        self.anomaly_label.setToolTip(plain_tooltip(every_one, max(1, len(every_one))))
        self.anomaly_label.setProperty("found", bool(anomalies))
        self._colour_anomalies()

    def _colour_anomalies(self) -> None:
        palette = self.anomaly_label.palette()
        found = bool(self.anomaly_label.property("found"))
        own = self.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            _warning_text_colour(own) if found else own.color(QPalette.ColorRole.WindowText),
        )
        self.anomaly_label.setPalette(palette)

    def _show_explanations(self, found: Sequence[Explanation]) -> None:
        if self._view is None:
            text = ""
        elif found:
            text = "\n".join(f"• {explanation.sentence}" for explanation in found)
        elif self._explained:
            text = "Nothing found around it, in its project or in its workspace that explains it."
        else:
            text = "Nothing in the entry itself; Explain asks Toggl about what surrounds it."
        self.explanation_label.setText(text)
        self.explanation_label.setToolTip(plain_tooltip(text, EXPLANATIONS_LIMIT) if found else "")

    def _refresh_state(self) -> None:
        view = self._view
        label = self.state_label
        if view is None:
            label.setText("")
            label.setPalette(self.palette())
            return
        deleted = view.raw.get("server_deleted_at") is not None
        state = view.run_state.value
        # "Deleted · was stopped": deleted is what the entry is now, the rest what it was.
        text = f"{DELETED} · was {state[:1].lower()}{state[1:]}" if deleted else state
        if view.run_state is RunState.RUNNING:
            text += f" · {view.shown_duration(self._clock())} elapsed"
        elif view.recorded_duration is not None:
            text += f" · {view.shown_duration(self._clock())}"
        label.setText(text)
        from inspector.ui.palette_colours import state_colours

        background, foreground = state_colours(view.run_state, deleted, self.palette())
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.Window, background)
        palette.setColor(QPalette.ColorRole.WindowText, foreground)
        label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light to dark, or back
            self._refresh_state()
            self._colour_anomalies()


def _warning_text_colour(palette: QPalette) -> QColor:
    """palette_colours.warning_text_colour, imported with the first anomaly shown."""
    from inspector.ui.palette_colours import warning_text_colour

    return warning_text_colour(palette)
