"""Tools → Explain settings: whether an entry's context is loaded by itself after each
lookup (off by default: every request counts against Toggl's hourly quota), and the
reserve of the quota below which the window asks before spending."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from inspector.ui.style import named

MAX_QUOTA_RESERVE = 1000  # Toggl's largest hourly quota is a few hundred requests


class ContextSettingsDialog(QDialog):
    """Opened with ``open()``; emits ``applied(automatic, reserve)`` on OK."""

    applied = Signal(bool, int)

    def __init__(self, automatic: bool, reserve: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "contextSettingsDialog", "Explain settings")
        self.setWindowTitle("Explain settings")
        self.automatic_box = named(
            QCheckBox("Explain every entry automatically after a lookup"),
            "contextAutoCheckBox",
            "Explain automatically",
        )
        self.automatic_box.setChecked(automatic)
        self.automatic_box.setToolTip(
            "Loads the entries around it, its project and workspace after each lookup; "
            "each request counts against Toggl's hourly quota"
        )
        self.reserve_box = named(QSpinBox(), "contextReserveSpinBox", "Quota reserve")
        self.reserve_box.setRange(0, MAX_QUOTA_RESERVE)
        self.reserve_box.setValue(reserve)
        self.reserve_box.setSuffix(" requests")
        self.reserve_box.setToolTip(
            "When explaining would leave fewer requests than this in the hour's quota, the "
            "window asks first (automatic explaining too)"
        )
        note = QLabel("Explaining never spends the last requests of the hour without asking.")
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.automatic_box)
        form.addRow("Keep in reserve", self.reserve_box)
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.accepted.connect(
            lambda: self.applied.emit(self.automatic_box.isChecked(), self.reserve_box.value())
        )
