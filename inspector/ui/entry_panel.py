"""The entry as found: where it came from, the summary (state, who, what, when, why), the
offer to explain it, its day as a strip, and the tabs: fields, the entries around it, raw
JSON, the request. An entry around it chosen in the list or on the strip is shown in the
tree from the list's data (no request), marked so, with the way back.

The first paint shows the summary and the Fields tab; the strip's room and the other tabs
are placeholders until ``finish_building`` (right after that paint) puts the parts there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from inspector.ui.day_strip_room import DayStripRoom
from inspector.ui.entry_summary import EntrySummary
from inspector.ui.entry_tabs import EntryTabs
from inspector.ui.entry_tree_view import EntryTreeView
from inspector.ui.fields_page import FieldsPage
from inspector.ui.style import named
from inspector.ui.summary_area import SummaryArea

if TYPE_CHECKING:  # the parts not on the first paint are imported by finish_building
    from PySide6.QtGui import QAction, QResizeEvent
    from PySide6.QtWidgets import QPushButton

    from inspector.api.errors import ApiError
    from inspector.domain.entry_view import EntryView
    from inspector.domain.identity import Identity
    from inspector.services import LookupRequest, LookupResult
    from inspector.services.context_types import EntryContext
    from inspector.ui.changes_view import ChangesView
    from inspector.ui.context_controller import ContextController
    from inspector.ui.context_offer import ExplainOffer
    from inspector.ui.day_strip import DayStrip
    from inspector.ui.lookup_runner import LookupRunner
    from inspector.ui.neighbour_list import ListedBanner, NeighbourList
    from inspector.ui.plain_label import OneLineLabel, PlainLabel
    from inspector.ui.raw_json_page import RawJsonView
    from inspector.ui.request_details import RequestDetailsView
    from inspector.ui.status import StatusSink

# What the day strip and the tabs keep at least when the summary is given its room.
MIN_BELOW_SUMMARY = 220


class EntryPanel(QWidget):
    """Shows what ``runner`` found; cleared when a lookup starts or fails, so an older entry
    is never on screen under a newer request."""

    raw_json_shown = Signal()  # the Raw JSON tab holds the shown entry (tests, benchmarks)
    shown_changed = Signal(object)  # the LookupResult now shown, or None
    # An entry shown without a lookup (a stored answer, a row found earlier): its ID or None
    entry_shown = Signal(object)

    # Built by finish_building, after the first paint.
    source_badge: OneLineLabel
    explain_offer: ExplainOffer
    day_strip: DayStrip
    neighbour_list: NeighbourList
    listed_banner: ListedBanner
    listed_label: PlainLabel
    back_button: QPushButton
    raw_view: RawJsonView
    request_details: RequestDetailsView
    changes_view: ChangesView
    find_action: QAction

    def __init__(
        self,
        runner: LookupRunner,
        status: StatusSink,
        clock: Callable[[], datetime],
        identity: Callable[[], Identity | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._clock = clock
        self._built = False
        self._shown: LookupResult | None = None
        self._context: EntryContext | None = None  # what explaining the shown entry found
        self._listed: int | None = None  # an entry around it, shown in the tree from the list

        self.summary = EntrySummary(clock, self._local_zone, identity)
        self.run_state_label = self.summary.state_label
        self.times_label = self.summary.times_label
        self.anomaly_label = self.summary.anomaly_label
        # Messages in the entry's place (the window adds the banner, the Reports offer...).
        self.summary_area = SummaryArea(self.summary, first_row=self.run_state_label)
        self.notices = self.summary_area.notices
        self._strip_room = DayStripRoom()  # the strip's height, empty as the strip is then

        self.tree = EntryTreeView(status)
        self.fields_page = FieldsPage(self.tree)
        self.tabs = EntryTabs(self.fields_page)
        self._lay_out()
        named(self.summary_area, "summaryArea", "Summary area")  # it takes focus to scroll

    def finish_building(self, context: ContextController) -> None:
        """The parts the first paint does not show, in their places, and the wiring."""
        if self._built:
            return
        self._built = True
        from PySide6.QtGui import QAction, QKeySequence

        from inspector.ui.changes_view import ChangesView
        from inspector.ui.context_offer import ExplainOffer
        from inspector.ui.day_strip import DayStrip
        from inspector.ui.neighbour_list import ListedBanner, NeighbourList
        from inspector.ui.palette_colours import keep_styled, source_badge_style
        from inspector.ui.plain_label import OneLineLabel
        from inspector.ui.raw_json_page import RawJsonView
        from inspector.ui.request_details import RequestDetailsView

        self.source_badge = named(OneLineLabel(), "sourceBadge", "Source")
        keep_styled(self.source_badge, source_badge_style)
        self.source_badge.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_badge.setVisible(False)
        self.source_badge.setMinimumWidth(1)  # beside the state: cut with "…" when narrow
        self.summary.add_beside_state(self.source_badge)
        self.summary.finish_building()
        self.tree.finish_building()
        self.fields_page.finish_building()
        self.explain_offer = ExplainOffer()
        self.summary_area.add_to_block(self.explain_offer)
        self.day_strip = DayStrip()
        self._below.replaceWidget(self._strip_room, self.day_strip)
        self._strip_room.deleteLater()
        self.listed_banner = ListedBanner()
        self.listed_label, self.back_button = self.listed_banner.label, self.listed_banner.back
        self._below.insertWidget(1, self.listed_banner)
        self.neighbour_list, self.raw_view = NeighbourList(), RawJsonView()
        self.request_details, self.changes_view = RequestDetailsView(), ChangesView()
        self.raw_view.filled.connect(self.raw_json_shown)
        pages = (self.neighbour_list, self.raw_view, self.request_details, self.changes_view)
        self.tabs.put_pages(*pages)
        self.changes_view.place_in(self.tabs)
        self.tabs.currentChanged.connect(self._fill_raw_view_if_shown)
        # Ctrl+F finds in what is in front: the raw text on its tab, else the tree's rows.
        self.find_action = QAction("Find", self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.find_in_front)
        self.addAction(self.find_action)
        self._connect(context)
        self._show(None)

    def _connect(self, context: ContextController) -> None:
        runner = self._runner
        runner.started.connect(lambda *_: self._show(None))
        runner.succeeded.connect(self._show_found)
        runner.failed.connect(self._show_failed)
        self.explain_offer.setVisible(context.service is not None)
        context.attached.connect(self.explain_offer.setVisible)
        context.cleared.connect(self._context_cleared)
        context.offered.connect(self.explain_offer.show_offer)
        context.confirming.connect(self.explain_offer.ask)
        context.loading.connect(lambda _plan, text: self.explain_offer.show_progress(text))
        context.failed.connect(self.explain_offer.show_failed)
        context.loaded.connect(self._context_loaded)
        self.explain_offer.explain_requested.connect(context.explain)
        self.explain_offer.explain_anyway_requested.connect(context.explain_anyway)
        self.explain_offer.not_now_requested.connect(context.not_now)
        self.neighbour_list.entry_chosen.connect(self.show_listed)
        self.day_strip.entry_clicked.connect(self.neighbour_list.select)
        self.back_button.clicked.connect(self.show_inspected)

    def _lay_out(self) -> None:
        bottom = QWidget()
        self._below = QVBoxLayout(bottom)
        self._below.setContentsMargins(0, 0, 0, 0)
        self._below.setSpacing(4)
        self._below.addWidget(self._strip_room)
        self._below.addWidget(self.tabs, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.summary_area)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _fit_summary(self) -> None:
        """The whole summary above the tabs when the panel has room for it (the strip and
        the tabs keep MIN_BELOW_SUMMARY); otherwise it scrolls. It only grows: a person's
        own choice (dragging the handle) is kept when it is enough."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        content = self.summary_area.block  # not the notices: they scroll, never move the tabs
        if total <= 0:
            return
        # The layouts keep each part's height for a width until the part itself (not just
        # a label in it) says its geometry changed: measured now, they are told first.
        for part in (self.summary.rows, self.summary, self.explain_offer):
            part.updateGeometry()
        width = self.summary_area.contentsRect().width()  # once it fits: no scroll bar
        wanted = (
            content.heightForWidth(width)
            if content.hasHeightForWidth() and width > 0
            else content.sizeHint().height()
        )
        wanted = min(max(wanted, content.minimumSizeHint().height()), total - MIN_BELOW_SUMMARY)
        if sizes[0] < wanted:
            self.splitter.setSizes([wanted, total - wanted])

    def _fit_summary_if_short(self) -> None:
        """Measuring the summary lays it out anew (a whole-window layout pass, milliseconds
        per lookup): only when its sentences need more room than they have, and after what
        is being shown now has been painted (the window answers in between)."""
        label = self.summary.explanation_label
        if label.heightForWidth(label.width()) > label.height():
            QTimer.singleShot(0, self._fit_summary)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_summary()

    @property
    def shown(self) -> LookupResult | None:
        return self._shown

    @property
    def listed(self) -> int | None:
        """The entry around the inspected one that the tree shows (None: the inspected)."""
        return self._listed

    def clear(self) -> None:
        """Nothing shown, the Request tab included (e.g. another account's lookup)."""
        if self._shown is not None:
            self._show(None)
            self.request_details.show_record(None)

    def stop(self) -> None:
        self.summary.stop()
        self.raw_view.stop()

    def _local_zone(self) -> tzinfo | None:
        lookup = self._runner.lookup
        return lookup.local_zone if lookup else None

    def _show_found(self, result: LookupResult, _total_ms: float) -> None:
        self._show(result)
        self.request_details.show_record(result.record)

    def _show_failed(self, _request: LookupRequest, error: ApiError, _searched: bool) -> None:
        self._show(None)
        self.request_details.show_record(error.record)

    def _show(self, result: LookupResult | None) -> None:
        self._shown = result
        self._context = None
        self.changes_view.follow(result)
        from inspector.services import ReportsResult

        reports = isinstance(result, ReportsResult)
        self.source_badge.setText(f"Source: {result.source}" if result and reports else "")
        self.source_badge.setVisible(reports)
        self.summary.show_entry(result)
        self.summary_area.set_entry_shown(result is not None)
        self.shown_changed.emit(result)
        if result is not None:
            self._fit_summary_if_short()
        self._show_in_tree(
            result.view if result else None, result.response.body_text if result else ""
        )
        self._show_around(None)

    def _show_in_tree(self, view: EntryView | None, body: str) -> None:
        self.tree.show_entry(view, body if view is not None else None)
        self.raw_view.set_body(body if view is not None else "")
        self._fill_raw_view_if_shown()

    # --- the entries around it -------------------------------------------------------------
    def _context_cleared(self) -> None:
        self.explain_offer.clear()
        if self._context is not None or self._listed is not None:
            self._context = None
            if self._shown is not None:
                self.show_inspected()
            self._show_around(None)

    def _context_loaded(self, result: LookupResult, context: EntryContext) -> None:
        if result is not self._shown:  # the controller drops stale answers; twice is cheap
            return
        self._context = context
        self.summary.show_context(context)
        self._fit_summary_if_short()
        self._show_around(context)
        from inspector.ui.context_controller import cost_text

        self.explain_offer.show_done(f"Explained: {cost_text(context)}")

    def _show_around(self, context: EntryContext | None) -> None:
        """The strip (the entry alone before it is explained) and the list of neighbours."""
        from datetime import UTC

        from inspector.domain.neighbours import span_of
        from inspector.domain.owner_day import zone_named
        from inspector.ui.around import strip_content

        self._listed = None
        if self.listed_banner.isVisibleTo(self):
            self.listed_banner.setVisible(False)
        result = self._shown
        inspected = span_of(result.view.raw) if result else None
        neighbours = tuple(context.context.neighbours or ()) if context else ()
        zone_info = zone_named(context.owner_time_zone) if context else None
        zone: tzinfo = zone_info if zone_info is not None else UTC
        zone_name = zone_info.key if zone_info is not None else "UTC"
        self.tabs.label_around(len(neighbours) if context else None)
        if context is None:
            self.neighbour_list.clear()
        else:
            self.neighbour_list.show_entries(inspected, neighbours, zone, zone_name)
        if inspected is None:
            if self.day_strip.day is not None:
                self.day_strip.clear()
            return
        now = self._clock()
        day, bars, overlaps = strip_content(inspected, neighbours, zone, zone_name, now)
        self.day_strip.show_day(day, bars, overlaps, now, self._local_zone())

    def show_listed(self, entry_id: int) -> None:
        """An entry around the inspected one, in the tree, from the list's data: nothing
        is fetched (its JSON is as the list had it)."""
        result, context = self._shown, self._context
        if result is None:
            return
        if entry_id == result.request.entry_id or context is None:
            self.show_inspected()
            return
        raw = next(
            (
                entry
                for entry in context.neighbour_entries
                if entry.get("id") == entry_id and not isinstance(entry.get("id"), bool)
            ),
            None,
        )
        if raw is None:
            return
        import json

        from inspector.domain.entry_view import build_entry_view

        view = build_entry_view(raw, self._clock(), self._local_zone())
        self._show_in_tree(view, json.dumps(raw, ensure_ascii=False))
        self._listed = entry_id
        inspected = result.request.entry_id
        self.listed_banner.say(entry_id, inspected)
        self.day_strip.set_selected(entry_id)
        self.tabs.setCurrentWidget(self.fields_page)

    def show_stored(self, view: EntryView, body: str) -> None:
        """A stored answer (the history) in the tree and the Raw JSON tab: no request."""
        self._show(None)
        self._show_in_tree(view, body)
        self.tabs.setCurrentWidget(self.fields_page)
        self.entry_shown.emit(view.entry_id)

    def show_result(self, result: LookupResult) -> None:
        """An answer found earlier (a row of the several-IDs table), shown as it was found:
        no request."""
        self._show_found(result, 0.0)
        self.tabs.setCurrentWidget(self.fields_page)
        self.entry_shown.emit(result.request.entry_id)

    def show_inspected(self) -> None:
        """Back to the inspected entry in the tree (after one from the list)."""
        result = self._shown
        if self._listed is not None and result is not None:
            self._show_in_tree(result.view, result.response.body_text)
            self.tabs.setCurrentWidget(self.fields_page)
        self._listed = None
        self.listed_banner.setVisible(False)
        self.day_strip.set_selected(result.request.entry_id if result else None)

    # --- the Raw JSON tab, and Ctrl+F -------------------------------------------------------
    def _fill_raw_view_if_shown(self) -> None:
        """The raw body is laid out only when its tab is in front: a large entry costs
        nothing there until someone looks."""
        if self.tabs.currentWidget() is self.raw_view:
            self.raw_view.fill()

    def find_in_front(self) -> None:
        """Find in the raw text when its tab is in front, else filter the tree's rows."""
        if self.tabs.currentWidget() is self.raw_view:
            self.raw_view.open_find()
            return
        self.tabs.setCurrentWidget(self.fields_page)
        self.fields_page.focus_filter()
