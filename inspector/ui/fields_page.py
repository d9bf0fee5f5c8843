"""The Fields tab: a filter box over the tree. Ctrl+F (the entry panel's, while this tab is in
front) goes to the box, typing keeps the rows whose field name or value holds the text (with
their groups), Esc clears it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from inspector.ui.entry_tree_view import EntryTreeView
from inspector.ui.style import named


class FieldsPage(QWidget):
    def __init__(self, tree: EntryTreeView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "fieldsPage", "Fields")
        self.tree = tree
        self.filter_input = named(QLineEdit(), "treeFilterInput", "Filter the fields")
        self.filter_input.setPlaceholderText("Filter fields and values (Ctrl+F)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_input)
        layout.addWidget(tree, 1)
        self.filter_input.textChanged.connect(tree.filter_rows)

    def finish_building(self) -> None:
        """Esc and the box's clear button clear the filter (after the first paint: there is
        no entry to filter before). Ctrl+F is the entry panel's: it finds in whichever tab
        is in front."""
        from PySide6.QtGui import QAction, QKeySequence

        self.filter_input.setClearButtonEnabled(True)

        self.clear_action = QAction("Clear the filter", self)
        self.clear_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.clear_action.triggered.connect(self.filter_input.clear)
        self.addAction(self.clear_action)

    def focus_filter(self) -> None:
        self.filter_input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_input.selectAll()
