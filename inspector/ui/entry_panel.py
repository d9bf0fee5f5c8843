"""The entry as found: where it came from, whether it runs (ticking while it does), its times
in UTC and local time, its anomalies, and the tabs: fields, raw JSON, the request."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector.api.errors import ApiError
from inspector.domain.entry_view import EntryView, RunState
from inspector.domain.raw_json import readable_raw_json
from inspector.domain.timestamps import format_local, format_utc
from inspector.services import LookupRequest, LookupResult, ReportsResult
from inspector.ui.entry_tree_view import EntryTreeView
from inspector.ui.lookup_runner import LookupRunner
from inspector.ui.plain_label import OneLineLabel, PlainLabel
from inspector.ui.request_details import RequestDetailsView
from inspector.ui.status import StatusSink
from inspector.ui.style import (
    ANOMALY_TEXT,
    RUN_STATE_COLOURS,
    SOURCE_BADGE_STYLE,
    named,
    plain_tooltip,
    shown_line,
)

if TYPE_CHECKING:
    import asyncio

LONGEST_STATE_TEXT = "Stopped, duration only · 10000:00:00"
# A larger body is laid out for the Raw JSON tab on a worker thread (a typical entry is
# about 1 KB and takes well under a millisecond).
RAW_OFF_THREAD_BYTES = 64 * 1024


class EntryPanel(QWidget):
    """Shows what ``runner`` found; cleared when a lookup starts or fails, so an older entry
    is never on screen under a newer request."""

    raw_json_shown = Signal()  # the Raw JSON tab holds the shown entry (tests, benchmarks)

    def __init__(
        self,
        runner: LookupRunner,
        status: StatusSink,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._clock = clock
        self._shown: LookupResult | None = None
        self._raw_view_stale = False
        self._raw_layout: asyncio.Task[None] | None = None
        self._elapsed_timer = QTimer(self)
        self._elapsed_timer.setInterval(1000)
        self._elapsed_timer.timeout.connect(self._refresh_run_state)

        self.source_badge = named(OneLineLabel(), "sourceBadge", "Source")
        self.source_badge.setStyleSheet(SOURCE_BADGE_STYLE)
        self.source_badge.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_badge.setVisible(False)
        self.run_state_label = self._state_label()
        self.times_label = named(QLabel(), "timesLabel", "Times")
        self.times_label.setTextFormat(Qt.TextFormat.RichText)  # ours; what it quotes escaped
        self.times_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.anomaly_label = named(PlainLabel(wrap=False), "anomalyLabel", "Anomalies")
        # Its text never widens the window (a long anomaly is cut, the tooltip has it all).
        self.anomaly_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.anomaly_label.setMinimumHeight(self.anomaly_label.fontMetrics().height())
        self.anomaly_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tree = EntryTreeView(status)
        self.raw_view = named(QPlainTextEdit(), "rawJsonView", "Raw JSON")
        self.raw_view.setReadOnly(True)
        self.raw_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.request_details = RequestDetailsView()
        self.tabs = named(QTabWidget(), "entryTabs", "Entry views")
        self.tabs.addTab(self.tree, "Fields")
        self.tabs.addTab(self.raw_view, "Raw JSON")
        self.tabs.addTab(self.request_details, "Request")
        self.tabs.currentChanged.connect(self._fill_raw_view_if_shown)

        state_row = QHBoxLayout()
        state_row.addWidget(self.run_state_label)
        state_row.addWidget(self.times_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source_badge, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(state_row)
        layout.addWidget(self.anomaly_label)
        layout.addWidget(self.tabs, 1)

        runner.started.connect(lambda *_: self._show(None))
        runner.succeeded.connect(self._show_found)
        runner.failed.connect(self._show_failed)
        self._show(None)

    def _state_label(self) -> QLabel:
        label = named(QLabel(), "runStateLabel", "Run state")
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(10, 4, 10, 4)
        label.setAutoFillBackground(True)
        metrics = label.fontMetrics()
        # Always laid out at its full height and the longest state's width, empty or not:
        # the window does not shift (and repaint whole) at every lookup.
        label.setMinimumHeight(metrics.height() + 8)
        label.setMinimumWidth(metrics.horizontalAdvance(LONGEST_STATE_TEXT) + 20)
        return label

    @property
    def shown(self) -> LookupResult | None:
        return self._shown

    def clear(self) -> None:
        """Nothing shown, the Request tab included (e.g. another account's lookup)."""
        if self._shown is not None:
            self._show(None)
            self.request_details.show_record(None)

    def stop(self) -> None:
        self._elapsed_timer.stop()
        self._cancel_raw_layout()

    def _show_found(self, result: LookupResult, _total_ms: float) -> None:
        self._show(result)
        self.request_details.show_record(result.record)

    def _show_failed(self, _request: LookupRequest, error: ApiError, _searched: bool) -> None:
        self._show(None)
        self.request_details.show_record(error.record)

    def _show(self, result: LookupResult | None) -> None:
        self._shown = result
        view = result.view if result else None
        self.tree.show_entry(view, result.response.body_text if result else None)
        reports = isinstance(result, ReportsResult)
        self.source_badge.setText(f"Source: {result.source}" if result and reports else "")
        self.source_badge.setVisible(reports)
        self._cancel_raw_layout()
        self.raw_view.clear()  # never an older entry's body, even behind another tab
        self._raw_view_stale = result is not None
        self._fill_raw_view_if_shown()
        self.times_label.setText(self._times_text(view) if view else "")
        self._show_anomalies(view)
        if view is not None and view.run_state is RunState.RUNNING:
            self._elapsed_timer.start()
        else:
            self._elapsed_timer.stop()
        self._refresh_run_state()

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
        palette = self.anomaly_label.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            QColor(ANOMALY_TEXT)
            if anomalies
            else self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
        )
        self.anomaly_label.setPalette(palette)

    def _fill_raw_view_if_shown(self) -> None:
        """The raw body is indented and laid out only when its tab is in front: a large
        entry costs nothing there until someone looks. Lines no one can read on one line
        are cut (laying out a megabyte line freezes the window for a minute); a large body
        is prepared on a worker thread."""
        if not self._raw_view_stale or self.tabs.currentWidget() is not self.raw_view:
            return
        self._raw_view_stale = False
        body = self._shown.response.body_text if self._shown else ""
        if len(body) <= RAW_OFF_THREAD_BYTES:
            self._show_raw_json(readable_raw_json(body) if body else "")
            return
        import asyncio  # after the first paint, as everywhere in the window

        self.raw_view.setPlainText(f"Laying out {len(body) / 1_000_000:.1f} MB of JSON…")
        self._raw_layout = asyncio.ensure_future(self._lay_out_raw_json(body))

    async def _lay_out_raw_json(self, body: str) -> None:
        import asyncio

        text = await asyncio.to_thread(readable_raw_json, body)
        # Still the entry shown: another one (or none) cancels this task first.
        self._raw_layout = None
        self._show_raw_json(text)

    def _show_raw_json(self, text: str) -> None:
        self.raw_view.setPlainText(text)
        self.raw_json_shown.emit()

    def _cancel_raw_layout(self) -> None:
        if self._raw_layout is not None:
            self._raw_layout.cancel()
            self._raw_layout = None

    def _refresh_run_state(self) -> None:
        view = self._shown.view if self._shown else None
        label = self.run_state_label
        if view is None:
            label.setText("")
            label.setPalette(self.palette())
            return
        text = view.run_state.value
        if view.run_state is RunState.RUNNING:
            text += f" · {view.shown_duration(self._clock())} elapsed"
        elif view.recorded_duration is not None:
            text += f" · {view.shown_duration(self._clock())}"
        label.setText(text)
        background, foreground = RUN_STATE_COLOURS[view.run_state]
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
        label.setPalette(palette)

    def _times_text(self, view: EntryView) -> str:
        lookup = self._runner.lookup
        zone = lookup.local_zone if lookup else None

        def line(name: str, moment: datetime | None, note: str = "") -> str:
            note = html.escape(note)
            if moment is None:
                return f"<b>{name}</b> —{note}"
            return (
                f"<b>{name}</b> {html.escape(format_utc(moment))} &nbsp;·&nbsp; "
                f"{html.escape(format_local(moment, zone))}{note}"
            )

        stop_note = " (derived: start + duration)" if view.stop_is_derived else ""
        if view.stop is None and view.run_state is RunState.RUNNING:
            stop_note = " (running)"
        return "<br>".join((line("Start", view.start), line("Stop", view.stop, stop_note)))
