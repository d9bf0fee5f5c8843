"""Where parts say what happened in one line: the window's status bar, or anything with
the same method (a test's recorder)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QStatusBar

from inspector.ui.style import shown_line


class StatusSink(Protocol):
    def showMessage(self, text: str, timeout: int | None = 0) -> None: ...


class StatusLine(QStatusBar):
    """The window's status bar: a message quoting a server or a person (a name, an error)
    shows its control characters written out, cut at a few hundred characters."""

    def showMessage(self, text: str, timeout: int | None = 0) -> None:
        super().showMessage(shown_line(text), timeout)
