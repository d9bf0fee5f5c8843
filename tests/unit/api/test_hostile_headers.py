"""Headers and error bodies a hostile or broken server may send (issue #12, the small
things): each read as far as it makes sense, the rest noted, never a traceback."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest
from test_time_entries import answer, entry_json, fetch, fetch_error

from inspector.api.errors import DeadlineExceeded, QuotaExhausted, RateLimited, ServerError
from inspector.api.exchange import ExchangeRecord, Quota
from inspector.api.retry import RETRY_AFTER_CAP_S, parse_retry_after, retry_after_note
from inspector.api.transport import header_notes, int_header, server_message
from inspector.services import failure_text

LONG = "9" * 5000


def test_a_5000_digit_retry_after_is_a_day_and_said_so() -> None:
    error = fetch_error(answer(429, b"", headers={"Retry-After": LONG}), RateLimited)
    assert error.retry_after_s == RETRY_AFTER_CAP_S
    assert "Toggl asks to wait a day or more." in error.message
    assert "inf" not in error.message


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("86400", 86_400.0),
        ("86401", 86_400.0),
        ("00000000000000000000007", 7.0),
        (LONG, 86_400.0),
        ("Fri, 31 Dec 9999 23:59:59 GMT", 86_400.0),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("Wed, 99 Foo 99999999999 99:99:99 GMT", None),
        ("1e9", None),
        ("-5", None),
    ],
)
def test_retry_after_is_read_up_to_a_day(header: str, seconds: float | None) -> None:
    assert parse_retry_after(header, datetime(2026, 1, 1, tzinfo=UTC)) == seconds


def test_a_retry_after_not_taken_as_sent_has_a_note() -> None:
    assert retry_after_note("7") is None
    assert retry_after_note(None) is None
    assert retry_after_note(LONG) == (
        "Retry-After '" + "9" * 39 + "…' (5,000 characters) asks for a day or more; read as "
        "one day."
    )
    assert retry_after_note("soon\x1b[2J") == (
        "Retry-After 'soon\\x1b[2J' is neither seconds nor a date; ignored."
    )


def test_a_5000_digit_quota_header_is_ignored_with_a_note() -> None:
    response = fetch(
        answer(200, json.dumps(entry_json()), headers={"X-Toggl-Quota-Remaining": LONG})
    )
    assert response.quota == Quota(remaining=None, resets_in_s=None)


@pytest.mark.parametrize(
    ("value", "read"),
    [("0", 0), ("599", 599), (str(2**63 - 1), 2**63 - 1), (str(2**63), None), (LONG, None)],
)
def test_integer_headers_are_read_up_to_64_bits(value: str, read: int | None) -> None:
    assert int_header(httpx.Headers({"X-Next-ID": value}), "X-Next-ID") == read


def test_header_notes_name_each_header_not_taken_as_sent() -> None:
    headers = httpx.Headers(
        {"X-Toggl-Quota-Remaining": LONG, "X-Toggl-Quota-Resets-In": "12", "Retry-After": "x"}
    )
    assert header_notes(headers) == [
        "X-Toggl-Quota-Remaining '" + "9" * 39 + "…' (5,000 characters) is not a whole number "
        "of 64 bits; ignored.",
        "Retry-After 'x' is neither seconds nor a date; ignored.",
    ]
    assert header_notes(httpx.Headers({"X-Toggl-Quota-Remaining": "5"})) == []


def test_a_quota_reset_past_the_year_9999_is_still_a_sentence() -> None:
    error = fetch_error(
        answer(
            402,
            b'"You have hit your hourly limit for API calls."',
            headers={"X-Toggl-Quota-Resets-In": str(2**63 - 1)},
        ),
        QuotaExhausted,
    )
    assert "It resets in " in error.message and "local time" not in error.message


def test_an_error_body_of_a_5000_digit_number_is_quoted_as_text() -> None:
    error = fetch_error(answer(500, LONG.encode()), ServerError)
    assert 'The server said: "999' in error.message


def test_a_proxy_pages_escaped_title_is_quoted_as_the_text_it_reads_as() -> None:
    page = (
        b"<html><head><title>502 &lt;b&gt;Bad&lt;/b&gt; Gateway &amp; co&#33;</title></head></html>"
    )
    assert server_message(page) == "502 <b>Bad</b> Gateway & co!"
    body = b"<html><body><h1>Oops</h1><p>a &lt; b &amp;&amp; c &gt; d</p></body></html>"
    assert server_message(body) == "Oops a < b && c > d"
    assert server_message(json.dumps("&lt;kept&gt; as sent").encode()) == "&lt;kept&gt; as sent"


def test_the_attempts_are_said_once() -> None:
    record = ExchangeRecord(attempts=3)
    deadline = DeadlineExceeded(
        "No complete answer within the lookup's 60 s deadline (3 attempts).", tells_attempts=True
    )
    deadline.record = record
    assert failure_text(deadline) == (
        "No complete answer within the lookup's 60 s deadline (3 attempts)."
    )
    server = ServerError("Toggl's server failed (HTTP 500).")
    server.record = record
    assert failure_text(server) == "Toggl's server failed (HTTP 500). Tried 3 times."
