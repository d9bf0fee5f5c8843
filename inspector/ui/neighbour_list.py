"""The entries around the inspected one, as explaining found them: id, start – stop (in the
owner's zone, else UTC), description and how each relates to it (overlap by h:mm:ss,
duplicate, running too). Choosing one (a click, Enter, or a bar of the day strip) asks the
panel to show it from this list's data: no request.

A view over a small model whose rows are worded when shown: a busy day's hundreds of
entries cost nothing until someone looks at the list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QHeaderView, QPushButton, QTreeView, QWidget

from inspector.domain.neighbours import EntrySpan, Neighbour
from inspector.ui.around import THIS_ENTRY, describe, relation_text, span_in_zone
from inspector.ui.palette_colours import HINT_ACCENT, keep_styled, tint
from inspector.ui.plain_label import PlainLabel
from inspector.ui.style import named, plain_tooltip, shown_line

# How each relates to the inspected one comes second: in a narrow window it is what counts.
COLUMNS = ("Entry", "Relation", "Start – stop", "Description")
ENTRY, RELATION, WHEN, DESCRIPTION = range(4)
DESCRIPTION_SHOWN = 120  # characters in the list; the tooltip has a few hundred
# What the columns are sized for (from the font, never from the rows).
COLUMN_SAMPLES = {
    ENTRY: "50000000000 ",
    RELATION: "overlaps by 10:00:00 ",
    WHEN: "2026-11-28 23:59:59 – 23:59:59 ",  # another day's stop is cut, whole in the tooltip
}
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Row:
    span: EntrySpan
    relation: str

    @property
    def inspected(self) -> bool:
        return self.relation == THIS_ENTRY


class NeighbourModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._zone: tzinfo | None = None
        self._zone_name = ""
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[_Row], zone: tzinfo | None, zone_name: str) -> None:
        self.beginResetModel()
        self._rows, self._zone, self._zone_name = rows, zone, zone_name
        self.endResetModel()

    def entry_id(self, row: int) -> int:
        return self._rows[row].span.entry_id

    def row_of(self, entry_id: int) -> int | None:
        return next(
            (row for row, item in enumerate(self._rows) if item.span.entry_id == entry_id), None
        )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._zone is None:
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(describe(row.span, self._zone, row.relation))
        if role == Qt.ItemDataRole.FontRole and row.inspected:
            return self._bold
        return None

    def _text(self, row: _Row, column: int) -> str:
        assert self._zone is not None
        if column == ENTRY:
            return str(row.span.entry_id)
        if column == WHEN:
            return span_in_zone(row.span, self._zone)
        if column == DESCRIPTION:
            description = row.span.description or "(no description)"
            return shown_line(description, DESCRIPTION_SHOWN)
        return row.relation

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == WHEN and self._zone_name:
            return f"{COLUMNS[WHEN]} ({self._zone_name})"
        return COLUMNS[section]


class NeighbourList(QTreeView):
    entry_chosen = Signal(object)  # an entry id (beyond a C++ int: not Signal(int))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "neighbourList", "Entries around this one")
        self.entries = NeighbourModel(self)
        self.setModel(self.entries)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        bold = QFont(self.font())
        bold.setBold(True)  # the inspected entry's row is bold: the widest
        metrics = QFontMetrics(bold)
        for column, sample in COLUMN_SAMPLES.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, metrics.horizontalAdvance(sample) + 12)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.clicked.connect(self._chosen)
        self.activated.connect(self._chosen)

    @property
    def entry_ids(self) -> list[int]:
        return [self.entries.entry_id(row) for row in range(self.entries.rowCount())]

    def text(self, row: int, column: int) -> str:
        return str(self.entries.index(row, column).data())

    def show_entries(
        self,
        inspected: EntrySpan | None,
        neighbours: Sequence[Neighbour],
        zone: tzinfo,
        zone_name: str,
    ) -> None:
        """The inspected entry (marked as this entry) among its neighbours, by start."""
        rows = [_Row(neighbour.span, relation_text(neighbour)) for neighbour in neighbours]
        if inspected is not None:
            rows.append(_Row(inspected, THIS_ENTRY))
        rows.sort(key=lambda row: (row.span.start, row.span.entry_id))
        self.entries.set_rows(rows, zone, zone_name)

    def clear(self) -> None:
        if self.entries.rowCount():
            self.entries.set_rows([], None, "")

    def index_of(self, entry_id: int) -> QModelIndex | None:
        row = self.entries.row_of(entry_id)
        return self.entries.index(row, 0) if row is not None else None

    def select(self, entry_id: int) -> None:
        """As a click on its row (the day strip's bars do this)."""
        index = self.index_of(entry_id)
        if index is not None:
            self.setCurrentIndex(index)
            self.scrollTo(index)
            self._chosen(index)

    def current_entry(self) -> int | None:
        index = self.currentIndex()
        return self.entries.entry_id(index.row()) if index.isValid() else None

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.entry_chosen.emit(self.entries.entry_id(index.row()))


def _listed_style(palette: QPalette) -> str:
    hint = tint(HINT_ACCENT, palette)
    return (
        f"#listedEntryBanner {{{hint.style()}}}"
        f"#listedEntryBanner QLabel {{color:{hint.text.name()};"
        "background:transparent;border:none;}"
    )


class ListedBanner(QFrame):
    """Over the tabs while the tree shows an entry from the list: which one, that it was
    not fetched, and the way back. In the hint's own colours, its text too (light or dark
    palette alike)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "listedEntryBanner", "Shown from the list")
        keep_styled(self, _listed_style)
        self.label = named(PlainLabel(), "listedEntryLabel", "Which entry the tree shows")
        self.back = named(QPushButton("Back"), "backToEntryButton", "Back to the inspected entry")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 2, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.back, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setVisible(False)

    def say(self, entry_id: int, inspected: int) -> None:
        self.label.setText(
            f"Entry {entry_id}, shown from the list of entries around {inspected}, not fetched."
        )
        self.back.setToolTip(f"Show entry {inspected} in the tree again")
        self.setVisible(True)
