"""The signed-in account in the status bar."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from inspector.ui.style import named, plain_tooltip, shown_line

ACCOUNT_LABEL_MAX_WIDTH = 460  # the status bar's messages keep the rest
WINDOW_SHARE = 3  # and at most a third of the window's width: a narrow window's message
LINES = 2


class AccountLabel(QLabel):
    """Who is signed in on the first line, the workspace (and how the account is kept) on
    the second, each shortened in the middle with "…" only when it does not fit: a name and
    an email of everyday length are shown whole, a long workspace name is shortened on its
    own line. At most ``ACCOUNT_LABEL_MAX_WIDTH`` wide and a third of the window (in a
    narrow window the longer line, the workspace, is shortened first, then the email),
    always two lines high (the status bar keeps its height when someone signs in). The
    one-line text is ``full_text`` and the tooltip; a name in HTML or with control
    characters shows as written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "accountLabel", "Signed-in account")
        self.full_text = ""
        self._lines: tuple[str, ...] = ()  # controls written out, bounded
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._window: QWidget | None = None  # followed for its width once the label is in it

    def set_lines(self, lines: Sequence[str]) -> None:
        self.full_text = " · ".join(lines)
        self._lines = tuple(shown_line(line) for line in lines[:LINES])
        self.setToolTip(plain_tooltip(self.full_text))
        self.updateGeometry()
        self._elide()

    def _frame_width(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right() + 2 * self.margin()

    def _widest_allowed(self) -> int:
        window = self._window
        if window is None:
            return ACCOUNT_LABEL_MAX_WIDTH
        return min(ACCOUNT_LABEL_MAX_WIDTH, window.width() // WINDOW_SHARE)

    def sizeHint(self) -> QSize:
        # Whole pixels up: a line given its rounded-down width would be shortened anyway.
        exact = QFontMetricsF(self.font())
        widest = max((math.ceil(exact.horizontalAdvance(line)) for line in self._lines), default=0)
        width = min(widest + self._frame_width(), self._widest_allowed())
        margins = self.contentsMargins()
        height = LINES * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()
        return QSize(width, height + 2 * self.margin())

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(min(hint.width(), 120), hint.height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._window:
            if self._window is not None:
                self._window.removeEventFilter(self)
            self._window = window
            window.installEventFilter(self)
            self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.updateGeometry()  # its share of the window's width changed
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(0, self.width() - self._frame_width())
        metrics = self.fontMetrics()
        shown = "\n".join(
            metrics.elidedText(line, Qt.TextElideMode.ElideMiddle, room) for line in self._lines
        )
        if shown != self.text():
            super().setText(shown)
