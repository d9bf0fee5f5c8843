"""The entry's fields as a tree, and copying from it: a value, a field's path, the entry.
The view shows the model through a filter (``filter_rows``): rows whose field name or value
holds the text, with their parents; copying maps back to the model, so it copies the value
as received whatever is filtered."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QMenu, QTreeView, QWidget

from inspector.ui.entry_tree_model import COPY_TEXT_ROLE, PATH_ROLE, EntryTreeModel
from inspector.ui.status import StatusSink
from inspector.ui.style import TREE_NAME_COLUMN_WIDTH, named

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence

    from inspector.domain.entry_view import EntryView
    from inspector.ui.field_filter import FieldFilter

# Who an entry is shared with is why people look; a list longer than this is opened by
# hand (laying out every row would stall the window for nothing).
AUTO_EXPAND_MAX_ROWS = 200


class EntryTreeView(QTreeView):
    def __init__(self, status: StatusSink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "entryTree", "Entry fields")
        self._status = status
        self._body_text: str | None = None  # what "Copy entry as JSON" copies
        self._more_actions: tuple[QAction, ...] = ()  # the window's, after a separator
        self.entry_model = EntryTreeModel(self)
        self._filter: FieldFilter | None = None  # made when a filter is first typed
        # The filter stands between model and view only while something is typed: a proxy
        # maps every row it sees, which costs each lookup (and a 10,000-user list) dearly.
        self.setModel(self.entry_model)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, TREE_NAME_COLUMN_WIDTH)
        self.customContextMenuRequested.connect(self._show_menu)

    def finish_building(self) -> None:
        """After the first paint (no entry is shown before): the copy and expand actions
        with their shortcuts, and the values' colours following the palette."""
        from PySide6.QtGui import QAction, QKeySequence

        from inspector.ui.palette_colours import follow_palette

        follow_palette(self, self._follow_palette)  # tinted values readable, light or dark
        self.copy_value_action = self._action(
            "Copy value", QKeySequence.StandardKey.Copy, self.copy_value
        )
        self.copy_path_action = self._action(
            "Copy field path", QKeySequence("Ctrl+Shift+C"), self.copy_path
        )
        self.copy_json_action = self._action(
            "Copy entry as JSON", QKeySequence("Ctrl+Shift+J"), self.copy_entry_json
        )
        self.expand_all_action = QAction("Expand all", self)
        self.expand_all_action.triggered.connect(self.expandAll)
        self.collapse_all_action = QAction("Collapse all", self)
        self.collapse_all_action.triggered.connect(self.collapseAll)

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey,
        handler: Callable[[], None],
    ) -> QAction:
        from PySide6.QtGui import QAction

        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(handler)
        self.addAction(action)
        return action

    def _follow_palette(self) -> None:
        self.entry_model.follow_palette(self.palette())
        if self.entry_model.rowCount() > 0:  # viewport() first costs ~10 ms (PySide6 6.11)
            self.viewport().update()

    def add_menu_actions(self, actions: tuple[QAction, ...]) -> None:
        """Actions about the whole entry (ticket summary, cURL) at the menu's end."""
        self._more_actions = actions

    def show_entry(self, view: EntryView | None, body_text: str | None) -> None:
        self._body_text = body_text
        self.entry_model.set_view(view)
        self._expand_as_found()

    def _expand_as_found(self) -> None:
        if self.filter_text:
            self.expandAll()  # every match in sight
        elif self.entry_model.rowCount() > 0:
            self.expandToDepth(0)
            self._expand_field("shared_with", max_rows=AUTO_EXPAND_MAX_ROWS)

    def filter_rows(self, text: str) -> None:
        """Only rows whose field name or value holds ``text`` (any case), with their
        parents; "" shows every row again."""
        if text == self.filter_text:
            return
        current = self._source_index(self.currentIndex())
        self.filter_model.set_text(text)
        wanted = self.filter_model if text else self.entry_model
        if self.model() is not wanted:
            self.setModel(wanted)
        if not text:
            self.collapseAll()
        self._expand_as_found()
        if current.isValid():
            self.setCurrentIndex(self.view_index(current))

    @property
    def filter_model(self) -> FieldFilter:
        """The filter between model and view (made when first asked for)."""
        if self._filter is None:
            from inspector.ui.field_filter import FieldFilter

            self._filter = FieldFilter(self)
            self._filter.setSourceModel(self.entry_model)
        return self._filter

    @property
    def filter_text(self) -> str:
        return self._filter.text if self._filter is not None else ""

    def _filtering(self) -> bool:
        return self._filter is not None and self.model() is self._filter

    def _source_index(self, index: QModelIndex) -> QModelIndex:
        return self.filter_model.mapToSource(index) if self._filtering() else index

    def view_index(self, index: QModelIndex) -> QModelIndex:
        """The view's index for the model's ``index`` (invalid when filtered out)."""
        return self.filter_model.mapFromSource(index) if self._filtering() else index

    def select(self, index: QModelIndex) -> None:
        """Make the model's ``index`` the current row (tests, the window)."""
        shown = self.view_index(index)
        self.scrollTo(shown)
        self.setCurrentIndex(shown)

    def _expand_field(self, name: str, max_rows: int) -> None:
        model = self.entry_model
        for group_row in range(model.rowCount()):
            group = model.index(group_row, 0)
            for row in range(model.rowCount(group)):
                index = model.index(row, 0, group)
                if index.data() == name:
                    if model.rowCount(index) <= max_rows:
                        self.expand(self.view_index(index))
                    return

    def _show_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        has_row = self.currentIndex().isValid()
        for action in (self.copy_value_action, self.copy_path_action):
            action.setEnabled(has_row)
            menu.addAction(action)
        self.copy_json_action.setEnabled(self._body_text is not None)
        menu.addAction(self.copy_json_action)
        menu.addSeparator()
        menu.addAction(self.expand_all_action)
        menu.addAction(self.collapse_all_action)
        if self._more_actions:
            menu.addSeparator()
            for action in self._more_actions:
                action.setEnabled(self._body_text is not None)
                menu.addAction(action)
        menu.popup(self.viewport().mapToGlobal(position))

    def _current_data(self, role: int) -> str | None:
        index = self._source_index(self.currentIndex())
        if not index.isValid():
            return None
        value = self.entry_model.data(index.siblingAtColumn(0), role)
        return value if isinstance(value, str) and value != "" else None

    def copy_value(self) -> None:
        self._copy(self._current_data(COPY_TEXT_ROLE), "value")

    def copy_path(self) -> None:
        self._copy(self._current_data(PATH_ROLE), "field path")

    def copy_entry_json(self) -> None:
        from inspector.domain.raw_json import indent_verbatim

        body = self._body_text
        self._copy(indent_verbatim(body) if body is not None else None, "entry as JSON")

    def _copy(self, text: str | None, what: str) -> None:
        if text is None:
            self._status.showMessage("Nothing to copy: select a field first.")
            return
        QApplication.clipboard().setText(text)
        self._status.showMessage(f"Copied {what}.", 3000)
