"""Timeouts, deadline and attempts: kept in QSettings, edited in a small dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from inspector.services import NetworkSettings
from inspector.ui.status import StatusSink
from inspector.ui.style import describe

if TYPE_CHECKING:
    from inspector.services.lookup import EntryLookup

_PREFIX = "network/"
# label, minimum, maximum for each setting
_LIMITS = {
    "connect_timeout_s": ("Connect timeout (s)", 1.0, 120.0),
    "read_timeout_s": ("Read timeout (s)", 1.0, 600.0),
    "deadline_s": ("Deadline for a whole lookup (s)", 1.0, 3600.0),
    "max_attempts": ("Attempts (1 = no retries)", 1, 5),
}


def load_network_settings(settings: QSettings) -> NetworkSettings:
    """Saved values, clamped to their limits; anything unreadable falls back to the default."""
    defaults = NetworkSettings()
    values: dict[str, Any] = {}
    for item in fields(NetworkSettings):
        default = getattr(defaults, item.name)
        raw = settings.value(_PREFIX + item.name, default)
        _, low, high = _LIMITS[item.name]
        try:
            value = type(default)(float(str(raw)))
        except ValueError:
            value = default
        values[item.name] = min(max(value, type(default)(low)), type(default)(high))
    return NetworkSettings(**values)


def save_network_settings(settings: QSettings, network: NetworkSettings) -> None:
    for item in fields(NetworkSettings):
        settings.setValue(_PREFIX + item.name, getattr(network, item.name))
    settings.sync()


class NetworkSettingsDialog(QDialog):
    """Opened with ``open()`` (never ``exec()`` under qasync); emits ``applied`` on OK."""

    applied = Signal(object)  # NetworkSettings

    def __init__(self, current: NetworkSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setAccessibleName("Network settings")
        self.setWindowTitle("Network settings")
        self.inputs: dict[str, QSpinBox | QDoubleSpinBox] = {}
        form = QFormLayout(self)
        for name, (label, low, high) in _LIMITS.items():
            box: QSpinBox | QDoubleSpinBox
            if isinstance(low, int) and isinstance(high, int):
                whole = QSpinBox()
                whole.setRange(low, high)
                whole.setValue(getattr(current, name))
                box = whole
            else:
                seconds = QDoubleSpinBox()
                seconds.setDecimals(1)
                seconds.setRange(low, high)
                seconds.setValue(getattr(current, name))
                box = seconds
            box.setObjectName(name)
            describe(box)
            box.setAccessibleName(label)
            self.inputs[name] = box
            form.addRow(label, box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.accepted.connect(lambda: self.applied.emit(self.chosen()))

    def chosen(self) -> NetworkSettings:
        values: dict[str, Any] = {name: box.value() for name, box in self.inputs.items()}
        return NetworkSettings(**values)


def open_network_settings(
    parent: QWidget,
    settings: QSettings,
    lookup: Callable[[], EntryLookup | None],
    status: StatusSink,
) -> NetworkSettingsDialog:
    """The dialog, opened over ``parent``: on OK the settings are saved and apply to the
    next lookup (of ``lookup()``, when the machinery is attached by then)."""
    attached = lookup()
    dialog = NetworkSettingsDialog(
        attached.network if attached else load_network_settings(settings), parent
    )

    def apply(network: NetworkSettings) -> None:
        if (current := lookup()) is not None:
            current.network = network
        save_network_settings(settings, network)
        status.showMessage("Network settings saved; they apply to the next lookup.", 5000)

    dialog.applied.connect(apply)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
