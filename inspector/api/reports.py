"""The Reports API v3 detailed search, which reaches entries older than /me/time_entries.

`POST /reports/api/v3/workspace/{workspace_id}/search/time_entries`: one call here is one
request (one page), mapped to a SearchPage or a typed error. Walking dates and pages is the
service's (inspector.services.reports). The workspaces a search may use are listed by
inspector.api.account.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from inspector.api.auth import ApiAuth, redacted_error
from inspector.api.base_url import ApiUrl
from inspector.api.errors import (
    ApiError,
    BadRequest,
    ErrorDetails,
    FeatureNotOnPlan,
    Forbidden,
    InvalidResponse,
    NotFound,
    UnexpectedStatus,
    WorkspaceNotAccessible,
)
from inspector.api.exchange import ExchangeRecord, Quota, Timeouts
from inspector.api.transport import (
    error_for_status,
    int_header,
    json_kind,
    read_json_body,
    send_capped,
    server_message,
)
from inspector.domain.json_reading import DuplicateKey
from inspector.domain.report_rows import DateSpan


def search_path(workspace_id: int) -> str:
    if isinstance(workspace_id, bool) or not isinstance(workspace_id, int):
        raise TypeError(f"workspace_id must be an int, not {type(workspace_id).__name__}")
    if workspace_id < 1:
        raise ValueError(f"workspace_id {workspace_id} is out of range")
    return f"/reports/api/v3/workspace/{workspace_id}/search/time_entries"


@dataclass(frozen=True)
class PageCursor:
    """Where the next page starts: X-Next-ID and X-Next-Row-Number, sent back as
    first_id and first_row_number."""

    first_id: int
    first_row_number: int


@dataclass(frozen=True)
class SearchPage:
    url: str
    body_text: str  # verbatim, for the raw view and `get --json`
    rows: list[object]
    next_page: PageCursor | None
    elapsed_ms: float
    quota: Quota
    request_id: str | None
    duplicate_keys: tuple[DuplicateKey, ...] = ()  # keys the page repeats (paths in the page)


def search_body(entry_id: int, span: DateSpan, cursor: PageCursor | None) -> dict[str, object]:
    body: dict[str, object] = {
        "start_date": span.start.isoformat(),
        "end_date": span.end.isoformat(),
        "time_entry_ids": [entry_id],
    }
    if cursor is not None:
        body["first_id"] = cursor.first_id
        body["first_row_number"] = cursor.first_row_number
    return body


def user_days_body(user_id: int, span: DateSpan, page_size: int) -> dict[str, object]:
    """One user's entries over a few days (the entries around one of theirs), in one page
    of ``page_size`` rows: the caller prices one request and never follows a next page."""
    if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id < 1:
        raise ValueError(f"user_id {user_id!r} is not a user id")
    return {
        "start_date": span.start.isoformat(),
        "end_date": span.end.isoformat(),
        "user_ids": [user_id],
        "page_size": page_size,
    }


async def search_time_entries(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    workspace_id: int,
    body: dict[str, object],
    *,
    auth: ApiAuth,
    timeouts: Timeouts = Timeouts(),
    record: ExchangeRecord | None = None,
) -> SearchPage:
    """One page of the detailed search, or the ApiError that says what went wrong."""
    record = record if record is not None else ExchangeRecord()
    url = api_url.join(search_path(workspace_id))
    response, raw = await send_capped(
        http, api_url, "POST", url, auth=auth, timeouts=timeouts, record=record, json_body=body
    )
    if response.status_code != 200:
        raise redacted_error(
            reports_error_for_status(
                response.status_code, raw, response.headers, workspace_id, record.request_id
            ),
            auth,
        )
    document = read_json_body(
        raw, response.headers.get("Content-Type"), record.request_id, "a list of report rows"
    )
    rows = document.value
    if not isinstance(rows, list):
        raise InvalidResponse(
            f"The Reports API answered with {json_kind(rows)} instead of a list of report rows.",
            status=200,
            request_id=record.request_id,
        )
    return SearchPage(
        url=record.url,
        body_text=raw.decode("utf-8", errors="replace"),
        rows=rows,
        next_page=next_page(response.headers, record.request_id),
        elapsed_ms=record.elapsed_ms or 0.0,
        quota=record.quota,
        request_id=record.request_id,
        duplicate_keys=document.duplicate_keys,
    )


def next_page(headers: httpx.Headers, request_id: str | None = None) -> PageCursor | None:
    """The cursor of the next page, None on the last; half a cursor is an error (following
    it could walk the same page forever)."""
    first_id = int_header(headers, "X-Next-ID")
    row_number = int_header(headers, "X-Next-Row-Number")
    if first_id is not None and row_number is not None:
        return PageCursor(first_id, row_number)
    if "X-Next-ID" in headers or "X-Next-Row-Number" in headers:
        raise InvalidResponse(
            "The Reports API sent an unreadable next-page cursor (X-Next-ID "
            f"{headers.get('X-Next-ID')!r}, X-Next-Row-Number "
            f"{headers.get('X-Next-Row-Number')!r}).",
            status=200,
            request_id=request_id,
        )
    return None


def reports_error_for_status(
    status: int, body: bytes, headers: httpx.Headers, workspace_id: int, request_id: str | None
) -> ApiError:
    """v9's mapping (401, 402 quota, 410, 429, 5xx, ...), with the Reports API's own
    meanings for 400, 402 "feature not enabled", 403 and 404."""
    error = error_for_status(status, body, headers, 0, request_id)
    said = server_message(body)
    said_part = f' The server said: "{said}".' if said else ""
    kwargs: ErrorDetails = {
        "status": status,
        "request_id": request_id,
        "retry_after_s": error.retry_after_s,
    }
    if isinstance(error, BadRequest):
        return BadRequest(
            "The Reports API refused the search's parameters (HTTP 400)."
            + (said_part or " It gave no reason."),
            **kwargs,
        )
    if isinstance(error, FeatureNotOnPlan):
        return FeatureNotOnPlan(
            f"Workspace {workspace_id}'s plan does not include the Reports API (HTTP 402: "
            "feature not enabled), so older entries cannot be searched there. Try another "
            "workspace." + said_part,
            **kwargs,
        )
    if isinstance(error, Forbidden):
        return WorkspaceNotAccessible(
            f"Workspace {workspace_id} is not accessible to this account (HTTP 403): it "
            "does not exist, or you are not a member with access to its reports." + said_part,
            **kwargs,
        )
    if isinstance(error, NotFound):
        return UnexpectedStatus(
            f"The Reports API has no search for workspace {workspace_id} (HTTP 404)." + said_part,
            **kwargs,
        )
    return error
