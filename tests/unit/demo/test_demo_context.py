"""The demo API's endpoints for explaining an entry: the list of one's own entries (between
dates, or changed since), a workspace, its members, a project, a user's days in a report;
and the demo entries that show each explanation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from inspector.demo import explain_data, reports
from inspector.demo.account import TESTER_API_TOKEN
from inspector.demo.dataset import DEMO_API_TOKEN, DEMO_USER_ID
from inspector.demo.server import DemoServer
from inspector.demo.workspaces import ARCHIVED_PROJECT_ID, TOKYO_USER_ID
from inspector.domain.entry_view import build_entry_view

AUTH = (DEMO_API_TOKEN, "api_token")


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as demo:
        yield demo


@pytest.fixture
def client(server: DemoServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, auth=AUTH, timeout=10.0) as http:
        yield http


def start_of(server: DemoServer, entry_id: int) -> datetime:
    entry = server.entries.get(entry_id) or server.recently_deleted[entry_id]
    return datetime.fromisoformat(str(entry["start"]))


def days_around(moment: datetime) -> dict[str, str]:
    day = moment.date()
    return {
        "start_date": (day - timedelta(days=1)).isoformat(),
        "end_date": (day + timedelta(days=2)).isoformat(),
    }


# --- /me/time_entries -------------------------------------------------------------------
def test_the_list_between_dates_holds_the_entries_started_then_newest_first(server, client):
    start = start_of(server, explain_data.OVERLAP_FIRST_ID)
    answer = client.get("/api/v9/me/time_entries", params=days_around(start))
    assert answer.status_code == 200
    assert answer.headers["X-Toggl-Quota-Remaining"].isdigit()
    assert [entry["id"] for entry in answer.json()] == [
        explain_data.OVERLAP_SECOND_ID,
        explain_data.OVERLAP_FIRST_ID,
    ]
    assert "project_name" not in answer.json()[0]  # meta adds it, as on one entry
    with_meta = client.get("/api/v9/me/time_entries", params={**days_around(start), "meta": "1"})
    assert with_meta.json()[0]["project_name"] == "Support"


def test_the_end_date_itself_is_not_included(server, client):
    start = start_of(server, explain_data.OVERLAP_FIRST_ID)
    day = start.date()
    answer = client.get(
        "/api/v9/me/time_entries",
        params={"start_date": (day - timedelta(days=2)).isoformat(), "end_date": day.isoformat()},
    )
    assert answer.status_code == 200 and answer.json() == []


def test_since_lists_changed_entries_deleted_ones_included(server, client):
    since = int((datetime.now(UTC) - timedelta(days=30)).timestamp())
    answer = client.get("/api/v9/me/time_entries", params={"since": str(since)})
    assert answer.status_code == 200
    by_id = {entry["id"]: entry for entry in answer.json()}
    deleted = by_id[explain_data.DELETED_YESTERDAY_ID]
    assert deleted["server_deleted_at"] is not None
    assert 5_000_000_012 in by_id  # the deleted entry v9 still answers for, too
    single = client.get(f"/api/v9/me/time_entries/{explain_data.DELETED_YESTERDAY_ID}")
    assert single.status_code == 404  # v9 no longer answers for it
    dates = client.get(
        "/api/v9/me/time_entries", params=days_around(start_of(server, 5_000_000_040))
    )
    assert explain_data.DELETED_YESTERDAY_ID not in {entry["id"] for entry in dates.json()}


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"since": "1", "before": "2"}, "can not be present simultaneously"),
        ({"since": "yesterday"}, "Invalid since"),
        ({"start_date": "2026-01-01"}, "must be given together"),
        ({"start_date": "2001-01-01", "end_date": "2001-01-03"}, "must not be earlier than"),
        ({"start_date": "today", "end_date": "2001-01-03"}, "Invalid start_date"),
    ],
)
def test_a_bad_list_query_answers_400(client, params, words):
    answer = client.get("/api/v9/me/time_entries", params=params)
    assert answer.status_code == 400
    assert words in answer.json()


def test_another_account_lists_none_of_the_demo_entries(server):
    with httpx.Client(base_url=server.url, auth=(TESTER_API_TOKEN, "api_token")) as http:
        answer = http.get("/api/v9/me/time_entries", params={"since": "0"})
    assert answer.status_code == 200 and answer.json() == []


# --- workspaces, members, projects ------------------------------------------------------
def test_workspaces_say_their_rounding(client):
    support = client.get("/api/v9/workspaces/8200001").json()
    assert support["id"] == 8_200_001 and support["rounding_minutes"] == 0 and support["admin"]
    agency = client.get("/api/v9/workspaces/8200005").json()
    assert (agency["rounding"], agency["rounding_minutes"], agency["admin"]) == (1, 15, False)
    assert client.get("/api/v9/workspaces/8200003").status_code == 404  # not a member


def test_only_an_admin_lists_the_members_with_their_time_zones(client):
    members = client.get(
        "/api/v9/workspaces/8200001/workspace_users", params={"includeIndirect": "true"}
    )
    assert members.status_code == 200
    zones = {member["uid"]: member["timezone"] for member in members.json()}
    assert zones == {DEMO_USER_ID: "Europe/Berlin", TOKYO_USER_ID: "Asia/Tokyo"}
    for workspace in (8_200_002, 8_200_005, 8_200_003):
        refused = client.get(f"/api/v9/workspaces/{workspace}/workspace_users")
        assert refused.status_code == 403
        assert refused.json() == "User does not have access to this resource."
        assert refused.headers["X-Toggl-Quota-Remaining"].isdigit()


def test_projects_say_their_status(client):
    archived = client.get(f"/api/v9/workspaces/8200001/projects/{ARCHIVED_PROJECT_ID}").json()
    assert (archived["status"], archived["active"], archived["name"]) == (
        "archived",
        False,
        "Legacy migration",
    )
    assert client.get("/api/v9/workspaces/8200001/projects/201000003").status_code == 404
    assert client.get("/api/v9/workspaces/8200003/projects/201000001").status_code == 403
    assert client.get("/api/v9/workspaces/8200001/projects/x").status_code == 404


# --- reports: another member's days -----------------------------------------------------
def test_a_users_days_come_in_one_page_of_the_size_asked(server, client):
    group = next(
        g for g in server.reports.groups if g["time_entries"][0]["id"] == reports.OTHER_ZONE_ID
    )
    start = datetime.fromisoformat(group["time_entries"][0]["start"])
    body = {
        "start_date": (start.date() - timedelta(days=1)).isoformat(),
        "end_date": (start.date() + timedelta(days=1)).isoformat(),
        "user_ids": [TOKYO_USER_ID],
        "page_size": 50,
    }
    answer = client.post("/reports/api/v3/workspace/8200001/search/time_entries", json=body)
    assert answer.status_code == 200 and "X-Next-ID" not in answer.headers
    ids = [entry["id"] for row in answer.json() for entry in row["time_entries"]]
    assert ids == [reports.OTHER_ZONE_ID, 5_000_002_201]
    assert {row["user_id"] for row in answer.json()} == {TOKYO_USER_ID}
    bad = client.post(
        "/reports/api/v3/workspace/8200001/search/time_entries", json={**body, "page_size": 0}
    )
    assert bad.status_code == 400


def test_the_other_members_entries_are_found_by_id_on_the_first_page(client):
    for workspace, entry_id in (
        (8_200_001, reports.OTHER_ZONE_ID),
        (8_200_005, reports.MEMBERS_FORBIDDEN_ID),
    ):
        year = datetime.now(UTC).year
        answer = client.post(
            f"/reports/api/v3/workspace/{workspace}/search/time_entries",
            json={
                "start_date": f"{year}-01-01",
                "end_date": f"{year}-12-31",
                "time_entry_ids": [entry_id],
            },
        )
        ids = [entry["id"] for row in answer.json() for entry in row["time_entries"]]
        assert ids == [entry_id], workspace
        assert client.get(f"/api/v9/me/time_entries/{entry_id}").status_code == 404


# --- the entries themselves ---------------------------------------------------------------
def test_the_explain_entries_are_odd_only_where_meant():
    now = datetime.now(UTC)
    entries, deleted, catalogue = explain_data.build_explain_entries(now)
    for raw in entries.values():
        assert build_entry_view(raw, now, UTC).anomalies == (), raw["id"]
    [gone] = deleted.values()
    assert [a.code for a in build_entry_view(gone, now, UTC).anomalies] == ["deleted"]
    assert {item.entry_id for item in catalogue} == set(entries) | set(deleted)
    assert all(item.label.startswith("Explain: ") for item in catalogue)


def test_labels_are_no_wider_than_the_demo_list_was_made_for():
    # The window's demo list sizes itself to the longest label: a longer one widens the
    # window past the smallest screens (and the offscreen one).
    _, _, catalogue = explain_data.build_explain_entries()
    explaining = catalogue + [e for e in reports.build_reports().catalogue if "Explain" in e.label]
    assert len(explaining) == 13
    assert all(len(item.label) <= 39 for item in explaining)


def test_an_hourly_quota_runs_down_with_every_answer_then_answers_402():
    with (
        DemoServer(hourly_quota=2) as demo,
        httpx.Client(base_url=demo.url, auth=AUTH, timeout=10.0) as http,
    ):
        left = [
            http.get("/api/v9/workspaces/8200001").headers["X-Toggl-Quota-Remaining"],
            http.get("/api/v9/me/time_entries/5000000001").headers["X-Toggl-Quota-Remaining"],
        ]
        used_up = http.get("/api/v9/workspaces/8200001")
    assert left == ["1", "0"]
    assert used_up.status_code == 402 and "hourly limit" in used_up.json()
    assert used_up.headers["X-Toggl-Quota-Remaining"] == "0"
