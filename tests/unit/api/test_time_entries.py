"""GET /api/v9/me/time_entries/{id} against an in-process httpx.MockTransport.

Every coroutine runs with asyncio.run inside a plain test (no pytest-asyncio here).
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.api import transport
from inspector.api.auth import ApiAuth
from inspector.api.base_url import ApiUrl, parse_api_url
from inspector.api.errors import (
    ApiError,
    BadRequest,
    ConnectionDropped,
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
    Unauthorized,
    UnexpectedStatus,
)
from inspector.api.exchange import Quota
from inspector.api.time_entries import (
    EntryResponse,
    entry_path,
    fetch_time_entry,
)

# A marker nobody would write by accident: any error message containing it leaked the token.
TOKEN = "MARKERTOKEN0c0ffee0c0ffee0c0ffee"
API = parse_api_url("https://api.example.test")
ENTRY_ID = 5_000_000_001
JSON_TYPE = "application/json; charset=utf-8"

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport handler that records every request and answers with ``respond``."""

    def __init__(self, respond: Handler) -> None:
        self.respond = respond
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.respond(request)


def fetch(
    handler: Handler,
    entry_id: int = ENTRY_ID,
    *,
    meta: bool = False,
    include_sharing: bool = False,
    api: ApiUrl = API,
) -> EntryResponse:
    async def go() -> EntryResponse:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await fetch_time_entry(
                client,
                api,
                ApiAuth.for_token(TOKEN),
                entry_id,
                meta=meta,
                include_sharing=include_sharing,
            )

    return asyncio.run(go())


def fetch_error(
    handler: Handler, expected: type[ApiError] = ApiError, **options: object
) -> ApiError:
    """Fetch, expect ``expected``, and check the token is nowhere in what a person sees."""
    with pytest.raises(expected) as caught:
        fetch(handler, **options)  # type: ignore[arg-type]
    error = caught.value
    assert TOKEN not in str(error)
    assert TOKEN not in repr(error)
    assert TOKEN not in error.message
    return error


def entry_json(entry_id: int = ENTRY_ID, **fields: object) -> dict[str, object]:
    return {
        "id": entry_id,
        "workspace_id": 8_200_001,
        "duration": 60,
        "start": "2024-12-16T17:05:25+00:00",
        "stop": "2024-12-16T17:06:25+00:00",
        **fields,
    }


def answer(
    status: int = 200,
    body: bytes | str = b"",
    *,
    content_type: str | None = JSON_TYPE,
    headers: dict[str, str] | None = None,
) -> Handler:
    all_headers = dict(headers or {})
    if content_type is not None:
        all_headers["Content-Type"] = content_type
    content = body.encode("utf-8") if isinstance(body, str) else body

    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=all_headers, content=content)

    return respond


def ok(**fields: object) -> Handler:
    return answer(200, json.dumps(entry_json(**fields)))


# --- the request ------------------------------------------------------------------------


def test_request_path_method_auth_and_accept() -> None:
    recorder = Recorder(ok())
    fetch(recorder)
    assert len(recorder.requests) == 1
    request = recorder.requests[0]
    assert request.method == "GET"
    assert request.url.scheme == "https"
    assert request.url.host == "api.example.test"
    assert request.url.path == f"/api/v9/me/time_entries/{ENTRY_ID}"
    expected = base64.b64encode(f"{TOKEN}:api_token".encode()).decode("ascii")
    assert request.headers["Authorization"] == f"Basic {expected}"
    assert request.headers["Accept"] == "application/json"
    # The token travels in the header only, never in the URL.
    assert TOKEN not in str(request.url)


def test_request_without_options_has_no_query() -> None:
    recorder = Recorder(ok())
    fetch(recorder, meta=False, include_sharing=False)
    url = recorder.requests[0].url
    assert url.query == b""
    assert dict(url.params) == {}


@pytest.mark.parametrize(
    ("meta", "include_sharing", "expected"),
    [
        (True, False, {"meta": "true"}),
        (False, True, {"include_sharing": "true"}),
        (True, True, {"meta": "true", "include_sharing": "true"}),
    ],
)
def test_request_query_carries_only_the_options_that_are_set(
    meta: bool, include_sharing: bool, expected: dict[str, str]
) -> None:
    recorder = Recorder(ok())
    fetch(recorder, meta=meta, include_sharing=include_sharing)
    params = recorder.requests[0].url.params
    assert dict(params) == expected
    for name in ("meta", "include_sharing"):
        assert len(params.get_list(name)) == (1 if name in expected else 0)


def test_request_keeps_the_api_url_path_prefix() -> None:
    recorder = Recorder(ok())
    fetch(recorder, api=parse_api_url("https://proxy.example.test/toggl/"))
    url = recorder.requests[0].url
    assert url.host == "proxy.example.test"
    assert url.path == f"/toggl/api/v9/me/time_entries/{ENTRY_ID}"


def test_request_for_the_largest_64_bit_id() -> None:
    largest = 2**63 - 1
    recorder = Recorder(answer(200, json.dumps(entry_json(largest))))
    response = fetch(recorder, largest)
    assert recorder.requests[0].url.path == f"/api/v9/me/time_entries/{largest}"
    assert response.entry["id"] == largest


# --- 200 --------------------------------------------------------------------------------


def test_success_returns_body_verbatim_and_parsed_entry() -> None:
    # Odd spacing, key order and non-ASCII text: body_text must be exactly what was sent.
    body = (
        '{"id": 5000000001,  "description":"R\u00e9union \u2615 \U0001f680 '
        '\u0645\u0631\u0627\u062c\u0639\u0629",\n "duration":-1, "stop":null, '
        '"tags":[],"zzz_unknown":{"a":[1,2]}}'
    )
    response = fetch(
        answer(
            200,
            body,
            headers={
                "X-Toggl-Quota-Remaining": "597",
                "X-Toggl-Quota-Resets-In": "3541",
                "X-Toggl-Request-Id": "req-0123456789abcdef",
            },
        ),
        meta=True,
    )
    assert isinstance(response, EntryResponse)
    assert response.body_text == body
    assert response.entry == json.loads(body)
    assert response.entry["zzz_unknown"] == {"a": [1, 2]}
    assert response.quota == Quota(remaining=597, resets_in_s=3541)
    assert response.request_id == "req-0123456789abcdef"
    assert response.url == f"https://api.example.test/api/v9/me/time_entries/{ENTRY_ID}?meta=true"
    assert TOKEN not in response.url


def test_elapsed_ms_is_how_long_the_answer_took() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(0.05)
        return ok()(request)

    response = fetch(slow)
    assert 50 <= response.elapsed_ms < 10_000  # milliseconds, of this request


def test_success_without_quota_or_request_id_headers() -> None:
    response = fetch(ok())
    assert response.quota == Quota(remaining=None, resets_in_s=None)
    assert response.request_id is None


@pytest.mark.parametrize("garbage", ["", "abc", "12.5", "1e3", "ten", "0x10"])
def test_garbage_quota_headers_read_as_unknown(garbage: str) -> None:
    response = fetch(
        answer(
            200,
            json.dumps(entry_json()),
            headers={
                "X-Toggl-Quota-Remaining": garbage,
                "X-Toggl-Quota-Resets-In": garbage,
            },
        )
    )
    assert response.quota == Quota(remaining=None, resets_in_s=None)


def test_one_quota_header_without_the_other() -> None:
    response = fetch(
        answer(200, json.dumps(entry_json()), headers={"X-Toggl-Quota-Resets-In": "120"})
    )
    assert response.quota == Quota(remaining=None, resets_in_s=120)


# --- error statuses ---------------------------------------------------------------------


def test_401_with_empty_body_is_unauthorized() -> None:
    error = fetch_error(answer(401, b"", headers={"X-Toggl-Request-Id": "r401"}), Unauthorized)
    assert error.status == 401
    assert error.request_id == "r401"
    assert "401" in str(error)
    assert "The server said" not in str(error)  # nothing was said


def test_403_json_string_body_is_forbidden_with_the_server_text() -> None:
    error = fetch_error(answer(403, b'"User does not have access to this resource"'), Forbidden)
    assert error.status == 403
    assert "User does not have access to this resource" in str(error)
    assert str(ENTRY_ID) in str(error)
    assert '""' not in str(error)  # the JSON string was decoded, not quoted twice


def test_404_is_not_found() -> None:
    error = fetch_error(answer(404, b'"Resource can not be found"'), NotFound)
    assert error.status == 404
    assert str(ENTRY_ID) in str(error)
    assert "404" in str(error)


def test_402_with_quota_headers_is_quota_exhausted_with_the_reset_time() -> None:
    error = fetch_error(
        answer(
            402,
            b'"You have hit your hourly limit"',
            headers={
                "X-Toggl-Quota-Remaining": "0",
                "X-Toggl-Quota-Resets-In": "1234",
            },
        ),
        QuotaExhausted,
    )
    assert error.status == 402
    assert error.resets_in_s == 1234
    assert "resets in 0:20:34" in str(error)
    assert "not retried" in str(error)
    assert "You have hit your hourly limit" in str(error)
    assert not error.retryable


def test_402_quota_told_by_the_body_alone_is_still_quota_exhausted() -> None:
    error = fetch_error(
        answer(402, b'"You have hit your hourly limit for API calls"'), QuotaExhausted
    )
    assert "resets in" not in str(error)


def test_402_about_a_plan_feature_is_not_the_quota() -> None:
    error = fetch_error(
        answer(402, b'"Workspace needs to have this feature enabled"'), FeatureNotOnPlan
    )
    assert error.status == 402
    assert "plan" in str(error)
    assert "Workspace needs to have this feature enabled" in str(error)
    assert not error.retryable


def test_400_is_a_bad_request_with_the_server_text() -> None:
    error = fetch_error(answer(400, b'"Invalid time entry ID"'), BadRequest)
    assert "HTTP 400" in str(error) and "Invalid time entry ID" in str(error)
    assert not error.retryable


@pytest.mark.parametrize(("header", "seconds"), [("7", 7.0), ("0", 0.0), ("soon", None)])
def test_429_carries_retry_after_in_seconds(header: str, seconds: float | None) -> None:
    error = fetch_error(
        answer(
            429,
            b"<html>slow down</html>",
            content_type="text/html",
            headers={"Retry-After": header},
        ),
        RateLimited,
    )
    assert error.retry_after_s == seconds
    assert error.retryable


def test_429_retry_after_as_an_http_date() -> None:
    from datetime import datetime, timedelta
    from email.utils import format_datetime

    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    error = fetch_error(answer(429, b"", headers={"Retry-After": when}), RateLimited)
    assert 25 <= error.retry_after_s <= 30


def test_410_is_gone() -> None:
    error = fetch_error(answer(410, b""), Gone)
    assert error.status == 410
    assert "410" in str(error)


def test_429_html_body_is_rate_limited_with_the_text_without_tags() -> None:
    page = (
        "<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n"
        "<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n"
        "</body>\r\n</html>\r\n"
    )
    error = fetch_error(answer(429, page, content_type="text/html"), RateLimited)
    assert error.status == 429
    text = str(error)
    assert '"429 Too Many Requests"' in text  # the page's title, not the whole page
    assert "nginx" not in text
    assert "<" not in text and ">" not in text
    assert "\r" not in text and "\n" not in text


def test_an_html_page_without_a_title_is_quoted_as_text() -> None:
    error = fetch_error(
        answer(502, "<html><body><p>Upstream  down</p></body></html>", content_type="text/html"),
        ServerError,
    )
    assert '"Upstream down"' in str(error)


@pytest.mark.parametrize(
    ("status", "body", "content_type", "said"),
    [
        (500, b'"Internal Server Error"', JSON_TYPE, "Internal Server Error"),
        (
            502,
            b"<html><body><h1>502 Bad Gateway</h1></body></html>",
            "text/html",
            "502 Bad Gateway",
        ),
        (503, b"<html><body>Service Unavailable</body></html>", "text/html", "Service Unavailable"),
        (599, b"", None, None),
    ],
)
def test_5xx_is_server_error(
    status: int, body: bytes, content_type: str | None, said: str | None
) -> None:
    error = fetch_error(answer(status, body, content_type=content_type), ServerError)
    assert error.status == status
    assert str(status) in str(error)
    if said is not None:
        assert said in str(error)
        assert "<" not in str(error)


@pytest.mark.parametrize("status", [418, 301, 409])
def test_other_statuses_are_unexpected(status: int) -> None:
    error = fetch_error(answer(status, b'"I am a teapot"'), UnexpectedStatus)
    assert error.status == status
    assert f"HTTP {status}" in str(error)
    assert "I am a teapot" in str(error)


def test_error_body_json_object_message_is_shown() -> None:
    error = fetch_error(
        answer(400, b'{"message": "start_date must not be earlier", "code": 1}'), BadRequest
    )
    assert "start_date must not be earlier" in str(error)


def test_long_error_body_is_shortened() -> None:
    error = fetch_error(answer(500, json.dumps("x" * 5000)), ServerError)
    assert "x" * 299 in str(error)
    assert "x" * 300 not in str(error)
    assert "\u2026" in str(error)


def test_every_status_error_carries_status_and_request_id() -> None:
    for status in (401, 402, 403, 404, 410, 418, 429, 500, 502, 503):
        error = fetch_error(answer(status, b"", headers={"X-Toggl-Request-Id": f"id-{status}"}))
        assert error.status == status
        assert error.request_id == f"id-{status}"


@settings(max_examples=60, deadline=None)
@given(
    status=st.integers(min_value=300, max_value=599).filter(lambda s: s != 200),
    body=st.text(max_size=200),
)
def test_any_non_200_is_an_api_error_with_status_and_no_token(status: int, body: str) -> None:
    error = fetch_error(answer(status, body))
    assert error.status == status
    assert not isinstance(error, InvalidResponse)


# --- 200 that is not a time entry --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "in_message"),
    [
        (b"{not json", JSON_TYPE, "not valid JSON"),
        (b"", JSON_TYPE, "not valid JSON"),
        (b"null", JSON_TYPE, "null"),
        (b"[1, 2, 3]", JSON_TYPE, "a JSON array"),
        (b'"an entry"', JSON_TYPE, "a JSON string"),
        (b"42", JSON_TYPE, "a JSON number"),
        (b'{"id": 1, "a": "\xff\xfe"}', JSON_TYPE, "not valid JSON"),
        (json.dumps(entry_json()).encode(), "text/html; charset=utf-8", "text/html"),
        (b"<html><body>Login</body></html>", "text/html", "text/html"),
    ],
)
def test_200_that_is_not_an_entry_object_is_invalid_response(
    body: bytes, content_type: str, in_message: str
) -> None:
    error = fetch_error(
        answer(200, body, content_type=content_type, headers={"X-Toggl-Request-Id": "r200"}),
        InvalidResponse,
    )
    assert error.status == 200
    assert error.request_id == "r200"
    assert in_message in str(error)


def _padded_entry(size: int) -> bytes:
    """A JSON object of exactly ``size`` bytes."""
    head, tail = b'{"id": 5000000001, "pad": "', b'"}'
    return head + b"x" * (size - len(head) - len(tail)) + tail


def test_body_of_exactly_the_limit_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "MAX_BODY_BYTES", 1024)
    body = _padded_entry(1024)
    assert len(body) == 1024
    response = fetch(answer(200, body))
    assert response.body_text == body.decode()


def test_body_one_byte_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "MAX_BODY_BYTES", 1024)
    error = fetch_error(answer(200, _padded_entry(1025)), InvalidResponse)
    assert error.status == 200
    assert "larger than" in str(error)


class Streamed:
    """A response body produced chunk by chunk, counting how much was pulled from it."""

    def __init__(self, chunk: bytes, count: int) -> None:
        self.chunk = chunk
        self.count = count
        self.pulled = 0

    async def body(self) -> AsyncIterator[bytes]:
        for _ in range(self.count):
            self.pulled += 1
            yield self.chunk

    def handler(self, status: int = 200) -> Handler:
        def respond(request: httpx.Request) -> httpx.Response:
            return httpx.Response(status, headers={"Content-Type": JSON_TYPE}, content=self.body())

        return respond


def test_oversized_streamed_body_stops_reading_at_the_real_limit() -> None:
    mib = 1024 * 1024
    assert 10 * mib == transport.MAX_BODY_BYTES
    stream = Streamed(b"[" + b" " * (mib - 1), count=64)  # would be 64 MiB if read to the end
    error = fetch_error(stream.handler(), InvalidResponse)
    assert "10 MB" in str(error)
    assert error.status == 200
    # Stopped at the first chunk past 10 MiB; a mock stream ignores the close, so the few
    # reads that finish httpx's generators still reach it (a closed socket would not).
    assert 11 <= stream.pulled <= 11 + transport._ABANDON_READS < 64


def test_oversized_error_body_is_refused_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "MAX_BODY_BYTES", 4096)
    stream = Streamed(b"x" * 1024, count=1000)
    error = fetch_error(stream.handler(status=500), InvalidResponse)
    assert error.status == 500
    assert 5 <= stream.pulled <= 5 + transport._ABANDON_READS < 1000


# --- no HTTP answer ---------------------------------------------------------------------


def raising(error_type: type[httpx.TransportError], text: str) -> Handler:
    def respond(request: httpx.Request) -> httpx.Response:
        raise error_type(text, request=request)

    return respond


def test_connect_error_is_network_error() -> None:
    error = fetch_error(raising(httpx.ConnectError, "[Errno 111] Connection refused"), NetworkError)
    assert not isinstance(error, RequestTimedOut)
    assert "Connection refused" in str(error)
    assert API.root in str(error)
    assert error.status is None


def test_dropped_connection_is_network_error() -> None:
    error = fetch_error(
        raising(httpx.RemoteProtocolError, "Server disconnected without sending a response."),
        ConnectionDropped,
    )
    assert not isinstance(error, RequestTimedOut)
    assert "closed the connection before the answer was complete" in str(error)
    assert error.retryable


@pytest.mark.parametrize(
    "timeout", [httpx.ReadTimeout, httpx.ConnectTimeout, httpx.WriteTimeout, httpx.PoolTimeout]
)
def test_timeouts_are_request_timed_out(timeout: type[httpx.TimeoutException]) -> None:
    error = fetch_error(raising(timeout, "timed out"), RequestTimedOut)
    assert isinstance(error, NetworkError)  # a timeout is a kind of network failure
    assert {httpx.ReadTimeout: "read timeout", httpx.ConnectTimeout: "connect timeout"}.get(
        timeout, timeout.__name__
    ) in str(error)
    assert API.root in str(error)
    assert error.status is None


def test_error_chain_does_not_carry_the_request() -> None:
    # The httpx exception (whose request holds the Authorization header) is not chained.
    with pytest.raises(NetworkError) as caught:
        fetch(raising(httpx.ConnectError, "refused"))
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


# --- entry_path -------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [True, False, "5", "5000000001", 5.0, None])
def test_entry_path_refuses_non_ints(bad: object) -> None:
    with pytest.raises(TypeError):
        entry_path(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [0, -1, -5_000_000_001, 2**63, 2**64])
def test_entry_path_refuses_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        entry_path(bad)


@given(st.integers(min_value=1, max_value=2**63 - 1))
def test_entry_path_is_digits_only(entry_id: int) -> None:
    path = entry_path(entry_id)
    prefix = "/api/v9/me/time_entries/"
    assert path.startswith(prefix)
    digits = path[len(prefix) :]
    assert digits.isascii() and digits.isdigit()
    assert int(digits) == entry_id


def test_invalid_id_sends_nothing() -> None:
    recorder = Recorder(ok())
    with pytest.raises(ValueError):
        fetch(recorder, 0)
    with pytest.raises(TypeError):
        fetch(recorder, True)
    assert recorder.requests == []


# --- bodies that break the decoders -----------------------------------------------------


def test_a_body_that_does_not_match_its_content_encoding_is_invalid_response() -> None:
    error = fetch_error(
        answer(200, b"not gzip at all", headers={"Content-Encoding": "gzip"}), InvalidResponse
    )
    assert "could not be decoded" in error.message


def test_json_nested_too_deeply_is_invalid_response_not_a_crash() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    error = fetch_error(answer(200, deep), InvalidResponse)
    assert "nested too deeply" in error.message
    fetch_error(answer(500, deep), ServerError)


def test_a_token_echoed_back_by_a_proxy_is_redacted() -> None:
    error = fetch_error(answer(403, json.dumps(f"Bad credentials {TOKEN}:api_token")), Forbidden)
    assert "[redacted]" in error.message


@pytest.mark.parametrize("garbage", ["1_000", "-5", "+3", "5.0"])
def test_quota_headers_must_be_plain_digits(garbage: str) -> None:
    response = fetch(
        answer(200, json.dumps(entry_json()), headers={"X-Toggl-Quota-Remaining": garbage})
    )
    assert response.quota.remaining is None


def test_a_token_echoed_in_its_authorization_header_form_is_redacted() -> None:
    import base64

    header = "Basic " + base64.b64encode(f"{TOKEN}:api_token".encode()).decode()
    error = fetch_error(
        answer(400, json.dumps(f"Bad request. Authorization: {header}")), BadRequest
    )
    assert base64.b64encode(f"{TOKEN}:api_token".encode()).decode() not in error.message
    assert "Authorization: Basic [redacted]" in error.message
