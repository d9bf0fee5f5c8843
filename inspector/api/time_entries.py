"""GET /api/v9/me/time_entries/{id}: the request, and every answer mapped to a value or error."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx

from inspector.api.auth import ApiAuth, redacted_error
from inspector.api.base_url import ApiUrl
from inspector.api.errors import InvalidResponse
from inspector.api.exchange import ExchangeRecord, Quota, Timeouts
from inspector.api.transport import (
    OFF_THREAD_PARSE_BYTES,
    error_for_status,
    json_kind,
    read_json_body,
    send_capped,
)
from inspector.domain.entry_id import MAX_ENTRY_ID
from inspector.domain.json_reading import DuplicateKey


@dataclass(frozen=True)
class EntryResponse:
    """A 200 answer: the body verbatim, its parsed object, and what the headers told."""

    url: str  # without credentials (they travel in a header)
    body_text: str
    entry: dict[str, object]
    elapsed_ms: float
    quota: Quota
    request_id: str | None
    duplicate_keys: tuple[DuplicateKey, ...] = ()  # keys the answer holds more than once


def entry_path(entry_id: int) -> str:
    """The request path; only an int in range can get here, so only digits reach the URL."""
    if isinstance(entry_id, bool) or not isinstance(entry_id, int):
        raise TypeError(f"entry_id must be an int, not {type(entry_id).__name__}")
    if not 1 <= entry_id <= MAX_ENTRY_ID:
        raise ValueError(f"entry_id {entry_id} is out of range")
    return f"/api/v9/me/time_entries/{entry_id}"


def entry_query(meta: bool, include_sharing: bool) -> dict[str, str]:
    """Toggl reads booleans as strings; false options are simply left out."""
    query = {}
    if meta:
        query["meta"] = "true"
    if include_sharing:
        query["include_sharing"] = "true"
    return query


async def fetch_time_entry(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    auth: ApiAuth,
    entry_id: int,
    *,
    meta: bool,
    include_sharing: bool,
    timeouts: Timeouts = Timeouts(),
    record: ExchangeRecord | None = None,
) -> EntryResponse:
    """One attempt: return the entry or raise the ApiError subclass that says what happened.

    ``record`` (if given) is filled with what was sent and received, success or not.
    """
    record = record if record is not None else ExchangeRecord()
    url = api_url.join(entry_path(entry_id))
    params = entry_query(meta, include_sharing)
    response, body = await send_capped(
        http, api_url, "GET", url, auth=auth, timeouts=timeouts, record=record, params=params
    )
    if response.status_code != 200:
        raise redacted_error(
            error_for_status(
                response.status_code, body, response.headers, entry_id, record.request_id
            ),
            auth,
        )
    parse_args = (body, response.headers.get("Content-Type"), record.request_id)
    # A body of many kilobytes takes milliseconds to parse: off the thread that paints.
    entry, duplicate_keys = (
        await asyncio.to_thread(parse_entry_body, *parse_args)
        if len(body) > OFF_THREAD_PARSE_BYTES
        else parse_entry_body(*parse_args)
    )
    return EntryResponse(
        url=record.url,
        body_text=body.decode("utf-8", errors="replace"),
        entry=entry,
        elapsed_ms=record.elapsed_ms or 0.0,
        quota=record.quota,
        request_id=record.request_id,
        duplicate_keys=duplicate_keys,
    )


def parse_entry_body(
    body: bytes, content_type: str | None, request_id: str | None = None
) -> tuple[dict[str, object], tuple[DuplicateKey, ...]]:
    """The entry object and the keys it (or anything in it) repeats."""
    document = read_json_body(body, content_type, request_id, "a time entry")
    value = document.value
    if not isinstance(value, dict):
        raise InvalidResponse(
            f"The server answered with {json_kind(value)} instead of a time entry object.",
            status=200,
            request_id=request_id,
        )
    return value, document.duplicate_keys
