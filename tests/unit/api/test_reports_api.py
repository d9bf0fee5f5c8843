"""api.reports: the request's path and body, the page cursor, and the account requests."""

from __future__ import annotations

import asyncio
from datetime import date

import httpx
import pytest

from inspector.api import errors
from inspector.api.base_url import parse_api_url
from inspector.api.reports import (
    PageCursor,
    fetch_default_workspace_id,
    fetch_workspaces,
    next_page,
    search_body,
    search_path,
)
from inspector.api.time_entries import basic_auth, secret_forms
from inspector.domain.report_rows import DateSpan

API = parse_api_url("https://api.example.test")
TOKEN = "APIREPORTSMARKER0000111122223333"


def test_the_path_takes_only_a_positive_int():
    assert search_path(8_200_001) == "/reports/api/v3/workspace/8200001/search/time_entries"
    for bad in ("8200001", True, 1.0):
        with pytest.raises(TypeError):
            search_path(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        search_path(0)


def test_the_body_asks_for_one_entry_in_one_span_and_sends_the_cursor_back():
    span = DateSpan(date(2024, 1, 1), date(2024, 12, 31))
    assert search_body(7, span, None) == {"start_date": "2024-01-01",
                                          "end_date": "2024-12-31", "time_entry_ids": [7]}
    assert search_body(7, span, PageCursor(901, 3)) == {
        "start_date": "2024-01-01", "end_date": "2024-12-31", "time_entry_ids": [7],
        "first_id": 901, "first_row_number": 3}


@pytest.mark.parametrize(("headers", "cursor"), [
    ({}, None),
    ({"X-Next-ID": "5000002001", "X-Next-Row-Number": "5"}, PageCursor(5_000_002_001, 5)),
])
def test_the_next_page_comes_from_the_headers(headers, cursor):
    assert next_page(httpx.Headers(headers)) == cursor


@pytest.mark.parametrize("headers", [{"X-Next-ID": "12"}, {"X-Next-Row-Number": "3"},
                                     {"X-Next-ID": "x", "X-Next-Row-Number": "3"}])
def test_half_or_garbled_cursors_are_refused(headers):
    with pytest.raises(errors.InvalidResponse, match="next-page cursor"):
        next_page(httpx.Headers(headers))


def run_account(handler, call):
    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            try:
                return await call(client, API, auth=basic_auth(TOKEN),
                                  secrets=secret_forms(TOKEN))
            except errors.ApiError as error:
                return error

    return asyncio.run(go())


def test_the_default_workspace_is_read_from_me_and_nothing_else_is_kept():
    body = {"id": 1, "api_token": TOKEN, "default_workspace_id": 8_200_001}
    assert run_account(lambda request: httpx.Response(200, json=body),
                       fetch_default_workspace_id) == 8_200_001
    for odd in (None, "8200001", 0, True):
        assert run_account(lambda request: httpx.Response(
            200, json={**body, "default_workspace_id": odd}), fetch_default_workspace_id) is None


def test_workspaces_are_listed_and_odd_items_passed_over():
    listed = [{"id": 8_200_001, "name": "Support"}, {"id": "x"}, None, {"id": 5}]
    found = run_account(lambda request: httpx.Response(200, json=listed), fetch_workspaces)
    assert [(w.workspace_id, w.name) for w in found] == [(8_200_001, "Support"), (5, "")]


def test_account_errors_are_typed_and_never_carry_the_token():
    outcome = run_account(lambda request: httpx.Response(403, json=f"no {TOKEN}"),
                          fetch_workspaces)
    assert isinstance(outcome, errors.Forbidden)
    assert "/api/v9/me/workspaces answered HTTP 403" in outcome.message
    assert TOKEN not in outcome.message
    assert isinstance(run_account(lambda request: httpx.Response(200, json={}),
                                  fetch_workspaces), errors.InvalidResponse)
    assert isinstance(run_account(lambda request: httpx.Response(200, text="<html>"),
                                  fetch_workspaces), errors.InvalidResponse)
