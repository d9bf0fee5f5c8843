"""Text holding several IDs pasted or dropped into a line edit, taken whole before the line
edit inserts it: QLineEdit cuts what it inserts at its maxLength() (32,767 characters by
default), so the IDs at the end of a long ticket would be lost; and cutting costs it time
that grows with the square of the length, so a larger limit would only move the problem.

Caught: the platform's Paste keys (Ctrl+V, Shift+Insert), the context menu's Paste and a
drop. Text with fewer than two IDs goes into the field as Qt puts it there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from inspector.ui.text_drops import dropped_text

PASTE_ACTION = "edit-paste"  # the objectName Qt gives the Paste of a standard context menu


class SeveralIdsCatch(QObject):
    """Installed on ``field``: text with several IDs pasted or dropped into it is told as
    ``several_ids(text)``, and the field is left as it was."""

    several_ids = Signal(str)

    def __init__(self, field: QLineEdit) -> None:
        super().__init__(field)
        self._field = field
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is not self._field or self._field.isReadOnly():
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return event.matches(QKeySequence.StandardKey.Paste) and self._took(
                QApplication.clipboard().text()
            )
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            text = dropped_text(event.mimeData())
            if event.source() is self._field or text is None or not self._took(text):
                return False  # the field's own text moved, or nothing several: as usual
            event.acceptProposedAction()
            return True
        default_menu = self._field.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu
        if kind == QEvent.Type.ContextMenu and default_menu:
            assert isinstance(event, QContextMenuEvent)
            self._show_menu(event.globalPos())
            return True
        return False

    def _took(self, text: str) -> bool:
        from inspector.domain.pasted_ids import find_entry_ids  # at a paste, not at start-up

        if len(find_entry_ids(text)) < 2:
            return False
        self.several_ids.emit(text)
        return True

    def _show_menu(self, at: QPoint) -> None:
        """The field's own menu, its Paste looking at the text first (Qt's Paste is wired
        to the field inside Qt, out of reach of an event filter)."""
        menu = self._field.createStandardContextMenu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for qt_paste in menu.actions():
            if qt_paste.objectName() == PASTE_ACTION:
                paste = QAction(qt_paste.icon(), qt_paste.text(), menu)
                paste.setObjectName(PASTE_ACTION)
                paste.setEnabled(qt_paste.isEnabled())
                paste.triggered.connect(self._paste)
                menu.insertAction(qt_paste, paste)
                menu.removeAction(qt_paste)
                break
        menu.popup(at)

    def _paste(self) -> None:
        if not self._took(QApplication.clipboard().text()):
            self._field.paste()
