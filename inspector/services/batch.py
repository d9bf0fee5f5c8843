"""Several IDs at once (issue #14), shared by the window and `get`: one lookup after another,
at most two at a time, within Toggl's hourly quota.

Builds on EntryLookup (its client, credentials, network settings and the one quota gauge
every request reports to). Before each lookup starts, the quota left (the lowest the
answers told in this window: two answers may come back in another order than they were let
in), less the lookups still in flight, must stay at or above the reserve; otherwise the run
waits for those in flight, then pauses (counting down to X-Toggl-Quota-Resets-In, then one
lookup alone until an answer tells the new quota) or stops, as the caller chose. So the run
itself never spends the reserve (only retries of a lookup, after a 429 or 5xx, can: that is
what the reserve is for) and never causes a 402. Should one come anyway (the quota spent
elsewhere), its ID is not counted as looked up and the run pauses or stops the same way.

Cancel (``BatchRun.cancel()``, or cancelling the task) keeps what was found: ``findings``
holds every finished lookup at any moment; the outcome names the IDs not looked up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from inspector.api.errors import ApiError, MissingCredentials, QuotaExhausted, Unauthorized
from inspector.api.exchange import Quota
from inspector.api.retry import RetryWait
from inspector.services.batch_types import (
    DEFAULT_BATCH_RESERVE,
    MOST_AT_ONCE,
    AtReserve,
    BatchOutcome,
    BatchPlan,
    BatchProgress,
    BatchStop,
    QuotaPause,
    ordered,
)
from inspector.services.findings import Finding
from inspector.services.lookup import EntryLookup
from inspector.services.types import LookupRequest, utc_now

MIN_PAUSE_AFTER_402_S = 60  # after a 402, never ask again sooner than this

log = logging.getLogger("inspector.batch")

COUNTDOWN_STEP_S = 1.0


def _ignore(_: object) -> None:
    return None


def _told_quota(finding: Finding) -> Quota | None:
    """What the answer behind ``finding`` said of the quota (None: no answer)."""
    if finding.result is not None:
        return finding.result.response.quota
    record = finding.error.record if finding.error is not None else None
    return record.quota if record is not None else None


class BatchLookup:
    def __init__(
        self,
        lookup: EntryLookup,
        *,
        reserve: int = DEFAULT_BATCH_RESERVE,
        at_once: int = MOST_AT_ONCE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        now: Callable[[], datetime] = utc_now,
        field_trees: bool = True,
    ) -> None:
        """``clock`` (seconds) and ``sleep`` time the quota pause (a test's own make it
        instant); ``sleep`` None: the lookup's own. ``now`` stamps each finding.
        ``field_trees`` False: each finding's view comes without its tree of fields (the
        window builds it for the one row a person opens): most of the work of a lookup on
        the UI thread, and most of the objects a thousand findings would keep, which
        Python's garbage collector would walk again and again, tens of ms at a time."""
        if reserve < 0 or not 1 <= at_once <= MOST_AT_ONCE:
            raise ValueError("reserve must be >= 0, and at most 2 lookups run at once")
        self.lookup = lookup
        self.reserve = reserve
        self.at_once = at_once
        self.clock = clock
        self.sleep = sleep or lookup.sleep
        self.now = now
        self.field_trees = field_trees

    def plan(self, ids: Sequence[int]) -> BatchPlan:
        """The IDs (each once, in order) and their price against the quota left; no I/O."""
        return BatchPlan(tuple(dict.fromkeys(ids)), self.lookup.quota.remaining, self.reserve)

    def start(
        self,
        plan: BatchPlan,
        *,
        meta: bool = False,
        include_sharing: bool = False,
        at_reserve: AtReserve = AtReserve.STOP,
        on_progress: Callable[[BatchProgress], None] = _ignore,
        on_pause: Callable[[QuotaPause], None] = _ignore,
        on_wait: Callable[[RetryWait], None] = _ignore,
    ) -> BatchRun:
        """A run of ``plan``, not started yet: ``await run.run()``."""
        return BatchRun(
            self,
            plan,
            meta=meta,
            include_sharing=include_sharing,
            at_reserve=at_reserve,
            on_progress=on_progress,
            on_pause=on_pause,
            on_wait=on_wait,
        )


class BatchRun:
    def __init__(
        self,
        batch: BatchLookup,
        plan: BatchPlan,
        *,
        meta: bool,
        include_sharing: bool,
        at_reserve: AtReserve,
        on_progress: Callable[[BatchProgress], None],
        on_pause: Callable[[QuotaPause], None],
        on_wait: Callable[[RetryWait], None],
    ) -> None:
        self.batch = batch
        self.plan = plan
        self.meta = meta
        self.include_sharing = include_sharing
        self.at_reserve = at_reserve
        self.on_progress = on_progress
        self.on_pause = on_pause
        self.on_wait = on_wait
        self.findings: list[Finding] = []  # as they finish: kept whatever happens
        self._waiting: deque[int] = deque(plan.ids)
        self._in_flight: dict[asyncio.Task[Finding], int] = {}
        self._cancelled = asyncio.Event()
        self._stopped: BatchStop | None = None
        self._stop_reason: str | None = None
        # The quota as this run reckons it: the lowest an answer told since the window
        # began (two answers may come back in the other order than they were let in),
        # unless an answer tells far more (the window moved on); when it was told; and
        # whether it is still this window's (False after a pause).
        gauge = batch.lookup.quota
        self._left: int | None = gauge.remaining
        self._resets_in: int | None = gauge.resets_in_s
        self._observed_at = batch.clock()
        self._fresh = True
        self._requests = 0
        # Per ID in flight, the requests already answered and to be tried again: spent on
        # the quota even if the lookup is cancelled before it ends.
        self._answered: dict[int, int] = {}

    @property
    def quota_left(self) -> int | None:
        """The quota left as the run reckons it."""
        return self._left

    def cancel(self) -> None:
        """Stop now: lookups in flight are cancelled; what was found is kept."""
        self._cancelled.set()

    async def run(self) -> BatchOutcome:
        log.info("Several IDs: %s", self.plan.text)
        try:
            while (self._waiting or self._in_flight) and self._stopped is None:
                if self._cancelled.is_set():
                    self._stop(BatchStop.CANCELLED, "Cancelled.")
                    break
                self._start_what_the_quota_allows()
                if self._in_flight:
                    await self._collect()
                elif self._waiting:
                    await self._at_reserve()
        finally:
            await self._drop_in_flight()
        if self._fresh and self._left is not None:
            # The one gauge keeps the last answer told, which may be the older of two that
            # crossed: it gets the run's reckoning (the window's status bar shows it).
            gauge = self.batch.lookup.quota
            gauge.remaining, gauge.resets_in_s = self._left, self._resets_in
        looked_up = {finding.entry_id for finding in self.findings}
        outcome = BatchOutcome(
            plan=self.plan,
            findings=ordered(self.findings, self.plan.ids),
            not_looked_up=tuple(
                entry_id for entry_id in self.plan.ids if entry_id not in looked_up
            ),
            stopped=self._stopped,
            stop_reason=self._stop_reason,
            requests=self._requests,
            quota_left=self._left,
        )
        log.info("Several IDs: %s", outcome.text)
        return outcome

    # --- one step at a time ------------------------------------------------------------
    def _may_start(self) -> bool | None:
        """True: start one more; False: wait for those in flight; None: at the reserve."""
        if self._cancelled.is_set():
            return False
        in_flight = len(self._in_flight)
        if in_flight >= self.batch.at_once:
            return False
        if not self._fresh:  # after a pause: one alone, until an answer tells the quota
            return not in_flight
        remaining = self._left
        if remaining is None or remaining - in_flight - 1 >= self.batch.reserve:
            return True
        return False if in_flight else None

    def _start_what_the_quota_allows(self) -> None:
        while self._waiting and self._may_start():
            entry_id = self._waiting.popleft()
            task = asyncio.ensure_future(self._look_up(entry_id))
            self._in_flight[task] = entry_id

    async def _look_up(self, entry_id: int) -> Finding:
        request = LookupRequest(entry_id, self.meta, self.include_sharing)

        def waiting(wait: RetryWait) -> None:
            self._answered[entry_id] = wait.failed_attempt
            self.on_wait(wait)

        try:
            result = await self.batch.lookup.lookup(
                request, on_wait=waiting, field_tree=self.batch.field_trees
            )
        except ApiError as error:
            return Finding.of_error(entry_id, error, self.batch.now())
        return Finding.of_result(result, self.batch.now())

    async def _collect(self) -> None:
        """Wait for a lookup in flight to finish (or for cancel) and take what it found."""
        cancelled = asyncio.ensure_future(self._cancelled.wait())
        try:
            await asyncio.wait([*self._in_flight, cancelled], return_when=asyncio.FIRST_COMPLETED)
        finally:
            cancelled.cancel()
        if self._cancelled.is_set():
            self._stop(BatchStop.CANCELLED, "Cancelled.")
        for task in [task for task in self._in_flight if task.done()]:
            self._take(self._in_flight.pop(task), task.result())

    def _take(self, entry_id: int, finding: Finding) -> None:
        self._requests += finding.requests
        error = finding.error
        told = _told_quota(finding)
        if told is not None and told.remaining is not None:
            left = self._left
            reordered = self.batch.at_once - 1  # how far apart two answers in flight can be
            if left is None or not self._fresh or told.remaining > left + reordered:
                self._left = told.remaining
            else:
                self._left = min(left, told.remaining)
            self._resets_in = told.resets_in_s
            self._observed_at = self.batch.clock()
            self._fresh = True
        if isinstance(error, QuotaExhausted):
            # Spent elsewhere meanwhile: not looked up. The quota is used up, whatever was
            # reckoned before; the run pauses or stops on it.
            log.info("Entry %s: %s", entry_id, error.message)
            self._left = 0
            # A 402 that says the quota is back already (0, or a stale reset) must not send
            # the same ID again at once: wait at least a while, whatever it says.
            told_reset = error.resets_in_s or self._resets_in or 0
            self._resets_in = max(told_reset, MIN_PAUSE_AFTER_402_S)
            self._observed_at = self.batch.clock()
            self._fresh = True
            self._waiting.appendleft(entry_id)
            return
        self.findings.append(finding)
        self.on_progress(BatchProgress(len(self.findings), len(self.plan.ids), finding, self._left))
        if isinstance(error, (Unauthorized, MissingCredentials)):
            # Every other ID would be refused the same way: not sent.
            self._stop(BatchStop.SIGN_IN, error.message)

    async def _at_reserve(self) -> None:
        """Nothing in flight and the next lookup would reach the reserve: pause or stop."""
        remaining, resets_in = self._left, self._resets_in
        if self.at_reserve is AtReserve.STOP or resets_in is None:
            pause = self._pause(None)
            self.on_pause(pause)
            stopped = "" if self.at_reserve is AtReserve.STOP else "; stopped"
            self._stop(BatchStop.QUOTA_RESERVE, pause.text + stopped)
            return
        until = self._observed_at + resets_in
        log.info("Several IDs: quota reserve reached (%s left); pausing %s s", remaining, resets_in)
        while (left := until - self.batch.clock()) > 0:
            self.on_pause(self._pause(left))
            if not await self._sleep(min(COUNTDOWN_STEP_S, left)):
                self._stop(BatchStop.CANCELLED, "Cancelled during the quota pause.")
                return
        self._fresh = False
        self.on_pause(self._pause(0.0, over=True))

    def _pause(self, seconds_left: float | None, *, over: bool = False) -> QuotaPause:
        return QuotaPause(
            self._left,
            self.batch.reserve,
            seconds_left,
            tuple(self._waiting),
            self.at_reserve,
            over,
        )

    async def _sleep(self, seconds: float) -> bool:
        """Sleep, unless cancelled first (False)."""
        sleeping = asyncio.ensure_future(self.batch.sleep(seconds))
        cancelled = asyncio.ensure_future(self._cancelled.wait())
        try:
            await asyncio.wait([sleeping, cancelled], return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeping.cancel()
            cancelled.cancel()
        return not self._cancelled.is_set()

    def _stop(self, why: BatchStop, reason: str) -> None:
        if self._stopped is None:
            self._stopped, self._stop_reason = why, reason

    async def _drop_in_flight(self) -> None:
        """Cancel what is still in flight (cancelled, or the task itself was) and wait
        for it to end; a lookup that finished meanwhile is kept."""
        tasks = list(self._in_flight)
        for task in tasks:
            task.cancel()
        if tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*tasks, return_exceptions=True)
        for task in tasks:
            entry_id = self._in_flight.pop(task)
            if not task.cancelled() and task.exception() is None:
                self.findings.append(task.result())
                self._requests += task.result().requests
            else:
                self._requests += self._answered.get(entry_id, 0)
                log.info("Entry %s: not looked up (cancelled)", entry_id)
