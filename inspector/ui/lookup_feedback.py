"""What a person is told about a lookup while and after it runs: the status line, the banner
(its retry countdown, Retry and Sign in offers), and the log."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from inspector.api.errors import ApiError, NotFound
from inspector.domain.plain_text import bounded
from inspector.services import LookupRequest, LookupResult, failure_text
from inspector.ui.lookup_runner import LookupRunner, worth_retrying
from inspector.ui.message_banner import MessageBanner
from inspector.ui.status import StatusSink

if TYPE_CHECKING:
    from inspector.api.retry import RetryWait

log = logging.getLogger("inspector.ui")


class LookupFeedback(QObject):
    def __init__(
        self,
        runner: LookupRunner,
        banner: MessageBanner,
        status: StatusSink,
        parent: QObject | None = None,
        *,
        asker: Callable[[], str] | None = None,
    ) -> None:
        """``asker`` says who asks Toggl and which API ("ana@example.com on Toggl Track"):
        an entry not found may be someone else's."""
        super().__init__(parent)
        self._asker = asker
        self._runner = runner
        self._banner = banner
        self._status = status
        # The entry the banner's failure is about, and what it said (withdrawn once
        # another ID is typed; a message about the account stays).
        self._failure_about: tuple[int, str] | None = None
        banner.retry_requested.connect(runner.retry)
        runner.started.connect(self._started)
        runner.waiting.connect(self._waiting)
        runner.succeeded.connect(self._succeeded)
        runner.failed.connect(self._failed)
        runner.cancelled.connect(self._cancelled)
        runner.crashed.connect(self._crashed)

    def withdraw_unless_about(self, entry_id: int | None) -> None:
        """Another ID typed: the failure shown for the previous one goes."""
        about = self._failure_about
        if about is None or about[0] == entry_id or self._runner.is_running:
            return
        self._failure_about = None
        if self._banner.label.full_text == about[1]:
            self._banner.clear()

    def _started(self, request: LookupRequest, _searching: bool) -> None:
        self._failure_about = None
        self._banner.clear()
        self._status.showMessage(f"Looking up entry {request.entry_id}…")

    def _waiting(self, request: LookupRequest, wait: RetryWait) -> None:
        self._banner.count_down(wait)
        self._status.showMessage(
            f"Looking up entry {request.entry_id}: attempt "
            f"{wait.failed_attempt} failed, waiting to retry…"
        )

    def _succeeded(self, result: LookupResult, total_ms: float) -> None:
        self._failure_about = None
        self._banner.clear()
        odd_types = [a for a in result.view.anomalies if a.code.startswith("bad_type_")]
        if odd_types:
            self._banner.show_message(
                "The server sent fields of unexpected types; the entry is shown as "
                "received: " + " ".join(bounded(a.message) for a in odd_types),
                "warning",
            )
        quota = result.response.quota.remaining
        quota_part = f" · quota left {quota}" if quota is not None else ""
        message = f"Loaded entry {result.request.entry_id} in {total_ms:.0f} ms{quota_part}"
        self._status.showMessage(message)
        log.info("%s (from %s)", message, result.response.url)

    def _failed(self, request: LookupRequest, error: ApiError, searched: bool) -> None:
        text = failure_text(error)
        sign_in = self._runner.sign_in_may_help
        if isinstance(error, NotFound):
            # The expected way to an old entry (the Reports search is offered below), or
            # what a search found: information, not a failure.
            if self._asker is not None:
                text += f" Asked as {self._asker()}."
            if not searched:
                text += " The Reports API can search older entries: below."
            self._banner.show_message(text, "info")
            self._status.showMessage(
                f"Entry {request.entry_id} is not in the last three months (v9 404): it "
                "can be searched in the Reports API."
                if not searched
                else f"Entry {request.entry_id} was not found."
            )
        else:
            self._banner.show_message(
                text, "error", offer_retry=worth_retrying(error), offer_sign_in=sign_in
            )
            self._status.showMessage(f"Lookup of entry {request.entry_id} failed.")
        self._failure_about = None if sign_in else (request.entry_id, text)
        log.info("Lookup of entry %s failed: %s", request.entry_id, error.message)

    def _cancelled(self, request: LookupRequest | None, quiet: bool) -> None:
        self._banner.clear()  # a retry countdown, if one was running
        if not quiet and request is not None:
            self._status.showMessage(f"Lookup of entry {request.entry_id} cancelled.")

    def _crashed(self, error: BaseException) -> None:
        self._banner.show_message(f"Internal error: {type(error).__name__}: {error}", "error")
