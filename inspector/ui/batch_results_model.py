"""The results table of several IDs at once: one row per ID looked up (or not), as a Qt
table model, and the proxy that sorts it (IDs and durations as numbers, starts as times).

What a row shows is worked out once, when it is added: server text with its control
characters written out and cut (tooltips whole, as plain text); the model only hands it
out. Rows come in a few at a time (one insert for all that finished since the last tick),
so a run of a thousand IDs never lays the table out a thousand times, and stand in the
order of the IDs in the text (two lookups at a time may finish in the other order).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from inspector.domain.lookup_facts import LookupFacts, LookupOutcome
from inspector.domain.timestamps import format_duration, format_utc
from inspector.services.findings import Finding
from inspector.ui.style import plain_tooltip, shown_line

COLUMNS = (
    "ID",
    "State",
    "Start (UTC)",
    "Duration",
    "User",
    "Project",
    "Description",
    "Anomalies",
    "Outcome",
)
ID_COLUMN, STATE_COLUMN, START_COLUMN, DURATION_COLUMN = 0, 1, 2, 3
DESCRIPTION_COLUMN, ANOMALIES_COLUMN, OUTCOME_COLUMN = 6, 7, 8
SORT_ROLE = Qt.ItemDataRole.UserRole.value + 1
CELL_LIMIT = 120  # characters a cell shows (its tooltip has up to SHORT_TEXT_LIMIT)
NOT_LOOKED_UP = "not looked up"
_OUTCOME_TEXT = {
    LookupOutcome.FOUND: "found",
    LookupOutcome.NOT_FOUND: "not found",
    LookupOutcome.ERROR: "error",
}
_NUMERIC_COLUMNS = frozenset({ID_COLUMN, DURATION_COLUMN})

_ModelIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One ID's row: what each column says in full (``texts``), how it sorts, and the
    lookup behind it (``finding``), or why there was none (``not_looked_up``). Few objects:
    a thousand rows must not keep Python's garbage collector busy."""

    order: int  # the ID's place in the text it was found in
    entry_id: int
    finding: Finding | None
    texts: tuple[str, ...]
    sort_keys: tuple[int | float | str, ...]
    account: str | None
    api_origin: str | None
    not_looked_up: LookupFacts | None = None

    @property
    def facts(self) -> LookupFacts:
        """What the row becomes in an export or a summary."""
        if self.finding is None:
            assert self.not_looked_up is not None
            return self.not_looked_up
        return self.finding.facts(self.account, self.api_origin)


def found_row(
    order: int, finding: Finding, account: str | None, api_origin: str | None
) -> ResultRow:
    """The row of an ID looked up (found, not found or failed)."""
    facts = finding.facts(account, api_origin)
    view = facts.view
    if view is None:
        outcome = _OUTCOME_TEXT[finding.outcome]
        message = finding.message if finding.outcome is LookupOutcome.ERROR else None
        texts = (
            str(finding.entry_id),
            *("" for _ in range(OUTCOME_COLUMN - 1)),
            f"{outcome}: {message}"
            if message and finding.outcome is LookupOutcome.ERROR
            else outcome,
        )
        keys = _sort_keys(facts, texts, None, None)
        return ResultRow(order, finding.entry_id, finding, texts, keys, account, api_origin)
    state = view.run_state.value
    if view.raw.get("server_deleted_at") is not None:
        state = f"Deleted · {state}"
    seconds = facts.duration_seconds(finding.fetched_at)
    anomalies = facts.anomaly_messages
    texts = (
        str(finding.entry_id),
        state,
        format_utc(view.start) if view.start is not None else "",
        format_duration(seconds) if seconds is not None else "",
        facts.user or "",
        facts.project or "",
        facts.text("description") or "",
        f"{len(anomalies)}: {'; '.join(anomalies)}" if anomalies else "",
        _OUTCOME_TEXT[finding.outcome],
    )
    start = view.start.timestamp() if view.start is not None else None
    keys = _sort_keys(facts, texts, start, seconds)
    return ResultRow(order, finding.entry_id, finding, texts, keys, account, api_origin)


def not_looked_up_row(
    order: int,
    entry_id: int,
    reason: str,
    fetched_at: datetime,
    account: str | None,
    api_origin: str | None,
) -> ResultRow:
    """The row of an ID the run did not get to (cancelled, stopped at the quota reserve),
    as `get` writes it in an export: an error saying why."""
    facts = LookupFacts(
        entry_id,
        LookupOutcome.ERROR,
        message=f"Not looked up: {reason}",
        account=account,
        api_origin=api_origin,
        fetched_at=fetched_at,
    )
    texts = (str(entry_id), *("" for _ in range(OUTCOME_COLUMN - 1)), NOT_LOOKED_UP)
    keys = _sort_keys(facts, texts, None, None)
    return ResultRow(order, entry_id, None, texts, keys, account, api_origin, facts)


def _sort_keys(
    facts: LookupFacts, texts: tuple[str, ...], start: float | None, seconds: int | None
) -> tuple[int | float | str, ...]:
    """One type per column, so Qt compares them itself: what has no start or duration
    sorts before all that have one."""
    keys: list[int | float | str] = [text.casefold() for text in texts]
    keys[ID_COLUMN] = facts.entry_id
    keys[START_COLUMN] = start if start is not None else -math.inf
    keys[DURATION_COLUMN] = seconds if seconds is not None else -1
    return tuple(keys)


class BatchResultsModel(QAbstractTableModel):
    """The rows in the order of their IDs in the text; sorting is the proxy's."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []
        self._orders: list[int] = []  # each row's order, ascending
        self._shown: list[tuple[str, ...] | None] = []  # the cells as shown, made when painted

    @property
    def rows(self) -> tuple[ResultRow, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> ResultRow:
        return self._rows[row]

    def add_rows(self, rows: Sequence[ResultRow]) -> None:
        """Put ``rows`` in their places: one insert per place (usually one, at the end)."""
        groups: list[tuple[int, list[ResultRow]]] = []
        for row in sorted(rows, key=lambda row: row.order):
            place = bisect_right(self._orders, row.order)
            if groups and groups[-1][0] == place:
                groups[-1][1].append(row)
            else:
                groups.append((place, [row]))
        for place, group in reversed(groups):  # the later first: the earlier places hold
            self.beginInsertRows(QModelIndex(), place, place + len(group) - 1)
            self._rows[place:place] = group
            self._orders[place:place] = [row.order for row in group]
            self._shown[place:place] = [None] * len(group)
            self.endInsertRows()

    def clear(self) -> None:
        if self._rows:
            self.beginResetModel()
            self._rows.clear()
            self._orders.clear()
            self._shown.clear()
            self.endResetModel()

    # --- QAbstractTableModel ----------------------------------------------------------
    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _ModelIndex, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            shown = self._shown[row]
            if shown is None:
                shown = self._shown[row] = tuple(
                    shown_line(text, CELL_LIMIT) for text in self._rows[row].texts
                )
            return shown[column]
        if role == SORT_ROLE:
            return self._rows[row].sort_keys[column]
        if role == _TOOLTIP:
            text = self._rows[row].texts[column]
            return plain_tooltip(text) if text else None
        if role == _ALIGNMENT and column in _NUMERIC_COLUMNS:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return COLUMNS[section]
        return None


class BatchResultsProxy(QSortFilterProxyModel):
    """Sorts by each column's own kind of value (SORT_ROLE); until a header is clicked,
    the rows keep the model's order."""

    def __init__(self, model: BatchResultsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.results = model

    def row_at(self, row: int) -> ResultRow:
        """The row shown at ``row`` (in the sorted order)."""
        return self.results.row_at(self.mapToSource(self.index(row, 0)).row())

    def shown_rows(self) -> list[ResultRow]:
        """Every row, in the order shown."""
        return [self.row_at(row) for row in range(self.rowCount())]
