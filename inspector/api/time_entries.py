"""GET /api/v9/me/time_entries/{id}: the request, and every answer mapped to a value or error."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass

import httpx

from inspector.api.base_url import ApiUrl
from inspector.api.errors import (
    ApiError,
    Forbidden,
    Gone,
    InvalidResponse,
    NetworkError,
    NotFound,
    QuotaExhausted,
    RateLimited,
    RequestTimedOut,
    ServerError,
    Unauthorized,
    UnexpectedStatus,
)
from inspector.domain.entry_id import MAX_ENTRY_ID

MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=10.0, pool=10.0)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Quota:
    remaining: int | None
    resets_in_s: int | None


@dataclass(frozen=True)
class EntryResponse:
    """A 200 answer: the body verbatim, its parsed object, and what the headers told."""

    url: str  # without credentials (they travel in a header)
    body_text: str
    entry: dict[str, object]
    elapsed_ms: float
    quota: Quota
    request_id: str | None


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


def basic_auth(token: str) -> httpx.BasicAuth:
    """Toggl's token form of Basic auth: the token as user name, the word api_token as password."""
    return httpx.BasicAuth(token, "api_token")


async def fetch_time_entry(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    token: str,
    entry_id: int,
    *,
    meta: bool,
    include_sharing: bool,
) -> EntryResponse:
    """Fetch one entry; return it or raise the ApiError subclass that says what happened."""
    url = api_url.join(entry_path(entry_id))
    params = entry_query(meta, include_sharing)
    started = time.perf_counter()
    try:
        async with http.stream("GET", url, params=params, auth=basic_auth(token),
                               headers={"Accept": "application/json"}) as response:
            body = await _read_capped(response)
    except httpx.DecodingError:
        raise InvalidResponse("The server's answer could not be decoded (its "
                              "Content-Encoding does not match the body).") from None
    except httpx.TimeoutException as error:
        raise RequestTimedOut(f"No answer from {api_url.root} in time "
                              f"({type(error).__name__}).") from None
    except httpx.TransportError as error:
        raise NetworkError(f"Could not reach {api_url.root}: {_describe(error)}") from None
    elapsed_ms = (time.perf_counter() - started) * 1000
    shown_url = str(response.request.url)
    request_id = response.headers.get("X-Toggl-Request-Id")
    if response.status_code != 200:
        error = error_for_status(response.status_code, body, response.headers, entry_id,
                                 request_id)
        if token and token in error.message:  # a proxy may echo the request back
            error.args = (error.message.replace(token, "[redacted]"),)
        raise error
    return EntryResponse(
        url=shown_url,
        body_text=body.decode("utf-8", errors="replace"),
        entry=parse_entry_body(body, response.headers.get("Content-Type"), request_id),
        elapsed_ms=elapsed_ms,
        quota=parse_quota(response.headers),
        request_id=request_id,
    )


async def _read_capped(response: httpx.Response) -> bytes:
    chunks = bytearray()
    async for chunk in response.aiter_bytes():
        chunks += chunk
        if len(chunks) > MAX_BODY_BYTES:
            raise InvalidResponse(
                f"The server's answer is larger than {MAX_BODY_BYTES // (1024 * 1024)} MB; "
                "it is not a time entry. Reading stopped.",
                status=response.status_code,
            )
    return bytes(chunks)


def parse_entry_body(body: bytes, content_type: str | None,
                     request_id: str | None = None) -> dict[str, object]:
    if content_type and "json" not in content_type.lower():
        raise InvalidResponse(f"The server answered with {content_type.split(';')[0]} "
                              "instead of JSON.", status=200, request_id=request_id)
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidResponse(f"The server's answer is not valid JSON ({error}).",
                              status=200, request_id=request_id) from None
    except RecursionError:
        raise InvalidResponse("The server's answer is JSON nested too deeply to be a time "
                              "entry.", status=200, request_id=request_id) from None
    if not isinstance(value, dict):
        shown = "null" if value is None else type(value).__name__
        raise InvalidResponse(f"The server answered with JSON {shown} instead of a time "
                              "entry object.", status=200, request_id=request_id)
    return value


def parse_quota(headers: httpx.Headers) -> Quota:
    return Quota(_int_header(headers, "X-Toggl-Quota-Remaining"),
                 _int_header(headers, "X-Toggl-Quota-Resets-In"))


def error_for_status(status: int, body: bytes, headers: httpx.Headers, entry_id: int,
                     request_id: str | None) -> ApiError:
    said = server_message(body)
    said_part = f' The server said: "{said}".' if said else ""
    kwargs = {"status": status, "request_id": request_id}
    if status == 401:
        return Unauthorized("The API token was refused (HTTP 401). Check TOGGL_API_TOKEN or "
                            "the token stored in the keyring." + said_part, **kwargs)
    if status == 403:
        return Forbidden(f"You do not have access to time entry {entry_id} (HTTP 403)."
                         + said_part, **kwargs)
    if status == 404:
        return NotFound(f"Time entry {entry_id} was not found (HTTP 404). It may not exist, "
                        "belong to someone else, or be older than about three months, which "
                        "this endpoint cannot reach.", **kwargs)
    if status == 402:
        quota = parse_quota(headers)
        resets = (f" The quota resets in {quota.resets_in_s} s."
                  if quota.resets_in_s is not None else "")
        return QuotaExhausted("Toggl's request quota is used up (HTTP 402)." + resets
                              + said_part, **kwargs)
    if status == 410:
        return Gone("Toggl has retired this endpoint (HTTP 410 Gone)." + said_part, **kwargs)
    if status == 429:
        return RateLimited("Too many requests to Toggl in a short time (HTTP 429). Wait a "
                           "moment and try again." + said_part, **kwargs)
    if 500 <= status <= 599:
        return ServerError(f"Toggl's server failed (HTTP {status})." + said_part, **kwargs)
    return UnexpectedStatus(f"Toggl answered HTTP {status}." + said_part, **kwargs)


def server_message(body: bytes, limit: int = 300) -> str:
    """The human part of an error body: a JSON string, a JSON object's message, or text."""
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return ""
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        value = None
    if isinstance(value, str):
        text = value
    elif isinstance(value, dict):
        text = str(value.get("message") or value.get("error") or text)
    else:
        text = " ".join(_TAG.sub(" ", text).split())  # an HTML page from a proxy
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _int_header(headers: httpx.Headers, name: str) -> int | None:
    value = (headers.get(name) or "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _describe(error: httpx.TransportError) -> str:
    detail = str(error) or type(error).__name__
    return detail if detail.endswith(".") else detail + "."
