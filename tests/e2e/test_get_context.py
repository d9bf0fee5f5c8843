"""`toggl-inspector get --context` and `--format report` in their own process, against the
demo API on a real socket in this one (so what reached it can be counted)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from e2e_process import run

from inspector.demo import explain_data, reports
from inspector.demo.server import DemoServer

CONTEXT_KEYS = {
    "owner_time_zone",
    "owner_start",
    "day_differs",
    "neighbours",
    "project",
    "explanations",
}
BASE_KEYS = {
    "id",
    "source",
    "state",
    "deleted",
    "start",
    "stop",
    "duration_seconds",
    "anomalies",
    "requests",
}


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer() as demo:
        yield demo


def get(server: DemoServer, tmp_path, *args: str):
    done = run(
        ["get", *args, "--api-url", server.url],
        tmp_path,
        TOGGL_API_TOKEN=server.token,
        TZ="UTC",
    )
    assert server.token not in (done.stdout + done.stderr).decode()
    return done


def test_context_adds_the_explanations_and_what_they_cost(server, tmp_path):
    done = get(server, tmp_path, str(explain_data.OVERLAP_FIRST_ID), "--context")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    at = lines.index("Explanations:")
    assert lines[at + 1].startswith(
        f"  - Overlaps entry {explain_data.OVERLAP_SECOND_ID} by 0:15:00"
    )
    # A token from the environment has no saved profile: its zone costs one request to /me.
    [cost] = [line for line in lines if line.startswith("Context: ")]
    assert cost.startswith("Context: 4 requests, quota left ")
    assert server.received == [
        f"/api/v9/me/time_entries/{explain_data.OVERLAP_FIRST_ID}",
        "/api/v9/me",
        "/api/v9/me/time_entries",
        "/api/v9/workspaces/8200001/projects/201000001",
        "/api/v9/workspaces/8200001",
    ]
    assert done.stderr == b""


def test_without_context_nothing_but_the_lookup_is_sent(server, tmp_path):
    done = get(server, tmp_path, str(explain_data.DUPLICATE_ID), "--format", "report")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == BASE_KEYS | {"stop_derived"}
    assert report == {
        **report,
        "id": explain_data.DUPLICATE_ID,
        "source": "v9",
        "state": "stopped",
        "deleted": False,
        "duration_seconds": 5400,
        "anomalies": [],
        "requests": 1,
    }
    assert report["start"].endswith("T14:00:00Z") and report["stop"].endswith("T15:30:00Z")
    assert server.received == [f"/api/v9/me/time_entries/{explain_data.DUPLICATE_ID}"]


def test_a_report_of_another_users_entry_in_their_zone(server, tmp_path):
    done = get(
        server,
        tmp_path,
        str(reports.OTHER_ZONE_ID),
        "--reports",
        "--context",
        "--format",
        "report",
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) >= BASE_KEYS | CONTEXT_KEYS
    assert (report["source"], report["owner_time_zone"], report["day_differs"]) == (
        "reports",
        "Asia/Tokyo",
        True,
    )
    assert report["owner_start"].endswith("T05:30:00+09:00")
    assert report["project"] == {"id": 201_000_001, "name": "Support", "status": "active"}
    assert report["neighbours"] == []  # a neighbour with no relation is left out
    assert report["explanations"][0].startswith("For its owner (Asia/Tokyo) the entry starts")
    assert report["requests"] == len(server.received)  # every request this command sent
    assert server.received.count("/api/v9/workspaces/8200001/workspace_users") == 1


def test_a_report_lists_a_second_running_entry(tmp_path):
    done = run(
        [
            "get",
            str(explain_data.RUNNING_FIRST_ID),
            "--demo",
            "--context",
            "--format",
            "report",
        ],
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["state"], report["stop"]) == ("running", None)
    assert report["duration_seconds"] > 27 * 24 * 3600  # running for weeks: a forgotten timer
    [neighbour] = report["neighbours"]
    assert neighbour["id"] == explain_data.RUNNING_SECOND_ID
    assert (neighbour["relation"], neighbour["stop"]) == ("running", None)
    assert neighbour["overlap_seconds"] > 0
    assert report["requests"] == 4  # the lookup, then the demo user's known profile: 3
    assert report["context_requests"] == 3 and report["owner_time_zone"] == "Europe/Berlin"


def test_a_refused_members_list_is_said_and_the_exit_code_stays_found(server, tmp_path):
    done = get(
        server,
        tmp_path,
        str(reports.MEMBERS_FORBIDDEN_ID),
        "--reports",
        "--workspace",
        "8200005",
        "--context",
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert (
        "  - Not checked: the owner's time zone (only the workspace's admins may list its "
        "members: HTTP 403)"
    ) in out
    assert "The workspace rounds durations in reports up 15 minutes" in out


def test_context_is_not_spent_below_the_quota_reserve(tmp_path):
    with DemoServer(hourly_quota=4) as server:
        done = get(
            server,
            tmp_path,
            str(explain_data.DELETED_PROJECT_ENTRY_ID),
            "--context",
            "--format",
            "report",
        )
        received = server.received
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["requests"] == 1 and report["context_requests"] == 0
    assert received == [f"/api/v9/me/time_entries/{explain_data.DELETED_PROJECT_ENTRY_ID}"]
    assert report["explanations"][0].startswith("No project: either none was ever set")
    assert {item["why"] for item in report["unchecked"]} == {
        "3 requests would leave fewer than 3 of the hourly quota (3 left)"
    }


def test_json_keeps_to_toggls_body_and_refuses_the_inspectors_options(tmp_path):
    for extra in (["--context"], ["--format", "report"]):
        done = run(["get", "5000000001", "--demo", "--json", *extra], tmp_path)
        assert done.returncode == 2
        assert "--json prints Toggl's body exactly as received" in done.stderr.decode()


def test_help_names_the_new_options(tmp_path):
    done = run(["get", "--help"], tmp_path)
    out = done.stdout.decode()
    assert done.returncode == 0
    assert "--context" in out and "--format {text,json,jsonl,csv,summary,report}" in out
    assert "never changes the exit code" in " ".join(out.split())
