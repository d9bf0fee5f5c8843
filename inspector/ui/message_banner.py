"""The message banner: errors and hints, a Retry button, and the countdown before a retry.

What it says often quotes the server (its message, its request id): shown as plain text,
control characters written out, cut at a few hundred characters; "Copy message" in its
context menu copies all of it."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from inspector.domain.plain_text import SHORT_TEXT_LIMIT
from inspector.ui.palette_colours import banner_style, keep_styled
from inspector.ui.plain_label import PlainLabel
from inspector.ui.style import named

if TYPE_CHECKING:
    from inspector.api.retry import RetryWait


# Room for our own sentence around what the server said (itself cut at SHORT_TEXT_LIMIT).
BANNER_TEXT_LIMIT = 2 * SHORT_TEXT_LIMIT


class MessageBanner(QFrame):
    """``label`` is the `messageBanner` widget; ``retry_button`` is `retryButton`;
    ``sign_in_button`` (`bannerSignInButton`) is offered when the credential is the problem;
    ``copy_message_action`` (its context menu) copies the whole message."""

    retry_requested = Signal()
    sign_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = named(PlainLabel(limit=BANNER_TEXT_LIMIT), "messageBanner", "Message")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_message_action = QAction("Copy message", self.label)
        self.copy_message_action.setObjectName("copyMessageAction")
        self.copy_message_action.triggered.connect(
            lambda: QGuiApplication.clipboard().setText(self.label.full_text)
        )
        self.label.addAction(self.copy_message_action)
        self.label.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        # In the kind's colours, made from the palette: they follow a light or dark theme.
        self._restyle = keep_styled(self.label, self._style_for)
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

    def _style_for(self, palette: QPalette) -> str:
        kind = self.kind  # none while cleared (and hidden): the last look stays, no restyle
        return banner_style(kind, palette) if kind else self.label.styleSheet()

    def show_message(
        self, text: str, kind: str, *, offer_retry: bool = False, offer_sign_in: bool = False
    ) -> None:
        self._countdown.stop()
        self.label.setText(text)
        self.label.setProperty("kind", kind)
        self._restyle()
        self.retry_button.setVisible(offer_retry)
        self.sign_in_button.setVisible(offer_sign_in)
        self.setVisible(True)

    def withdraw_hint(self, _entry_id: object = None) -> None:
        """An entry is shown: a hint (how to start, how to sign in) has done its part; an
        error or a warning stays."""
        if self.kind == "hint":
            self.clear()

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
