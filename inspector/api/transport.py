"""What every endpoint shares: one capped request, what went wrong on the wire, and what an
answer's status, headers and body mean before an endpoint gives them its own meaning.

The endpoints (time_entries, account, reports) build on it; none of them on another.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import re
import socket
import ssl
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx

from inspector.api.auth import ApiAuth, redacted_error
from inspector.api.base_url import ApiUrl
from inspector.api.connection import PROXY_EXTENSION
from inspector.api.content_coding import (
    ACCEPT_ENCODING,
    BodyTooLarge,
    CorruptEncoding,
    UnreadableEncoding,
    unpacker_for,
)
from inspector.api.errors import (
    ApiError,
    BadRequest,
    ConnectionDropped,
    ConnectionRefused,
    DnsFailure,
    ErrorDetails,
    FeatureNotOnPlan,
    Forbidden,
    Gone,
    InvalidResponse,
    NetworkError,
    NotFound,
    QuotaExhausted,
    RateLimited,
    RequestTimedOut,
    ServerError,
    TlsFailure,
    Unauthorized,
    UnexpectedStatus,
)
from inspector.api.exchange import ExchangeRecord, Quota, Timeouts, header_excerpt
from inspector.api.retry import RETRY_AFTER_CAP_S, parse_retry_after, retry_after_note
from inspector.domain.json_reading import JsonDocument, NumberTooLong, read_json
from inspector.domain.timestamps import format_duration

OFF_THREAD_PARSE_BYTES = 64 * 1024  # a typical answer is about 1 KB

log = logging.getLogger("inspector.api")

MAX_BODY_BYTES = 10 * 1024 * 1024
_ABANDON_READS = 16
# Every integer header Toggl sends fits in 64 bits (its servers are written in Go).
_INT64_MAX = 2**63 - 1
_QUOTA_HEADERS = ("X-Toggl-Quota-Remaining", "X-Toggl-Quota-Resets-In")


def httpx_timeout(timeouts: Timeouts) -> httpx.Timeout:
    return httpx.Timeout(
        connect=timeouts.connect_s,
        read=timeouts.read_s,
        write=timeouts.read_s,
        pool=timeouts.connect_s,
    )


_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_JSON_KIND = {
    type(None): "JSON null",
    list: "a JSON array",
    str: "a JSON string",
    int: "a JSON number",
    float: "a JSON number",
    bool: "a JSON boolean",
}


async def send_capped(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    method: str,
    url: str,
    *,
    auth: ApiAuth,
    timeouts: Timeouts,
    record: ExchangeRecord,
    params: dict[str, str] | None = None,
    json_body: object = None,
) -> tuple[httpx.Response, bytes]:
    """One request: the response (read) and its body, capped at MAX_BODY_BYTES.

    ``record`` is filled with what was sent and received; a failure on the wire raises the
    NetworkError (or InvalidResponse) that names it, with every form of the secret redacted.
    The status is the caller's to judge: each endpoint means something else by it.
    """
    record.method = method
    record.url = str(httpx.URL(url, params=params or {}))
    record.attempts += 1
    record.status = record.request_id = record.proxy = None
    record.notes = []
    request = http.build_request(
        method,
        url,
        params=params,
        json=json_body,
        # Only what _read_capped can unpack within the cap (never br, zstd, ...).
        headers={"Accept": "application/json", "Accept-Encoding": ACCEPT_ENCODING},
        timeout=httpx_timeout(timeouts),
    )
    started = time.perf_counter()
    try:
        response = await http.send(request, auth=auth.httpx_auth(), stream=True)
        try:
            record.status = response.status_code
            record.request_id = response.headers.get("X-Toggl-Request-Id")
            record.quota = parse_quota(response.headers)
            record.notes = header_notes(response.headers)
            for note in record.notes:
                log.info("%s %s: %s", method, record.url, note)
            body = await _read_capped(response)
        finally:
            await response.aclose()
    except httpx.HTTPError as error:
        raise redacted_error(transport_error(error, api_url, timeouts), auth) from None
    finally:
        record.elapsed_ms = (time.perf_counter() - started) * 1000
        # Marked by the app's transport (inspector.api.connection) as it sent the request.
        proxy = request.extensions.get(PROXY_EXTENSION)
        record.proxy = proxy if isinstance(proxy, str) else None
    return response, body


@dataclass(frozen=True)
class JsonAnswer:
    """A 200 whose body is JSON: the value, the body verbatim and what the headers told."""

    url: str  # without credentials
    value: object
    body_text: str
    elapsed_ms: float
    quota: Quota
    request_id: str | None


ErrorForStatus = Callable[[int, bytes, httpx.Headers, str | None], ApiError]


async def fetch_json(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    method: str,
    path: str,
    *,
    auth: ApiAuth,
    timeouts: Timeouts,
    record: ExchangeRecord,
    error_for: ErrorForStatus,
    expected: str,
    params: dict[str, str] | None = None,
    json_body: object = None,
) -> JsonAnswer:
    """One request whose 200 is JSON (``expected`` names what it should be, e.g. "a
    project"); any other status is ``error_for``'s ApiError, with the secret redacted."""
    response, body = await send_capped(
        http,
        api_url,
        method,
        api_url.join(path),
        auth=auth,
        timeouts=timeouts,
        record=record,
        params=params,
        json_body=json_body,
    )
    if response.status_code != 200:
        raise redacted_error(
            error_for(response.status_code, body, response.headers, record.request_id), auth
        )
    parse_args = (body, response.headers.get("Content-Type"), record.request_id, expected)
    # A list of a busy quarter's entries can be megabytes: parsed off the thread that paints.
    value = (
        await asyncio.to_thread(parse_json_body, *parse_args)
        if len(body) > OFF_THREAD_PARSE_BYTES
        else parse_json_body(*parse_args)
    )
    return JsonAnswer(
        url=record.url,
        value=value,
        body_text=body.decode("utf-8", errors="replace"),
        elapsed_ms=record.elapsed_ms or 0.0,
        quota=record.quota,
        request_id=record.request_id,
    )


def expect_object(answer: JsonAnswer, expected: str) -> dict[str, object]:
    """The answer's JSON object, or InvalidResponse naming what came instead."""
    if not isinstance(answer.value, dict):
        raise InvalidResponse(
            f"The server answered with {json_kind(answer.value)} instead of {expected}.",
            status=200,
            request_id=answer.request_id,
        )
    return answer.value


def expect_list(answer: JsonAnswer, expected: str) -> list[object]:
    """The answer's JSON array, or InvalidResponse naming what came instead."""
    if not isinstance(answer.value, list):
        raise InvalidResponse(
            f"The server answered with {json_kind(answer.value)} instead of {expected}.",
            status=200,
            request_id=answer.request_id,
        )
    return answer.value


def transport_error(error: httpx.HTTPError, api_url: ApiUrl, timeouts: Timeouts) -> ApiError:
    """Name what happened on the wire as specifically as the exception chain allows."""
    host = api_url.root
    if isinstance(error, httpx.DecodingError):
        return InvalidResponse(
            "The server's answer could not be decoded (its "
            "Content-Encoding does not match the body)."
        )
    if isinstance(error, httpx.ConnectTimeout):
        return RequestTimedOut(
            f"Could not connect to {host} within {timeouts.connect_s:g} s (connect timeout)."
        )
    if isinstance(error, httpx.ReadTimeout):
        return RequestTimedOut(
            f"{host} accepted the request but sent nothing for "
            f"{timeouts.read_s:g} s (read timeout)."
        )
    if isinstance(error, httpx.TimeoutException):
        return RequestTimedOut(f"No answer from {host} in time ({type(error).__name__}).")
    causes = list(_causes(error))
    untrusted = next((c for c in causes if isinstance(c, ssl.SSLCertVerificationError)), None)
    if untrusted is not None:
        reason = untrusted.verify_message or str(untrusted)
        return TlsFailure(
            f"The secure (TLS) connection to {host} failed: its certificate is not trusted "
            f"by this computer's trust store ({reason}). Nothing was sent. Behind TLS "
            "inspection (a company proxy or security software that re-signs HTTPS), the "
            "support desk should check that its root certificate is installed in this "
            "computer's certificate store; otherwise check the API URL. Certificate checks "
            "are never turned off."
        )
    if any(isinstance(cause, ssl.SSLError) for cause in causes):
        reason = next(str(c) for c in causes if isinstance(c, ssl.SSLError))
        return TlsFailure(
            f"The secure (TLS) connection to {host} failed: {reason}. Check "
            "the API URL, or a proxy that intercepts HTTPS."
        )
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        return DnsFailure(
            f"The host name in {host} could not be found (DNS). Check the "
            "API URL and the network connection."
        )
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return ConnectionRefused(f"{host} refused the connection: nothing is listening there.")
    if any(getattr(cause, "error_status_hint", None) == 431 for cause in causes):
        # h11 gives up on an answer whose headers pass 100 KB ("Receive buffer too long").
        return InvalidResponse(
            f"{host} sent a response header too long to read (over 100 KB of headers); "
            "the answer was not read."
        )
    if isinstance(error, (httpx.RemoteProtocolError, httpx.ReadError)):
        return ConnectionDropped(f"{host} closed the connection before the answer was complete.")
    detail = str(error) or type(error).__name__
    return NetworkError(f"Could not reach {host}: {detail.rstrip('.')}.")


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


async def _read_capped(response: httpx.Response) -> bytes:
    """The body, unpacked, at most MAX_BODY_BYTES of it before and after unpacking.

    The raw bytes are read and unpacked here, a piece at a time, letting the event loop run
    between pieces: a gzip bomb is refused after unpacking ten megabytes, in milliseconds,
    and the window keeps painting meanwhile (httpx would unpack each piece whole).
    """
    status = response.status_code
    try:
        unpacker = unpacker_for(response.headers.get("Content-Encoding"), MAX_BODY_BYTES)
    except UnreadableEncoding as error:
        await response.aclose()
        raise InvalidResponse(str(error), status=status) from None
    if response.is_stream_consumed:
        # Built in memory with its content already read (httpx.MockTransport, say):
        # nothing came over a socket, httpx has unpacked it, only the cap is left to check.
        if len(response.content) > MAX_BODY_BYTES:
            raise _too_large(status, unpacked=unpacker is not None)
        return response.content
    body = bytearray()
    received = 0
    chunks = response.aiter_raw()
    try:
        async for chunk in chunks:
            received += len(chunk)
            if received > MAX_BODY_BYTES:
                raise _too_large(status, unpacked=False)
            if unpacker is None:
                body += chunk
                continue
            for piece in unpacker.feed(chunk):
                body += piece
                await asyncio.sleep(0)  # a bomb unpacks in many pieces: let the loop run
        if unpacker is not None:
            for piece in unpacker.finish():
                body += piece
    except BodyTooLarge:
        await _abandon(response, chunks)
        raise _too_large(status, unpacked=True) from None
    except CorruptEncoding:
        await _abandon(response, chunks)
        raise InvalidResponse(
            "The server's answer could not be decoded (its Content-Encoding does not match "
            "the body).",
            status=status,
        ) from None
    except InvalidResponse:
        await _abandon(response, chunks)
        raise
    return bytes(body)


def _too_large(status: int, *, unpacked: bool) -> InvalidResponse:
    limit = f"{MAX_BODY_BYTES // (1024 * 1024)} MB"
    how = " once unpacked (it came compressed)" if unpacked else ""
    return InvalidResponse(
        f"The server's answer is larger than {limit}{how}; no answer of this API is that "
        "large. Reading stopped.",
        status=status,
    )


async def _abandon(response: httpx.Response, chunks: AsyncIterator[bytes]) -> None:
    """Stop reading a body half-way without leaving httpx's stream generators suspended.

    Left suspended, they are finalised later by the garbage collector in another task, where
    httpcore's clean-up fails ("async generator ignored GeneratorExit"). Closing the
    response and then reading on makes the read fail inside the generators (after what was
    already buffered), which finishes them here and now. A transport that ignores the close
    gets at most _ABANDON_READS more reads.
    """
    await response.aclose()
    with contextlib.suppress(Exception):
        for _ in range(_ABANDON_READS):
            if await anext(aiter(chunks), None) is None:
                break


def json_kind(value: object) -> str:
    """ "a JSON array", "JSON null", ...: what a person is told the server sent instead."""
    return "a JSON object" if isinstance(value, dict) else _JSON_KIND[type(value)]


def parse_json_body(
    body: bytes, content_type: str | None, request_id: str | None, expected: str
) -> object:
    """A 200's body as JSON, or InvalidResponse saying why it is not (``expected`` names
    what it should have been, e.g. "a time entry")."""
    return read_json_body(body, content_type, request_id, expected).value


def read_json_body(
    body: bytes, content_type: str | None, request_id: str | None, expected: str
) -> JsonDocument:
    """parse_json_body, with the keys the answer repeats (for the view to flag)."""
    if content_type and "json" not in content_type.lower():
        raise InvalidResponse(
            f"The server answered with {content_type.split(';')[0]} instead of JSON.",
            status=200,
            request_id=request_id,
        )
    try:
        return read_json(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidResponse(
            f"The server's answer is not valid JSON ({error}).", status=200, request_id=request_id
        ) from None
    except NumberTooLong as error:
        raise InvalidResponse(
            f"The server's answer {error}; not shown.",
            status=200,
            request_id=request_id,
        ) from None
    except RecursionError:
        raise InvalidResponse(
            f"The server's answer is JSON nested too deeply to be {expected}.",
            status=200,
            request_id=request_id,
        ) from None


def parse_quota(headers: httpx.Headers) -> Quota:
    return Quota(
        int_header(headers, "X-Toggl-Quota-Remaining"),
        int_header(headers, "X-Toggl-Quota-Resets-In"),
    )


def error_for_status(
    status: int, body: bytes, headers: httpx.Headers, entry_id: int, request_id: str | None
) -> ApiError:
    said = server_message(body)
    said_part = f' The server said: "{said}".' if said else ""
    wait = parse_retry_after(headers.get("Retry-After"))
    kwargs: ErrorDetails = {"status": status, "request_id": request_id, "retry_after_s": wait}
    if status == 400:
        return BadRequest(
            f"Toggl refused the request as malformed (HTTP 400).{said_part}", **kwargs
        )
    if status == 401:
        return Unauthorized(
            "Toggl did not accept the sign-in (HTTP 401): the API token or "
            "password is wrong, or was changed." + said_part,
            **kwargs,
        )
    if status == 403:
        return Forbidden(
            f"You do not have access to time entry {entry_id} (HTTP 403)." + said_part, **kwargs
        )
    if status == 404:
        return NotFound(
            f"Time entry {entry_id} was not found (HTTP 404). It may not exist, "
            "belong to someone else, or be older than about three months, which "
            "this endpoint cannot reach.",
            **kwargs,
        )
    if status == 402:
        return _payment_required(said, said_part, parse_quota(headers), kwargs)
    if status == 410:
        return Gone(
            "Toggl has retired this endpoint (HTTP 410 Gone); this version of the "
            "inspector cannot use it any more." + said_part,
            **kwargs,
        )
    if status == 429:
        asked = (
            ""
            if wait is None
            else " Toggl asks to wait a day or more."
            if wait >= RETRY_AFTER_CAP_S
            else f" Toggl asks to wait {wait:.0f} s."
        )
        return RateLimited(
            "Too many requests to Toggl in a short time (HTTP 429)." + asked + said_part, **kwargs
        )
    if 500 <= status <= 599:
        return ServerError(
            f"Toggl's server {_SERVER_TROUBLE.get(status, 'failed')} (HTTP {status})." + said_part,
            **kwargs,
        )
    return UnexpectedStatus(f"Toggl answered HTTP {status}." + said_part, **kwargs)


_SERVER_TROUBLE = {
    502: "could not be reached through its gateway",
    503: "is unavailable for the moment",
    504: "did not answer its gateway in time",
}
_QUOTA_WORDS = ("quota", "limit", "requests per hour", "api calls")
_PLAN_WORDS = ("feature", "plan", "subscription", "upgrade")


def _payment_required(said: str, said_part: str, quota: Quota, kwargs: ErrorDetails) -> ApiError:
    """402 is both "hourly quota used up" and "not on your plan": the body text tells them
    apart (quota headers may come on every answer). A quota 402 is never retried."""
    lowered = said.lower()
    if any(word in lowered for word in _PLAN_WORDS) and not any(
        word in lowered for word in _QUOTA_WORDS
    ):
        return FeatureNotOnPlan(
            "This needs a Toggl plan feature the workspace does not have (HTTP 402)." + said_part,
            **kwargs,
        )
    resets = ""
    if quota.resets_in_s is not None:
        resets = f" It resets in {format_duration(quota.resets_in_s)}"
        try:
            at = datetime.now().astimezone() + timedelta(seconds=quota.resets_in_s)
            resets += f" (at {at.strftime('%H:%M')} local time)."
        except OverflowError:  # past the year 9999: no clock time to tell
            resets += "."
    return QuotaExhausted(
        "Toggl's hourly request quota is used up (HTTP 402)."
        + resets
        + " Lookups are not retried until then."
        + said_part,
        resets_in_s=quota.resets_in_s,
        **kwargs,
    )


def server_message(body: bytes, limit: int = 300) -> str:
    """The human part of an error body: a JSON string, a JSON object's message, or text."""
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return ""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or a number too long to read
        value = None
    if isinstance(value, str):
        text = value
    elif isinstance(value, dict):
        text = str(value.get("message") or value.get("error") or text)
    elif title := _TITLE.search(text):
        text = _html_text(title.group(1))  # an HTML page from a proxy: its title
    else:
        text = _html_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _html_text(markup: str) -> str:
    """HTML as the plain text it reads as: tags dropped, then entities (``&lt;b&gt;`` is
    the text "<b>", shown as such, never as markup), white space folded."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def int_header(headers: httpx.Headers, name: str) -> int | None:
    """A header's non-negative whole number of 64 bits at most; None when absent or
    anything else (a 5,000-digit number included: no header of Toggl's holds one)."""
    value = (headers.get(name) or "").strip()
    if not (value.isascii() and value.isdigit()):
        return None
    digits = value.lstrip("0") or "0"
    if len(digits) > len(str(_INT64_MAX)) or int(digits) > _INT64_MAX:
        return None
    return int(digits)


def header_notes(headers: httpx.Headers) -> list[str]:
    """A sentence for each header the inspector did not take as sent, for the Request tab
    and the log: sent, but not a number it could use."""
    notes = []
    for name in _QUOTA_HEADERS:
        value = headers.get(name)
        if value is not None and value.strip() and int_header(headers, name) is None:
            notes.append(
                f"{name} {header_excerpt(value)} is not a whole number of 64 bits; ignored."
            )
    retry_note = retry_after_note(headers.get("Retry-After"))
    if retry_note is not None:
        notes.append(retry_note)
    return notes
