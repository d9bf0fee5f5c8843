"""Text dropped anywhere on a window (a ticket dragged from a browser or a mail, lines from
an editor): told as ``text_dropped(text)``. Widgets that take drops themselves (the ID
field) keep theirs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget


def dropped_text(mime: QMimeData) -> str | None:
    """The text a drag carries (links as their addresses, one a line); None: no text."""
    if mime.hasText():
        return mime.text()
    if mime.hasUrls():
        return "\n".join(url.toString() for url in mime.urls())
    return None


class TextDrops(QObject):
    """Makes ``target`` take drops of text and tells what was dropped."""

    text_dropped = Signal(str)

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDropEvent)  # the enter and move events are drop events
            if dropped_text(event.mimeData()) is not None:
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            text = dropped_text(event.mimeData())
            if text is None:
                return False
            event.acceptProposedAction()
            self.text_dropped.emit(text)
            return True
        return False
