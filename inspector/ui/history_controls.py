"""The History dock's own settings: *Record lookups* (on by default; off, the window records
nothing, and the dock says so) and *Clear history…* (asked first). The panel keeps the
setting and does the clearing; this part only asks and shows."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.ui.plain_label import PlainLabel
from inspector.ui.style import named


class HistoryControls(QWidget):
    """``recording_toggled(on)``: the person ticked or unticked *Record lookups*;
    ``clear_confirmed``: they said yes to clearing."""

    recording_toggled = Signal(bool)
    clear_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_box = named(
            QCheckBox("Record lookups"), "historyRecordCheckBox", "Record lookups"
        )
        self.record_box.setToolTip(
            "Keep each lookup of this window in the history (a setting of this window;"
            " get records unless given --no-history)"
        )
        self.clear_button = named(
            QPushButton("Clear history…"), "historyClearButton", "Clear history"
        )
        self.clear_button.setToolTip("Erase every recorded lookup (asks first)")
        self.off_label = named(PlainLabel(), "historyOffLabel", "History recording off")
        self.off_label.setVisible(False)
        self.confirm: QMessageBox | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.record_box)
        row.addStretch(1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.off_label)
        layout.addLayout(row)
        self.record_box.toggled.connect(self._toggled)
        self.clear_button.clicked.connect(self.ask_to_clear)

    def show_recording(self, wanted: bool, overridden_by: str | None = None) -> None:
        """The setting as saved; ``overridden_by``: what turns recording off whatever the
        setting says (the environment), or None."""
        self.record_box.blockSignals(True)
        self.record_box.setChecked(wanted and overridden_by is None)
        self.record_box.blockSignals(False)
        self.record_box.setEnabled(overridden_by is None)
        if overridden_by is not None:
            self.off_label.setText(f"Lookups are not recorded ({overridden_by}).")
        else:
            self.off_label.setText("Lookups are not recorded: Record lookups is off.")
        self.off_label.setVisible(overridden_by is not None or not wanted)

    def _toggled(self, on: bool) -> None:
        self.off_label.setVisible(not on)
        self.recording_toggled.emit(on)

    def ask_to_clear(self) -> QMessageBox:
        """Asked in place (a modal exec() cannot run inside the window's tasks)."""
        if self.confirm is None:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Clear history",
                "Erase every recorded lookup from the history? This cannot be undone.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setObjectName("historyClearConfirm")
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.finished.connect(self._answered)
            self.confirm = box
        self.confirm.open()
        return self.confirm

    def _answered(self, _result: int) -> None:
        box = self.confirm
        if box is not None and box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.clear_confirmed.emit()
