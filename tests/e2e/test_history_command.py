"""`toggl-inspector history` in its own process (issue #14): what `get` recorded, newest
first, as text, JSON Lines or CSV; --limit, --search, --clear; a damaged file said plainly."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from e2e_process import run
from helpers.file_modes import file_mode

from inspector.demo.server import DemoServer


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"TOGGL_INSPECTOR_DATA_DIR": str(tmp_path / "history"), "TZ": "UTC", **extra}


@pytest.fixture
def recorded(tmp_path: Path) -> DemoServer:
    """Three gets: 5000000001 and 5000000404, then 5000000006 (with meta)."""
    with DemoServer() as server:
        for ids in (["5000000001", "5000000404"], ["5000000006", "--meta"]):
            done = run(
                ["get", *ids, "--api-url", server.url],
                tmp_path,
                **env(tmp_path, TOGGL_API_TOKEN=server.token),
            )
            assert done.returncode in (0, 3), done.stderr
        return server


def history(tmp_path: Path, *args: str):
    done = run(["history", *args], tmp_path, **env(tmp_path))
    assert done.stderr == b"", done.stderr
    return done


def test_newest_first_as_text(recorded, tmp_path):
    done = history(tmp_path)
    assert done.returncode == 0
    lines = done.stdout.decode().splitlines()
    listed = [line.split("  ")[1:3] for line in lines]
    assert listed[0] == ["5000000006", "found"]
    # The two IDs of one run are recorded as each finishes (two at a time: either order).
    assert sorted(listed[1:]) == [["5000000001", "found"], ["5000000404", "not_found"]]
    assert lines[0].endswith(f"API token from TOGGL_API_TOKEN at {recorded.url}  Pairing session")


def test_limit_jsonl_and_csv(recorded, tmp_path):
    jsonl = history(tmp_path, "--limit", "2", "--format", "jsonl")
    rows = [json.loads(line) for line in jsonl.stdout.decode().splitlines()]
    assert len(rows) == 2 and rows[0]["entry_id"] == 5000000006
    assert rows[0]["options"] == {
        "face": "get",
        "include_sharing": False,
        "meta": True,
        "context": False,
        "reports": False,
    }
    assert rows[0]["user_name"] == "Demo User" and rows[0]["body_kept"] is True
    assert rows[0]["fetched_at"].endswith("Z")
    text = history(tmp_path, "--format", "csv").stdout.decode()
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0][:4] == ["row_id", "fetched_at", "entry_id", "outcome"]
    assert len(parsed) == 4


def test_search_and_clear(recorded, tmp_path):
    found = history(tmp_path, "--search", "pairing", "--format", "jsonl").stdout.decode()
    assert [json.loads(line)["entry_id"] for line in found.splitlines()] == [5000000006]
    by_id = history(tmp_path, "--search", "#5000000404", "--format", "jsonl").stdout.decode()
    assert [json.loads(line)["outcome"] for line in by_id.splitlines()] == ["not_found"]
    cleared = history(tmp_path, "--clear")
    assert cleared.stdout.decode().startswith("The history in ")
    assert history(tmp_path).stdout.decode() == "No lookups recorded.\n"


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_default_data_directory_is_private(tmp_path):
    done = run(["get", "5000000001", "--demo"], tmp_path, TZ="UTC")
    assert done.returncode == 0, done.stderr
    directory = tmp_path / "data" / "toggl-inspector"  # XDG_DATA_HOME of the child
    assert file_mode(directory) == 0o700
    assert file_mode(directory / "history.sqlite3") == 0o600
    listed = run(["history"], tmp_path)
    assert "5000000001  found" in listed.stdout.decode()


def test_a_damaged_history_is_said_moved_aside_and_the_command_goes_on(tmp_path):
    directory = tmp_path / "history"
    directory.mkdir()
    (directory / "history.sqlite3").write_bytes(b"\x00garbage" * 512)
    done = run(["history"], tmp_path, **env(tmp_path))
    assert done.returncode == 0
    assert done.stdout.decode() == "No lookups recorded.\n"
    [note] = done.stderr.decode().splitlines()
    assert note.startswith("toggl-inspector: note: The history database was damaged")
    assert [p.name for p in directory.iterdir() if ".damaged-" in p.name]
