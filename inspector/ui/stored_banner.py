"""Above the tree while it shows a stored answer from the history: when it was fetched, and
Refresh (the only way a stored answer leads to a request)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from inspector.domain.timestamps import format_utc
from inspector.ui.plain_label import PlainLabel
from inspector.ui.style import named


class StoredBanner(QWidget):
    """Above the tree while it shows a stored answer: when it was fetched, and Refresh."""

    refresh_requested = Signal(object)  # an entry ID (beyond a C int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "historyStoredBanner", "Stored answer")
        self.label = named(PlainLabel(wrap=False), "historyStoredLabel", "Stored answer shown")
        self.refresh = named(QPushButton("Refresh"), "historyRefreshButton", "Refresh")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.refresh)
        self._entry_id: int | None = None
        self.refresh.clicked.connect(self._refresh)
        self.setVisible(False)

    def say(self, entry_id: int, fetched_at: datetime) -> None:
        self._entry_id = entry_id
        self.label.setText(
            f"Entry {entry_id} as fetched at {format_utc(fetched_at)}, not refreshed."
        )
        self.setVisible(True)

    def hide_banner(self) -> None:
        self._entry_id = None
        self.setVisible(False)

    def _refresh(self) -> None:
        if self._entry_id is not None:
            self.refresh_requested.emit(self._entry_id)
