"""`toggl-inspector get ID [ID ...]` and `get -` (issue #14) in their own process, against
the demo API on a real socket in this one (so what reached it can be counted): formats,
exit codes, --dry-run, the quota reserve (stop, or --wait-for-quota), the history."""

from __future__ import annotations

import base64
import csv
import io
import json
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_process import BIN, command_env, run

from inspector.demo.server import DemoServer

FOUND = ["5000000001", "5000000002", "5000000004", "5000000005", "5000000006"]
ENTRY_PATH = "/api/v9/me/time_entries/"
CSV_HEADER = (
    "id,outcome,state,start,stop,duration_seconds,user_name,project_name,description,anomalies"
)
ROW_KEYS = {
    "id",
    "outcome",
    "state",
    "start",
    "stop",
    "duration_seconds",
    "description",
    "user_name",
    "project_name",
    "anomalies",
}


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer() as demo:
        yield demo


def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "history"


def get(server: DemoServer, tmp_path: Path, *args: str, stdin: str | None = None, **env: str):
    done = subprocess.run(
        [str(BIN), "get", *args, "--api-url", server.url],
        capture_output=True,
        timeout=60,
        input=stdin.encode() if stdin is not None else None,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        env=command_env(
            tmp_path,
            TOGGL_API_TOKEN=server.token,
            TOGGL_INSPECTOR_DATA_DIR=str(data_dir(tmp_path)),
            TZ="UTC",
            **env,
        ),
    )
    output = (done.stdout + done.stderr).decode()
    assert server.token not in output
    assert base64.b64encode(f"{server.token}:api_token".encode()).decode() not in output
    return done


def history_rows(tmp_path: Path) -> list[tuple[object, ...]]:
    path = data_dir(tmp_path) / "history.sqlite3"
    if not path.exists():
        return []
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT entry_id, outcome, account, api_origin, options FROM lookups ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


def test_several_ids_one_line_each_and_the_worst_exit_code(server, tmp_path):
    done = get(server, tmp_path, "5000000001", "#5000000404", "5000000002", "5000000001")
    assert done.returncode == 3, done.stderr
    lines = done.stdout.decode().splitlines()
    assert lines[0] == "3 time entries: 2 found, 1 not found"
    table = lines[5:8]
    assert [line.split()[:2] for line in table] == [
        ["5000000001", "found"],
        ["5000000404", "not"],
        ["5000000002", "found"],
    ]
    assert lines[-1].startswith("3 IDs: 2 found, 1 not found · 3 requests · quota left ")
    assert sorted(server.received) == sorted(
        ENTRY_PATH + i for i in ("5000000001", "5000000404", "5000000002")
    )
    assert done.stderr == b""


@pytest.mark.parametrize(
    "ids, code",
    [
        (FOUND[:2], 0),
        (["5000000001", "5000000404"], 3),
        (["5000000404", "5000000500"], 1),  # other errors over not found
        (["5000000500", "5000000403", "5000000404"], 4),  # permission over everything
    ],
)
def test_exit_codes_of_several(server, tmp_path, ids, code):
    done = get(server, tmp_path, *ids, "--attempts", "1", "--format", "csv")
    assert done.returncode == code, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout.decode())))
    assert [row[0] for row in rows[1:]] == ids  # every ID still gets its row


def test_ids_from_standard_input(server, tmp_path):
    ticket = (
        "Hi! Entries #5000000001 and\n"
        "https://api.track.toggl.com/api/v9/me/time_entries/5000000006?meta=true look odd,\n"
        "also 5000000404 (and #5000000001 again). Call me at 0151 2345 678."
    )
    done = get(server, tmp_path, "-", "--format", "jsonl", "--meta", stdin=ticket)
    assert done.returncode == 3, done.stderr
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [row["id"] for row in rows] == [5000000001, 5000000006, 5000000404]
    assert all(set(row) >= ROW_KEYS for row in rows)
    assert [row["outcome"] for row in rows] == ["found", "found", "not_found"]
    found = rows[0]
    # The report object of --format report, with the row's keys.
    assert {"source", "deleted", "stop_derived", "requests"} <= set(found)
    assert (found["user_name"], found["project_name"]) == ("Demo User", "Support")
    assert found["state"] == "stopped" and found["requests"] == 1
    assert rows[2]["state"] is None and "was not found" in rows[2]["message"]
    assert len(server.received) == 3


def test_standard_input_without_ids_is_refused(server, tmp_path):
    done = get(server, tmp_path, "-", stdin="nothing to see, 1234 and 12.345678")
    assert done.returncode == 2
    assert "no time entry IDs found in standard input" in done.stderr.decode()
    assert server.received == []


def test_dry_run_sends_nothing(server, tmp_path):
    done = get(server, tmp_path, "5000000001", "-", "--dry-run", stdin="#5000000002 5000000001")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines() == [
        "5000000001",
        "5000000002",
        "2 IDs = 2 requests; quota left unknown (nothing sent)",
    ]
    assert server.received == []
    assert history_rows(tmp_path) == []


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--json"], "use --format jsonl"),
        (["--format", "json"], "use --format jsonl"),
        (["--format", "report"], "one report object per ID"),
        (["--context"], "one entry up at a time"),
        (["--reports"], "one entry up at a time"),
    ],
)
def test_what_takes_one_entry_is_refused_for_several(server, tmp_path, args, fragment):
    done = get(server, tmp_path, *FOUND[:2], *args)
    assert done.returncode == 2
    assert fragment in done.stderr.decode()
    assert server.received == []


def test_csv_and_summary(server, tmp_path):
    done = get(server, tmp_path, "5000000001", "5000000404", "--format", "csv", "--meta")
    assert done.returncode == 3
    text = done.stdout.decode()
    assert text.splitlines()[0] == CSV_HEADER
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][:3] == ["5000000001", "found", "stopped"]
    assert rows[1][6:9] == ["Demo User", "Support", "Customer call: invoice question"]
    assert rows[2][:2] == ["5000000404", "not_found"]
    summary = get(server, tmp_path, "5000000001", "5000000404", "--format", "summary", "--meta")
    lines = summary.stdout.decode().splitlines()
    assert lines[0] == "### 2 time entries: 1 found, 1 not found"
    assert "| 5000000001 | found | Stopped |" in summary.stdout.decode()
    one = get(server, tmp_path, "5000000006", "--format", "summary", "--meta", "--include-sharing")
    assert one.returncode == 0
    text = one.stdout.decode()
    assert text.startswith("### Time entry 5000000006: Stopped, 0:45:00")
    assert "- **Account:** API token from TOGGL\\_API\\_TOKEN at http://127.0.0.1:" in text
    assert "- **Shared with:** " in text and "accepted" in text
    assert "- **Toggl request id:** " in text


def test_one_id_not_found_still_gets_its_row(server, tmp_path):
    done = get(server, tmp_path, "5000000404", "--format", "jsonl")
    assert done.returncode == 3
    [row] = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert (row["id"], row["outcome"]) == (5000000404, "not_found")
    assert "was not found" in done.stderr.decode()


def test_at_the_quota_reserve_get_stops_and_names_what_it_did_not_look_up(tmp_path):
    with DemoServer(hourly_quota=4) as server:
        done = get(server, tmp_path, *FOUND, "--format", "jsonl")
        statuses = [served.status for served in server.served]
    assert done.returncode == 1
    assert statuses == [200, 200]  # 4 an hour, 2 in reserve: never a 402
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [row["id"] for row in rows] == [int(i) for i in FOUND]
    assert [row["outcome"] for row in rows] == ["found", "found", "error", "error", "error"]
    assert rows[2]["message"].startswith("Not looked up: Quota reserve reached")
    [line] = done.stderr.decode().splitlines()
    assert line == (
        "toggl-inspector: Quota reserve reached (2 left, reserve 2): stopped, 3 IDs not looked "
        "up. Not looked up: 5000000004, 5000000005, 5000000006"
    )


def test_wait_for_quota_counts_down_and_goes_on_after_the_reset(tmp_path):
    with DemoServer(hourly_quota=4, quota_resets_in_s=2) as server:
        done = get(server, tmp_path, *FOUND, "--wait-for-quota", "--format", "csv")
        statuses = [served.status for served in server.served]
    assert done.returncode == 0, done.stderr
    assert statuses == [200] * len(FOUND)  # no 402, ever
    rows = list(csv.reader(io.StringIO(done.stdout.decode())))
    assert [row[:2] for row in rows[1:]] == [[i, "found"] for i in FOUND]
    stderr = done.stderr.decode().splitlines()
    assert stderr[0].startswith(
        "toggl-inspector: Quota reserve reached (2 left, reserve 2): going on in 0:00:0"
    )
    assert "toggl-inspector: The hourly quota has reset: going on with 3 IDs" in stderr


def test_each_lookup_is_recorded_without_a_secret_unless_asked_not_to(server, tmp_path):
    get(server, tmp_path, "5000000001", "5000000404", "--meta")
    get(server, tmp_path, "5000000002")
    get(server, tmp_path, "5000000005", "5000000006", "--no-history")
    get(server, tmp_path, "5000000005", TOGGL_INSPECTOR_HISTORY="off")
    rows = history_rows(tmp_path)
    assert [(entry_id, outcome) for entry_id, outcome, *_ in rows] == [
        (5000000001, "found"),
        (5000000404, "not_found"),
        (5000000002, "found"),
    ]
    origin = server.url
    assert {(account, api) for _, _, account, api, _ in rows} == {
        ("API token from TOGGL_API_TOKEN", origin)
    }
    assert json.loads(rows[0][4]) == {"face": "get", "include_sharing": False, "meta": True}
    stored = b"".join(path.read_bytes() for path in data_dir(tmp_path).iterdir())
    assert server.token.encode() not in stored
    assert base64.b64encode(f"{server.token}:api_token".encode()) not in stored
    assert {path.name for path in data_dir(tmp_path).iterdir()} <= {
        "history.sqlite3",
        "history.sqlite3-wal",
        "history.sqlite3-shm",
    }


def test_a_locked_history_is_said_and_the_lookup_still_answers(server, tmp_path):
    get(server, tmp_path, "5000000001")  # creates the history
    holder = sqlite3.connect(data_dir(tmp_path) / "history.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = get(server, tmp_path, "5000000002", "--format", "report")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 0
    assert json.loads(done.stdout)["id"] == 5000000002
    assert "is locked by another program" in done.stderr.decode()
    assert len(done.stderr.decode().splitlines()) == 1


def test_the_embedded_demo_records_as_its_demo_user(tmp_path):
    done = run(
        ["get", "5000000001", "5000000002", "--demo"],
        tmp_path,
        TOGGL_INSPECTOR_DATA_DIR=str(data_dir(tmp_path)),
    )
    assert done.returncode == 0, done.stderr
    assert {row[2] for row in history_rows(tmp_path)} == {"demo.user@example.com"}


def test_help_names_the_new_flags(tmp_path):
    done = run(["get", "--help"], tmp_path)
    out = " ".join(done.stdout.decode().split())
    for flag in ("--dry-run", "--wait-for-quota", "--no-history", "jsonl", "csv", "summary"):
        assert flag in out
    assert "'-' reads text from standard input" in out


def test_format_json_is_the_body_as_received_for_one_id(server, tmp_path):
    done = get(server, tmp_path, "5000000011", "--format", "json", "--meta")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == 5000000011
    assert done.stdout.endswith(b"}\n")


def test_a_reports_lookup_is_recorded_with_its_workspace(server, tmp_path):
    from inspector.demo import reports

    done = get(server, tmp_path, str(reports.OTHER_ZONE_ID), "--reports", "--workspace", "8200001")
    assert done.returncode == 0, done.stderr
    path = data_dir(tmp_path) / "history.sqlite3"
    connection = sqlite3.connect(path)
    try:
        [(source, workspace, outcome, body)] = connection.execute(
            "SELECT source, workspace_id, outcome, body FROM lookups"
        ).fetchall()
    finally:
        connection.close()
    assert (source, workspace, outcome) == ("reports", 8200001, "found")
    assert isinstance(json.loads(body), list)  # the page of report rows, as received
