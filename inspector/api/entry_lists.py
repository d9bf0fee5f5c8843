"""GET /api/v9/me/time_entries: the signed-in user's own entries, as a list.

Two uses, one request each:
- started between two dates (`start_date` + `end_date`, YYYY-MM-DD): the entries around
  one, to see overlaps, duplicates and a second running entry;
- changed since a moment (`since`, a Unix time): deleted entries are included, with
  `server_deleted_at` set. That is how a v9 404 is told "deleted" from "never yours".

Only about the last three months are reachable (older dates answer 400 with the limit).
``since`` and ``before`` must not be sent together (400), so ``before`` never is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import httpx

from inspector.api.auth import ApiAuth
from inspector.api.base_url import ApiUrl
from inspector.api.errors import ApiError, BadRequest, ErrorDetails, Forbidden, UnexpectedStatus
from inspector.api.exchange import ExchangeRecord, Quota, Timeouts
from inspector.api.transport import error_for_status, expect_list, fetch_json, server_message

LIST_PATH = "/api/v9/me/time_entries"


@dataclass(frozen=True)
class EntryList:
    """A 200 answer: the entries (objects only, in Toggl's order) and the body verbatim."""

    url: str  # without credentials
    body_text: str
    entries: list[dict[str, object]]
    elapsed_ms: float
    quota: Quota
    request_id: str | None


def between_query(start_date: date, end_date: date) -> dict[str, str]:
    """Entries that start from ``start_date`` until ``end_date``. Toggl does not document
    whether ``end_date`` itself is included: callers send the day after the last they need."""
    if end_date <= start_date:
        raise ValueError(f"end_date {end_date} must be after start_date {start_date}")
    return {"start_date": start_date.isoformat(), "end_date": end_date.isoformat()}


def since_query(since: datetime) -> dict[str, str]:
    """Entries changed (deleted ones included) since ``since``, as a whole Unix time."""
    if since.tzinfo is None:
        raise ValueError("since must carry its time zone")
    return {"since": str(int(since.timestamp()))}


async def fetch_entry_list(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    auth: ApiAuth,
    query: dict[str, str],
    *,
    timeouts: Timeouts = Timeouts(),
    record: ExchangeRecord | None = None,
) -> EntryList:
    """One request for the list (``query`` from between_query or since_query)."""
    record = record if record is not None else ExchangeRecord()
    answer = await fetch_json(
        http,
        api_url,
        "GET",
        LIST_PATH,
        auth=auth,
        timeouts=timeouts,
        record=record,
        error_for=_list_error,
        expected="a list of time entries",
        params=query,
    )
    items = expect_list(answer, "a list of time entries")
    return EntryList(
        url=answer.url,
        body_text=answer.body_text,
        entries=[item for item in items if isinstance(item, dict)],
        elapsed_ms=answer.elapsed_ms,
        quota=answer.quota,
        request_id=answer.request_id,
    )


def _list_error(
    status: int, body: bytes, headers: httpx.Headers, request_id: str | None
) -> ApiError:
    said = server_message(body)
    said_part = f' The server said: "{said}".' if said else ""
    details: ErrorDetails = {"status": status, "request_id": request_id}
    if status == 400:
        # e.g. "start_date must not be earlier than 2024-09-16": the three-month limit.
        return BadRequest(
            "Toggl refused the list of your time entries (HTTP 400)."
            + (said_part or " It gave no reason."),
            **details,
        )
    if status == 403:
        return Forbidden(
            "Toggl refused the list of your time entries (HTTP 403)." + said_part, **details
        )
    if status == 404:
        return UnexpectedStatus(
            f"This API has no {LIST_PATH} list (HTTP 404): check the API URL." + said_part,
            **details,
        )
    return error_for_status(status, body, headers, 0, request_id)
