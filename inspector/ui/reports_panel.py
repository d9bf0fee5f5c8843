"""The widgets of the Reports API search: the offer after a 404, the workspace choice,
progress, and the settings dialog. No logic beyond showing (that is
ui.reports_controller's)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inspector.services import MAX_REPORT_YEARS
from inspector.ui.plain_label import PlainLabel
from inspector.ui.style import named


class ReportsPanel(QFrame):
    """Shown after v9 answered 404: "Search the Reports API" in a chosen workspace."""

    search_requested = Signal()
    further_requested = Signal()  # nothing found: search the years before those searched

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "reportsPanel", "Reports API search")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Workspace names and the server's words come into these: plain text (PlainLabel).
        self.offer_label = named(PlainLabel(), "reportsOfferLabel", "Reports API offer")
        self.workspace_combo = named(QComboBox(), "reportsWorkspaceCombo", "Reports workspace")
        self.workspace_combo.setEditable(True)  # a workspace not listed: type its ID
        self.workspace_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.workspace_combo.lineEdit()
        assert line is not None  # an editable combo box always has one
        self.workspace_line: QLineEdit = line
        self.workspace_line.setPlaceholderText("Choose or type a workspace ID")
        self.workspace_combo.setMinimumContentsLength(16)
        # As wide as 16 characters, whatever the names listed: a long one never widens the
        # window (the list that drops down shows more).
        self.workspace_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.workspace_combo.setToolTip(
            "The workspace whose reports are searched; remembered for this account"
        )
        self.search_button = named(
            QPushButton("Search the Reports API"), "reportsSearchButton", "Search the Reports API"
        )
        self.search_button.clicked.connect(self.search_requested)
        self.status_label = named(PlainLabel(), "reportsProgressLabel", "Reports search progress")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.further_button = named(
            QPushButton("Search further back"), "reportsFurtherButton", "Search further back"
        )
        self.further_button.clicked.connect(self.further_requested)
        self.further_button.setVisible(False)
        # Narrow enough for the lookup column at its least width (it is shown there).
        row = QHBoxLayout()
        row.addWidget(QLabel("Workspace:"))
        row.addWidget(self.workspace_combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.further_button)
        buttons.addStretch(1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 4, 6, 4)
        self._layout.addWidget(self.offer_label)
        self._layout.addLayout(row)
        self._layout.addLayout(buttons)
        self._layout.addWidget(self.status_label)
        self.setVisible(False)

    def add_offer(self, widget: QWidget) -> None:
        """Another way to find the entry, offered beside the search (is it deleted?)."""
        self._layout.insertWidget(self._layout.indexOf(self.status_label), widget)


class ReportsSettingsDialog(QDialog):
    """Opened with ``open()``; emits ``applied(auto_search, years)`` on OK."""

    applied = Signal(bool, int)

    def __init__(self, auto_search: bool, years: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "reportsSettingsDialog", "Reports search settings")
        self.setWindowTitle("Reports search settings")
        self.auto_search_box = named(
            QCheckBox("Search the Reports API automatically after a 404"),
            "reportsAutoSearchCheckBox",
            "Search the Reports API automatically",
        )
        self.auto_search_box.setChecked(auto_search)
        self.auto_search_box.setToolTip(
            "Only when the workspace is known (the account's "
            "default or one you chose before); each request "
            "counts against Toggl's hourly quota"
        )
        self.years_box = named(QSpinBox(), "reportsYearsSpinBox", "Calendar years searched")
        self.years_box.setRange(1, MAX_REPORT_YEARS)
        self.years_box.setValue(years)
        self.years_box.setSuffix(" years")
        form = QFormLayout(self)
        form.addRow(self.auto_search_box)
        form.addRow("Search back (this year counted)", self.years_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.accepted.connect(
            lambda: self.applied.emit(self.auto_search_box.isChecked(), self.years_box.value())
        )
