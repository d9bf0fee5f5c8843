"""The area above the entry's tabs: first the messages that stand where an entry would be
(the banner, the Reports offer, a stored answer's line), each shown and hidden by its
owner; then the shown entry's summary. It scrolls in a short window instead of making the
window taller, and its height is the splitter's: nothing appearing here moves the tabs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


class NoticeArea(QWidget):
    """``changed(shown)``: a notice appeared or went (``shown``: is any shown now)."""

    changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._notices: list[QWidget] = []

    def add(self, notice: QWidget) -> None:
        self._layout.addWidget(notice)
        self._notices.append(notice)
        notice.installEventFilter(self)

    @property
    def any_shown(self) -> bool:
        return any(notice.isVisibleTo(self) for notice in self._notices)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide) and watched in self._notices:
            self.changed.emit(self.any_shown)
        return super().eventFilter(watched, event)


class SummaryArea(QScrollArea):
    """``notices`` above ``block`` (the summary and what follows it); with no entry shown
    the empty summary makes way for a notice, and a notice that appears is scrolled to."""

    def __init__(self, *summary: QWidget) -> None:
        super().__init__()
        self.notices = NoticeArea()
        self.block = QWidget()
        block = QVBoxLayout(self.block)
        block.setContentsMargins(0, 0, 0, 0)
        for part in summary:
            block.addWidget(part)
        top = QWidget()
        layout = QVBoxLayout(top)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.notices)
        layout.addWidget(self.block)
        layout.addStretch(1)
        self.setWidget(top)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop that shows no focus
        self._entry_shown = False
        self.notices.changed.connect(self._notices_changed)

    def set_entry_shown(self, shown: bool) -> None:
        self._entry_shown = shown
        self._place_summary()

    def _notices_changed(self, shown: bool) -> None:
        if shown:
            self.verticalScrollBar().setValue(0)
        self._place_summary()

    def _place_summary(self) -> None:
        wanted = self._entry_shown or not self.notices.any_shown
        if self.block.isVisibleTo(self) != wanted:
            self.block.setVisible(wanted)
