"""Where parts say what happened in one line: the window's status bar, or anything with
the same method (a test's recorder)."""

from __future__ import annotations

from typing import Protocol


class StatusSink(Protocol):
    def showMessage(self, text: str, timeout: int = 0) -> None: ...
