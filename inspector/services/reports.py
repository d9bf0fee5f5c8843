"""Finding an entry older than /me/time_entries reaches: the Reports API v3 detailed search.

Builds on EntryLookup (its HTTP client, API URL, credentials, clock and network settings):
the date range is searched in calendar years, newest first, each year page by page, until
the entry turns up or everything is searched. Every request counts against Toggl's hourly
quota, so the search stops at the first hit and never walks more than MAX_SEARCH_REQUESTS.
Cancelling the task stops it at once: no request is sent after that.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable
from datetime import timedelta

from inspector.api.account import Workspace, fetch_identity, fetch_workspaces
from inspector.api.auth import ApiAuth
from inspector.api.errors import (
    DeadlineExceeded,
    InvalidResponse,
    NotFoundInReports,
    WorkspaceNeeded,
)
from inspector.api.exchange import ExchangeRecord
from inspector.api.reports import (
    PageCursor,
    SearchPage,
    search_body,
    search_time_entries,
)
from inspector.api.retry import RetryWait, with_retries
from inspector.api.time_entries import EntryResponse
from inspector.credentials import Credential
from inspector.domain.entry_view import build_entry_view
from inspector.domain.report_rows import (
    NOT_AVAILABLE,
    DateSpan,
    ReportMatch,
    default_since,
    find_entry,
    search_spans,
)
from inspector.services.auth import credential_auth
from inspector.services.lookup import EntryLookup
from inspector.services.recording import Recording
from inspector.services.types import (
    SOURCE_REPORTS,
    LookupRequest,
    ReportsRequest,
    ReportsResult,
    SearchProgress,
)

log = logging.getLogger("inspector.reports")

MAX_SEARCH_REQUESTS = 100  # a server that always sends another page must not drain the quota


class ReportsSearch:
    def __init__(self, lookup: EntryLookup) -> None:
        self.lookup = lookup  # read at each search: network settings apply at once

    async def _auth(self) -> tuple[Credential, ApiAuth]:
        credential = await self.lookup.resolve_credential()
        return credential, credential_auth(credential)

    async def default_workspace_id(self) -> int:
        """The signed-in user's default workspace (one request to /me), or WorkspaceNeeded."""
        _, auth = await self._auth()
        identity = await fetch_identity(
            self.lookup.http,
            self.lookup.api_url,
            auth,
            timeouts=self.lookup.network.timeouts(),
            with_workspace_name=False,
        )
        found = identity.default_workspace_id
        if found is None:
            raise WorkspaceNeeded(
                "Toggl names no default workspace for this account: say which workspace to search."
            )
        return found

    async def workspaces(self) -> list[Workspace]:
        """The user's workspaces (one request to /me/workspaces), for a person to pick."""
        _, auth = await self._auth()
        return await fetch_workspaces(
            self.lookup.http, self.lookup.api_url, auth, timeouts=self.lookup.network.timeouts()
        )

    async def search(
        self,
        request: ReportsRequest,
        on_progress: Callable[[SearchProgress], None] = lambda progress: None,
        on_wait: Callable[[RetryWait], None] = lambda wait: None,
    ) -> ReportsResult:
        """The entry as found in a report, or the ApiError that ended the search
        (NotFoundInReports when every year was searched). Errors carry ``record``."""
        record = ExchangeRecord(method="POST")
        log.info(
            "Searching the Reports API of workspace %s for entry %s",
            request.workspace_id,
            request.entry_id,
        )
        try:
            with Recording(
                record, log, f"Reports search for entry {request.entry_id}", _request_count
            ) as recording:
                result = await self._search(request, record, on_progress, on_wait)
                recording.succeeded(found=f": found in {result.found_in.label}")
        finally:
            self.lookup.quota.observe(record.quota)
        return result

    async def _search(
        self,
        request: ReportsRequest,
        record: ExchangeRecord,
        on_progress: Callable[[SearchProgress], None],
        on_wait: Callable[[RetryWait], None],
    ) -> ReportsResult:
        lookup = self.lookup
        network = lookup.network
        credential, auth = await self._auth()
        # Toggl dates reports in the user's zone, which may be a day ahead of UTC.
        until = request.until or lookup.clock().date() + timedelta(days=1)
        since = request.since or default_since(until, request.years)
        spans = search_spans(since, until)
        # Each year gets a lookup's deadline: long enough for its pages and retries.
        allowed_s = network.deadline_s * len(spans)
        deadline = time.monotonic() + allowed_s

        async def fetch(span: DateSpan, cursor: PageCursor | None) -> SearchPage:
            body = search_body(request.entry_id, span, cursor)

            async def attempt(number: int) -> SearchPage:
                return await search_time_entries(
                    lookup.http,
                    lookup.api_url,
                    request.workspace_id,
                    body,
                    auth=auth,
                    timeouts=network.timeouts(),
                    record=record,
                )

            return await with_retries(
                attempt,
                network.retry_policy(),
                on_wait,
                lookup.sleep,
                time_left_s=lambda: deadline - time.monotonic(),
            )

        try:
            async with asyncio.timeout(allowed_s):
                for number, span in enumerate(spans, start=1):
                    cursor: PageCursor | None = None
                    for page_number in itertools.count(1):
                        if record.attempts >= MAX_SEARCH_REQUESTS:
                            raise InvalidResponse(
                                f"The search stopped after {record.attempts} requests "
                                "without reaching the end of the report (the server kept "
                                "sending further pages); the quota is spared.",
                                tells_attempts=True,
                            )
                        on_progress(
                            SearchProgress(
                                span,
                                number,
                                len(spans),
                                page_number,
                                record.attempts + 1,
                                record.quota,
                            )
                        )
                        page = await fetch(span, cursor)
                        match = find_entry(page.rows, request.entry_id, request.workspace_id)
                        if match is not None:
                            return self._result(request, credential, record, span, page, match)
                        if page.next_page is None:
                            break
                        if page.next_page == cursor:
                            raise InvalidResponse(
                                "The Reports API sent the same next-page cursor twice; "
                                "following it would never end.",
                                status=200,
                                request_id=page.request_id,
                            )
                        cursor = page.next_page
        except TimeoutError:
            raise DeadlineExceeded(
                f"The Reports search did not finish within {allowed_s:g} s "
                f"({record.attempts} requests).",
                status=record.status,
                tells_attempts=True,
            ) from None
        raise NotFoundInReports(
            f"Time entry {request.entry_id} was not found by the Reports API in workspace "
            f"{request.workspace_label} from {since.isoformat()} to {until.isoformat()} "
            f"({_requests(record.attempts)}, each counted against the quota). It may be "
            "older, in another workspace, or deleted.",
            status=200,
            tells_attempts=True,
        )

    def _result(
        self,
        request: ReportsRequest,
        credential: Credential,
        record: ExchangeRecord,
        span: DateSpan,
        page: SearchPage,
        match: ReportMatch,
    ) -> ReportsResult:
        lookup = self.lookup
        view = build_entry_view(
            match.entry,
            lookup.clock(),
            lookup.local_zone,
            unavailable=dict.fromkeys(match.not_available, NOT_AVAILABLE),
            extra_fields=match.extra_fields,
            duplicate_keys=page.duplicate_keys,
        )
        response = EntryResponse(
            url=page.url,
            body_text=page.body_text,
            entry=match.entry,
            elapsed_ms=page.elapsed_ms,
            quota=page.quota,
            request_id=page.request_id,
            duplicate_keys=page.duplicate_keys,
        )
        return ReportsResult(
            LookupRequest(request.entry_id),
            view,
            response,
            credential.source,
            record,
            source=f"{SOURCE_REPORTS} (workspace {request.workspace_label})",
            workspace_id=request.workspace_id,
            found_in=span,
            requests=record.attempts,
        )


def _requests(count: int) -> str:
    return f"{count} request" if count == 1 else f"{count} requests"


def _request_count(record: ExchangeRecord) -> str:
    return _requests(record.attempts)
