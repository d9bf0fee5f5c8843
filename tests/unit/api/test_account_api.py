"""GET /me (and /me/workspaces) to verify a sign-in, against httpx.MockTransport."""

from __future__ import annotations

import asyncio
import base64
import json

import httpx
import pytest

from inspector.api.account import fetch_identity, fetch_workspaces
from inspector.api.auth import ApiAuth
from inspector.api.base_url import parse_api_url
from inspector.api.errors import (
    ApiError,
    ConnectionRefused,
    Forbidden,
    InvalidResponse,
    NetworkError,
    NotFound,
    QuotaExhausted,
    Unauthorized,
)
from inspector.domain.identity import Identity

API = parse_api_url("https://api.example.test/base")
TOKEN = "abcdef0123456789abcdef0123456789"
ME = {
    "id": 42,
    "api_token": TOKEN,
    "email": "ana@example.com",
    "fullname": "Ana Lima",
    "default_workspace_id": 7,
    "timezone": "Europe/Lisbon",
}
WORKSPACES = [{"id": 3, "name": "Other"}, {"id": 7, "name": "Support"}]


def answering(
    me: object = ME,
    workspaces: object = WORKSPACES,
    *,
    me_status: int = 200,
    workspaces_status: int = 200,
    seen: list[httpx.Request] | None = None,
):
    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        if request.url.path.endswith("/me"):
            return httpx.Response(me_status, json=me)
        return httpx.Response(workspaces_status, json=workspaces)

    return handle


TOKEN_AUTH = ApiAuth.for_token(TOKEN)


def identify(handler, auth: ApiAuth = TOKEN_AUTH, **options) -> Identity:
    async def go() -> Identity:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            return await fetch_identity(http, API, auth, **options)

    return asyncio.run(go())


def test_identity_with_the_default_workspaces_name_and_never_the_token() -> None:
    seen: list[httpx.Request] = []
    identity = identify(answering(seen=seen))
    assert identity == Identity(42, "Ana Lima", "ana@example.com", 7, "Support", "Europe/Lisbon")
    assert TOKEN not in repr(identity)
    assert [r.url.path for r in seen] == ["/base/api/v9/me", "/base/api/v9/me/workspaces"]
    expected = base64.b64encode(f"{TOKEN}:api_token".encode()).decode()
    assert all(r.headers["Authorization"] == f"Basic {expected}" for r in seen)


def test_email_and_password_use_basic_auth_with_the_email() -> None:
    seen: list[httpx.Request] = []
    identify(answering(seen=seen), ApiAuth.for_password("ana@example.com", "pa:ss word"))
    expected = base64.b64encode(b"ana@example.com:pa:ss word").decode()
    assert seen[0].headers["Authorization"] == f"Basic {expected}"


def test_a_failing_workspaces_request_leaves_the_identity_without_a_name() -> None:
    identity = identify(answering(workspaces_status=500))
    assert identity.default_workspace_id == 7 and identity.default_workspace_name is None


def test_no_default_workspace_asks_no_second_request() -> None:
    seen: list[httpx.Request] = []
    identity = identify(answering({**ME, "default_workspace_id": None}, seen=seen))
    assert identity.default_workspace_id is None and len(seen) == 1
    assert identity.workspace_text() == "no default workspace"


@pytest.mark.parametrize(
    "status, error, words",
    [
        (401, Unauthorized, "did not accept these credentials (HTTP 401)"),
        (403, Forbidden, "refused this sign-in (HTTP 403)"),
        (404, NotFound, "no /api/v9/me endpoint (HTTP 404): check the API URL"),
        (402, QuotaExhausted, "quota is used up (HTTP 402)"),
    ],
)
def test_refusals_are_named_for_a_sign_in(status: int, error: type[ApiError], words: str) -> None:
    body = "You have hit your hourly limit for API calls" if status == 402 else TOKEN
    with pytest.raises(error) as raised:
        identify(answering(body, me_status=status))
    assert words in str(raised.value)
    assert TOKEN not in str(raised.value)  # even when the server echoes it back


@pytest.mark.parametrize(
    "body", [[], "text", {"id": "42", "email": "a@b.c"}, {"id": 42}, {"id": True, "email": "a@b.c"}]
)
def test_an_answer_that_is_not_a_user_is_invalid(body: object) -> None:
    with pytest.raises(InvalidResponse, match="could not be checked"):
        identify(answering(body))


def test_invalid_json_is_invalid_response() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"{not json")

    with pytest.raises(InvalidResponse, match="not valid JSON"):
        identify(handle)


@pytest.mark.parametrize(
    "cause, error, words",
    [
        (ConnectionRefusedError(), ConnectionRefused, "refused the connection"),
        (None, NetworkError, "Could not reach https://api.example.test/base: refused [redacted]."),
    ],
)
def test_transport_failures_are_named_and_redacted(
    cause: Exception | None, error: type[ApiError], words: str
) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused {TOKEN}", request=request) from cause

    with pytest.raises(ApiError) as raised:
        identify(handle)
    assert TOKEN not in str(raised.value)
    assert type(raised.value) is error
    assert words in str(raised.value)


def test_me_body_is_read_for_identity_only() -> None:
    """Unknown or odd fields do not matter; names are trimmed; a bad workspace id is none."""
    identity = identify(
        answering({**ME, "fullname": "  Ana  ", "default_workspace_id": -1, "extra": {"x": 1}})
    )
    assert identity.name == "Ana" and identity.default_workspace_id is None
    assert json.dumps(identity.__dict__).count(TOKEN) == 0


@pytest.mark.parametrize("odd", [None, "7", 0, -1, True, 7.0])
def test_only_a_positive_whole_number_is_a_default_workspace(odd: object) -> None:
    identity = identify(answering({**ME, "default_workspace_id": odd}))
    assert identity.default_workspace_id is None


def list_workspaces(handler) -> object:
    async def go() -> object:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            try:
                return await fetch_workspaces(http, API, ApiAuth.for_token(TOKEN))
            except ApiError as error:
                return error

    return asyncio.run(go())


def test_workspaces_are_listed_and_odd_items_passed_over() -> None:
    listed = [{"id": 8_200_001, "name": " Support "}, {"id": "x"}, None, {"id": 5}]
    found = list_workspaces(lambda request: httpx.Response(200, json=listed))
    assert [(w.workspace_id, w.name) for w in found] == [(8_200_001, "Support"), (5, "")]


@pytest.mark.parametrize(
    "answer, error",
    [
        (httpx.Response(403, json=f"no {TOKEN}"), Forbidden),
        (httpx.Response(200, json={}), InvalidResponse),
        (
            httpx.Response(200, text="<html>", headers={"Content-Type": "text/html"}),
            InvalidResponse,
        ),
    ],
)
def test_workspace_listing_errors_are_typed_and_never_carry_the_token(
    answer: httpx.Response, error: type[ApiError]
) -> None:
    outcome = list_workspaces(lambda request: answer)
    assert isinstance(outcome, error)
    assert TOKEN not in outcome.message
