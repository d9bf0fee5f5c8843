"""`get` against hostile answers (issue #12), in its own process: each one shown with its
anomaly or named in one line on stderr, never a traceback; odd headers noted in the log."""

from __future__ import annotations

import pytest
from e2e_process import run
from fault_servers import http_answer, scripted_server
from fault_table import NOTED_ROWS, SHOWN_ROWS


@pytest.mark.parametrize(
    ("entry_id", "code", "words"), SHOWN_ROWS, ids=[str(row[0]) for row in SHOWN_ROWS]
)
def test_get_shows_a_hostile_answer_with_its_anomaly(
    demo_server_process, tmp_path, entry_id, code, words
):
    url, token = demo_server_process
    done = run(["get", str(entry_id), "--api-url", url], tmp_path, TOGGL_API_TOKEN=token)
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert out.startswith(f"Entry {entry_id}: ")
    anomalies = out.split("Anomalies:\n", 1)[1].split("\n")
    assert any(line.startswith("  ! ") and words in line for line in anomalies), out


@pytest.mark.parametrize(("entry_id", "words"), NOTED_ROWS, ids=[str(row[0]) for row in NOTED_ROWS])
def test_get_notes_an_odd_header_in_the_log_and_with_v(
    demo_server_process, tmp_path, entry_id, words
):
    url, token = demo_server_process
    log_dir = tmp_path / "logs"
    quiet = run(
        ["get", str(entry_id), "--api-url", url],
        tmp_path,
        TOGGL_API_TOKEN=token,
        TOGGL_INSPECTOR_LOG_DIR=str(log_dir),
    )
    assert words not in quiet.stderr.decode()  # a script's stderr: only the error, if any
    assert words in (log_dir / "inspector.log").read_text(encoding="utf-8")
    verbose = run(["get", str(entry_id), "--api-url", url, "-v"], tmp_path, TOGGL_API_TOKEN=token)
    assert words in verbose.stderr.decode()
    assert b"Traceback" not in quiet.stderr + verbose.stderr


def test_get_prints_a_lone_surrogate_as_its_escape(tmp_path):
    """JSON may carry "\\ud800"; printing it raw stopped get with a UnicodeEncodeError."""
    body = (
        b'{"id": 5000000001, "start": "2024-12-16T17:05:25Z", "stop": "2024-12-16T17:05:30Z",'
        b' "duration": 5, "description": "a\\ud800b", "k\\udfff": 1}'
    )
    answer = http_answer(200, body, ("Content-Type", "application/json"))
    with scripted_server(answer) as url:
        done = run(["get", "5000000001", "--api-url", url], tmp_path, TOGGL_API_TOKEN="0" * 32)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "  description: a\\ud800b (string)" in out
    assert "  k\\udfff: 1 (integer)" in out
