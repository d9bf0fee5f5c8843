"""The demo API's Reports search: Toggl's shapes, pagination, the refusing workspaces."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import date, datetime

import httpx
import pytest

from inspector.demo import reports
from inspector.demo.dataset import DEMO_API_TOKEN, DEMO_WORKSPACE_ID
from inspector.demo.server import DemoServer, demo_catalogue

GROUP_FIELDS = {
    "user_id",
    "username",
    "email",
    "description",
    "project_id",
    "project_name",
    "project_color",
    "project_hex",
    "client_name",
    "task_id",
    "task_name",
    "tag_ids",
    "tag_names",
    "billable",
    "hourly_rate_in_cents",
    "billable_amount_in_cents",
    "currency",
    "row_number",
    "time_entries",
}
TIME_ENTRY_FIELDS = {"id", "seconds", "start", "stop", "at", "at_tz"}
AUTH = (DEMO_API_TOKEN, "api_token")


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as demo:
        yield demo


def search_url(server: DemoServer, workspace_id: int = DEMO_WORKSPACE_ID) -> str:
    return f"{server.url}/reports/api/v3/workspace/{workspace_id}/search/time_entries"


def year_of(entry_id: int, server: DemoServer) -> int:
    for group in server.reports.groups:
        for entry in group["time_entries"]:
            if entry["id"] == entry_id:
                return datetime.fromisoformat(entry["start"]).year
    raise AssertionError(entry_id)


def year_body(year: int, **more: object) -> dict[str, object]:
    return {"start_date": f"{year}-01-01", "end_date": f"{year}-12-31", **more}


def test_the_old_entries_are_in_the_catalogue_and_v9_does_not_reach_them(server):
    old = [entry for entry in server.demo_ids() if entry.label.startswith("Old")]
    assert [entry.entry_id for entry in old] == [
        reports.OLD_RECENT_ID,
        reports.OLD_GROUPED_ID,
        reports.OLD_LATER_PAGE_ID,
        reports.ANCIENT_ID,
    ]
    assert [entry.entry_id for entry in demo_catalogue()] == [
        entry.entry_id for entry in server.demo_ids()
    ]
    for entry in old:
        answer = httpx.get(f"{server.url}/api/v9/me/time_entries/{entry.entry_id}", auth=AUTH)
        assert answer.status_code == 404


def test_rows_have_the_real_shapes_and_pages_carry_the_next_cursor(server):
    year = year_of(reports.OLD_LATER_PAGE_ID, server)
    cursor: dict[str, object] = {}
    pages = []
    while True:
        answer = httpx.post(search_url(server), json=year_body(year, **cursor), auth=AUTH)
        assert answer.status_code == 200, answer.text
        assert answer.headers["X-Toggl-Quota-Remaining"].isdigit()
        pages.append(answer.json())
        if "X-Next-ID" not in answer.headers:
            break
        cursor = {
            "first_id": int(answer.headers["X-Next-ID"]),
            "first_row_number": int(answer.headers["X-Next-Row-Number"]),
        }
    assert len(pages) >= 3 and all(len(page) <= reports.PAGE_SIZE for page in pages)
    rows = [row for page in pages for row in page]
    assert [row["row_number"] for row in rows] == list(range(1, len(rows) + 1))
    for row in rows:
        assert set(row) == GROUP_FIELDS
        for entry in row["time_entries"]:
            assert set(entry) == TIME_ENTRY_FIELDS
            assert entry["start"][-6:] in ("+01:00", "+02:00")  # the user's zone


def test_time_entry_ids_filter_the_rows_of_a_page(server):
    year = year_of(reports.OLD_LATER_PAGE_ID, server)
    ids = {"time_entry_ids": [reports.OLD_LATER_PAGE_ID]}
    first = httpx.post(search_url(server), json=year_body(year, **ids), auth=AUTH)
    assert first.json() == [] and first.headers["X-Next-Row-Number"] == "3"
    third = httpx.post(
        search_url(server),
        auth=AUTH,
        json=year_body(year, **ids, first_row_number=5, first_id=5_000_002_001),
    )  # page 3: rows 5 and 6
    assert [entry["id"] for row in third.json() for entry in row["time_entries"]] == [
        reports.OLD_LATER_PAGE_ID
    ]
    assert "X-Next-ID" not in third.headers


@pytest.mark.parametrize(
    ("workspace_id", "status", "said"),
    [
        (reports.PLAN_WORKSPACE_ID, 402, "Workspace needs to have this feature enabled"),
        (reports.FORBIDDEN_WORKSPACE_EXAMPLE, 403, "Workspace not found/accessible"),
    ],
)
def test_the_refusing_workspaces(server, workspace_id, status, said):
    answer = httpx.post(search_url(server, workspace_id), json=year_body(2024), auth=AUTH)
    assert (answer.status_code, answer.json()) == (status, said)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({}, "At least one parameter must be set"),
        (
            {"start_date": "2024-02-01", "end_date": "2024-01-31"},
            "end_date must not be earlier than start_date",
        ),
        ({"start_date": "2023-01-01", "end_date": "2024-12-31"}, "longer than 366 days"),
        ({"start_date": "2024-1-1"}, "Invalid start_date"),
        ({"start_date": 20240101}, "Invalid start_date"),
        ({"time_entry_ids": ["1"]}, "time_entry_ids must be a list of integers"),
        (year_body(2024, first_row_number=0), "Invalid first_row_number"),
        ([1], "must be a JSON object"),
    ],
)
def test_bad_parameters_answer_400_with_a_reason(server, body, said):
    answer = httpx.post(search_url(server), json=body, auth=AUTH)
    assert answer.status_code == 400
    assert said in answer.json()


def test_a_leap_year_is_one_span(server):
    answer = httpx.post(
        search_url(server), json={"start_date": "2024-01-01", "end_date": "2024-12-31"}, auth=AUTH
    )
    assert answer.status_code == 200
    assert (date(2024, 12, 31) - date(2024, 1, 1)).days + 1 == reports.MAX_SPAN_DAYS


def test_a_wrong_token_answers_401_and_an_unknown_path_404(server):
    assert (
        httpx.post(
            search_url(server), json=year_body(2024), auth=("0" * 32, "api_token")
        ).status_code
        == 401
    )
    assert httpx.post(f"{server.url}/reports/api/v3/nothing", json={}, auth=AUTH).status_code == 404


def test_a_delayed_search_can_be_waited_for_by_its_counter():
    with DemoServer(reports_delay_s=30) as demo:
        done = threading.Event()

        def ask() -> None:
            # The server stops while the answer is delayed.
            with contextlib.suppress(httpx.HTTPError):
                httpx.post(search_url(demo), json=year_body(2024), auth=AUTH, timeout=60)
            done.set()

        threading.Thread(target=ask, daemon=True).start()
        deadline = datetime.now().timestamp() + 10
        while not demo.received and datetime.now().timestamp() < deadline:
            done.wait(0.01)
        assert demo.received[-1].endswith("/search/time_entries")
        assert demo.served == []  # received, not answered
    assert done.wait(10)
