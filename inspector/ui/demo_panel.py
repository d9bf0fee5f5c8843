"""The demo API's entries beside the tree: one click looks one up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from inspector.ui.style import named

if TYPE_CHECKING:
    from inspector.demo.dataset import DemoEntry


class DemoPanel(QFrame):
    entry_chosen = Signal(object)  # an int, but entry IDs outgrow a C++ int: not Signal(int)

    def __init__(self, demo_entries: Sequence[DemoEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Demo entries</b><br>Click one to look it up."))
        self.demo_list = named(QListWidget(), "demoEntryList", "Demo entries")
        for entry in demo_entries:
            item = QListWidgetItem(f"{entry.entry_id}  {entry.label}")
            item.setData(Qt.ItemDataRole.UserRole, entry.entry_id)
            item.setToolTip(entry.label)
            self.demo_list.addItem(item)
        # Wide enough for every label: a clipped "Answers HTTP 4…" helps nobody.
        self.demo_list.setMinimumWidth(
            self.demo_list.sizeHintForColumn(0) + 2 * self.demo_list.frameWidth() + 24
        )
        self.demo_list.itemActivated.connect(self._choose)
        self.demo_list.itemClicked.connect(self._choose)
        layout.addWidget(self.demo_list, 1)

    def _choose(self, item: QListWidgetItem) -> None:
        self.entry_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
