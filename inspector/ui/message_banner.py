"""The message banner: errors and hints, a Retry button, and the countdown before a retry."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from inspector.ui.style import BANNER_STYLES, named, set_style

if TYPE_CHECKING:
    from inspector.api.retry import RetryWait


class MessageBanner(QFrame):
    """``label`` is the `messageBanner` widget; ``retry_button`` is `retryButton`;
    ``sign_in_button`` (`bannerSignInButton`) is offered when the credential is the problem."""

    retry_requested = Signal()
    sign_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = named(QLabel(), "messageBanner", "Message")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = named(QPushButton("Retry"), "retryButton", "Retry")
        self.retry_button.clicked.connect(self.retry_requested)
        self.sign_in_button = named(QPushButton("Sign in…"), "bannerSignInButton", "Sign in")
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignTop)
        self._countdown = QTimer(self)
        self._countdown.setInterval(200)
        self._countdown.timeout.connect(self._tick)
        self._wait: RetryWait | None = None
        self._retry_at = 0.0
        self.clear()

    @property
    def kind(self) -> str | None:
        kind = self.label.property("kind")
        return kind if isinstance(kind, str) else None

    def show_message(
        self, text: str, kind: str, *, offer_retry: bool = False, offer_sign_in: bool = False
    ) -> None:
        self._countdown.stop()
        self.label.setText(text)
        set_style(self.label, BANNER_STYLES[kind] + "padding:6px;")
        self.label.setProperty("kind", kind)
        self.retry_button.setVisible(offer_retry)
        self.sign_in_button.setVisible(offer_sign_in)
        self.setVisible(True)

    def clear(self) -> None:
        self._countdown.stop()
        self._wait = None
        self.label.setText("")
        self.label.setProperty("kind", None)
        self.retry_button.setVisible(False)
        self.sign_in_button.setVisible(False)
        self.setVisible(False)

    def count_down(self, wait: RetryWait) -> None:
        """Show why and how long until the next attempt; the text updates as time passes."""
        self.show_message("", "warning")
        self._wait = wait
        self._retry_at = time.monotonic() + wait.delay_s
        self._tick()
        self._countdown.start()

    def _tick(self) -> None:
        wait = self._wait
        if wait is None:
            return
        left = self._retry_at - time.monotonic()
        attempt = f"attempt {wait.failed_attempt + 1} of {wait.max_attempts}"
        if left > 0:
            when = f"Retrying in {math.ceil(left)} s ({attempt}); Cancel stops it."
        else:
            when = f"Retrying now ({attempt})…"
            self._countdown.stop()
        self.label.setText(f"{wait.error.message} {when}")
