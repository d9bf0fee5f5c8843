"""Several IDs at once: what a run will cost before anything is sent, what it tells while it
runs (progress, the quota pause), and what it found.

Light (no httpx, no keyring): the window imports it to show a plan. The run itself is
``inspector.services.batch`` (BatchLookup), shared by the window and `get`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from inspector.domain.lookup_facts import LookupOutcome
from inspector.domain.pasted_ids import request_cost_text
from inspector.domain.timestamps import format_duration
from inspector.services.findings import Finding

DEFAULT_BATCH_RESERVE = 2  # the run pauses when the quota left reaches this
MOST_AT_ONCE = 2  # lookups in flight at the same time


class AtReserve(Enum):
    """What a run does when the quota left reaches the reserve."""

    WAIT = "wait"  # pause, count down to X-Toggl-Quota-Resets-In, go on
    STOP = "stop"  # stop; what was not looked up is named


class BatchStop(Enum):
    """Why a run ended before every ID was looked up."""

    CANCELLED = "cancelled"
    QUOTA_RESERVE = "quota_reserve"
    SIGN_IN = "sign_in"  # the credential was refused or missing: every other ID would be too


@dataclass(frozen=True)
class BatchPlan:
    """The IDs found and the price, known before anything is sent (no I/O)."""

    ids: tuple[int, ...]
    quota_left: int | None  # as the last answer told it; None when unknown
    reserve: int = DEFAULT_BATCH_RESERVE

    @property
    def cost(self) -> int:
        """Requests, one per ID (a retry after a 429 or 5xx costs one more)."""
        return len(self.ids)

    @property
    def text(self) -> str:
        """ "12 IDs = 12 requests; quota left 25"."""
        return request_cost_text(self.cost, self.quota_left)

    @property
    def fits(self) -> bool:
        """Whether every lookup fits in the quota left without reaching the reserve
        (unknown quota: assumed to fit). When it does not, the run pauses or stops."""
        return self.quota_left is None or self.quota_left - self.cost >= self.reserve

    @property
    def before_reserve(self) -> int | None:
        """How many lookups can run before the reserve is reached (None: unknown)."""
        if self.quota_left is None:
            return None
        return max(0, min(self.cost, self.quota_left - self.reserve))


@dataclass(frozen=True)
class BatchProgress:
    """Told after each ID is looked up."""

    done: int
    total: int
    finding: Finding
    quota_left: int | None

    @property
    def text(self) -> str:
        """ "3 of 12 looked up · quota left 22"."""
        left = f" · quota left {self.quota_left}" if self.quota_left is not None else ""
        return f"{self.done} of {self.total} looked up{left}"


@dataclass(frozen=True)
class QuotaPause:
    """The quota left reached the reserve. Told when the pause starts, each second of the
    countdown (WAIT), and once more when the run goes on (``seconds_left`` 0, ``over``)."""

    quota_left: int | None
    reserve: int
    seconds_left: float | None  # until X-Toggl-Quota-Resets-In is over; None: not said
    waiting: tuple[int, ...]  # the IDs not looked up yet
    at_reserve: AtReserve
    over: bool = False

    @property
    def text(self) -> str:
        """ "Quota reserve reached (2 left): going on in 0:14:33 (5 IDs waiting)"."""
        left = f"{self.quota_left} left" if self.quota_left is not None else "quota unknown"
        waiting = f"{len(self.waiting)} ID{'s' if len(self.waiting) != 1 else ''}"
        if self.over:
            return f"The hourly quota has reset: going on with {waiting}"
        start = f"Quota reserve reached ({left}, reserve {self.reserve})"
        if self.at_reserve is AtReserve.STOP:
            return f"{start}: stopped, {waiting} not looked up"
        if self.seconds_left is None:
            return f"{start}: Toggl did not say when the quota resets"
        return f"{start}: going on in {format_duration(self.seconds_left)} ({waiting} waiting)"


@dataclass(frozen=True)
class BatchOutcome:
    """What a run found: every ID looked up (in the plan's order) and those that were not."""

    plan: BatchPlan
    findings: tuple[Finding, ...]
    not_looked_up: tuple[int, ...]
    stopped: BatchStop | None  # None: every ID was looked up
    stop_reason: str | None  # a sentence, when stopped
    requests: int  # every request sent, retries included
    quota_left: int | None

    def count(self, outcome: LookupOutcome) -> int:
        return sum(1 for finding in self.findings if finding.outcome is outcome)

    @property
    def text(self) -> str:
        """ "12 IDs: 10 found, 1 not found, 1 error · 13 requests · quota left 12"."""
        parts = [
            f"{self.count(outcome)} {label}"
            for outcome, label in (
                (LookupOutcome.FOUND, "found"),
                (LookupOutcome.NOT_FOUND, "not found"),
                (LookupOutcome.ERROR, "error"),
            )
            if self.count(outcome)
        ]
        if self.not_looked_up:
            parts.append(f"{len(self.not_looked_up)} not looked up")
        noun = "ID" if len(self.plan.ids) == 1 else "IDs"
        requests = f"{self.requests} request{'s' if self.requests != 1 else ''}"
        left = f" · quota left {self.quota_left}" if self.quota_left is not None else ""
        return f"{len(self.plan.ids)} {noun}: {', '.join(parts) or 'none'} · {requests}{left}"


def ordered(findings: Sequence[Finding], ids: Sequence[int]) -> tuple[Finding, ...]:
    """``findings`` in the order of ``ids``."""
    by_id = {finding.entry_id: finding for finding in findings}
    return tuple(by_id[entry_id] for entry_id in ids if entry_id in by_id)
