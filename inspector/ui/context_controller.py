"""Explaining the shown entry, quota first: after each lookup the price of its context is
offered before anything is sent (or, when set so, the context loads by itself); below the
quota reserve the person is asked first. The context loads as its own task, cancelled by a
new lookup; an answer that arrives for an older entry is dropped. Knows no widgets: the
entry panel's parts listen to its signals."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from inspector.api.errors import ApiError
from inspector.services.context_types import DEFAULT_QUOTA_RESERVE
from inspector.ui.settings_values import read_bool
from inspector.ui.task_errors import reported_bug

if TYPE_CHECKING:  # the settings dialog is imported when opened
    import asyncio

    from inspector.services import LookupResult
    from inspector.services.context_types import ContextPlan, EntryContext
    from inspector.ui.context_protocol import ContextService
    from inspector.ui.context_settings_dialog import ContextSettingsDialog
    from inspector.ui.lookup_runner import LookupRunner
    from inspector.ui.status import StatusSink

log = logging.getLogger("inspector.ui")

SETTINGS_AUTOMATIC = "context/automatic"
SETTINGS_RESERVE = "context/quota_reserve"


def requests_text(count: int) -> str:
    return f"{count} request" if count == 1 else f"{count} requests"


def cost_text(context: EntryContext) -> str:
    """ "3 requests · quota left 21": what explaining spent, for the status bar."""
    left = f" · quota left {context.quota_left}" if context.quota_left is not None else ""
    return f"{requests_text(context.requests_sent)}{left}"


class ContextController(QObject):
    """Signals, in the order an entry sees them: ``cleared()`` when a lookup starts (or
    fails, or there is nothing to explain with); after a lookup ``offered(plan)`` (the
    price, nothing sent) or ``confirming(plan)`` (below the reserve: asked first); then
    ``loading(plan, text)`` for the start and each request; then ``loaded(result,
    context)`` or ``failed(text)``. The entry always stays shown. ``attached(bool)``
    says whether there is a service at all (none: nothing is offered)."""

    offered = Signal(object)
    confirming = Signal(object)
    loading = Signal(object, str)
    loaded = Signal(object, object)
    failed = Signal(str)
    cleared = Signal()
    attached = Signal(bool)  # whether there is a service to explain with (else no offer)

    def __init__(
        self,
        runner: LookupRunner,
        status: StatusSink,
        settings: QSettings,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._status = status
        self._settings = settings
        self._dialog_parent = parent
        self._service: ContextService | None = None
        self._result: LookupResult | None = None  # the entry shown, which is explained
        self._plan: ContextPlan | None = None
        self._context: EntryContext | None = None
        self._task: asyncio.Task[None] | None = None
        self._generation = 0  # bumped per entry and per start: older answers are dropped
        self.settings_action = QAction("&Explain settings…", parent)
        self.settings_action.triggered.connect(self.open_settings)
        runner.started.connect(lambda *_: self.clear())
        runner.succeeded.connect(lambda result, _ms: self._entry_shown(result))
        runner.failed.connect(lambda *_: self.clear())

    # --- what it works with -----------------------------------------------------------
    @property
    def service(self) -> ContextService | None:
        return self._service

    def attach(self, service: ContextService | None) -> None:
        self._service = service
        self.attached.emit(service is not None)

    @property
    def automatic(self) -> bool:
        return read_bool(self._settings, SETTINGS_AUTOMATIC)

    @property
    def reserve(self) -> int:
        try:
            reserve = int(str(self._settings.value(SETTINGS_RESERVE, DEFAULT_QUOTA_RESERVE)))
        except ValueError:
            return DEFAULT_QUOTA_RESERVE
        from inspector.ui.context_settings_dialog import MAX_QUOTA_RESERVE

        return min(max(reserve, 0), MAX_QUOTA_RESERVE)

    @property
    def plan(self) -> ContextPlan | None:
        """The price of explaining the shown entry (with this window's reserve)."""
        return self._plan

    @property
    def context(self) -> EntryContext | None:
        """What explaining the shown entry found, once it has."""
        return self._context

    @property
    def is_loading(self) -> bool:
        return self._task is not None and not self._task.done()

    def open_settings(self) -> ContextSettingsDialog:
        from inspector.ui.context_settings_dialog import ContextSettingsDialog

        dialog = ContextSettingsDialog(self.automatic, self.reserve, self._dialog_parent)
        dialog.applied.connect(self._save_settings)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _save_settings(self, automatic: bool, reserve: int) -> None:
        self._settings.setValue(SETTINGS_AUTOMATIC, automatic)
        self._settings.setValue(SETTINGS_RESERVE, reserve)
        self._settings.sync()
        if self._plan is not None and not self.is_loading and self._context is None:
            self._plan = replace(self._plan, reserve=self.reserve)
            self.offered.emit(self._plan)  # the offer shown says the new reserve's answer
        self._status.showMessage("Explain settings saved.", 5000)

    # --- following the lookups ------------------------------------------------------------
    def clear(self) -> None:
        """Nothing to explain: a context still loading is cancelled, its answer dropped.
        Told once (a lookup's start and its answer both clear)."""
        already = self._result is None and self._plan is None and not self.is_loading
        self._cancel_task()
        self._result = self._plan = self._context = None
        if not already:
            self.cleared.emit()

    def shut_down(self) -> None:
        self._cancel_task()

    def _entry_shown(self, result: LookupResult) -> None:
        self.clear()
        if self._service is None:
            return
        self._result = result
        self._plan = replace(self._service.plan(result), reserve=self.reserve)
        if self.automatic:
            self.explain()
        else:
            self.offered.emit(self._plan)

    # --- explaining -----------------------------------------------------------------------
    def explain(self) -> None:
        """The Explain button (or automatic context): below the reserve, ask first."""
        if self._plan is None or self.is_loading:
            return
        if self._plan.below_reserve:
            self.confirming.emit(self._plan)
            self._status.showMessage(
                f"{self._plan.offer_text()}: below the reserve of {self._plan.reserve}; "
                "nothing sent unless you say so."
            )
            return
        self._start()

    def explain_anyway(self) -> None:
        """Asked first and told yes."""
        if self._plan is not None and not self.is_loading:
            self._start()

    def not_now(self) -> None:
        """Asked first and told no: nothing is sent; the offer stays."""
        if self._plan is None or self.is_loading:
            return
        self.offered.emit(self._plan)
        self._status.showMessage("Not explained: nothing was sent.")

    def _start(self) -> None:
        result, plan, service = self._result, self._plan, self._service
        if result is None or plan is None or service is None:
            return
        import asyncio  # after the first paint, as everywhere in the window

        self._cancel_task()
        self._generation += 1
        self._task = asyncio.ensure_future(self._run(service, result, plan, self._generation))
        self._task.add_done_callback(self._on_task_done)
        text = f"Context: asking {requests_text(plan.cost)}…"
        self.loading.emit(plan, text)
        self._status.showMessage(text)

    async def _run(
        self, service: ContextService, result: LookupResult, plan: ContextPlan, generation: int
    ) -> None:
        asked = 0

        def on_progress(_progress: object) -> None:  # before each request
            nonlocal asked
            asked += 1
            if generation == self._generation:
                text = f"Context: request {asked} of {max(asked, plan.cost)}…"
                self.loading.emit(plan, text)
                self._status.showMessage(text)

        import asyncio

        try:
            context = await service.explain(result, plan, on_progress)
            # The window answers once between working the answer out and showing it: a
            # busy day's hundreds of entries are not parsed and painted in one go.
            await asyncio.sleep(0)
        except ApiError as error:
            if generation == self._generation:
                text = f"Context not loaded: {error.message}"
                self.failed.emit(text)
                self._status.showMessage(text)
            return
        if generation != self._generation or result is not self._result:
            log.debug("Dropped the context of entry %s: another entry is shown", _entry_id(result))
            return
        self._context = context
        self.loaded.emit(result, context)
        self._status.showMessage(f"Context: {cost_text(context)}")

    def _on_task_done(self, task: asyncio.Task[None]) -> None:
        if task is self._task:
            self._task = None
        error = reported_bug(task)
        if error is not None:
            self.failed.emit(f"Internal error while explaining: {type(error).__name__}: {error}")

    def _cancel_task(self) -> None:
        self._generation += 1
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None


def _entry_id(result: LookupResult) -> int:
    return result.request.entry_id
