"""The summary for the ticket, the exports and Copy as cURL (issue #14)."""

from __future__ import annotations

import csv
import io
import json
import shlex
from datetime import UTC, datetime, timedelta

from inspector.demo.dataset import demo_entry
from inspector.domain.curl import curl_command
from inspector.domain.entry_view import build_entry_view
from inspector.domain.exports import CSV_COLUMNS, csv_text, export_row, json_line, jsonl_text
from inspector.domain.lookup_facts import FROM_REPORTS, LookupFacts, LookupOutcome
from inspector.domain.ticket_summary import entry_summary, markdown_escaped, results_summary

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def found(raw: dict[str, object], **facts: object) -> LookupFacts:
    view = build_entry_view(raw, NOW, UTC)
    defaults: dict[str, object] = {
        "account": "demo.user@example.com",
        "api_origin": "https://api.track.toggl.com",
        "request_id": "req-1",
        "fetched_at": NOW,
    }
    return LookupFacts(int(raw["id"]), LookupOutcome.FOUND, view, **{**defaults, **facts})


def stopped(duration: int = 5400, **overrides: object) -> dict[str, object]:
    return demo_entry(5000000001, START, duration, START + timedelta(minutes=90), **overrides)


def not_found(entry_id: int = 5000000404) -> LookupFacts:
    return LookupFacts(
        entry_id,
        LookupOutcome.NOT_FOUND,
        message=f"Time entry {entry_id} was not found (HTTP 404).",
        account="demo.user@example.com",
        api_origin="https://api.track.toggl.com",
        request_id="req-2",
        fetched_at=NOW,
    )


def test_one_entry_in_markdown_names_everything_a_ticket_needs():
    raw = stopped(
        shared_with=[
            {"user_id": 1, "user_name": "Ann", "accepted": False},
            {"user_id": 2, "user_name": "Bo", "accepted": True},
        ]
    )
    text = entry_summary(found(raw, owner_time_zone="Europe/Berlin"), NOW, markdown=True)
    lines = text.splitlines()
    assert lines[0] == "### Time entry 5000000001: Stopped, 1:30:00"
    assert "- **Account:** demo.user@example.com at https://api.track.toggl.com" in lines
    assert "- **Source:** Toggl API v9, workspace 8200001" in lines
    assert "- **State:** Stopped" in lines
    assert (
        "- **Start:** 2026-11-30 09:00:00 UTC · owner's zone (Europe/Berlin): "
        "2026-11-30 10:00:00 CET (UTC+01:00)" in lines
    )
    assert any(line.startswith("- **Stop:** 2026-11-30 10:30:00 UTC") for line in lines)
    assert "- **Duration:** 1:30:00" in lines
    assert "- **User:** Demo User" in lines
    assert "- **Project:** Support · client Acme Corp · task Tier 2 tickets" in lines
    assert "- **Tags:** support, billing" in lines
    assert "- **Shared with:** 2 users, 1 accepted: Ann (not accepted), Bo (accepted)" in lines
    assert "- **Anomalies:** none" in lines
    assert "- **Toggl request id:** req-1" in lines
    assert "- **Fetched at:** 2026-11-30 12:00:00 UTC" in lines


def test_plain_text_has_no_markdown_and_a_running_entry_says_when_it_was_measured():
    raw = demo_entry(5000000002, NOW - timedelta(hours=1), -1, None, shared_with=None, tags=None)
    del raw["shared_with"]
    text = entry_summary(found(raw), NOW, markdown=False)
    lines = text.splitlines()
    assert lines[0] == "Time entry 5000000002: Running, 1:00:00 elapsed"
    assert "Stop: — (running)" in lines
    assert "Duration: 1:00:00 elapsed at 2026-11-30 12:00:00 UTC" in lines
    assert "Tags: none (null: no tags, or their tags were deleted)" in lines
    assert "Shared with: not asked (include sharing off)" in lines
    assert "**" not in text and "###" not in text


def test_anomalies_are_listed_and_a_reports_answer_names_its_workspace():
    raw = stopped(duration=60)  # disagrees with stop - start
    text = entry_summary(found(raw, source=FROM_REPORTS, workspace_id=8200001), NOW, markdown=False)
    assert "Source: Reports API v3 (workspace 8200001)" in text
    assert "Anomalies: 1\n  - duration 60 s (0:01:00) disagrees" in text


def test_a_lookup_that_found_nothing():
    text = entry_summary(not_found(), NOW, markdown=True)
    assert text.splitlines()[0] == "### Time entry 5000000404: not found"
    assert "- **Message:** Time entry 5000000404 was not found (HTTP 404)." in text
    assert "- **Toggl request id:** req-2" in text


def test_server_text_stays_plain_in_markdown_and_on_one_line():
    hostile = "**bold** <img src=x> [link](http://e.vil) | a\nb\x1b[31m\u202e" + "x" * 500
    text = entry_summary(found(stopped(description=hostile, user_name="`u`")), NOW, markdown=True)
    [line] = [line for line in text.splitlines() if line.startswith("- **Description:**")]
    assert line.startswith(
        r"- **Description:** \*\*bold\*\* \<img src=x\> \[link\](http://e.vil) \| "
        r"a\\nb\\x1b\[31m\\u202exxx"
    )  # a backslash escaped too: the ticket reads "a\nb\x1b[31m\u202exxx"
    assert "\\u202e" in line and "\x1b" not in text and "\u202e" not in text
    assert line.endswith("…")
    assert "- **User:** \\`u\\`" in text
    assert markdown_escaped("a_b&c") == r"a\_b\&c"


def test_a_results_table_in_markdown_and_plain_text():
    rows = [found(stopped()), not_found(), found(stopped(id=5000000003, description="x|y"))]
    markdown = results_summary(rows, NOW, markdown=True)
    lines = markdown.splitlines()
    assert lines[0] == "### 3 time entries: 2 found, 1 not found"
    assert lines[2] == (
        "Account demo.user@example.com at https://api.track.toggl.com · "
        "fetched 2026-11-30 12:00:00 UTC"
    )
    assert lines[4].startswith("| ID | Outcome | State | Start (UTC) | Duration |")
    assert lines[6] == (
        "| 5000000001 | found | Stopped | 2026-11-30 09:00:00 | 1:30:00 | Demo User | "
        "Support | Customer call: invoice question | — |"
    )
    assert lines[7].startswith("| 5000000404 | not found | — |")
    assert "x\\|y" in lines[8]
    text = results_summary(rows, NOW, markdown=False)
    table = text.splitlines()[4:]
    assert table[0].split()[:3] == ["ID", "Outcome", "State"]
    assert table[1].startswith("5000000001  found      Stopped")
    assert len({line.index("Stopped") for line in (table[1], table[3])}) == 1


def test_export_rows_have_the_agreed_keys():
    row = export_row(found(stopped()), NOW)
    assert {
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
    } <= set(row)
    assert (row["id"], row["outcome"], row["state"]) == (5000000001, "found", "stopped")
    assert (row["start"], row["stop"], row["duration_seconds"]) == (
        "2026-11-30T09:00:00Z",
        "2026-11-30T10:30:00Z",
        5400,
    )
    missing = export_row(not_found(), NOW)
    assert missing["outcome"] == "not_found" and missing["state"] is None
    assert missing["anomalies"] == [] and missing["message"].startswith("Time entry")


def test_json_lines_keep_values_but_never_a_raw_control_for_the_terminal():
    hostile = "a\nb\x1b\x9b\u202e\u2028\ud800é"
    text = jsonl_text([export_row(found(stopped(description=hostile)), NOW)])
    assert text.count("\n") == 1
    assert not any(c in text for c in "\x1b\x9b\u202e\u2028\ud800")
    assert "é" in text
    assert json.loads(text)["description"] == hostile
    assert json_line({"a": "\u2029"}) == '{"a":"\\u2029"}'


def test_csv_has_the_agreed_header_and_one_row_per_id():
    rows = [
        found(stopped(description='=HYPERLINK("http://e.vil")')),
        not_found(),
        found(stopped(id=5000000005, description='two\nlines, "quoted"', duration=60)),
    ]
    text = csv_text(rows, NOW)
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert text.splitlines()[0] == (
        "id,outcome,state,start,stop,duration_seconds,user_name,project_name,description,anomalies"
    )
    parsed = list(csv.reader(io.StringIO(text)))
    assert len(parsed) == 4
    assert parsed[1][:6] == [
        "5000000001",
        "found",
        "stopped",
        "2026-11-30T09:00:00Z",
        "2026-11-30T10:30:00Z",
        "5400",
    ]
    assert parsed[1][8] == '\'=HYPERLINK("http://e.vil")'
    assert parsed[2][:3] == ["5000000404", "not_found", ""]
    assert parsed[3][8] == 'two\\nlines, "quoted"'
    assert parsed[3][9].startswith("duration 60 s")


def test_curl_has_the_placeholder_never_a_token_and_survives_the_shell():
    url = "https://api.track.toggl.com/api/v9/me/time_entries/5000000001?meta=true"
    command = curl_command("GET", url)
    assert command == (
        'curl -u "$TOGGL_API_TOKEN:api_token" '
        "'https://api.track.toggl.com/api/v9/me/time_entries/5000000001?meta=true'"
    )
    body = json.dumps({"time_entry_ids": [1], "description": "it's"})
    post = curl_command("POST", "https://x/reports/api/v3/workspace/1/search/time_entries", body)
    words = shlex.split(post.replace("$TOGGL_API_TOKEN", "TOKEN"))
    assert words[:3] == ["curl", "-u", "TOKEN:api_token"]
    assert words[words.index("--data-binary") + 1] == body
    assert words[words.index("-X") + 1] == "POST"
