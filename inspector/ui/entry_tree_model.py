"""A read-only Qt item model over the domain's field tree (groups, fields, children).

Names and values come from the server: each is shown with control characters written out
and cut at a few hundred characters, and its tooltip is plain text (see
style.plain_tooltip); the copy roles keep them as received."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from inspector.ui.style import plain_tooltip, shown_line

if TYPE_CHECKING:  # the field tree is imported with the first entry shown
    from PySide6.QtGui import QIcon

    from inspector.domain.entry_view import EntryView
    from inspector.domain.field_tree import FieldNode

COLUMNS = ("Field", "Value", "Type")
PATH_ROLE = Qt.ItemDataRole.UserRole.value + 1
COPY_TEXT_ROLE = Qt.ItemDataRole.UserRole.value + 2
# The value as received where the Value column shows it readably (a time, a duration);
# None elsewhere. The filter matches it too.
AS_RECEIVED_ROLE = Qt.ItemDataRole.UserRole.value + 3

_ModelIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value


class _Item:
    """One row: a field node (or a group) plus its place in the tree.

    Children are wrapped on first access, so a huge list costs nothing until expanded;
    what a row shows is worked out when it is first painted, then kept.
    """

    __slots__ = ("_children", "_shown", "node", "parent", "row")

    def __init__(self, node: FieldNode, parent: _Item | None, row: int) -> None:
        self.node = node
        self.parent = parent
        self.row = row
        self._children: list[_Item] | None = None
        self._shown: tuple[str, str] | None = None

    def shown(self, column: int) -> str:
        """The name (column 0) or value (column 1) as the tree shows it."""
        if self._shown is None:
            value = self.node.readable_value or self.node.display
            self._shown = (shown_line(self.node.label), shown_line(value))
        return self._shown[column]

    @property
    def children(self) -> list[_Item]:
        if self._children is None:
            self._children = [
                _Item(child, self, row) for row, child in enumerate(self.node.children)
            ]
        return self._children


def _group_node(title: str, fields: tuple[FieldNode, ...]) -> FieldNode:
    from inspector.domain.field_tree import FieldNode, ValueKind

    return FieldNode(
        label=title,
        path="",
        value=None,
        display="",
        kind=ValueKind.GROUP,
        type_name="",
        children=fields,
    )


ANOMALIES_GROUP = "Anomalies"


def _anomaly_group(view: EntryView) -> FieldNode:
    """Anything odd about the entry, first in the tree: one row per anomaly."""
    from inspector.domain.field_tree import derived_node

    rows = tuple(
        replace(
            derived_node(anomaly.code, "", anomaly.message, "Found by the inspector"),
            type_name="anomaly",
        )
        for anomaly in view.anomalies
    )
    return _group_node(ANOMALIES_GROUP, rows)


class EntryTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root: _Item | None = None  # None: nothing shown yet (no row at all)
        self._anomalies: _Item | None = None  # the Anomalies group, shown as warnings
        self._palette: QPalette | None = None  # the view's; None: the application's
        self._made_styles: _Styles | None = None  # made when a row is first painted

    def follow_palette(self, palette: QPalette) -> None:
        """Colours for ``palette`` (the view's, light or dark) from the next paint on."""
        self._palette, self._made_styles = palette, None

    @property
    def _styles(self) -> _Styles:
        if self._made_styles is None:
            self._made_styles = _Styles(self._palette or QApplication.palette())
        return self._made_styles

    def set_view(self, view: EntryView | None) -> None:
        """Show ``view`` (or nothing) in one reset."""
        self.beginResetModel()
        groups = (
            ()
            if view is None
            else tuple(_group_node(group.title, group.fields) for group in view.groups)
        )
        if view is not None and view.anomalies:
            groups = (_anomaly_group(view), *groups)
        self._root = _Item(_group_node("", groups), None, 0)
        self._anomalies = self._root.children[0] if view is not None and view.anomalies else None
        self.endResetModel()

    # --- QAbstractItemModel -------------------------------------------------------------
    def index(self, row: int, column: int, parent: _ModelIndex = QModelIndex()) -> QModelIndex:
        parent_item = self._item(parent)
        if (
            parent_item is None
            or row < 0
            or not 0 <= column < len(COLUMNS)
            or row >= len(parent_item.node.children)
            or (parent.isValid() and parent.column() != 0)
        ):
            return QModelIndex()
        return self.createIndex(row, column, parent_item.children[row])

    # Qt overloads parent(): QObject.parent() and the model's parent(index); Python can
    # define only this one, which the stubs see as an incompatible override.
    def parent(self, index: _ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent_item = index.internalPointer().parent
        if parent_item is None or parent_item is self._root:
            return QModelIndex()
        return self.createIndex(parent_item.row, 0, parent_item)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        item = self._item(parent)
        return len(item.node.children) if item is not None else 0

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:
        return len(COLUMNS)

    def hasChildren(self, parent: _ModelIndex = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Called hundreds of times per paint: the common roles come first, styles are cached.
        if not index.isValid():
            return None
        item: _Item = index.internalPointer()
        node = item.node
        if role == _DISPLAY:
            column = index.column()
            return item.shown(column) if column < 2 else node.type_name
        if role == _FONT:
            return self._styles.font(node, index.column(), self._is_anomaly(item))
        if role == _FOREGROUND:
            if self._is_anomaly(item) and index.column() < 2:
                return self._styles.warning
            return self._styles.brushes.get(node.kind) if index.column() == 1 else None
        if role == _TOOLTIP:
            if index.column() == 1 and not node.is_group:
                if node.readable_value:
                    return plain_tooltip(f"As received: {node.display}")
                return plain_tooltip(node.display)
            return plain_tooltip(node.description) if node.description else None
        if role == PATH_ROLE:
            return node.path
        if role == COPY_TEXT_ROLE:
            return None if node.is_group else node.copy_text()
        if role == AS_RECEIVED_ROLE:
            return node.display if node.readable_value else None
        if role == _DECORATION:
            return (
                self._styles.warning_icon
                if index.column() == 0 and self._is_anomaly(item)
                else None
            )
        return None

    def _is_anomaly(self, item: _Item) -> bool:
        """The Anomalies group or one of its rows: warnings, not derived values."""
        group = self._anomalies
        return group is not None and (item is group or item.parent is group)

    # --- helpers ------------------------------------------------------------------------
    def _item(self, index: _ModelIndex) -> _Item | None:
        return index.internalPointer() if index.isValid() else self._root


class _Styles:
    """Fonts and colours that tell values apart, made once per model (not per cell)."""

    EMPTY_SUFFIXES = ("(empty list)", "(empty string)", "(empty object)")

    def __init__(self, palette: QPalette) -> None:
        from inspector.domain.field_tree import ValueKind
        from inspector.ui.palette_colours import value_colours

        self._italic_kinds = (ValueKind.NULL, ValueKind.DERIVED, ValueKind.UNAVAILABLE)
        self.bold = QFont()
        self.bold.setBold(True)
        self.italic = QFont()
        self.italic.setItalic(True)
        tinted = value_colours(palette)
        # An anomaly is a warning: the palette's warning colour and icon, upright.
        self.warning = QBrush(tinted["warning"])
        self._warning_icon: QIcon | None = None
        # null greyed, booleans and numbers tinted, so null/false/0/[] never look alike.
        self.brushes = {
            ValueKind.NULL: QBrush(
                palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            ),
            ValueKind.DERIVED: QBrush(palette.color(QPalette.ColorRole.PlaceholderText)),
            ValueKind.UNAVAILABLE: QBrush(palette.color(QPalette.ColorRole.PlaceholderText)),
            ValueKind.BOOLEAN: QBrush(tinted["boolean"]),
            ValueKind.INTEGER: QBrush(tinted["number"]),
            ValueKind.NUMBER: QBrush(tinted["number"]),
        }

    @property
    def warning_icon(self) -> QIcon | None:
        """The style's warning icon, asked for when first painted (a model may be made before
        the application and its style)."""
        if self._warning_icon is None and (style := QApplication.style()) is not None:
            from PySide6.QtWidgets import QStyle  # its first use costs milliseconds

            self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon

    def font(self, node: FieldNode, column: int, anomaly: bool = False) -> QFont | None:
        if column == 0:
            return self.bold if node.is_group else None
        if (
            column == 1
            and not anomaly
            and (node.kind in self._italic_kinds or node.display.endswith(self.EMPTY_SUFFIXES))
        ):
            return self.italic
        return None
