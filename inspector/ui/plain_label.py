"""Labels for text that comes from a server or a person (an error's wording, a name, a
workspace): always plain text, since Qt's rich text would obey tags and load local images;
control characters written out; at most a few hundred characters; and never asking for
more width than the window has, so no answer can widen the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from inspector.domain.plain_text import SHORT_TEXT_LIMIT
from inspector.ui.style import plain_tooltip, say_label_text, shown_line, shown_text


class PlainLabel(QLabel):
    """``setText`` takes the text as received: ``full_text`` keeps it (to copy), the label
    shows it with controls written out, cut at ``limit`` characters. Wrapped over several
    lines (line breaks kept), or on one line (line breaks written out too). Its width is
    what the layout gives it: a long word is cut at the edge instead of widening the
    window."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        wrap: bool = True,
        limit: int = SHORT_TEXT_LIMIT,
    ) -> None:
        super().__init__(parent)
        self.full_text = ""
        self._limit = limit
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(wrap)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.setText(text)

    def setText(self, text: str, /) -> None:
        self.full_text = text
        shown = shown_text(text, self._limit) if self.wordWrap() else shown_line(text, self._limit)
        super().setText(shown)
        say_label_text(self, shown)


class OneLineLabel(QLabel):
    """Server or user text on one line, shortened with "…" to the width it gets (at most
    ``max_width`` when given), the whole text as its tooltip. It asks for its text's width
    but needs little, so a long name never widens the window. ``setText`` takes the text
    as received (``full_text``); ``text()`` is what is shown."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_width: int | None = None,
        elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self.full_text = ""
        self._line = ""  # the text with controls written out, bounded
        self._max_width = max_width
        self._elide_mode = elide
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def setText(self, text: str, /) -> None:
        if text == self.full_text and self.text() == self._line == shown_line(text):
            return  # the same text again (each lookup clears and refills): nothing to redo
        self.full_text = text
        self._line = shown_line(text)
        self.setToolTip(plain_tooltip(text))
        say_label_text(self, self._line)
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        base = super().sizeHint()  # for the text shown now: what the frame and margins add
        extra = base.width() - self.fontMetrics().horizontalAdvance(self.text())
        width = self.fontMetrics().horizontalAdvance(self._line) + extra
        if self._max_width is not None:
            width = min(width, self._max_width)
        return QSize(width, base.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.sizeHint().width(), 120), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._line, self._elide_mode, max(0, self.contentsRect().width() - 2 * self.margin())
        )
        if shown != self.text():
            super().setText(shown)


class LineLabel(PlainLabel):
    """One line of server text, cut at the edge (the tooltip has it whole), selectable.
    Its size never depends on its text: a new entry's text costs no measuring when the
    window is laid out, and its length never moves or widens anything."""

    def __init__(self) -> None:
        super().__init__(wrap=False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._hint = QSize(0, 0)
        self._measure()

    def _measure(self) -> None:
        margins = self.contentsMargins()
        height = self.fontMetrics().height() + margins.top() + margins.bottom()
        self._hint = QSize(120, height)

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._hint.height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._measure()
            self.updateGeometry()
