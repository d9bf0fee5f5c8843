"""Several IDs at once in the window (issue #14): text pasted into the ID field or dropped on
the window is searched for IDs; one is looked up as usual, several are offered in the
"Several IDs" dock with their price, and run on *Look up* through the service `get` uses
(``inspector.services.batch.BatchLookup`` on the window's EntryLookup: at most two at a
time, within the quota, on the window's event loop). Cancel keeps what was found.

The dock is built when first needed, not before the first paint; so is the service.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from inspector.domain.entry_view import build_entry_view
from inspector.domain.pasted_ids import find_entry_ids
from inspector.services import LookupResult, failure_text
from inspector.services.batch_types import (
    AtReserve,
    BatchOutcome,
    BatchPlan,
    BatchStop,
    QuotaPause,
)
from inspector.services.findings import Finding
from inspector.ui.lookup_runner import LookupRunner
from inspector.ui.status import StatusSink
from inspector.ui.task_errors import reported_bug

if TYPE_CHECKING:  # loaded with the dock, after the first paint
    import asyncio

    from inspector.services.batch import BatchRun
    from inspector.services.batch_types import BatchProgress
    from inspector.ui.batch_export import BatchExport
    from inspector.ui.batch_panel import BatchPanel
    from inspector.ui.batch_results_model import ResultRow

log = logging.getLogger("inspector.ui")

SETTINGS_AT_RESERVE = "several_ids/at_reserve"
OFF_THREAD_TREE_BYTES = 64 * 1024  # as EntryLookup: a bigger entry's tree off the UI thread
ROWS_EVERY_MS = 40  # findings are shown in batches, at most this long after they came
NOT_FOUND_IN_TEXT = (
    "No time entry IDs in the {source} text (looked for #N, /time_entries/N and numbers "
    "of 5 to 19 digits). Nothing changed."
)


class BatchController(QObject):
    """Signals: ``found(finding)`` as each lookup finishes (the history records it),
    ``result_chosen(result, fetched_at)`` a row to show in the tree (no request),
    ``single_id(entry_id)`` text with one ID (looked up as usual), ``panel_built(dock)``
    once, to place the dock, ``finished(outcome)`` when a run ends, ``sign_in_needed(text,
    offer)`` when the credential stopped it (``offer``: a sign-in could change that)."""

    found = Signal(object)
    result_chosen = Signal(object, object)
    single_id = Signal(object)
    panel_built = Signal(object)
    finished = Signal(object)
    sign_in_needed = Signal(str, bool)

    def __init__(
        self,
        runner: LookupRunner,
        status: StatusSink,
        clock: Callable[[], datetime],
        account: Callable[[], str],
        options: Callable[[], tuple[bool, bool]],
        settings: QSettings,
        parent: QObject | None = None,
    ) -> None:
        """``options``: (meta, include sharing) as ticked in the lookup bar."""
        super().__init__(parent)
        self._runner = runner
        self._status = status
        self._clock = clock
        self._account = account
        self._options = options
        self._settings = settings
        self._panel: BatchPanel | None = None
        self._export: BatchExport | None = None
        self._plan: BatchPlan | None = None  # offered, not confirmed yet
        self._run: BatchRun | None = None
        self._task: asyncio.Task[None] | None = None
        self._who: tuple[str, str] = ("", "")  # the account and API origin of the run
        self._order: dict[int, int] = {}  # each ID's place in the run's plan
        self._pending: list[Finding] = []  # finished, not in the table yet
        self._progress_text = ""  # the latest progress, shown with the rows
        self._opening: asyncio.Future[None] | None = None  # a big row's tree being built
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(ROWS_EVERY_MS)
        self._rows_timer.timeout.connect(self._add_pending_rows)
        self.show_action = QAction("&Several IDs", self)
        self.show_action.setObjectName("severalIdsAction")
        self.show_action.triggered.connect(self.show_panel)

    # --- the dock -------------------------------------------------------------------------
    @property
    def panel(self) -> BatchPanel:
        """The dock, built at its first use."""
        if self._panel is None:
            from inspector.ui.batch_export import BatchExport
            from inspector.ui.batch_panel import BatchPanel

            panel = self._panel = BatchPanel()
            panel.set_at_reserve(_read_at_reserve(self._settings))
            panel.look_up_requested.connect(self.start)
            panel.cancel_requested.connect(self.cancel)
            panel.paste_requested.connect(self.paste_from_clipboard)
            panel.row_chosen.connect(self._row_chosen)
            self._export = BatchExport(panel.shown_rows, panel, self._status, self._clock, self)
            panel.export_requested.connect(self._export.ask_where)
            panel.copy_summary_requested.connect(self._export.copy_summary)
            self.panel_built.emit(panel)
        return self._panel

    @property
    def built(self) -> bool:
        return self._panel is not None

    @property
    def export(self) -> BatchExport:
        self.panel  # noqa: B018  (builds the export with the dock)
        assert self._export is not None
        return self._export

    def show_panel(self) -> BatchPanel:
        panel = self.panel
        panel.setVisible(True)
        panel.raise_()
        return panel

    @property
    def is_running(self) -> bool:
        return self._task is not None and not self._task.done()

    # --- text in ---------------------------------------------------------------------------
    def take_text(self, text: str, source: str = "dropped") -> None:
        """Text pasted or dropped: no ID is said (nothing changes), one is looked up as
        usual, several are offered with their price (nothing sent yet)."""
        ids = find_entry_ids(text)
        if not ids:
            self._status.showMessage(NOT_FOUND_IN_TEXT.format(source=source), 10_000)
            return
        if len(ids) == 1:
            self.single_id.emit(ids[0])
            return
        if self.is_running:
            self._status.showMessage(
                f"{len(ids)} IDs in the {source} text, but a run of several IDs is going on:"
                " cancel it first. Nothing changed.",
                10_000,
            )
            return
        self.offer(ids)

    def take_pasted(self, text: str) -> None:
        self.take_text(text, "pasted")

    def paste_from_clipboard(self) -> None:
        self.take_pasted(QApplication.clipboard().text())

    def offer(self, ids: Sequence[int]) -> BatchPlan:
        """Show the IDs and the price; nothing is sent until the person confirms."""
        lookup = self._runner.lookup
        quota_left = lookup.quota.remaining if lookup is not None else None
        plan = self._plan = BatchPlan(tuple(dict.fromkeys(ids)), quota_left)
        meta, sharing = self._options()
        ticked = [name for name, on in (("meta", meta), ("include sharing", sharing)) if on]
        options = f" (with {' and '.join(ticked)})" if ticked else ""
        panel = self.show_panel()
        panel.show_plan(plan, options)
        panel.look_up_button.setFocus()
        self._status.showMessage(f"Several IDs found: {plan.text}. Nothing sent yet.", 10_000)
        return plan

    # --- the run ---------------------------------------------------------------------------
    def start(self, at_reserve: AtReserve) -> None:
        """The person confirmed: look the offered IDs up."""
        plan, lookup = self._plan, self._runner.lookup
        if plan is None or self.is_running:
            return
        if lookup is None:
            self._status.showMessage("Not ready to look anything up yet.", 5000)
            return
        import asyncio

        from inspector.services.batch import BatchLookup

        self._settings.setValue(SETTINGS_AT_RESERVE, at_reserve.value)
        self._plan = None
        batch = BatchLookup(lookup, field_trees=False, now=self._clock)
        plan = batch.plan(plan.ids)  # priced again: the quota may have moved since
        self._order = {entry_id: place for place, entry_id in enumerate(plan.ids)}
        meta, sharing = self._options()
        self._who = (self._account(), lookup.api_url.origin)
        self._pending.clear()
        panel = self.panel
        panel.model.clear()
        panel.show_started(plan)
        self._status.showMessage(f"Looking up {len(plan.ids)} IDs: {plan.text}.", 5000)
        self._run = batch.start(
            plan,
            meta=meta,
            include_sharing=sharing,
            at_reserve=at_reserve,
            on_progress=self._progressed,
            on_pause=self._paused,
        )
        self._task = asyncio.ensure_future(self._look_up(self._run))
        self._task.add_done_callback(self._on_task_done)

    def cancel(self) -> None:
        """Drop the offered plan, or stop the run (what was found stays)."""
        if self._run is not None and self.is_running:
            self._run.cancel()
            return
        if self._plan is not None:
            self._plan = None
            self.panel.show_no_plan("Plan dropped: nothing was sent.")

    async def _look_up(self, run: BatchRun) -> None:
        outcome = await run.run()
        if run is not self._run:
            return
        self._run = None
        self._add_pending_rows()
        self._add_not_looked_up(outcome)
        self.panel.show_finished(_outcome_text(outcome))
        self._status.showMessage(f"Several IDs: {outcome.text}", 10_000)
        if outcome.stopped is BatchStop.SIGN_IN:
            self._ask_to_sign_in(outcome)
        self.finished.emit(outcome)

    def _ask_to_sign_in(self, outcome: BatchOutcome) -> None:
        """Said in the banner, as for a single lookup refused for its credential."""
        from inspector.api.errors import MissingCredentials, Unauthorized

        for finding in outcome.findings:
            if isinstance(finding.error, (Unauthorized, MissingCredentials)):
                why = f" at entry {finding.entry_id}: {failure_text(finding.error)}"
                break
        else:  # pragma: no cover - the run stops for sign-in only on such a finding
            why = f": {outcome.stop_reason}"
        left = len(outcome.not_looked_up)
        text = f"Several IDs stopped{why} {left} ID{'s' if left != 1 else ''} not looked up."
        lookup = self._runner.lookup
        self.sign_in_needed.emit(text, lookup is not None and lookup.credentials.overriding is None)

    def _progressed(self, progress: BatchProgress) -> None:
        self.found.emit(progress.finding)
        self._pending.append(progress.finding)
        self._progress_text = progress.text
        if not self._rows_timer.isActive():
            self._rows_timer.start()

    def _paused(self, pause: QuotaPause) -> None:
        """The countdown while the run waits for the quota (a stop is said at the end)."""
        waiting = not pause.over and pause.at_reserve is AtReserve.WAIT
        self.panel.show_pause(pause.text if waiting else None)
        if pause.over:
            self._status.showMessage(pause.text, 5000)

    def _add_pending_rows(self) -> None:
        """What finished since the last tick, in one insert."""
        self._rows_timer.stop()
        if not self._pending or self._panel is None:
            return
        from inspector.ui.batch_results_model import found_row

        account, origin = self._who
        findings, self._pending = self._pending, []
        self._panel.model.add_rows(
            [
                found_row(self._order[finding.entry_id], finding, account, origin)
                for finding in findings
            ]
        )
        self._panel.show_progress(self._progress_text)

    def _add_not_looked_up(self, outcome: BatchOutcome) -> None:
        if not outcome.not_looked_up:
            return
        from inspector.ui.batch_results_model import not_looked_up_row

        account, origin = self._who
        reason = (outcome.stop_reason or "stopped").rstrip(".")
        now = self._clock()
        rows = [
            not_looked_up_row(self._order[entry_id], entry_id, reason, now, account, origin)
            for entry_id in outcome.not_looked_up
        ]
        self.panel.model.add_rows(rows)

    def _on_task_done(self, task: asyncio.Task[None]) -> None:
        if task is self._task:
            self._task = None
        error = reported_bug(task)
        if error is not None:
            self._run = None
            self.panel.show_finished("The run stopped: something went wrong in the inspector.")

    # --- rows out --------------------------------------------------------------------------
    def _row_chosen(self, row: ResultRow) -> None:
        if self._opening is not None:
            self._opening.cancel()  # the row chosen last is the one shown
        finding = row.finding
        if finding is None:
            self._status.showMessage(f"Entry {row.entry_id} was not looked up.", 5000)
        elif finding.result is None:
            outcome = finding.outcome.value.replace("_", " ")
            self._status.showMessage(f"Entry {row.entry_id}: {outcome}; no entry to show.", 5000)
        else:
            lookup = self._runner.lookup
            zone = lookup.local_zone if lookup is not None else None
            result, fetched_at = finding.result, finding.fetched_at
            if len(result.response.body_text) <= OFF_THREAD_TREE_BYTES:
                self.result_chosen.emit(with_field_tree(result, fetched_at, zone), fetched_at)
                return
            import asyncio  # a big entry's tree is built where it cannot stall the window

            self._opening = asyncio.ensure_future(self._open_big(result, fetched_at, zone))

    async def _open_big(
        self, result: LookupResult, fetched_at: datetime, zone: tzinfo | None
    ) -> None:
        import asyncio

        whole = await asyncio.to_thread(with_field_tree, result, fetched_at, zone)
        self.result_chosen.emit(whole, fetched_at)

    # --- the window's life -----------------------------------------------------------------
    def account_changed(self) -> None:
        """What another account's credential found is not shown under this one."""
        self._stop_now()
        self._plan = None
        if self._export is not None:
            self._export.close_dialog()  # accepted, it would write this account's empty table
        if self._panel is not None:
            self._panel.model.clear()
            self._panel.show_no_plan(
                "The account changed: the other account's results were cleared.",
                forget_run=True,
            )

    def shut_down(self) -> None:
        self._stop_now()
        if self._export is not None:
            self._export.shut_down()

    def _stop_now(self) -> None:
        if self._opening is not None:
            self._opening.cancel()
        self._run = None
        self._pending.clear()
        self._rows_timer.stop()
        if self._task is not None:
            self._task.cancel()


def with_field_tree(
    result: LookupResult, fetched_at: datetime, zone: tzinfo | None
) -> LookupResult:
    """The lookup as it was found, its tree of fields built again from the answer."""
    if result.view.groups:
        return result
    response = result.response
    built = build_entry_view(
        response.entry, fetched_at, zone, duplicate_keys=response.duplicate_keys
    )
    return replace(result, view=replace(result.view, groups=built.groups))


def _read_at_reserve(settings: QSettings) -> AtReserve:
    value = settings.value(SETTINGS_AT_RESERVE)
    return AtReserve.STOP if value == AtReserve.STOP.value else AtReserve.WAIT


def _outcome_text(outcome: BatchOutcome) -> str:
    text = outcome.text
    if outcome.stop_reason:
        text = f"{outcome.stop_reason.rstrip('.')}. {text}"
    if outcome.not_looked_up:
        named = ", ".join(str(entry_id) for entry_id in outcome.not_looked_up)
        text += f". Not looked up: {named}"
    return text
