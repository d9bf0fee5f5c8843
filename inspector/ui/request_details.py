"""The "Request" tab: what the last lookup sent and received, for quoting to Toggl support."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from inspector.api.exchange import ExchangeRecord


class RequestDetailsView(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestDetails")
        self.setAccessibleName("Request details")
        self.setColumnCount(2)
        self.setHeaderLabels(["Detail", "Value"])
        self.setRootIsDecorated(False)
        self.setColumnWidth(0, 220)

    def show_record(self, record: ExchangeRecord | None) -> None:
        self.clear()
        if record is None:
            return
        for label, value in record.lines():
            item = QTreeWidgetItem([label, value])
            item.setToolTip(1, value)
            self.addTopLevelItem(item)

    def value_of(self, label: str) -> str | None:
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item is not None and item.text(0) == label:
                return item.text(1)
        return None
