"""Entries asked for from outside the window: by a later start of the app (handed over by
single_instance) or, on macOS, by a link the system gives the running app (QFileOpenEvent).
Held until the window can look entries up; then each brings the window to the front and is
looked up, or its link's fault is said in the banner (nothing is looked up then)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from inspector.ui.main_window import MainWindow

if TYPE_CHECKING:
    from inspector.domain.entry_link import Handover

log = logging.getLogger("inspector.ui")


class EntryRequests(QObject):
    def __init__(self, window: MainWindow, *, watch_links_opened: bool = False) -> None:
        """``watch_links_opened``: take the links the system opens in this app (macOS
        sends them as events, not as arguments). It filters every event of the app, so
        only where such events come."""
        super().__init__(window)
        self._window = window
        self._pending: list[Handover] = []
        self._accepting = False
        self._window_closed = False
        window.closed.connect(self._close)
        app = QApplication.instance()
        if watch_links_opened and app is not None:
            app.installEventFilter(self)
            window.destroyed.connect(lambda: app.removeEventFilter(self))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            from inspector.domain.entry_link import Handover, is_entry_link

            link = event.url().toString(QUrl.ComponentFormattingOption.FullyEncoded)
            if is_entry_link(link):
                self.receive(Handover(link))
                return True
        return False

    def _close(self) -> None:
        self._window_closed = True
        self._pending.clear()

    def receive(self, handover: Handover) -> None:
        if self._window_closed:
            log.info("A hand-over came as the window closed: ignored")
            return
        if self._accepting:
            self._open(handover)
        else:
            self._pending.append(handover)

    def start(self) -> None:
        """The window can look entries up now: what came meanwhile first, in order."""
        self._accepting = True
        pending, self._pending = self._pending, []
        for handover in pending:
            self._open(handover)

    def _open(self, handover: Handover) -> None:
        window = self._window
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()
        if handover.target is None:
            log.info("Another start of the app brought this window to the front")
            return
        from inspector.domain.entry_id import InvalidEntryId
        from inspector.domain.entry_link import InvalidEntryLink, entry_request

        try:
            request = entry_request(handover.target, handover.meta, handover.include_sharing)
        except (InvalidEntryLink, InvalidEntryId) as error:
            log.warning("Refused a link: %s", error)
            window.show_banner(f"{error} Nothing was looked up.", "error")
            return
        log.info("Asked from outside the window to look up entry %s", request.entry_id)
        window.lookup_bar.look_up_as_asked(request.entry_id, request.meta, request.include_sharing)
