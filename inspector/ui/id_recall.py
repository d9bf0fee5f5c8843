"""Up and Down in the empty ID field walk the lookup history, as a shell walks its commands:
Up shows the newest recorded lookup's ID and ticks its options, Up again the one before,
Down goes back, and Down past the newest empties the field (the options as they were
before the walk). A walk starts only from an empty field and goes on while the field shows
what it put there; typing ends it. Nothing is sent until Enter.

The lookups are kept in memory, newest first, each ID once (its newest lookup): the history
panel gives the database's newest at start and each lookup it records, so a key press
never waits for the disk."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QLineEdit

RECALL_LIMIT = 200  # IDs kept for the walk


@dataclass(frozen=True)
class RecalledLookup:
    entry_id: int
    meta: bool | None = None  # None: not recorded; the box is left as it is
    include_sharing: bool | None = None


class IdRecall(QObject):
    """Installed on ``field``; ticks ``meta_box`` and ``sharing_box`` as the lookup shown
    was asked."""

    def __init__(self, field: QLineEdit, meta_box: QCheckBox, sharing_box: QCheckBox) -> None:
        super().__init__(field)
        self._field = field
        self._meta_box = meta_box
        self._sharing_box = sharing_box
        self._lookups: list[RecalledLookup] = []
        self._position = -1  # the lookup shown; -1: not walking
        self._options_before = (False, False)
        field.installEventFilter(self)
        field.textEdited.connect(self._typed)

    @property
    def lookups(self) -> list[RecalledLookup]:
        return list(self._lookups)

    def set_lookups(self, lookups: Sequence[RecalledLookup]) -> None:
        """The history's lookups, newest first (after a start or Clear history)."""
        shown = self._shown_id()
        self._lookups = []
        seen: set[int] = set()
        for lookup in lookups:
            if lookup.entry_id not in seen and len(self._lookups) < RECALL_LIMIT:
                seen.add(lookup.entry_id)
                self._lookups.append(lookup)
        self._follow(shown)

    def remember(self, lookup: RecalledLookup) -> None:
        """A lookup just recorded: the newest now (an earlier one of its ID goes)."""
        shown = self._shown_id()
        rest = [kept for kept in self._lookups if kept.entry_id != lookup.entry_id]
        self._lookups = [lookup, *rest][:RECALL_LIMIT]
        self._follow(shown)

    def _shown_id(self) -> int | None:
        """The ID of the lookup the walk shows, if the field still shows it."""
        if 0 <= self._position < len(self._lookups):
            entry_id = self._lookups[self._position].entry_id
            if self._field.text() == str(entry_id):
                return entry_id
        return None

    def _follow(self, shown: int | None) -> None:
        """The walk goes on from the lookup it shows, wherever the list now has it."""
        self._position = next(
            (index for index, kept in enumerate(self._lookups) if kept.entry_id == shown), -1
        )

    def _typed(self, _text: str) -> None:
        self._position = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            watched is self._field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            if event.key() == Qt.Key.Key_Up:
                return self._step(1)
            if event.key() == Qt.Key.Key_Down:
                return self._step(-1)
        return super().eventFilter(watched, event)

    def _step(self, older: int) -> bool:
        """One lookup older (1) or newer (-1); whether the key was used."""
        if self._shown_id() is None:
            if older < 0 or self._field.text().strip() or not self._lookups:
                return False  # not walking: the key is the field's as ever
            self._position = -1
            self._options_before = (self._meta_box.isChecked(), self._sharing_box.isChecked())
        position = self._position + older
        if position >= len(self._lookups):
            return True  # the oldest stays
        self._position = position
        if position < 0:
            self._field.clear()
            self._meta_box.setChecked(self._options_before[0])
            self._sharing_box.setChecked(self._options_before[1])
            return True
        lookup = self._lookups[position]
        self._field.setText(str(lookup.entry_id))
        if lookup.meta is not None:
            self._meta_box.setChecked(lookup.meta)
        if lookup.include_sharing is not None:
            self._sharing_box.setChecked(lookup.include_sharing)
        return True
