"""EntryLookup: credentials, then the request, then the entry's view, against a MockTransport."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import httpx
import keyring
import pytest
from helpers.keyring_fakes import EmptyKeyring, HangingKeyring

from inspector.api.base_url import parse_api_url
from inspector.api.errors import InvalidResponse, MissingCredentials, NotFound
from inspector.credentials import TOKEN_ENV, ActiveAccount, Credential, CredentialResolver
from inspector.domain.entry_view import RunState
from inspector.services import SOURCE_V9, LookupRequest, LookupResult
from inspector.services.lookup import EntryLookup

TOKEN = "SERVICEMARKER00001111222233334444"
API = parse_api_url("https://api.example.test")
ENTRY_ID = 5_000_000_002
NOW = datetime(2024, 12, 16, 18, 30, 0, tzinfo=UTC)


class CountingTransport:
    """A MockTransport handler answering ``body`` and counting what reached it."""

    def __init__(self, body: object, status: int = 200) -> None:
        self.body = body
        self.status = status
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json=self.body)


@pytest.fixture
def empty_keyring() -> Iterator[EmptyKeyring]:
    previous = keyring.get_keyring()
    backend = EmptyKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def entry(entry_id: int = ENTRY_ID, **fields: object) -> dict[str, object]:
    return {
        "id": entry_id,
        "workspace_id": 8_200_001,
        "project_id": None,
        "task_id": None,
        "billable": False,
        "start": "2024-12-16T17:05:25+00:00",
        "stop": None,
        "duration": -1,
        "description": "Debugging sync issue",
        "tags": [],
        "tag_ids": [],
        "duronly": True,
        "at": "2024-12-16T17:05:27.694469Z",
        "server_deleted_at": None,
        "user_id": 6_100_001,
        "uid": 6_100_001,
        "wid": 8_200_001,
        **fields,
    }


def fixed_credentials(source: str = "test") -> CredentialResolver:
    return CredentialResolver(environ={}, fixed=Credential(TOKEN, source))


def run_lookup(
    handler: Callable[[httpx.Request], httpx.Response],
    credentials: CredentialResolver,
    request: LookupRequest,
) -> LookupResult:
    async def go() -> LookupResult:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            lookup = EntryLookup(client, API, credentials, clock=lambda: NOW, local_zone=UTC)
            return await lookup.lookup(request)

    return asyncio.run(go())


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({}, RunState.RUNNING),
        ({"duration": -1734049107}, RunState.RUNNING),
        ({"duration": 3600, "stop": "2024-12-16T18:05:25+00:00"}, RunState.STOPPED),
        ({"duration": 0, "stop": "2024-12-16T17:05:25+00:00"}, RunState.STOPPED),
        ({"duration": 5400, "stop": None}, RunState.DURATION_ONLY),
    ],
)
def test_success_returns_the_view_with_its_run_state(
    fields: dict[str, object], state: RunState
) -> None:
    transport = CountingTransport(entry(**fields))
    request = LookupRequest(ENTRY_ID)
    result = run_lookup(transport, fixed_credentials(), request)
    assert isinstance(result, LookupResult)
    assert result.request == request
    assert result.view.run_state is state
    assert result.view.entry_id == ENTRY_ID
    assert result.response.entry == entry(**fields)
    assert result.credential_source == "test"
    assert result.source == SOURCE_V9
    assert len(transport.requests) == 1


def test_running_entry_elapsed_time_uses_the_injected_clock() -> None:
    result = run_lookup(CountingTransport(entry()), fixed_credentials(), LookupRequest(ENTRY_ID))
    # start 17:05:25, clock 18:30:00
    assert result.view.elapsed_seconds(NOW) == 5075.0


def test_options_and_token_reach_the_request() -> None:
    transport = CountingTransport(entry())
    run_lookup(
        transport, fixed_credentials(), LookupRequest(ENTRY_ID, meta=True, include_sharing=True)
    )
    sent = transport.requests[0]
    assert sent.url.path == f"/api/v9/me/time_entries/{ENTRY_ID}"
    assert dict(sent.url.params) == {"meta": "true", "include_sharing": "true"}
    expected = base64.b64encode(f"{TOKEN}:api_token".encode()).decode()
    assert sent.headers["Authorization"] == f"Basic {expected}"


def test_environment_credential_source_is_reported() -> None:
    credentials = CredentialResolver(environ={TOKEN_ENV: TOKEN})
    result = run_lookup(CountingTransport(entry()), credentials, LookupRequest(ENTRY_ID))
    assert result.credential_source == "environment"


@pytest.mark.parametrize("answered_id", [ENTRY_ID + 1, 1, str(ENTRY_ID), None])
def test_server_answering_another_entry_is_invalid_response(answered_id: object) -> None:
    body = entry()
    body["id"] = answered_id
    if answered_id is None:
        del body["id"]
    transport = CountingTransport(body)
    with pytest.raises(InvalidResponse) as caught:
        run_lookup(transport, fixed_credentials(), LookupRequest(ENTRY_ID))
    error = caught.value
    assert error.status == 200
    assert str(ENTRY_ID) in str(error)
    assert TOKEN not in str(error)
    assert len(transport.requests) == 1


def test_api_errors_pass_through() -> None:
    transport = CountingTransport("Resource can not be found", status=404)
    with pytest.raises(NotFound) as caught:
        run_lookup(transport, fixed_credentials(), LookupRequest(ENTRY_ID))
    assert caught.value.status == 404


def test_no_credential_raises_missing_credentials_and_sends_nothing(
    empty_keyring: EmptyKeyring,
) -> None:
    transport = CountingTransport(entry())
    credentials = CredentialResolver(
        environ={}, active=ActiveAccount("gone@example.com", False, API.origin)
    )
    with pytest.raises(MissingCredentials) as caught:
        run_lookup(transport, credentials, LookupRequest(ENTRY_ID))
    assert transport.requests == []
    assert len(empty_keyring.lookups) == 1
    message = str(caught.value)
    assert message == credentials.how_to_provide()
    assert "gone@example.com" in message and "Sign in again" in message


def test_invalid_json_body_from_the_service_is_invalid_response() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"Content-Type": "application/json"},
            content=json.dumps([entry()]).encode(),
        )

    with pytest.raises(InvalidResponse):
        run_lookup(handler, fixed_credentials(), LookupRequest(ENTRY_ID))


def test_a_keyring_that_never_answers_ends_at_the_deadline() -> None:
    from inspector.credentials import CredentialResolver
    from inspector.services import NetworkSettings

    hanging = HangingKeyring()  # an unlock prompt nobody answers
    previous = keyring.get_keyring()
    keyring.set_keyring(hanging)
    try:

        async def go():
            async with httpx.AsyncClient() as http:
                lookup = EntryLookup(
                    http,
                    parse_api_url("https://api.example.test"),
                    CredentialResolver(
                        environ={}, active=ActiveAccount("a@example.com", False, API.origin)
                    ),
                    network=NetworkSettings(deadline_s=0.3),
                )
                with pytest.raises(MissingCredentials, match=r"did not answer within 0\.3 s"):
                    await lookup.lookup(LookupRequest(1))

        started = time.monotonic()
        asyncio.run(go())
        assert time.monotonic() - started < 5  # the daemon thread does not hold up the exit
    finally:
        hanging.gate.set()
        keyring.set_keyring(previous)


def test_a_credential_verified_against_another_api_is_never_sent(
    memory_keyring,
) -> None:
    from inspector.credentials import KEYRING_SERVICE

    memory_keyring.set_password(KEYRING_SERVICE, "ana@example.com", "a" * 32)
    transport = CountingTransport(entry())
    toggl_account = ActiveAccount("ana@example.com", False, "https://api.track.toggl.com")
    credentials = CredentialResolver(environ={}, active=toggl_account)
    with pytest.raises(MissingCredentials) as caught:
        run_lookup(transport, credentials, LookupRequest(ENTRY_ID))
    assert transport.requests == []
    assert str(caught.value).startswith("No account is signed in for https://api.example.test.")
