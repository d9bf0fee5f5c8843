"""The "Request" tab: what the last lookup sent and received, for quoting to Toggl support.

Values the server chose (its request id, what it said) are shown as written and cut at a
few hundred characters; "Copy value" (Ctrl+C, context menu) copies one whole, "Copy all"
every line as "Detail: value"."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from inspector.api.exchange import ExchangeRecord
from inspector.ui.style import describe, plain_tooltip, shown_line

_FULL_VALUE = Qt.ItemDataRole.UserRole


class RequestDetailsView(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestDetails")
        describe(self)
        self.setAccessibleName("Request details")
        self.setColumnCount(2)
        self.setHeaderLabels(["Detail", "Value"])
        self.setRootIsDecorated(False)
        self.setColumnWidth(0, 220)
        self.copy_value_action = QAction("Copy value", self)
        self.copy_value_action.setObjectName("copyRequestDetailAction")
        self.copy_value_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_value_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_value_action.triggered.connect(self.copy_value)
        self.addAction(self.copy_value_action)
        self.copy_all_action = QAction("Copy all", self)
        self.copy_all_action.setObjectName("copyRequestDetailsAction")
        self.copy_all_action.triggered.connect(self.copy_all)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)

    def _show_menu(self, position: QPoint) -> None:
        item = self.itemAt(position)
        if item is not None:
            self.setCurrentItem(item)
        self.copy_value_action.setEnabled(self.currentItem() is not None)
        self.copy_all_action.setEnabled(self.topLevelItemCount() > 0)
        menu = QMenu(self)
        menu.addAction(self.copy_value_action)
        menu.addAction(self.copy_all_action)
        menu.popup(self.viewport().mapToGlobal(position))

    def show_record(self, record: ExchangeRecord | None) -> None:
        self.clear()
        if record is None:
            return
        for label, value in record.lines():
            item = QTreeWidgetItem([label, shown_line(value)])
            item.setData(1, _FULL_VALUE, value)
            item.setToolTip(1, plain_tooltip(value))
            self.addTopLevelItem(item)

    def value_of(self, label: str) -> str | None:
        """The value of the row ``label`` as shown."""
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item is not None and item.text(0) == label:
                return item.text(1)
        return None

    def copy_value(self) -> None:
        """The selected row's value, whole and as received."""
        item = self.currentItem()
        if item is not None:
            QGuiApplication.clipboard().setText(str(item.data(1, _FULL_VALUE)))

    def copy_all(self) -> None:
        """Every line, values whole, to paste into a ticket."""
        rows = (self.topLevelItem(row) for row in range(self.topLevelItemCount()))
        text = "\n".join(f"{item.text(0)}: {item.data(1, _FULL_VALUE)}" for item in rows if item)
        if text:
            QGuiApplication.clipboard().setText(text)
