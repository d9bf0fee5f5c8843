"""The endpoints explaining an entry asks: workspace, its members, a project, the list of
one's own entries (between dates, or changed since), and a user's days in a report."""

from __future__ import annotations

import asyncio
import base64
from datetime import UTC, date, datetime

import httpx
import pytest

from inspector.api import errors
from inspector.api.auth import ApiAuth
from inspector.api.base_url import parse_api_url
from inspector.api.entry_lists import between_query, fetch_entry_list, since_query
from inspector.api.exchange import ExchangeRecord
from inspector.api.reports import user_days_body
from inspector.api.workspaces import (
    fetch_project,
    fetch_workspace,
    fetch_workspace_users,
    project_path,
    workspace_path,
    workspace_users_path,
)
from inspector.domain.report_rows import DateSpan

API = parse_api_url("https://api.example.test/base")
TOKEN = "C0NTEXTMARKER0000111122223333444"
AUTH = ApiAuth.for_token(TOKEN)


def answered(status: int, payload: object = None, content: bytes | None = None, **headers: str):
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if content is not None:
            return httpx.Response(status, content=content, headers=headers)
        return httpx.Response(status, json=payload, headers=headers)

    return handle, seen


def call(handler, make):
    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            try:
                return await make(http)
            except errors.ApiError as error:
                return error

    return asyncio.run(go())


# --- paths and queries ------------------------------------------------------------------
def test_paths_take_only_positive_ints():
    assert workspace_path(9) == "/api/v9/workspaces/9"
    assert workspace_users_path(9) == "/api/v9/workspaces/9/workspace_users"
    assert project_path(9, 7) == "/api/v9/workspaces/9/projects/7"
    for bad in ("9", True, 9.0):
        with pytest.raises(TypeError):
            workspace_path(bad)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            project_path(9, bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        project_path(0, 7)


def test_the_list_queries():
    assert between_query(date(2026, 11, 7), date(2026, 11, 10)) == {
        "start_date": "2026-11-07",
        "end_date": "2026-11-10",
    }
    with pytest.raises(ValueError):
        between_query(date(2026, 11, 7), date(2026, 11, 7))
    assert since_query(datetime(2026, 11, 1, tzinfo=UTC)) == {"since": "1793491200"}
    with pytest.raises(ValueError):
        since_query(datetime(2026, 11, 1))


def test_a_users_days_in_one_page():
    span = DateSpan(date(2026, 11, 7), date(2026, 11, 9))
    assert user_days_body(61, span, 50) == {
        "start_date": "2026-11-07",
        "end_date": "2026-11-09",
        "user_ids": [61],
        "page_size": 50,
    }
    with pytest.raises(ValueError):
        user_days_body(0, span, 50)


# --- answers ----------------------------------------------------------------------------
def test_a_workspace_is_asked_for_with_basic_auth_and_its_quota_recorded():
    handler, seen = answered(
        200, {"id": 9, "rounding": 1, "rounding_minutes": 15}, **{"X-Toggl-Quota-Remaining": "27"}
    )
    record = ExchangeRecord()
    workspace = call(handler, lambda http: fetch_workspace(http, API, AUTH, 9, record=record))
    assert workspace == {"id": 9, "rounding": 1, "rounding_minutes": 15}
    assert [str(r.url) for r in seen] == ["https://api.example.test/base/api/v9/workspaces/9"]
    expected = base64.b64encode(f"{TOKEN}:api_token".encode()).decode()
    assert seen[0].headers["Authorization"] == f"Basic {expected}"
    assert record.quota.remaining == 27 and record.attempts == 1


def test_workspace_users_include_indirect_members_and_keep_objects_only():
    handler, seen = answered(200, [{"uid": 1, "timezone": "Asia/Tokyo"}, 3, None])
    users = call(handler, lambda http: fetch_workspace_users(http, API, AUTH, 9))
    assert users == [{"uid": 1, "timezone": "Asia/Tokyo"}]
    assert seen[0].url.params["includeIndirect"] == "true"


def test_a_403_on_the_members_says_only_admins_may_list_them():
    handler, _ = answered(403, "User does not have access to this resource.")
    error = call(handler, lambda http: fetch_workspace_users(http, API, AUTH, 9))
    assert isinstance(error, errors.Forbidden)
    assert "Only the admins of workspace 9 may list its members (HTTP 403)" in error.message
    assert "User does not have access" in error.message


@pytest.mark.parametrize(
    ("status", "error_type", "words"),
    [
        (403, errors.Forbidden, "Project 7 of workspace 9 is not accessible"),
        (404, errors.NotFound, "Project 7 of workspace 9 was not found (HTTP 404)"),
        (400, errors.BadRequest, "Invalid project_id"),
        (402, errors.QuotaExhausted, "quota is used up"),
        (503, errors.ServerError, "HTTP 503"),
    ],
)
def test_a_project_error_is_named(status, error_type, words):
    body = "Invalid project_id" if status == 400 else "You have hit your hourly limit"
    handler, _ = answered(status, body)
    error = call(handler, lambda http: fetch_project(http, API, AUTH, 9, 7))
    assert type(error) is error_type
    assert words in error.message


def test_a_project_that_is_not_an_object_is_an_invalid_response():
    handler, _ = answered(200, [1, 2])
    error = call(handler, lambda http: fetch_project(http, API, AUTH, 9, 7))
    assert isinstance(error, errors.InvalidResponse)
    assert "a JSON array instead of a project" in error.message


def test_the_list_keeps_objects_and_the_body_verbatim():
    content = b'[{"id": 1, "start": "2026-11-08T09:00:00Z"},\n 2]'
    handler, seen = answered(200, content=content, **{"Content-Type": "application/json"})
    query = between_query(date(2026, 11, 7), date(2026, 11, 10))
    listed = call(handler, lambda http: fetch_entry_list(http, API, AUTH, query))
    assert listed.entries == [{"id": 1, "start": "2026-11-08T09:00:00Z"}]
    assert listed.body_text == content.decode()
    assert seen[0].url.path == "/base/api/v9/me/time_entries"
    assert dict(seen[0].url.params) == query


def test_a_list_refused_for_its_dates_says_the_servers_words():
    handler, _ = answered(400, "start_date must not be earlier than 2026-08-30")
    query = between_query(date(2026, 1, 1), date(2026, 1, 3))
    error = call(handler, lambda http: fetch_entry_list(http, API, AUTH, query))
    assert isinstance(error, errors.BadRequest)
    assert "start_date must not be earlier than 2026-08-30" in error.message


def test_a_secret_echoed_back_never_reaches_the_message():
    handler, _ = answered(403, f"token {TOKEN} refused")
    error = call(handler, lambda http: fetch_workspace(http, API, AUTH, 9))
    assert isinstance(error, errors.Forbidden)
    assert TOKEN not in error.message and "[redacted]" in error.message
