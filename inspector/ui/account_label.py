"""The signed-in account in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from inspector.ui.plain_label import OneLineLabel
from inspector.ui.style import named

ACCOUNT_LABEL_MAX_WIDTH = 460  # the status bar's messages keep the rest


class AccountLabel(OneLineLabel):
    """The signed-in account in the status bar, shortened in the middle with "…" when space
    is short (the full text is its tooltip and ``full_text``): a long name never widens the
    window, and a name in HTML or with control characters shows as written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, max_width=ACCOUNT_LABEL_MAX_WIDTH, elide=Qt.TextElideMode.ElideMiddle
        )
        named(self, "accountLabel", "Signed-in account")

    def set_full_text(self, text: str) -> None:
        self.setText(text)
