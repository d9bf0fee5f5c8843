"""`get` against hostile answers (issue #12), in its own process: each one shown with its
anomaly or named in one line on stderr, never a traceback."""

from __future__ import annotations

import pytest
from e2e_process import run
from fault_table import SHOWN_ROWS


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
