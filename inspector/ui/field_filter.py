"""The Fields tab's filter: rows whose field name or value holds the text, with their
parents. Made when a filter is first typed (the tree shows the model directly otherwise)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QWidget

from inspector.ui.entry_tree_model import AS_RECEIVED_ROLE


class FieldFilter(QSortFilterProxyModel):
    """Rows whose field name or value (as shown or as received) holds the text (any case),
    kept with their parents; the Type column is not searched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # As typed: the filter's pattern has "-", ":", "." escaped, which no value holds.
        self.text = ""

    def set_text(self, text: str) -> None:
        self.text = text
        self.setFilterFixedString(text)  # filters again

    def filterAcceptsRow(  # noqa: N802 (Qt's name)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self.text:
            return True
        model = self.sourceModel()
        needle = self.text.casefold()
        value = model.index(source_row, 1, source_parent)
        for shown in (
            model.index(source_row, 0, source_parent).data(),
            value.data(),
            value.data(AS_RECEIVED_ROLE),
        ):
            if isinstance(shown, str) and needle in shown.casefold():
                return True
        return False
