"""After a v9 404, beside the Reports search: "Was it deleted? (1 request, quota left N)".
The check runs on the lookup runner like any lookup (Cancel, a new lookup and the guard
against stale answers work the same); a deleted entry it finds is shown as any entry,
marked deleted, and explained."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from inspector.api.errors import ApiError, NotFound
from inspector.services import LookupRequest, LookupResult, SearchProgress
from inspector.services.context_types import ContextPlan
from inspector.ui.context_protocol import ContextService
from inspector.ui.lookup_runner import LookupRunner, SearchRun
from inspector.ui.plain_label import OneLineLabel
from inspector.ui.status import StatusSink
from inspector.ui.style import named

if TYPE_CHECKING:
    from inspector.api.retry import RetryWait


def _requests(count: int) -> str:
    return f"{count} request" if count == 1 else f"{count} requests"


def _price(plan: ContextPlan) -> str:
    left = f", quota left {plan.quota_left}" if plan.quota_left is not None else ""
    return f"{_requests(plan.cost)}{left}"


class DeletedCheckOffer(QWidget):
    """The button with its price, the question below the reserve, and what was found."""

    check_requested = Signal()
    check_anyway_requested = Signal()
    not_now_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "deletedCheck", "Was it deleted?")
        self.check_button = named(QPushButton(), "deletedCheckButton", "Was it deleted?")
        self.check_button.setToolTip(
            "Ask Toggl whether this is an entry of yours that was deleted (its list of "
            "recently changed entries includes deleted ones)"
        )
        self.anyway_button = named(
            QPushButton("Check anyway"), "deletedCheckAnywayButton", "Check anyway"
        )
        self.not_now_button = named(QPushButton("Not now"), "deletedCheckNotNowButton", "Not now")
        self.label = named(OneLineLabel(), "deletedCheckLabel", "Deleted entry check")
        self.check_button.clicked.connect(self.check_requested)
        self.anyway_button.clicked.connect(self.check_anyway_requested)
        self.not_now_button.clicked.connect(self.not_now_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check_button)
        row.addWidget(self.label, 1)
        row.addWidget(self.anyway_button)
        row.addWidget(self.not_now_button)
        self.show_state("")

    def show_state(self, text: str, *buttons: QPushButton) -> None:
        self.label.setText(text)
        for button in (self.check_button, self.anyway_button, self.not_now_button):
            button.setVisible(button in buttons)


class DeletedCheck(QObject):
    def __init__(
        self,
        runner: LookupRunner,
        status: StatusSink,
        reserve: Callable[[], int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._status = status
        self._reserve = reserve
        self._service: ContextService | None = None
        self._offered: int | None = None  # the entry v9 did not find
        self._plan: ContextPlan | None = None
        self._run: SearchRun | None = None  # the check on the runner: its own, known
        self.offer = DeletedCheckOffer()
        self.offer.setVisible(False)
        self.offer.check_requested.connect(self.check)
        self.offer.check_anyway_requested.connect(self._start)
        self.offer.not_now_requested.connect(self._not_now)
        runner.started.connect(lambda _request, searching: self._started(searching))
        runner.succeeded.connect(lambda result, _ms: self._succeeded(result))
        runner.failed.connect(lambda request, error, _searched: self._failed(request, error))

    def attach(self, service: ContextService | None) -> None:
        self._service = service

    @property
    def plan(self) -> ContextPlan | None:
        return self._plan

    def _own(self) -> bool:
        return self._run is not None and self._runner.current_search is self._run

    def withdraw_unless_about(self, entry_id: int | None) -> None:
        """Another ID typed: the offer made for the previous one's 404 goes."""
        if self._offered is not None and entry_id != self._offered and not self._runner.is_running:
            self._offered = self._plan = None
            self.offer.setVisible(False)

    # --- following the runner -------------------------------------------------------------
    def _started(self, searching: bool) -> None:
        if self._own():
            self.offer.show_state(f"Asking Toggl whether entry {self._offered} was deleted…")
        elif not searching:  # a new v9 lookup: the offer made for the last 404 goes
            self._offered = self._plan = None
            self.offer.setVisible(False)

    def _succeeded(self, result: LookupResult) -> None:
        if not self._own():
            return
        quota = result.response.quota.remaining
        cost = _requests(self._plan.cost) if self._plan else "the check"
        self._status.showMessage(  # short: the account's name shares the status bar
            f"Found deleted entry {result.request.entry_id}: {cost}"
            + (f" · quota left {quota}" if quota is not None else "")
        )
        self._offered = self._plan = None

    def _failed(self, request: LookupRequest, error: ApiError) -> None:
        if self._own():
            cost = _requests(self._plan.cost) if self._plan else "the check"
            checked = isinstance(error, NotFound)
            text = (
                f"Not among your deleted entries either ({cost})."
                if checked
                else f"The check did not answer ({cost}): {error.message}"
            )
            self.offer.show_state(text)
            self._status.showMessage(text)
        elif isinstance(error, NotFound) and self._runner.current_search is None:
            self._offer(request.entry_id)

    # --- the offer and the check ----------------------------------------------------------
    def _offer(self, entry_id: int) -> None:
        service = self._service
        self._offered = entry_id
        if service is None:
            self._plan = None
            self.offer.setVisible(False)
            return
        self._plan = replace(service.plan_deleted_check(entry_id), reserve=self._reserve())
        self.offer.check_button.setText(f"Was it deleted? ({_price(self._plan)})")
        self.offer.show_state("", self.offer.check_button)
        self.offer.setVisible(True)

    def check(self) -> None:
        """The button: below the quota reserve, asked first."""
        plan = self._plan
        if plan is None or self._offered is None:
            return
        if plan.below_reserve:
            left = max((plan.quota_left or 0) - plan.cost, 0)
            self.offer.show_state(
                f"That would leave {left}, below the reserve of {plan.reserve}: check anyway?",
                self.offer.anyway_button,
                self.offer.not_now_button,
            )
            return
        self._start()

    def _not_now(self) -> None:
        if self._plan is not None:
            self.offer.show_state("Not checked: nothing was sent.", self.offer.check_button)

    def _start(self) -> None:
        service, entry_id, plan = self._service, self._offered, self._plan
        if service is None or entry_id is None or plan is None:
            return

        async def run(
            _on_wait: Callable[[RetryWait], None], _on_progress: Callable[[SearchProgress], None]
        ) -> LookupResult:
            check = await service.deleted_check(entry_id, plan)
            if check.found is None:
                raise NotFound(
                    f"{check.sentence} ({_requests(check.requests_sent)})"
                    if check.sentence
                    else f"Entry {entry_id} is not among the deleted entries Toggl still "
                    f"answers for either ({_requests(plan.cost)})."
                )
            return check.found

        self._run = run
        self._runner.start(LookupRequest(entry_id), run)
