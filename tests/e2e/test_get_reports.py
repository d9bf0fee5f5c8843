"""`toggl-inspector get --reports` in its own process, against the demo server in another."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from e2e_process import run

from inspector.demo import reports

YEAR_OF_THE_THIRD_PAGE = datetime.now(UTC).year - 3


def get(url: str, token: str, tmp_path, *args: str):
    done = run(["get", *args, "--api-url", url], tmp_path, TOGGL_API_TOKEN=token)
    assert token not in (done.stdout + done.stderr).decode()
    return done


def test_an_old_entry_is_found_in_the_default_workspace_and_the_source_is_named(
    demo_server_process, tmp_path
):
    url, token = demo_server_process
    done = get(url, token, tmp_path, str(reports.OLD_LATER_PAGE_ID), "--reports")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert lines[0] == f"Entry {reports.OLD_LATER_PAGE_ID}: Stopped, 2:00:00"
    assert lines[1].startswith("Source: Reports API v3 (workspace 8200001) (")
    assert lines[2] == (
        f"Found in {YEAR_OF_THE_THIRD_PAGE} after 6 requests (6 counted against the quota)"
    )
    assert "  wid: not available from Reports (—)" in lines
    assert "  email: demo.user@example.com (string)" in lines
    assert done.stderr == b""


def test_json_prints_the_page_of_report_rows_exactly_as_received(demo_server_process, tmp_path):
    url, token = demo_server_process
    done = get(
        url,
        token,
        tmp_path,
        str(reports.OLD_LATER_PAGE_ID),
        "--reports",
        "--workspace",
        "8200001",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    page_three = {
        "start_date": f"{YEAR_OF_THE_THIRD_PAGE}-01-01",
        "end_date": f"{YEAR_OF_THE_THIRD_PAGE}-12-31",
        "time_entry_ids": [reports.OLD_LATER_PAGE_ID],
        "first_id": 5_000_002_001,
        "first_row_number": 5,
    }
    expected = httpx.post(
        f"{url}/reports/api/v3/workspace/8200001/search/time_entries",
        json=page_three,
        auth=(token, "api_token"),
    ).content
    assert done.stdout == expected + b"\n"
    rows = json.loads(done.stdout)
    assert rows[0]["time_entries"][0]["id"] == reports.OLD_LATER_PAGE_ID


def test_an_entry_found_nowhere_exits_3_and_since_reaches_further_back(
    demo_server_process, tmp_path
):
    url, token = demo_server_process
    done = get(url, token, tmp_path, str(reports.ANCIENT_ID), "--reports")
    assert done.returncode == 3
    message = done.stderr.decode()
    assert "was not found by the Reports API in workspace 8200001" in message
    assert len(message.strip().splitlines()) == 1
    assert done.stdout == b""
    since = (date.today() - timedelta(days=12 * 366)).isoformat()
    found = get(url, token, tmp_path, str(reports.ANCIENT_ID), "--reports", "--since", since)
    assert found.returncode == 0, found.stderr


def test_without_reports_an_old_entry_is_simply_not_found(demo_server_process, tmp_path):
    url, token = demo_server_process
    done = get(url, token, tmp_path, str(reports.OLD_RECENT_ID))
    assert done.returncode == 3
    assert "HTTP 404" in done.stderr.decode()


@pytest.mark.parametrize(
    ("workspace", "code", "words"),
    [
        ("8200002", 1, "plan does not include the Reports API (HTTP 402"),
        ("8200003", 4, "Workspace 8200003 is not accessible to this account (HTTP 403)"),
    ],
)
def test_a_refusing_workspace_is_named_with_its_exit_code(
    demo_server_process, tmp_path, workspace, code, words
):
    url, token = demo_server_process
    done = get(
        url, token, tmp_path, str(reports.OLD_RECENT_ID), "--reports", "--workspace", workspace
    )
    assert done.returncode == code
    assert words in done.stderr.decode()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--reports", "--since", "2024-13-01"], "is not a date written YYYY-MM-DD"),
        (["--reports", "--since", "24-01-01"], "is not a date written YYYY-MM-DD"),
        (
            ["--reports", "--since", (date.today() + timedelta(days=2)).isoformat()],
            "is in the future",
        ),
        (["--reports", "--workspace", "0"], "is not a workspace ID"),
        (["--reports", "--workspace", "ws-1"], "is not a workspace ID"),
        (["--workspace", "8200001"], "only make sense with --reports"),
        (["--since", "2024-01-01"], "only make sense with --reports"),
    ],
)
def test_bad_reports_arguments_exit_2_with_the_reason(tmp_path, args, words):
    done = run(["get", "5000001001", "--demo", *args], tmp_path)
    assert done.returncode == 2
    assert words in done.stderr.decode()


def test_the_demo_flag_searches_the_built_in_demo(tmp_path):
    done = run(["get", str(reports.OLD_GROUP_PARTNER_ID), "--demo", "--reports"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Source: Reports API v3 (workspace 8200001)" in done.stdout.decode()
