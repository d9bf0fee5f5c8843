"""The "Changes" tab: what changed in an entry since the history's earlier answer for it
(same ID, same API), field path, old value, new value. Disabled when the history holds no
earlier answer; "No changes since T" when the answers are equal. Two lookups chosen in the
history are compared here the same way (field path, value in A, value in B), headed with
which entries and when each was fetched."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHeaderView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.answer_diff import Change
from inspector.domain.timestamps import format_utc
from inspector.ui.plain_label import PlainLabel
from inspector.ui.style import named, plain_tooltip, shown_line

if TYPE_CHECKING:
    from inspector.history import HistoryEntry
    from inspector.services import LookupResult

CHANGES_TAB = "Changes"
SINCE_HEADERS = ["Field", "Before", "Now"]


class ChangesView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "changesView", "Changes since the earlier lookup")
        self.label = named(PlainLabel(), "changesLabel", "What changed since")
        self.list = named(QTreeWidget(), "changesList", "Changed fields")
        self.list.setColumnCount(3)
        self.list.setHeaderLabels(SINCE_HEADERS)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setColumnWidth(0, 220)
        # Before and now share the rest: neither is cut to leave the other room to spare.
        for column in (1, 2):
            self.list.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.list, 1)
        self._tabs: QTabWidget | None = None
        self._for: LookupResult | None = None
        self._count: int | None = None

    def place_in(self, tabs: QTabWidget) -> None:
        """Its tab in ``tabs``: the last, unless it is there already (in a place kept)."""
        self._tabs = tabs
        if tabs.indexOf(self) < 0:
            tabs.addTab(self, CHANGES_TAB)
        self._label_tab(None)

    def follow(self, result: LookupResult | None) -> None:
        """The entry shown now: changes for any other are dropped; none known yet."""
        self._for = result
        if self._count is not None or self.list.topLevelItemCount():
            self.list.clear()
            self.list.setHeaderLabels(SINCE_HEADERS)
            self.label.setText("")
            self._label_tab(None)

    def show_changes(
        self, result: LookupResult, fetched_at: datetime, changes: Sequence[Change]
    ) -> None:
        """What changed from the answer fetched at ``fetched_at`` to ``result``."""
        if result is not self._for:
            return
        since = format_utc(fetched_at)
        count = len(changes)
        self._fill(
            SINCE_HEADERS,
            f"{count} field{'s' if count != 1 else ''} changed since {since}"
            if changes
            else f"No changes since {since}",
            changes,
        )

    def show_comparison(
        self, older: HistoryEntry, newer: HistoryEntry, changes: Sequence[Change]
    ) -> None:
        """Two stored lookups compared (A the older), brought to the front."""
        count = len(changes)
        differ = (
            f"{count} field{'s differ' if count != 1 else ' differs'}"
            if changes
            else "no differences"
        )
        self._fill(
            ["Field", f"A: entry {older.entry_id}", f"B: entry {newer.entry_id}"],
            f"A: entry {older.entry_id} as fetched at {format_utc(older.fetched_at)};"
            f" B: entry {newer.entry_id} as fetched at {format_utc(newer.fetched_at)}."
            f" From the history, not refreshed: {differ}.",
            changes,
        )
        if self._tabs is not None:
            self._tabs.setTabToolTip(self._tabs.indexOf(self), "Two lookups from the history")
            self._tabs.setCurrentWidget(self)

    def _fill(self, headers: list[str], heading: str, changes: Sequence[Change]) -> None:
        self.list.clear()
        self.list.setHeaderLabels(headers)
        for change in changes:
            texts = (change.shown_path, change.old_text, change.new_text)
            item = QTreeWidgetItem([shown_line(text) for text in texts])
            for column, text in enumerate(texts):
                item.setToolTip(column, plain_tooltip(text))
            self.list.addTopLevelItem(item)
        self.label.setText(heading)
        self._label_tab(len(changes))

    def _label_tab(self, count: int | None) -> None:
        self._count = count
        tabs = self._tabs
        if tabs is None:
            return
        index = tabs.indexOf(self)
        tabs.setTabText(index, f"{CHANGES_TAB} ({count})" if count else CHANGES_TAB)
        tabs.setTabEnabled(index, count is not None)
        tabs.setTabToolTip(
            index,
            "What changed since the earlier lookup of this entry"
            if count is not None
            else "The history holds no earlier answer for this entry",
        )
