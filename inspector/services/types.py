"""What a lookup is asked and what it answers: the light types both faces share.

No httpx or keyring here (the heavy imports are for type checkers only): the window imports
this before its first paint. The lookup itself is in inspector.services.lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from inspector.api.errors import ApiError
from inspector.api.exchange import ExchangeRecord, Timeouts

if TYPE_CHECKING:
    from inspector.api.exchange import Quota
    from inspector.api.retry import RetryPolicy
    from inspector.api.time_entries import EntryResponse
    from inspector.domain.entry_view import EntryView
    from inspector.domain.report_rows import DateSpan

SOURCE_V9 = "Toggl API v9 /me/time_entries"
SOURCE_REPORTS = "Reports API v3"
DEFAULT_REPORT_YEARS = 5  # calendar years searched, this one included
MAX_REPORT_YEARS = 20
EARLIEST_REPORT_YEAR = 2006  # Toggl's first year: the Reports API refuses earlier dates


@dataclass(frozen=True)
class LookupRequest:
    entry_id: int
    meta: bool = False
    include_sharing: bool = False


@dataclass(frozen=True)
class NetworkSettings:
    """How long to wait and how often to try; configurable in the window's settings."""

    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    deadline_s: float = 60.0  # the whole lookup, retries and waits included
    max_attempts: int = 3

    def timeouts(self) -> Timeouts:
        return Timeouts(self.connect_timeout_s, self.read_timeout_s)

    def retry_policy(self) -> RetryPolicy:
        from inspector.api.retry import RetryPolicy

        return RetryPolicy(max_attempts=self.max_attempts)


@dataclass(frozen=True)
class LookupResult:
    request: LookupRequest
    view: EntryView
    response: EntryResponse
    credential_source: str
    record: ExchangeRecord
    source: str = SOURCE_V9


@dataclass(frozen=True)
class ReportsRequest:
    """Search the Reports API of one workspace for one entry, newest year first."""

    entry_id: int
    workspace_id: int
    workspace_name: str = ""  # for the badge only; the id is what is searched
    since: date | None = None  # None: the first day of the oldest of ``years``
    years: int = DEFAULT_REPORT_YEARS
    until: date | None = None  # None: today (the user's today, which may be UTC's tomorrow)

    @property
    def workspace_label(self) -> str:
        return (
            f"{self.workspace_name}, {self.workspace_id}"
            if self.workspace_name
            else str(self.workspace_id)
        )


@dataclass(frozen=True)
class SearchProgress:
    """Told before each request of a Reports search, so a person sees where it is."""

    span: DateSpan
    span_number: int  # 1 for the newest span
    span_count: int
    page_number: int  # within the span, from 1
    request_number: int  # of the request about to be sent (retries included)
    quota: Quota  # as the last answer told it

    @property
    def text(self) -> str:
        """ "Searching 2023 (request 3)…", with the page when there is more than one."""
        page = f", page {self.page_number}" if self.page_number > 1 else ""
        return f"Searching {self.span.label}{page} (request {self.request_number})…"


@dataclass(frozen=True, kw_only=True)
class ReportsResult(LookupResult):
    """A LookupResult found by the Reports API: ``response.body_text`` is the page of
    report rows verbatim, ``view`` the entry mapped onto v9's fields."""

    workspace_id: int
    found_in: DateSpan
    requests: int  # every one of them counted against the hourly quota


def utc_now() -> datetime:
    return datetime.now(UTC)


def failure_text(error: ApiError) -> str:
    """The error as both faces show it: what happened, how often it was tried, and the
    request id a person can quote to Toggl's support."""
    attempts = error.record.attempts if error.record else 0
    tried = f" Tried {attempts} times." if attempts > 1 and not error.tells_attempts else ""
    request_id = f" Request id: {error.request_id}." if error.request_id else ""
    return error.message + tried + request_id
