"""The Raw JSON tab: the body exactly as received, indented for reading, laid out only when
the tab is in front (a large body on a worker thread), and a find bar over it.

Find (Ctrl+F while the tab is in front): typing selects the next match, in any case; Enter
or F3 the next one, Shift+Enter or Shift+F3 the one before, wrapping at the ends; beside
the box "3 of 12" or "not found"; Esc closes the bar. Qt's find goes on from the cursor: a
match costs what lies between, a miss one pass over the text (a third of a second for
12 million characters on this project's machines). So over FIND_LARGE_CHARS the matches
are found, not counted (a pass per key), and typing is searched when it pauses."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from inspector.domain.raw_json import readable_raw_json
from inspector.domain.text_find import count_matches
from inspector.ui.style import named

if TYPE_CHECKING:
    import asyncio

# A larger body is laid out on a worker thread (a typical entry is about 1 KB and takes
# well under a millisecond).
RAW_OFF_THREAD_BYTES = 64 * 1024
# Up to this many characters the matches are counted at each key (at most some 25 ms);
# beyond, they are only found, and what is typed is searched when typing pauses.
FIND_LARGE_CHARS = 1_000_000
FIND_COUNT_MAX = 10_000
TYPING_PAUSE_MS = 250


class RawFindBar(QFrame):
    """The find box and its buttons; the view does the finding. ``stepped(backward)``:
    Enter, Shift+Enter or a button asked for the next or previous match."""

    stepped = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "rawFindBar", "Find in the raw JSON")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)  # drawn over the text's top edge
        self.input = named(QLineEdit(), "rawFindInput", "Find in the raw JSON")
        self.input.setPlaceholderText("Find (Enter: next, Shift+Enter: previous)")
        self.input.setClearButtonEnabled(True)
        # Only the inspector's own words ("3 of 12", "not found"): a plain QLabel, plain text.
        self.status = named(QLabel(), "rawFindStatus", "Matches found")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setMinimumWidth(
            self.status.fontMetrics().horizontalAdvance("more than 10,000") + 8
        )
        self.previous = named(QToolButton(), "rawFindPreviousButton", "Previous match")
        self.previous.setText("↑")
        self.previous.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.next = named(QToolButton(), "rawFindNextButton", "Next match")
        self.next.setText("↓")
        self.next.setToolTip("Next match (Enter, F3)")
        self.close_button = named(QToolButton(), "rawFindCloseButton", "Close find")
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.input, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.close_button)
        self.input.installEventFilter(self)
        self.next.clicked.connect(lambda: self.stepped.emit(False))
        self.previous.clicked.connect(lambda: self.stepped.emit(True))
        self.setVisible(False)

    def say(self, text: str) -> None:
        self.status.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Enter in the box: the next match; Shift+Enter: the one before."""
        if (
            watched is self.input
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.stepped.emit(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return True
        return super().eventFilter(watched, event)


class RawJsonView(QPlainTextEdit):
    """Read-only; ``set_body`` gives it the body of what the tree shows, ``fill`` lays it
    out (when the tab is in front). ``filled``: it holds that body now."""

    filled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "rawJsonView", "Raw JSON")
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._body = ""
        self._stale = False
        self._layout: asyncio.Task[None] | None = None
        self._plain: str | None = None  # the document's text, read once per body to count

        self.find_bar = RawFindBar(self)
        self.find_input = self.find_bar.input
        self._typing_pause = QTimer(self)
        self._typing_pause.setSingleShot(True)
        self._typing_pause.setInterval(TYPING_PAUSE_MS)
        self._typing_pause.timeout.connect(lambda: self._find(incremental=True))
        self.find_input.textChanged.connect(self._typed)
        self.find_bar.stepped.connect(lambda backward: self._find(backward=backward))
        self.find_bar.close_button.clicked.connect(self.close_find)
        self._find_actions = [
            self._key_action("rawFindNextAction", "F3", self.find_next),
            self._key_action("rawFindPreviousAction", "Shift+F3", self.find_previous),
            self._key_action("rawFindCloseAction", "Esc", self.close_find),
        ]
        self._enable_find_keys(False)

    def _key_action(self, name: str, keys: str, slot: Callable[[], None]) -> QAction:
        """Keys of the view and its bar only: the Fields tab has its own (Esc there)."""
        action = QAction(self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _enable_find_keys(self, enabled: bool) -> None:
        """Only while the bar is open: Esc and F3 mean nothing to the view otherwise."""
        for action in self._find_actions:
            action.setEnabled(enabled)

    # --- the body ----------------------------------------------------------------------
    def set_body(self, body: str) -> None:
        """What the tree shows now ("" for nothing): never an older body, even unshown."""
        self.stop()
        self._body = body
        self._show_text("")
        self._stale = bool(body)

    def fill(self) -> None:
        """Indent and lay out the body, if not done yet. Lines no one can read on one line
        are cut (laying out a megabyte line freezes the window for a minute); a large body
        is prepared on a worker thread."""
        if not self._stale:
            return
        self._stale = False
        body = self._body
        if len(body) <= RAW_OFF_THREAD_BYTES:
            self._show_text(readable_raw_json(body), filled=True)
            return
        import asyncio  # after the first paint, as everywhere in the window

        self._show_text(f"Laying out {len(body) / 1_000_000:.1f} MB of JSON…")
        self._layout = asyncio.ensure_future(self._lay_out(body))

    async def _lay_out(self, body: str) -> None:
        import asyncio

        text = await asyncio.to_thread(readable_raw_json, body)
        # Still the body shown: another one (or none) cancels this task first.
        self._layout = None
        self._show_text(text, filled=True)

    def stop(self) -> None:
        if self._layout is not None:
            self._layout.cancel()
            self._layout = None

    def _show_text(self, text: str, *, filled: bool = False) -> None:
        if text or not self.document().isEmpty():  # emptying it twice per lookup is waste
            self.setPlainText(text)
        self._plain = None
        if self.find_bar.isVisibleTo(self) and self.find_input.text():
            self._find()
        else:
            self.find_bar.say("")
        if filled:
            self.filled.emit()

    # --- find --------------------------------------------------------------------------
    def open_find(self) -> None:
        """Show the bar (over the text's top) and put the cursor in its box."""
        if not self.find_bar.isVisibleTo(self):
            self.find_bar.setVisible(True)
            self._enable_find_keys(True)
            self._place_find_bar()
        self.find_input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_input.selectAll()

    def close_find(self) -> None:
        if self.find_bar.isVisibleTo(self):
            self.find_bar.setVisible(False)
            self._enable_find_keys(False)
            self.setViewportMargins(0, 0, 0, 0)
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _large(self) -> bool:
        return self.document().characterCount() > FIND_LARGE_CHARS

    def _typed(self, _text: str) -> None:
        if self._large():
            self._typing_pause.start()
        else:
            self._find(incremental=True)

    def find_next(self) -> None:
        self._find()

    def find_previous(self) -> None:
        self._find(backward=True)

    def _find(self, *, backward: bool = False, incremental: bool = False) -> None:
        """From the cursor on (typing: from the start of the match shown, so it grows in
        place), round the end to the start (or back round) when needed."""
        self._typing_pause.stop()
        needle = self.find_input.text()
        original = self.textCursor()
        if not needle:
            original.clearSelection()
            self.setTextCursor(original)
            self.find_bar.say("")
            return
        if incremental:
            start = QTextCursor(original)
            start.setPosition(original.selectionStart())
            self.setTextCursor(start)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        searched_all = self._at_edge(backward)
        found = self.find(needle, flags)
        if not found and not searched_all:
            edge = QTextCursor(self.document())
            edge.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            self.setTextCursor(edge)
            found = self.find(needle, flags)
        if not found:
            self.setTextCursor(original)
            self.find_bar.say("not found")
            return
        self.find_bar.say(self._match_text(needle))

    def _at_edge(self, backward: bool) -> bool:
        """The cursor where a search round the whole text starts: no second pass."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        edge = self.document().characterCount() - 1 if backward else 0
        return cursor.position() == edge

    def _match_text(self, needle: str) -> str:
        """ "3 of 12" for the match selected now; "found" in a body too large to count."""
        if self._large():
            return "found"
        if self._plain is None:
            self._plain = self.toPlainText()
        count = count_matches(
            self._plain, needle, self.textCursor().selectionStart(), FIND_COUNT_MAX
        )
        if count.more and count.before >= count.total:
            return f"more than {count.total:,}"
        return f"{count.before + 1:,} of {count.total:,}{'+' if count.more else ''}"

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_find_bar()

    def _place_find_bar(self) -> None:
        """The bar sits above the text, which moves down to make room for it."""
        if not self.find_bar.isVisibleTo(self):
            return
        height = self.find_bar.sizeHint().height()
        self.setViewportMargins(0, height, 0, 0)
        area = self.contentsRect()
        self.find_bar.setGeometry(area.left(), area.top(), area.width(), height)
        self.find_bar.raise_()
