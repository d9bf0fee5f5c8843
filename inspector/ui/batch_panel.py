"""The "Several IDs" dock: the IDs found in pasted or dropped text and what looking them up
will cost (nothing is sent before *Look up*), the choice at the quota reserve, the run's
progress and quota pause, and the results table with its exports. It only shows and asks;
``BatchController`` runs the lookups."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.services.batch_types import AtReserve, BatchPlan
from inspector.ui.batch_results_model import (
    DESCRIPTION_COLUMN,
    OUTCOME_COLUMN,
    START_COLUMN,
    STATE_COLUMN,
    BatchResultsModel,
    BatchResultsProxy,
    ResultRow,
)
from inspector.ui.plain_label import LineLabel, OneLineLabel, PlainLabel
from inspector.ui.style import named

WINDOW_SHARE = 3  # docked, it first takes at most a third of the window's height
HINT = (
    "Paste text holding several time entry IDs into the ID field, or drop it anywhere on "
    "the window (a ticket, CSV, lines of #123, Toggl API URLs): the IDs found and what "
    "looking them up costs are shown here first; nothing is sent before Look up."
)


class ResultsTable(QTableView):
    """The results: asks for a few rows' height, so the dock leaves the entry its room."""

    ROWS_ASKED = 4

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        rows = self.verticalHeader().defaultSectionSize() * self.ROWS_ASKED
        scroll_bar = self.horizontalScrollBar().sizeHint().height()  # often there: 9 columns
        frame = 2 * self.frameWidth()
        height = rows + self.horizontalHeader().sizeHint().height() + scroll_bar + frame
        return QSize(hint.width(), height)


def ids_text(ids: Sequence[int]) -> str:
    return ", ".join(str(entry_id) for entry_id in ids)


class BatchPanel(QDockWidget):
    """Signals: ``look_up_requested(AtReserve)`` (the person confirmed the plan),
    ``cancel_requested()`` (drop the plan, or stop the run: what was found stays),
    ``paste_requested()``, ``row_chosen(ResultRow)`` (a row activated: shown in the tree),
    ``export_requested(kind)`` ("csv" or "jsonl") and ``copy_summary_requested()``."""

    look_up_requested = Signal(object)
    cancel_requested = Signal()
    paste_requested = Signal()
    row_chosen = Signal(object)
    export_requested = Signal(str)
    copy_summary_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Several IDs", parent)
        named(self, "batchPanel", "Several IDs")
        self.model = BatchResultsModel(self)
        self._plan_text = ""  # the price of the run going on or last made
        self._sized = False  # given its height in the window (once, when first shown)
        self.proxy = BatchResultsProxy(self.model, self)

        self.plan_label = named(PlainLabel(HINT), "batchPlanLabel", "Several IDs: plan")
        # One line each, cut with "…" (the tooltip has it): a thousand IDs or a long list
        # of what was not looked up never make the dock taller or squeeze the table.
        self.ids_label = named(OneLineLabel(), "batchIdsLabel", "The IDs found")
        self.ids_label.setVisible(False)
        self.wait_choice = named(
            QRadioButton("pause until the quota resets, then go on"),
            "batchWaitRadio",
            "At the quota reserve: pause and go on",
        )
        self.stop_choice = named(
            QRadioButton("stop"), "batchStopRadio", "At the quota reserve: stop"
        )
        self._choices = QButtonGroup(self)
        self._choices.addButton(self.wait_choice)
        self._choices.addButton(self.stop_choice)
        self.wait_choice.setChecked(True)
        self.look_up_button = named(QPushButton("Look up"), "batchLookUpButton", "Look up")
        self.cancel_button = named(QPushButton("Cancel"), "batchCancelButton", "Cancel")
        self.cancel_button.setToolTip("Drop the plan, or stop the run: what was found stays")
        self.paste_button = named(
            QPushButton("Paste IDs"), "batchPasteButton", "Paste IDs from the clipboard"
        )
        self.paste_button.setToolTip("Find the IDs in the text on the clipboard")
        self.progress_label = named(LineLabel(), "batchProgressLabel", "Several IDs: progress")
        self.pause_label = named(OneLineLabel(), "batchPauseLabel", "Several IDs: quota pause")
        self.pause_label.setVisible(False)
        self.table = named(ResultsTable(), "batchResultsTable", "Several IDs: results")
        self.outcome_label = named(OneLineLabel(), "batchOutcomeLabel", "Several IDs: outcome")
        self.export_csv_button = named(
            QPushButton("Export CSV…"), "batchExportCsvButton", "Export as CSV"
        )
        self.export_jsonl_button = named(
            QPushButton("Export JSON Lines…"), "batchExportJsonlButton", "Export as JSON Lines"
        )
        self.copy_summary_button = named(
            QPushButton("Copy summary for ticket"),
            "batchCopySummaryButton",
            "Copy summary for ticket",
        )
        self._set_up_table()
        self._lay_out()

        self.look_up_button.clicked.connect(lambda: self.look_up_requested.emit(self.at_reserve))
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.paste_button.clicked.connect(self.paste_requested)
        self.table.activated.connect(self._activated)
        self.export_csv_button.clicked.connect(lambda: self.export_requested.emit("csv"))
        self.export_jsonl_button.clicked.connect(lambda: self.export_requested.emit("jsonl"))
        self.copy_summary_button.clicked.connect(self.copy_summary_requested)
        self.model.rowsInserted.connect(self._update_result_buttons)
        self.model.modelReset.connect(self._update_result_buttons)
        self._set_buttons(plan=False, running=False)
        self._update_result_buttons()

    def _set_up_table(self) -> None:
        table = self.table
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        # Rows of one line, never measured one by one: a thousand rows come in cheaply.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = table.fontMetrics()
        for column, widest in (
            (STATE_COLUMN, "Deleted · Stopped, duration only"),
            (START_COLUMN, "0000-00-00 00:00:00 UTC"),
        ):
            header.resizeSection(column, metrics.horizontalAdvance(widest) + 16)
        header.resizeSection(DESCRIPTION_COLUMN, 220)
        header.resizeSection(OUTCOME_COLUMN, 120)  # the last: it takes what is left
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the plan's order first
        table.setSortingEnabled(True)

    def _lay_out(self) -> None:
        body = QWidget()
        choice = QHBoxLayout()
        choice.addWidget(QLabel("At the quota reserve:"))
        choice.addWidget(self.wait_choice)
        choice.addWidget(self.stop_choice)
        choice.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.look_up_button, self.cancel_button, self.paste_button):
            buttons.addWidget(button)
        # The quota pause stands in the progress's place: no line comes or goes with it.
        buttons.addWidget(self.progress_label, 1)
        buttons.addWidget(self.pause_label, 1)
        results = QHBoxLayout()
        results.addWidget(self.outcome_label, 1)
        for button in (
            self.export_csv_button,
            self.export_jsonl_button,
            self.copy_summary_button,
        ):
            results.addWidget(button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 2, 6, 4)  # compact: the entry above keeps its room
        layout.setSpacing(4)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.ids_label)
        layout.addLayout(choice)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(results)
        self.setWidget(body)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self._take_its_share()

    def _take_its_share(self) -> None:
        """Docked in a window, first as tall as its content at the window's width, at most
        a third of the window (never less than it needs). Set once like this, the window
        keeps the dock's height: without it, Qt sizes a dock from its size hint whenever
        that changes, and a wrapped label's hint is measured at a narrow width, so each
        longer text ("Last run: ...", the outcome) would grow the dock on its own."""
        window = self.parentWidget()
        if not isinstance(window, QMainWindow) or self.isFloating():
            return
        body = self.widget()
        frame = self.sizeHint().height() - body.sizeHint().height()  # the title, the margins
        content = body.heightForWidth(window.width()) if body.hasHeightForWidth() else -1
        natural = frame + (content if content > 0 else body.sizeHint().height())
        least = self.minimumSizeHint().height()
        height = max(least, min(natural, window.height() // WINDOW_SHARE))
        window.resizeDocks([self], [height], Qt.Orientation.Vertical)

    # --- what the controller shows ------------------------------------------------------
    @property
    def at_reserve(self) -> AtReserve:
        return AtReserve.WAIT if self.wait_choice.isChecked() else AtReserve.STOP

    def set_at_reserve(self, choice: AtReserve) -> None:
        (self.wait_choice if choice is AtReserve.WAIT else self.stop_choice).setChecked(True)

    def show_plan(self, plan: BatchPlan, options: str) -> None:
        """The IDs found and the price; nothing is sent until Look up."""
        self.plan_label.setText(f"{plan.text}{options}. {_reserve_text(plan)}")
        self.ids_label.setText(f"IDs found: {ids_text(plan.ids)}")
        self.ids_label.setVisible(True)
        noun = "ID" if len(plan.ids) == 1 else "IDs"
        self.look_up_button.setText(f"Look up {len(plan.ids)} {noun}")
        self.progress_label.setText("Nothing sent yet.")
        self.show_pause(None)
        self._set_buttons(plan=True, running=False)

    def show_no_plan(self, text: str, *, forget_run: bool = False) -> None:
        """The plan was dropped (or none made): ``text`` says why. ``forget_run``: what
        the last run said goes too (its pause, progress and outcome: another account's)."""
        self.plan_label.setText(text)
        self.ids_label.setVisible(False)
        self.look_up_button.setText("Look up")
        self.progress_label.setText("")
        if forget_run:
            self.outcome_label.setText("")
            self.show_pause(None)
        self._set_buttons(plan=False, running=False)

    def show_started(self, plan: BatchPlan) -> None:
        self._plan_text = plan.text
        self.plan_label.setText(f"Looking up: {plan.text}.")
        self.progress_label.setText(f"0 of {len(plan.ids)} looked up")
        self.outcome_label.setText("")
        self.show_pause(None)
        self._set_buttons(plan=False, running=True)

    def show_progress(self, text: str) -> None:
        self.progress_label.setText(text)

    def show_pause(self, text: str | None) -> None:
        """The quota pause and its countdown (None: no pause)."""
        if text is None:
            if self.pause_label.isVisibleTo(self):
                self.pause_label.setVisible(False)
                self.progress_label.setVisible(True)
            return
        self.pause_label.setText(f"{text}. Cancel stops here and keeps what was found.")
        if not self.pause_label.isVisibleTo(self):
            self.progress_label.setVisible(False)
            self.pause_label.setVisible(True)

    def show_finished(self, text: str) -> None:
        self.plan_label.setText(f"Last run: {self._plan_text}.")
        self.outcome_label.setText(text)
        self.show_pause(None)
        self._set_buttons(plan=False, running=False)

    def _set_buttons(self, *, plan: bool, running: bool) -> None:
        self.look_up_button.setEnabled(plan)
        self.cancel_button.setEnabled(plan or running)
        self.paste_button.setEnabled(not running)
        self.wait_choice.setEnabled(not running)
        self.stop_choice.setEnabled(not running)

    def _update_result_buttons(self) -> None:
        has_rows = self.model.rowCount() > 0
        for button in (
            self.export_csv_button,
            self.export_jsonl_button,
            self.copy_summary_button,
        ):
            button.setEnabled(has_rows)

    def shown_rows(self) -> list[ResultRow]:
        return self.proxy.shown_rows()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.row_chosen.emit(self.proxy.row_at(index.row()))


def _reserve_text(plan: BatchPlan) -> str:
    before = plan.before_reserve
    if plan.fits:
        return "At most 2 at a time."
    if before is None:  # pragma: no cover - fits when the quota is unknown
        return ""
    return (
        f"The quota reserve ({plan.reserve}) is reached after {before} lookup"
        f"{'s' if before != 1 else ''}: the run then pauses or stops, as chosen below."
    )
