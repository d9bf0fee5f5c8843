"""The area above the entry's tabs: first the messages that stand where an entry would be
(the banner, the Reports offer, a stored answer's line), each shown and hidden by its
owner; then the shown entry's summary. It scrolls in a short window instead of making the
window taller, and its height is the splitter's: nothing appearing here moves the tabs.
While an entry is shown its first row (the state) stays in view: notices that do not fit
above it scroll out first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
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
    the empty summary makes way for a notice, and a notice that appears is scrolled to;
    with one shown, ``first_row`` (in the summary) is kept in view."""

    def __init__(self, *summary: QWidget, first_row: QWidget | None = None) -> None:
        super().__init__()
        self._first_row = first_row
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
        self._content = top
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop that shows no focus
        self._entry_shown = False
        self.notices.changed.connect(self._notices_changed)
        # The content's height is known (laid out) when the scroll range follows it.
        self.verticalScrollBar().rangeChanged.connect(self._content_resized)

    def add_to_block(self, part: QWidget) -> None:
        """After the summary (the offer to explain it, built after the first paint)."""
        layout = self.block.layout()
        assert layout is not None
        layout.addWidget(part)

    def set_entry_shown(self, shown: bool) -> None:
        self._entry_shown = shown
        self._place_summary()
        self._keep_first_row_in_view()

    def _notices_changed(self, shown: bool) -> None:
        if shown:
            self.verticalScrollBar().setValue(0)
        self._place_summary()
        self._keep_first_row_in_view()

    def _content_resized(self, _low: int, _high: int) -> None:
        # Pushed down by what appeared above it, never pulled back up: someone who scrolled
        # down to read the sentences keeps reading them when they change.
        self._keep_first_row_in_view(upwards=False)

    def _keep_first_row_in_view(self, *, upwards: bool = True) -> None:
        """Scrolled as little as needed for the shown entry's first row to be seen whole."""
        row = self._first_row
        bar = self.verticalScrollBar()
        if row is None or not self._entry_shown or bar.maximum() == 0:
            return  # everything is in view when nothing scrolls
        top = row.mapTo(self._content, QPoint(0, 0)).y()
        lowest = top + row.height() - self.viewport().height()
        if bar.value() < lowest:
            bar.setValue(lowest)
        elif upwards and bar.value() > top:
            bar.setValue(top)

    def _place_summary(self) -> None:
        wanted = self._entry_shown or not self.notices.any_shown
        if self.block.isVisibleTo(self) != wanted:
            self.block.setVisible(wanted)
