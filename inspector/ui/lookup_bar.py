"""Where a lookup starts: the ID field (validated as it is typed), Fetch and Cancel; below
them the meta and include-sharing options (remembered), the reason an ID is refused, and
the mark that the entry shown was fetched with other options. That second row keeps its
height whatever it says: nothing below it moves."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from inspector.ui.lookup_runner import LookupRunner
from inspector.ui.options_mark import OptionsMark
from inspector.ui.paste_catch import SeveralIdsCatch
from inspector.ui.plain_label import OneLineLabel
from inspector.ui.settings_values import read_bool
from inspector.ui.status import StatusSink
from inspector.ui.style import named

if TYPE_CHECKING:
    from inspector.ui.id_recall import IdRecall

SETTINGS_META = "lookup/meta"
SETTINGS_INCLUDE_SHARING = "lookup/include_sharing"
CUT_TEXT = (
    "The text put in the ID field was cut at {limit:,} characters: IDs after that were not "
    "seen. Paste it with Ctrl+V or drop it instead."
)


class LookupBar(QWidget):
    """Starts lookups on ``runner``; an ID that cannot be one is refused here, never sent.
    ``typed_id_changed(entry_id or None)`` follows the field as it is edited. Text holding
    several IDs pasted or dropped into the field is told as ``several_ids_pasted(text)`` (the
    several-IDs view), and the field keeps what it held."""

    typed_id_changed = Signal(object)  # an int beyond a C int, or None (not an ID)
    several_ids_pasted = Signal(str)

    def __init__(
        self,
        runner: LookupRunner,
        settings: QSettings,
        status: StatusSink,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._settings = settings
        self._status = status
        self._input_error: str | None = None
        self._text_before_edit = ""
        self.id_input = named(QLineEdit(), "entryIdInput", "Time entry ID")
        self.id_input.setPlaceholderText("Time entry ID, e.g. 3727977106")
        self.meta_box = named(QCheckBox("meta"), "metaCheckBox", "meta")
        self.meta_box.setToolTip(
            "Ask for related entities: project, client, task and user names (meta=true)"
        )
        self.sharing_box = named(
            QCheckBox("include sharing"), "includeSharingCheckBox", "include sharing"
        )
        self.sharing_box.setToolTip("Ask who the entry is shared with (include_sharing=true)")
        self.fetch_button = named(QPushButton("Fetch"), "fetchButton", "Fetch")
        self.cancel_button = named(QPushButton("Cancel"), "cancelButton", "Cancel")
        # It may quote a character of what was typed or pasted: plain text, one line.
        self.id_error = named(OneLineLabel(), "entryIdError", "Entry ID problem")
        self.id_error.setMinimumWidth(1)  # cut with "…" (whole in its tooltip)
        self.id_error.setVisible(False)
        # Styled when an error is first shown: a style sheet first costs milliseconds.
        self._style_input: Callable[[], None] | None = None
        self.options_mark = OptionsMark(self.meta_box, self.sharing_box, settings)
        self.options_mark.refetch_requested.connect(self.look_up)
        self._lay_out()

        self.meta_box.setChecked(read_bool(settings, SETTINGS_META))
        self.sharing_box.setChecked(read_bool(settings, SETTINGS_INCLUDE_SHARING))
        self._recall: IdRecall | None = None  # Up/Down walk: made when the window wires it
        self._remember_options = True
        self.meta_box.toggled.connect(lambda on: self._remember(SETTINGS_META, on))
        self.sharing_box.toggled.connect(lambda on: self._remember(SETTINGS_INCLUDE_SHARING, on))
        # Pasted or dropped with several IDs: taken whole, before the field would cut it.
        SeveralIdsCatch(self.id_input).several_ids.connect(self.several_ids_pasted)
        self.id_input.textEdited.connect(self._take_several_ids)  # told before textChanged
        self.id_input.textChanged.connect(self._validate)
        self.id_input.returnPressed.connect(self.submit)
        self.fetch_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(lambda: runner.cancel())
        runner.running_changed.connect(self.cancel_button.setEnabled)
        runner.attached.connect(self._update_fetch_button)
        self.cancel_button.setEnabled(False)
        self._update_fetch_button()

    def _lay_out(self) -> None:
        # Room for a 20-digit ID, whatever the window's width.
        self.id_input.setMinimumWidth(self.id_input.fontMetrics().horizontalAdvance("0" * 22))
        label = QLabel("Entry ID:")
        label.setBuddy(self.id_input)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.meta_box)
        below.addWidget(self.sharing_box)
        below.addWidget(self.id_error, 1)
        below.addWidget(self.options_mark, 1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        grid.addWidget(label, 0, 0)
        grid.addWidget(self.id_input, 0, 1)
        grid.addWidget(self.fetch_button, 0, 2)
        grid.addWidget(self.cancel_button, 0, 3)
        grid.addLayout(below, 1, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        # Tab goes through the options before Fetch, whatever the rows look like.
        controls = (
            self.id_input,
            self.meta_box,
            self.sharing_box,
            self.fetch_button,
            self.cancel_button,
        )
        for first, second in pairwise(controls):
            QWidget.setTabOrder(first, second)

    def finish_building(self) -> None:
        """After the first paint: the field's clear button (it shows only over text, and
        its icon is looked up in the theme when it is made)."""
        self.id_input.setClearButtonEnabled(True)

    @property
    def recall(self) -> IdRecall:
        """Up/Down in the empty field walk the history (fed by the history panel, from
        after the first paint: made when the window wires it)."""
        if self._recall is None:
            from inspector.ui.id_recall import IdRecall

            self._recall = IdRecall(self.id_input, self.meta_box, self.sharing_box)
        return self._recall

    def submit(self) -> None:
        """Validate the ID; if valid, look it up with the options as ticked."""
        from inspector.domain.entry_id import InvalidEntryId, parse_entry_id

        try:
            parsed = parse_entry_id(self.id_input.text())
        except InvalidEntryId as error:
            self._show_input_error(str(error))
            return
        from inspector.services import LookupRequest

        self._runner.start(
            LookupRequest(parsed.value, self.meta_box.isChecked(), self.sharing_box.isChecked())
        )

    def focus_id_input(self) -> None:
        """Ctrl+L: to the ID field, its text selected so that typing replaces it."""
        self.id_input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.id_input.selectAll()

    def _remember(self, key: str, on: bool) -> None:
        if self._remember_options:
            self._settings.setValue(key, on)

    def look_up_as_asked(
        self, entry_id: int, meta: bool | None, include_sharing: bool | None
    ) -> None:
        """Look ``entry_id`` up with the options a link asked for (None: as ticked). The
        boxes show them, but what the person ticks for every lookup stays remembered: a link
        in a ticket does not change it."""
        self._remember_options = False
        try:
            if meta is not None:
                self.meta_box.setChecked(meta)
            if include_sharing is not None:
                self.sharing_box.setChecked(include_sharing)
        finally:
            self._remember_options = True
        self.look_up(entry_id)

    def look_up(self, entry_id: int) -> None:
        self.id_input.setText(str(entry_id))
        self.submit()

    def _take_several_ids(self, text: str) -> None:
        """More than one character at once (text put in another way than SeveralIdsCatch
        sees: a middle-click, an input method) holding several IDs: handed on, and the field
        set back to what it held. If the field's limit cut the text, that is said."""
        before = self._text_before_edit
        if len(text) - len(before) < 2:
            return
        from inspector.domain.pasted_ids import find_entry_ids

        pasted = _inserted(before, text)
        if len(find_entry_ids(pasted)) >= 2:
            self.id_input.setText(before)
            self.several_ids_pasted.emit(pasted)
        if len(text) >= self.id_input.maxLength():  # said last: the message that stays
            self._status.showMessage(CUT_TEXT.format(limit=self.id_input.maxLength()), 20_000)

    def _validate(self, text: str) -> None:
        if text != self.id_input.text():
            return  # told late: the field was set again meanwhile (_take_several_ids)
        self._text_before_edit = text
        if not text.strip():
            self._show_input_error(None)
            self.typed_id_changed.emit(None)
            return
        from inspector.domain.entry_id import InvalidEntryId, parse_entry_id  # from the first key

        try:
            parsed = parse_entry_id(text)
        except InvalidEntryId as error:
            self._show_input_error(str(error))
            self.typed_id_changed.emit(None)
            return
        self._show_input_error(None)
        self.typed_id_changed.emit(parsed.value)
        if parsed.reduced_from:
            self._status.showMessage(
                f"Will look up entry {parsed.value} (taken from the pasted {parsed.reduced_from})."
            )

    def _show_input_error(self, reason: str | None) -> None:
        if reason is not None and self._style_input is None:
            self._style_for_errors()
        self._input_error = reason
        self.id_error.setText(reason or "")
        self.id_error.setVisible(reason is not None)
        if self._style_input is not None:
            self._style_input()
        self._update_fetch_button()

    def _style_for_errors(self) -> None:
        """The reason in the error colour, the field with an error border while refused."""
        from inspector.ui.palette_colours import error_text_style, input_error_border, keep_styled

        keep_styled(self.id_error, error_text_style)
        self._style_input = keep_styled(
            self.id_input, lambda palette: input_error_border(palette) if self._input_error else ""
        )

    def _update_fetch_button(self) -> None:
        self.fetch_button.setEnabled(self._input_error is None and self._runner.lookup is not None)


def _inserted(before: str, after: str) -> str:
    """What an edit put in: ``after`` less what it shares with ``before`` at either end."""
    most = min(len(before), len(after))
    start = 0
    while start < most and before[start] == after[start]:
        start += 1
    end = 0
    while end < most - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return after[start : len(after) - end]
