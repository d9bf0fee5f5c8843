"""The row a lookup starts from: the ID field (validated as it is typed), the meta and
include-sharing options (remembered), Fetch and Cancel."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.entry_id import InvalidEntryId, parse_entry_id
from inspector.domain.pasted_ids import find_entry_ids
from inspector.services import LookupRequest
from inspector.ui.lookup_runner import LookupRunner
from inspector.ui.plain_label import PlainLabel
from inspector.ui.settings_values import read_bool
from inspector.ui.status import StatusSink
from inspector.ui.style import INPUT_ERROR_BORDER, INPUT_ERROR_TEXT, named, set_style

SETTINGS_META = "lookup/meta"
SETTINGS_INCLUDE_SHARING = "lookup/include_sharing"


class LookupBar(QWidget):
    """Starts lookups on ``runner``; an ID that cannot be one is refused here, never sent.
    Text holding several IDs pasted or dropped into the field is told as
    ``several_ids_pasted(text)`` (the several-IDs view), and the field keeps what it held."""

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
        self.id_input.setClearButtonEnabled(True)
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
        # It may quote a character of what was typed or pasted: plain text.
        self.id_error = named(PlainLabel(), "entryIdError", "Entry ID problem")
        self.id_error.setStyleSheet(INPUT_ERROR_TEXT)
        self.id_error.setVisible(False)

        row = QHBoxLayout()
        row.addWidget(QLabel("Entry ID:"))
        row.addWidget(self.id_input, 1)
        for widget in (self.meta_box, self.sharing_box, self.fetch_button, self.cancel_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.id_error)

        self.meta_box.setChecked(read_bool(settings, SETTINGS_META))
        self.sharing_box.setChecked(read_bool(settings, SETTINGS_INCLUDE_SHARING))
        self.meta_box.toggled.connect(lambda on: settings.setValue(SETTINGS_META, on))
        self.sharing_box.toggled.connect(lambda on: settings.setValue(SETTINGS_INCLUDE_SHARING, on))
        self.id_input.textEdited.connect(self._take_several_ids)  # told before textChanged
        self.id_input.textChanged.connect(self._validate)
        self.id_input.returnPressed.connect(self.submit)
        self.fetch_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(lambda: runner.cancel())
        runner.running_changed.connect(self.cancel_button.setEnabled)
        runner.attached.connect(self._update_fetch_button)
        self.cancel_button.setEnabled(False)
        self._update_fetch_button()

    def submit(self) -> None:
        """Validate the ID; if valid, look it up with the options as ticked."""
        try:
            parsed = parse_entry_id(self.id_input.text())
        except InvalidEntryId as error:
            self._show_input_error(str(error))
            return
        self._runner.start(
            LookupRequest(parsed.value, self.meta_box.isChecked(), self.sharing_box.isChecked())
        )

    def look_up(self, entry_id: int) -> None:
        self.id_input.setText(str(entry_id))
        self.submit()

    def _take_several_ids(self, text: str) -> None:
        """More than one character at once (a paste or a drop, not typing) holding
        several IDs: handed on, and the field set back to what it held."""
        before = self._text_before_edit
        if len(text) - len(before) < 2:
            return
        pasted = _inserted(before, text)
        if len(find_entry_ids(pasted)) < 2:
            return
        self.id_input.setText(before)
        self.several_ids_pasted.emit(pasted)

    def _validate(self, text: str) -> None:
        if text != self.id_input.text():
            return  # told late: the field was set again meanwhile (_take_several_ids)
        self._text_before_edit = text
        if not text.strip():
            self._show_input_error(None)
            return
        try:
            parsed = parse_entry_id(text)
        except InvalidEntryId as error:
            self._show_input_error(str(error))
            return
        self._show_input_error(None)
        if parsed.reduced_from:
            self._status.showMessage(
                f"Will look up entry {parsed.value} (taken from the pasted {parsed.reduced_from})."
            )

    def _show_input_error(self, reason: str | None) -> None:
        self._input_error = reason
        self.id_error.setText(reason or "")
        self.id_error.setVisible(reason is not None)
        set_style(self.id_input, INPUT_ERROR_BORDER if reason else "")
        self._update_fetch_button()

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
