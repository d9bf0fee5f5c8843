"""The demo API's entries beside the lookup column: one click looks one up, and the entry
whose ID is in the field is the one selected."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from inspector.ui.plain_label import PlainLabel
from inspector.ui.style import named

if TYPE_CHECKING:
    from inspector.demo.dataset import DemoEntry

# The list may be dragged this narrow (its labels cut with "…", whole in the tooltip): the
# window fits a small screen; the splitter can also fold it away.
DEMO_LIST_MIN_WIDTH = 140


class DemoPanel(QFrame):
    entry_chosen = Signal(object)  # an int, but entry IDs outgrow a C++ int: not Signal(int)

    def __init__(self, demo_entries: Sequence[DemoEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.addWidget(PlainLabel("Demo entries: click one to look it up."))
        self.demo_list = named(QListWidget(), "demoEntryList", "Demo entries")
        for entry in demo_entries:
            item = QListWidgetItem(f"{entry.entry_id}  {entry.label}")
            item.setData(Qt.ItemDataRole.UserRole, entry.entry_id)
            item.setToolTip(entry.label)
            self.demo_list.addItem(item)
        # No horizontal scrolling: a label longer than the list is cut with "…".
        self.demo_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.demo_list.setMinimumWidth(DEMO_LIST_MIN_WIDTH)
        self.demo_list.itemActivated.connect(self._choose)
        self.demo_list.itemClicked.connect(self._choose)
        layout.addWidget(self.demo_list, 1)
        # Never wider than its labels need (the lookup column takes the rest).
        list_width = self.demo_list.sizeHintForColumn(0) + 2 * self.demo_list.frameWidth() + 24
        margins, inner = self.contentsMargins(), layout.contentsMargins()
        extra = margins.left() + margins.right() + inner.left() + inner.right()
        self.setMaximumWidth(list_width + extra)

    def sizeHint(self) -> QSize:
        return QSize(self.maximumWidth(), super().sizeHint().height())

    def follow(self, entry_id: int | None) -> None:
        """The ID in the field: its demo entry selected (and scrolled to), or none."""
        for row in range(self.demo_list.count()):
            item = self.demo_list.item(row)
            if entry_id is not None and item.data(Qt.ItemDataRole.UserRole) == entry_id:
                self.demo_list.setCurrentItem(item)
                self.demo_list.scrollToItem(item)
                return
        self.demo_list.setCurrentRow(-1)
        self.demo_list.clearSelection()

    def _choose(self, item: QListWidgetItem) -> None:
        self.entry_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
