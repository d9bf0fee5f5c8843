"""The one running lookup: its task, the guard that drops stale answers, what failed last
(for Retry) and what a sign-in should ask again. Everything that shows a lookup listens to
its signals; it knows nothing of widgets."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from inspector.ui.task_errors import reported_bug

if TYPE_CHECKING:  # imported for real only after the first paint (see ui.launch)
    import asyncio

    from inspector.api.errors import ApiError
    from inspector.api.retry import RetryWait
    from inspector.services import LookupRequest, LookupResult, SearchProgress
    from inspector.services.lookup import EntryLookup

log = logging.getLogger("inspector.ui")


def worth_retrying(error: ApiError) -> bool:
    """A failure a person may sensibly ask again about; 4xx answers will not change by
    asking. (The error types are imported with the first failure.)"""
    from inspector.api import errors

    retried = (errors.NetworkError, errors.ServerError, errors.RateLimited, errors.InvalidResponse)
    return isinstance(error, retried)


def sign_in_may_cure(error: ApiError | None) -> bool:
    """A failure a (new) sign-in may cure."""
    from inspector.api import errors

    return isinstance(error, (errors.Unauthorized, errors.Forbidden, errors.MissingCredentials))


# How a Reports search runs as a lookup: given its guarded on_wait and on_progress, the result.
SearchRun = Callable[
    [Callable[["RetryWait"], None], Callable[["SearchProgress"], None]], Awaitable["LookupResult"]
]


class LookupRunner(QObject):
    """Runs one lookup (or Reports search) at a time; a new one cancels the running one,
    and only the latest request's answer is ever announced.

    Signals, in the order a lookup sees them: ``started(request, searching)``, then any of
    ``waiting(request, wait)`` and ``progress(progress)``, then exactly one of
    ``succeeded(result, total_ms)``, ``failed(request, error, searched)``,
    ``cancelled(request, quiet)`` or ``crashed(exception)``. ``running_changed(bool)``
    follows the task; ``finished(result or error)`` comes last, for tests and scripts.
    """

    started = Signal(object, bool)
    waiting = Signal(object, object)
    progress = Signal(object)
    succeeded = Signal(object, float)
    failed = Signal(object, object, bool)
    cancelled = Signal(object, bool)
    crashed = Signal(object)
    finished = Signal(object)
    running_changed = Signal(bool)
    attached = Signal()  # lookups became possible (the machinery is loaded after first paint)

    def __init__(self, lookup: EntryLookup | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._task: asyncio.Task[None] | None = None
        self._generation = 0  # bumped per lookup: an answer for an older one is dropped
        self._pending: LookupRequest | None = None
        self._search: SearchRun | None = None  # what the latest lookup runs, if not v9
        self._last_failed: tuple[LookupRequest, SearchRun | None] | None = None
        self._last_error: ApiError | None = None
        # What a sign-in offered after a refused credential asks again (lookup or search).
        self._retry_after_sign_in: tuple[LookupRequest, SearchRun | None] | None = None

    @property
    def lookup(self) -> EntryLookup | None:
        return self._lookup

    def attach(self, lookup: EntryLookup) -> None:
        self._lookup = lookup
        self.attached.emit()

    @property
    def current_search(self) -> SearchRun | None:
        """What the lookup started last runs instead of v9 (a Reports search, a check for
        a deleted entry), so each part knows its own: None for a v9 lookup."""
        return self._search

    @property
    def is_running(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def sign_in_may_help(self) -> bool:
        """The credential is what failed, and a sign-in could change it (TOGGL_API_TOKEN or
        a fixed credential would win over any sign-in)."""
        credentials = self._lookup.credentials if self._lookup else None
        return (
            credentials is not None
            and credentials.overriding is None
            and sign_in_may_cure(self._last_error)
        )

    # --- starting and stopping -------------------------------------------------------
    def start(self, request: LookupRequest, search: SearchRun | None = None) -> None:
        """Cancel any running lookup and start this one (a Reports search when ``search``)."""
        if self._lookup is None:  # None only in the instant before start-up completes
            return
        self.cancel(quiet=True)
        if self._retry_after_sign_in is not None and request is not self._retry_after_sign_in[0]:
            self._retry_after_sign_in = None  # a newer lookup: the old one is not retried
        self._generation += 1
        self._pending = request
        self._search = search
        import asyncio  # loaded after the first paint; from then on a dictionary lookup

        # The task is queued before the window changes, so its request goes out before
        # Qt repaints the cleared window: the repaint overlaps the wait for the server.
        self._task = asyncio.ensure_future(self._run(request, self._generation, search))
        self._task.add_done_callback(self._on_task_done)
        self.started.emit(request, search is not None)
        self.running_changed.emit(True)

    def retry(self) -> None:
        """Ask again for exactly what failed last (the banner's Retry button)."""
        if self._last_failed is not None:
            self.start(*self._last_failed)

    def cancel(self, quiet: bool = False) -> None:
        if self._task is None or self._task.done():
            return
        self._task.cancel()
        self._generation += 1  # whatever still arrives for it is stale
        request, self._pending = self._pending, None
        self.cancelled.emit(request, quiet)
        self.running_changed.emit(False)

    async def wait(self) -> None:
        """Return once the current lookup (if any) has finished, however it ended."""
        import asyncio

        if self._task is not None:
            await asyncio.wait([self._task])

    # --- after a sign-in -------------------------------------------------------------
    def retry_after_sign_in(self) -> None:
        """A sign-in is about to be offered: what failed for its credential is asked again
        once it succeeds."""
        if self._last_failed is not None and sign_in_may_cure(self._last_error):
            self._retry_after_sign_in = self._last_failed

    def forget_retry_after_sign_in(self) -> None:
        self._retry_after_sign_in = None

    def signed_in(self) -> None:
        """A lookup refused for its credential is asked again, ID and options as they were."""
        retry, self._retry_after_sign_in = self._retry_after_sign_in, None
        if retry is not None:
            self.start(*retry)

    # --- the task --------------------------------------------------------------------
    async def _run(self, request: LookupRequest, generation: int, search: SearchRun | None) -> None:
        started = time.perf_counter()
        lookup = self._lookup
        assert lookup is not None

        def on_progress(progress: SearchProgress) -> None:
            if generation == self._generation:
                self.progress.emit(progress)

        def on_wait(wait: RetryWait) -> None:
            if generation == self._generation:
                self.waiting.emit(request, wait)

        from inspector.api.errors import ApiError

        try:
            if search is None:
                result = await lookup.lookup(request, on_wait=on_wait)
            else:
                result = await search(on_wait, on_progress)
        except ApiError as error:
            if generation == self._generation:
                self._pending = None
                self._last_failed, self._last_error = (request, search), error
                self.running_changed.emit(False)
                self.failed.emit(request, error, search is not None)
                self.finished.emit(error)
            return
        if generation != self._generation:
            log.debug("Dropped a stale answer for entry %s", request.entry_id)
            return
        self._pending = None
        self._last_failed = self._last_error = None
        self.running_changed.emit(False)
        self.succeeded.emit(result, (time.perf_counter() - started) * 1000)
        self.finished.emit(result)

    def _on_task_done(self, task: asyncio.Task[None]) -> None:
        if task is self._task:
            self._task = None
        error = reported_bug(task)
        if error is not None:  # say so in the window
            self.running_changed.emit(False)
            self.crashed.emit(error)
