"""The entries around the inspected one, as explaining found them: id, start – stop (in the
owner's zone, else UTC), description and how each relates to it (overlap by h:mm:ss,
duplicate, running too). Choosing one (a click, Enter, or a bar of the day strip) asks the
panel to show it from this list's data: no request."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from inspector.domain.neighbours import EntrySpan, Neighbour
from inspector.ui.around import THIS_ENTRY, describe, relation_text, span_in_zone
from inspector.ui.style import named, plain_tooltip, shown_line

COLUMNS = ("Entry", "Start – stop", "Description", "Relation")
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole
DESCRIPTION_SHOWN = 120  # characters in the list; the tooltip has a few hundred


class NeighbourList(QTreeWidget):
    entry_chosen = Signal(object)  # an entry id (beyond a C++ int: not Signal(int))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "neighbourList", "Entries around this one")
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._inspected: int | None = None
        self.itemClicked.connect(lambda item, _column: self._chosen(item))
        self.itemActivated.connect(lambda item, _column: self._chosen(item))

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.topLevelItem(row) for row in range(self.topLevelItemCount()))
        return [item for item in items if item is not None]

    @property
    def entry_ids(self) -> list[int]:
        return [self._entry_id(item) for item in self._items()]

    def show_entries(
        self,
        inspected: EntrySpan | None,
        neighbours: Sequence[Neighbour],
        zone: tzinfo,
        zone_name: str,
    ) -> None:
        """The inspected entry (marked as this entry) among its neighbours, by start."""
        self.clear()
        self._inspected = inspected.entry_id if inspected else None
        self.setHeaderLabels([COLUMNS[0], f"{COLUMNS[1]} ({zone_name})", *COLUMNS[2:]])
        rows: list[tuple[datetime, int, EntrySpan, str]] = [
            (n.span.start, n.span.entry_id, n.span, relation_text(n)) for n in neighbours
        ]
        if inspected is not None:
            rows.append((inspected.start, inspected.entry_id, inspected, THIS_ENTRY))
        for _start, _entry_id, span, relation in sorted(rows, key=lambda row: row[:2]):
            description = span.description if span.description else "(no description)"
            item = QTreeWidgetItem(
                [
                    str(span.entry_id),
                    span_in_zone(span, zone),
                    shown_line(description, DESCRIPTION_SHOWN),
                    relation,
                ]
            )
            item.setData(0, ENTRY_ID_ROLE, str(span.entry_id))  # a C++ int is too small
            tooltip = plain_tooltip(describe(span, zone, relation))
            for column in range(len(COLUMNS)):
                item.setToolTip(column, tooltip)
            if span.entry_id == self._inspected:
                font = QFont(self.font())
                font.setBold(True)
                for column in range(len(COLUMNS)):
                    item.setFont(column, font)
            self.addTopLevelItem(item)

    def select(self, entry_id: int) -> None:
        """As a click on its row (the day strip's bars do this)."""
        for item in self._items():
            if self._entry_id(item) == entry_id:
                self.setCurrentItem(item)
                self.scrollToItem(item)
                self._chosen(item)
                return

    @staticmethod
    def _entry_id(item: QTreeWidgetItem) -> int:
        return int(item.data(0, ENTRY_ID_ROLE))

    def _chosen(self, item: QTreeWidgetItem) -> None:
        self.entry_chosen.emit(self._entry_id(item))
