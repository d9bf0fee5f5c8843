"""Every row of the fault matrix through the service layer, over real loopback sockets."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fault_servers import (
    fail_dns_for,
    full_backlog_port,
    http_answer,
    refusing_port,
    scripted_server,
)
from fault_table import FAULT_ROWS, NOTED_ROWS, QUICK, SHOWN_ROWS

from inspector.api import errors
from inspector.api.base_url import ApiUrl
from inspector.api.retry import RetryWait
from inspector.credentials import Credential, CredentialResolver
from inspector.demo.server import DemoServer
from inspector.services import LookupRequest, LookupResult, NetworkSettings, failure_text
from inspector.services.lookup import EntryLookup, create_http_client

QUICK_ONE = NetworkSettings(connect_timeout_s=2, read_timeout_s=2, deadline_s=5, max_attempts=1)
FAST = NetworkSettings(connect_timeout_s=0.5, read_timeout_s=0.6, deadline_s=5.0, max_attempts=3)


@pytest.fixture(scope="module")
def server():
    with DemoServer() as demo:
        yield demo


def look_up(server_or_url, entry_id: int, network: NetworkSettings = FAST):
    """Run one lookup; return (outcome, waits, delays slept). Sleeps are recorded, not slept."""
    waits: list[RetryWait] = []
    slept: list[float] = []

    async def no_sleep(seconds: float) -> None:
        slept.append(seconds)

    async def go():
        url = server_or_url if isinstance(server_or_url, str) else server_or_url.url
        token = "5eed5eed5eed5eed5eed5eed5eed5eed"
        async with create_http_client() as http:
            lookup = EntryLookup(
                http,
                ApiUrl(url),
                CredentialResolver(fixed=Credential(token, "test")),
                network=network,
                sleep=no_sleep,
            )
            try:
                return await lookup.lookup(LookupRequest(entry_id), on_wait=waits.append)
            except errors.ApiError as error:
                return error

    return asyncio.run(go()), waits, slept


@pytest.mark.parametrize(
    ("entry_id", "error_name", "words"), FAULT_ROWS, ids=[str(row[0]) for row in FAULT_ROWS]
)
def test_every_row_of_the_fault_matrix_is_classified(server, entry_id, error_name, words):
    outcome, _, _ = look_up(server, entry_id, NetworkSettings(**QUICK))
    assert type(outcome).__name__ == error_name, outcome
    assert words in outcome.message


STATUS_ROWS = [
    # id, error class, words the message must contain, attempts
    (5_000_000_400, errors.BadRequest, "HTTP 400", 1),
    (5_000_000_401, errors.Unauthorized, "HTTP 401", 1),
    (5_000_000_402, errors.QuotaExhausted, "resets in 0:20:34", 1),
    (5_000_000_421, errors.FeatureNotOnPlan, "plan feature", 1),
    (5_000_000_403, errors.Forbidden, "User does not have access", 1),
    (5_000_000_404, errors.NotFound, "older than about three months", 1),
    (5_000_000_410, errors.Gone, "retired this endpoint", 1),
    (5_000_000_429, errors.RateLimited, "asks to wait 2 s", 3),
    (5_000_000_430, errors.RateLimited, "HTTP 429", 3),
    (5_000_000_500, errors.ServerError, "HTTP 500", 3),
    (5_000_000_502, errors.ServerError, "through its gateway (HTTP 502)", 3),
    (5_000_000_503, errors.ServerError, "unavailable for the moment (HTTP 503)", 3),
    (5_000_000_504, errors.ServerError, "did not answer its gateway in time (HTTP 504)", 3),
    (5_000_000_900, errors.InvalidResponse, "not valid JSON", 1),
    (5_000_000_901, errors.InvalidResponse, "JSON null", 1),
    (5_000_000_902, errors.InvalidResponse, "a JSON array", 1),
    (5_000_000_903, errors.InvalidResponse, "a JSON string", 1),
    (5_000_000_904, errors.InvalidResponse, 'id "5000000904" (str)', 1),
    (5_000_000_906, errors.InvalidResponse, "has no id", 1),
    (5_000_000_907, errors.InvalidResponse, "answered with entry 5000000001", 1),
    (5_000_000_908, errors.InvalidResponse, "larger than 10 MB", 1),
    (5_000_000_909, errors.InvalidResponse, "text/html instead of JSON", 1),
    (5_000_000_910, errors.ConnectionDropped, "before the answer was complete", 3),
    (5_000_000_913, errors.InvalidResponse, "Content-Encoding: gzip, gzip", 1),
    (5_000_000_914, errors.InvalidResponse, "larger than 10 MB once unpacked", 1),
    (5_000_000_915, errors.InvalidResponse, "did not ask for", 1),
    (5_000_000_916, errors.InvalidResponse, "holds a number of more than 4,300 digits", 1),
    (5_000_000_920, errors.ServerError, "HTTP 500", 3),
    (5_000_000_922, errors.RateLimited, "asks to wait a day or more", 1),  # never waited
    (5_000_000_923, errors.InvalidResponse, "header too long to read", 1),
    (5_000_000_924, errors.ServerError, '"502 Bad Gateway <b>edge</b> & co"', 3),
]


@pytest.mark.parametrize(
    ("entry_id", "error_type", "words", "attempts"),
    STATUS_ROWS,
    ids=[str(row[0]) for row in STATUS_ROWS],
)
def test_each_server_fault_is_classified_with_a_specific_message(
    server, entry_id, error_type, words, attempts
):
    outcome, waits, _ = look_up(server, entry_id)
    assert type(outcome) is error_type, outcome
    assert words in outcome.message
    assert outcome.record.attempts == attempts
    assert len(waits) == attempts - 1
    assert outcome.record.url.endswith(f"/api/v9/me/time_entries/{entry_id}")
    if outcome.status is not None:
        assert outcome.record.request_id  # the demo always sends one, as Toggl does


@pytest.mark.parametrize(
    ("entry_id", "code", "words"), SHOWN_ROWS, ids=[str(row[0]) for row in SHOWN_ROWS]
)
def test_hostile_answers_are_shown_with_the_anomaly_that_marks_them(server, entry_id, code, words):
    outcome, _, _ = look_up(server, entry_id)
    assert isinstance(outcome, LookupResult), outcome
    messages = [anomaly.message for anomaly in outcome.view.anomalies if anomaly.code == code]
    assert len(messages) == 1 and words in messages[0], outcome.view.anomalies


@pytest.mark.parametrize(("entry_id", "words"), NOTED_ROWS, ids=[str(row[0]) for row in NOTED_ROWS])
def test_a_header_not_taken_as_sent_is_noted_on_the_record(server, entry_id, words, caplog):
    with caplog.at_level("INFO", logger="inspector"):
        outcome, _, _ = look_up(server, entry_id)
    assert outcome.record.notes == [words]
    assert ("Notes", words) in outcome.record.lines()
    assert words in caplog.text


def test_a_5000_digit_retry_after_is_not_waited_for(server):
    outcome, waits, slept = look_up(server, 5_000_000_922)
    assert isinstance(outcome, errors.RateLimited)
    assert outcome.retry_after_s == 86_400.0
    assert waits == [] and slept == []
    assert "inf" not in outcome.message


def test_retry_after_in_seconds_and_as_a_date_are_honoured(server):
    _, _, slept = look_up(server, 5_000_000_429)
    assert slept == [2.0, 2.0]
    _, _, slept = look_up(server, 5_000_000_431)
    assert len(slept) == 2 and all(1.0 <= delay <= 3.0 for delay in slept)


def test_without_retry_after_the_backoff_grows_with_jitter(server):
    _, waits, slept = look_up(server, 5_000_000_430)
    assert [wait.failed_attempt for wait in waits] == [1, 2]
    assert 0.75 <= slept[0] <= 1.25 and 1.5 <= slept[1] <= 2.5


def test_a_flaky_server_is_retried_into_success(server):
    outcome, waits, _ = look_up(server, 5_000_000_520)
    assert isinstance(outcome, LookupResult)
    assert outcome.record.attempts == 2
    assert isinstance(waits[0].error, errors.ServerError)


def test_a_wrongly_typed_duration_is_shown_with_an_anomaly(server):
    outcome, _, _ = look_up(server, 5_000_000_905)
    assert isinstance(outcome, LookupResult)
    assert "bad_type_duration" in [a.code for a in outcome.view.anomalies]


def test_quota_exhausted_and_4xx_are_never_retried(server):
    for entry_id in (5_000_000_402, 5_000_000_403, 5_000_000_404, 5_000_000_400):
        outcome, waits, _ = look_up(server, entry_id)
        assert waits == [] and outcome.record.attempts == 1


def test_a_silent_server_hits_the_read_timeout(server):
    outcome, _, _ = look_up(
        server, 5_000_000_912, NetworkSettings(read_timeout_s=0.3, deadline_s=5, max_attempts=1)
    )
    assert type(outcome) is errors.RequestTimedOut
    assert "sent nothing for 0.3 s (read timeout)" in outcome.message


def test_a_dripping_server_is_stopped_by_the_deadline(server):
    outcome, _, _ = look_up(
        server, 5_000_000_911, NetworkSettings(read_timeout_s=2.0, deadline_s=1.5)
    )
    assert type(outcome) is errors.DeadlineExceeded
    assert "1.5 s deadline" in outcome.message


def test_a_deadline_after_several_attempts_says_how_many_once():
    """A 503, then silence: the deadline ends the second attempt. The message counts the
    attempts; failure_text does not count them again ("(2 attempts). Tried 2 times.")."""
    with scripted_server(http_answer(503, b'"Service Unavailable"')) as url:
        outcome, waits, _ = look_up(
            url, 1, NetworkSettings(read_timeout_s=5, deadline_s=1.5, max_attempts=3)
        )
    assert type(outcome) is errors.DeadlineExceeded, outcome
    assert len(waits) == 1
    assert failure_text(outcome) == (
        "No complete answer within the lookup's 1.5 s deadline (2 attempts)."
    )


def test_a_refused_connection(tmp_path):
    with refusing_port() as port:
        outcome, waits, _ = look_up(f"http://127.0.0.1:{port}", 1)
    assert type(outcome) is errors.ConnectionRefused
    assert "refused the connection" in outcome.message
    assert len(waits) == 2  # retried: a restarting server comes back


def test_a_connect_timeout():
    with full_backlog_port() as port:
        outcome, _, _ = look_up(
            f"http://127.0.0.1:{port}", 1, NetworkSettings(connect_timeout_s=0.3, max_attempts=1)
        )
    assert type(outcome) is errors.RequestTimedOut
    assert "within 0.3 s (connect timeout)" in outcome.message


def test_a_tls_failure_is_named_and_not_retried(server):
    https_to_plain_http = server.url.replace("http://", "https://")
    outcome, waits, _ = look_up(https_to_plain_http, 5_000_000_001)
    assert type(outcome) is errors.TlsFailure
    assert "secure (TLS) connection" in outcome.message
    assert waits == []


def test_a_dns_failure_is_named_and_not_retried(monkeypatch):
    fail_dns_for(monkeypatch, "entries.toggl.invalid")
    outcome, waits, _ = look_up("https://entries.toggl.invalid", 1)
    assert type(outcome) is errors.DnsFailure
    assert "could not be found (DNS)" in outcome.message
    assert waits == []


def test_a_wait_longer_than_the_deadline_allows_is_not_started(server):
    outcome, waits, _ = look_up(
        server, 5_000_000_429, NetworkSettings(deadline_s=1.0)
    )  # Retry-After 2 s > 1 s
    assert type(outcome) is errors.RateLimited
    assert waits == [] and outcome.record.attempts == 1


def test_the_request_details_never_hold_the_token(server):
    outcome, _, _ = look_up(server, 5_000_000_403)
    assert "5eed5eed" not in repr(outcome.record) and "5eed5eed" not in outcome.record.url


def test_an_httpx_transport_that_raises_something_unexpected_is_still_classified():
    async def go():
        def explode(request):
            raise httpx.UnsupportedProtocol("Request URL has an unsupported protocol")

        async with httpx.AsyncClient(transport=httpx.MockTransport(explode)) as http:
            lookup = EntryLookup(
                http,
                ApiUrl("https://api.example.test"),
                CredentialResolver(fixed=Credential("t" * 32, "test")),
                network=NetworkSettings(max_attempts=1),
            )
            with pytest.raises(errors.NetworkError):
                await lookup.lookup(LookupRequest(1))

    asyncio.run(go())


def test_a_certificate_this_computer_does_not_trust_is_said_plainly(tmp_path):
    pytest.importorskip("cryptography")
    from fault_servers import self_signed_https_server

    with self_signed_https_server(tmp_path) as (url, reached):
        outcome, waits, _ = look_up(url, 5_000_000_001)
    assert type(outcome) is errors.TlsFailure
    message = outcome.message
    assert "not trusted by this computer's trust store" in message
    assert "TLS inspection" in message and "root certificate" in message
    assert "5eed5eed" not in message
    assert reached == [] and waits == []  # nothing was sent over it, nor asked again


def test_certificates_are_checked_against_the_operating_systems_trust_store():
    import ssl

    import truststore

    from inspector.api.connection import trust_store_context

    context = trust_store_context()
    assert isinstance(context, truststore.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname

    async def transports():
        async with create_http_client() as http:
            return http._transport  # httpx keeps the client's transport there

    transport = asyncio.run(transports())
    assert isinstance(transport.ssl_context, truststore.SSLContext)


# --- proxies: HTTPS through the one the environment names; loopback never -----------------
def test_https_goes_through_the_configured_proxy_and_the_request_tab_says_so(monkeypatch):
    from fault_servers import RecordingProxy

    for name in ("NO_PROXY", "no_proxy", "https_proxy", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    with RecordingProxy() as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        outcome, _, _ = look_up("https://api.example.test", 5_000_000_001, QUICK_ONE)
    assert isinstance(outcome, errors.NetworkError)
    assert [r.split(b"\r\n")[0] for r in proxy.requests] == [
        b"CONNECT api.example.test:443 HTTP/1.1"
    ]
    assert b"Authorization" not in proxy.requests[0]  # the token only inside the tunnel
    assert outcome.record is not None and outcome.record.proxy == proxy.url
    assert ("Proxy", proxy.url) in outcome.record.lines()


@pytest.mark.parametrize("no_proxy", ["api.example.test", ".example.test", "*", "example.test"])
def test_no_proxy_is_honoured(monkeypatch, no_proxy):
    from fault_servers import RecordingProxy

    fail_dns_for(monkeypatch, "api.example.test")  # direct: fails here, sends nothing out
    with RecordingProxy() as proxy:
        monkeypatch.setenv("ALL_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", f"other.test, {no_proxy}")
        outcome, _, _ = look_up("https://api.example.test", 5_000_000_001, QUICK_ONE)
    assert type(outcome) is errors.DnsFailure
    assert proxy.requests == []
    assert outcome.record is not None
    assert ("Proxy", "none (direct connection)") in outcome.record.lines()
