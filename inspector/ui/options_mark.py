"""Beside the meta and include-sharing boxes: when they no longer match how the entry on
screen was fetched, it says so ("Fetched without meta") with *Fetch again*, or, when set
so (Tools), fetches again by itself. A Reports API result has no such options: no mark."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

from inspector.ui.plain_label import OneLineLabel
from inspector.ui.settings_values import read_bool
from inspector.ui.style import named

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from inspector.services import LookupResult

SETTINGS_REFETCH = "lookup/fetch_again_when_options_change"


def _difference(option: str, fetched_with: bool, ticked: bool) -> str | None:
    if fetched_with == ticked:
        return None
    return f"with {option}" if fetched_with else f"without {option}"


class OptionsMark(QWidget):
    """``refetch_requested(entry_id)``: look the shown entry up again with the boxes as
    ticked. Its room is kept while it says nothing, so nothing beside it moves."""

    refetch_requested = Signal(object)  # an entry ID (beyond a C int)

    def __init__(
        self,
        meta_box: QCheckBox,
        sharing_box: QCheckBox,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, "optionsMark", "Options of the entry shown")
        self._meta_box = meta_box
        self._sharing_box = sharing_box
        self._settings = settings
        self._shown: LookupResult | None = None
        self.label = named(OneLineLabel(), "optionsChangedLabel", "Fetched with other options")
        self.label.setMinimumWidth(1)  # cut with "…" rather than widen the window
        self.fetch_again_button = named(
            QPushButton("Fetch again"), "fetchAgainButton", "Fetch again with these options"
        )
        self.fetch_again_button.setToolTip("Look the entry shown up again with these options")
        policy = self.fetch_again_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.fetch_again_button.setSizePolicy(policy)
        self.fetch_again_button.clicked.connect(self._fetch_again)
        self._refetch_action: QAction | None = None  # the Tools menu's, made when asked for
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.fetch_again_button)
        meta_box.toggled.connect(self._options_toggled)
        sharing_box.toggled.connect(self._options_toggled)
        self._update()

    @property
    def refetch_action(self) -> QAction:
        """Tools → fetch again by itself when the boxes change (the setting's checkbox)."""
        if self._refetch_action is None:
            from PySide6.QtGui import QAction

            action = QAction("Fetch again when &meta or include sharing change", self)
            action.setObjectName("refetchOnOptionsAction")
            action.setCheckable(True)
            action.setChecked(read_bool(self._settings, SETTINGS_REFETCH))
            settings = self._settings
            action.toggled.connect(lambda on: settings.setValue(SETTINGS_REFETCH, on))
            self._refetch_action = action
        return self._refetch_action

    @property
    def difference(self) -> str:
        """How the entry shown was fetched, where the boxes now say otherwise ("" if not)."""
        shown = self._shown
        if shown is None:
            return ""
        from inspector.services import ReportsResult

        if isinstance(shown, ReportsResult):
            return ""
        request = shown.request
        parts = [
            _difference("meta", request.meta, self._meta_box.isChecked()),
            _difference("include sharing", request.include_sharing, self._sharing_box.isChecked()),
        ]
        return " and ".join(part for part in parts if part)

    def follow_shown(self, result: LookupResult | None) -> None:
        """The entry on screen now (None: nothing from a lookup)."""
        self._shown = result
        self._update()

    def _options_toggled(self) -> None:
        if self.difference and self.refetch_action.isChecked() and self._shown is not None:
            self.refetch_requested.emit(self._shown.request.entry_id)
            return
        self._update()

    def _fetch_again(self) -> None:
        if self._shown is not None and self.difference:
            self.refetch_requested.emit(self._shown.request.entry_id)

    def _update(self) -> None:
        difference = self.difference
        self.label.setText(f"Fetched {difference}." if difference else "")
        self.fetch_again_button.setVisible(bool(difference))
