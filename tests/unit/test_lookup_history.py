"""The lookup history in SQLite (issue #14): round trip, bound, search, damage, locks, modes."""

from __future__ import annotations

import concurrent.futures
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers.file_modes import file_mode

from inspector.history import (
    DATA_DIR_ENV,
    FILE_NAME,
    MAX_KEPT_BODY_CHARS,
    HistoryUnavailable,
    LookupHistory,
    LookupRecord,
    default_data_dir,
)
from inspector.logs import RedactSecrets

T0 = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def record(entry_id: int = 5000000001, n: int = 0, **fields: object) -> LookupRecord:
    values: dict[str, object] = {
        "entry_id": entry_id,
        "account": "demo.user@example.com",
        "api_origin": "https://api.track.toggl.com",
        "outcome": "found",
        "fetched_at": T0 + timedelta(minutes=n),
        "options": {"meta": True, "include_sharing": False},
        "run_state": "stopped",
        "description": "Customer call: invoice question",
        "user_name": "Demo User",
        "project_name": "Support",
        "request_id": f"req-{n}",
        "body": f'{{"id": {entry_id}, "description": "Customer call"}}',
    }
    values.update(fields)
    return LookupRecord(**values)  # type: ignore[arg-type]


@pytest.fixture
def history(tmp_path: Path):
    store = LookupHistory(tmp_path / "data" / FILE_NAME, busy_timeout_s=0.05)
    yield store
    store.close()


def test_nothing_is_opened_or_created_until_first_used(tmp_path):
    store = LookupHistory(tmp_path / "data" / FILE_NAME)
    assert not (tmp_path / "data").exists()
    assert store.recent() == []
    assert (tmp_path / "data" / FILE_NAME).exists()
    store.close()


def test_importing_the_history_imports_no_sqlite3():
    code = "import sys, inspector.history; print('sqlite3' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_a_lookup_comes_back_as_it_was_recorded(history):
    row_id = history.record(record(workspace_id=8200001, message=None))
    [listed] = history.recent()
    assert listed.row_id == row_id
    assert listed.body is None and listed.body_kept  # lists leave the body out
    stored = history.entry(row_id)
    assert stored is not None
    assert stored.body == '{"id": 5000000001, "description": "Customer call"}'
    assert (stored.entry_id, stored.account, stored.api_origin, stored.outcome) == (
        5000000001,
        "demo.user@example.com",
        "https://api.track.toggl.com",
        "found",
    )
    assert stored.fetched_at == T0
    assert stored.options == {"meta": True, "include_sharing": False}
    assert (stored.run_state, stored.workspace_id, stored.request_id) == (
        "stopped",
        8200001,
        "req-0",
    )
    assert history.entry(row_id + 100) is None


def test_failures_and_64_bit_ids_are_kept_too(history):
    history.record(
        record(2**63 - 1, outcome="error", body=None, run_state=None, message="HTTP 500")
    )
    [stored] = history.recent()
    assert (stored.entry_id, stored.outcome, stored.message) == (2**63 - 1, "error", "HTTP 500")
    assert stored.body is None and not stored.body_kept


def test_only_the_newest_lookups_are_kept(tmp_path):
    store = LookupHistory(tmp_path / FILE_NAME, limit=3)
    for n in range(5):
        store.record(record(5000000000 + n, n))
    assert store.count() == 3
    assert [e.entry_id for e in store.recent()] == [5000000004, 5000000003, 5000000002]
    assert [e.entry_id for e in store.recent(2)] == [5000000004, 5000000003]
    newest = store.recent()[0].row_id
    assert [e.entry_id for e in store.recent(before_row=newest)] == [5000000003, 5000000002]
    store.close()


def test_search_by_id_description_user_or_project_newest_first(history):
    history.record(record(5000000001, 0, description="Ärger mit Rechnung"))
    history.record(record(5000000002, 1, user_name="Zoë Example"))
    history.record(record(5000000003, 2, project_name="Onboarding"))
    history.record(record(5000000001, 3, description="Refund"))

    def ids(text: str) -> list[int]:
        return [e.entry_id for e in history.search(text)]

    assert ids("5000000001") == [5000000001, 5000000001]
    assert ids("#5000000002") == [5000000002]
    assert ids("00000003") == [5000000003]
    assert ids("ärger") == [5000000001]
    assert ids("ZOË") == [5000000002]
    assert ids("onboard") == [5000000003]
    assert ids("invoice") == [5000000003, 5000000002]  # the default description
    assert ids("%") == [] and ids("_") == []  # no wildcards
    assert len(ids("  ")) == 4


def test_previous_answer_for_what_changed(history):
    first = history.record(record(5000000001, 0, body='{"id":5000000001,"stop":null}'))
    history.record(record(5000000001, 1, outcome="error", body=None))
    history.record(record(5000000001, 2, api_origin="http://127.0.0.1:1", body="{}"))
    latest = history.record(record(5000000001, 3, body='{"id":5000000001,"stop":"x"}'))
    found = history.previous(5000000001, "https://api.track.toggl.com", before_row=latest)
    assert found is not None and found.row_id == first
    assert found.body == '{"id":5000000001,"stop":null}'
    assert history.previous(5000000001, "https://api.track.toggl.com").row_id == latest
    assert history.previous(5000000009, "https://api.track.toggl.com") is None


def test_secrets_are_redacted_and_too_large_bodies_not_kept(tmp_path):
    redactor = RedactSecrets()
    redactor.register("c0ffee00c0ffee00c0ffee00c0ffee00")
    store = LookupHistory(tmp_path / FILE_NAME, redact=redactor.redact)
    huge = '{"id": 1, "x": "' + "y" * MAX_KEPT_BODY_CHARS + '"}'
    row = store.record(
        record(description="token c0ffee00c0ffee00c0ffee00c0ffee00 pasted", body=huge)
    )
    stored = store.entry(row)
    assert stored.description == "token [redacted] pasted"
    assert stored.body is None and stored.body_length == len(huge) and not stored.body_kept
    lone = store.entry(store.record(record(description="\ud800 lone")))
    assert lone.description == "\\ud800 lone"
    store.close()
    assert b"c0ffee00" not in b"".join(p.read_bytes() for p in tmp_path.iterdir())


def test_clear_erases_the_rows_and_their_text_on_disk(tmp_path):
    store = LookupHistory(tmp_path / FILE_NAME)
    for n in range(20):
        store.record(record(n + 10000, n, description=f"marker-text-{n}"))
    store.clear()
    assert store.count() == 0 and store.recent() == []
    store.record(record(99999, 0, description="after"))
    store.close()
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"marker-text-" not in data


def test_a_file_that_is_no_database_is_moved_aside_and_a_new_history_started(tmp_path):
    path = tmp_path / FILE_NAME
    path.write_bytes(b"this is not a database" * 200)
    store = LookupHistory(path, clock=lambda: T0)
    row = store.record(record())
    assert store.entry(row) is not None
    aside = tmp_path / f"{FILE_NAME}.damaged-20261130T120000Z"
    assert aside.read_bytes() == b"this is not a database" * 200  # never deleted
    problem = store.take_problem()
    assert problem.startswith("The history database was damaged (file is not a database)")
    assert str(aside) in problem and store.take_problem() is None
    store.close()


def test_a_malformed_database_found_while_searching_is_moved_aside(tmp_path):
    path = tmp_path / FILE_NAME
    store = LookupHistory(path, clock=lambda: T0)
    for n in range(200):
        store.record(record(n + 10000, n, description="d" * 300))
    store.close()
    checkpoint = sqlite3.connect(path)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - page, page):  # every page's header but the first
        data[offset : offset + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    (tmp_path / f"{FILE_NAME}.damaged-20261130T120000Z").write_bytes(b"an older one")
    reopened = LookupHistory(path, clock=lambda: T0)
    assert reopened.search("d") == []
    assert "moved aside" in reopened.take_problem()
    assert (tmp_path / f"{FILE_NAME}.damaged-20261130T120000Z-2").exists()
    assert reopened.count() == 0
    reopened.close()


def test_a_locked_database_is_reported_and_nothing_crashes(history):
    history.record(record())
    holder = sqlite3.connect(history.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a second connection holds the write lock
    holder.execute(
        "INSERT INTO lookups (entry_id, account, api_origin, source, options, "
        "fetched_at, outcome) VALUES (1, '', '', 'v9', '{}', '', 'found')"
    )
    try:
        with pytest.raises(HistoryUnavailable) as refused:
            history.record(record(5000000002, 1))
        assert "is locked by another program" in str(refused.value)
        assert str(refused.value).endswith("this lookup was not recorded.")
        assert [e.entry_id for e in history.recent()] == [5000000001]  # WAL: reads go on
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    history.record(record(5000000002, 1))
    assert history.count() == 2
    assert history.take_problem() is None


def test_a_history_written_by_a_newer_version_is_left_alone(tmp_path):
    path = tmp_path / FILE_NAME
    newer = sqlite3.connect(path)
    newer.execute("PRAGMA user_version = 99")
    newer.close()
    before = path.read_bytes()
    store = LookupHistory(path)
    with pytest.raises(HistoryUnavailable, match="newer version"):
        store.record(record())
    with pytest.raises(HistoryUnavailable, match="newer version"):
        store.recent()
    store.close()
    assert path.read_bytes() == before


def test_a_directory_that_cannot_be_made_is_said_plainly(tmp_path):
    (tmp_path / "file").write_text("x")
    store = LookupHistory(tmp_path / "file" / "sub" / FILE_NAME)
    with pytest.raises(HistoryUnavailable, match="cannot be created"):
        store.record(record())


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_directory_0700_and_files_0600_whatever_the_umask(tmp_path, permissive_umask):
    directory = tmp_path / "deep" / "data"
    store = LookupHistory(directory / FILE_NAME, own_directory=True)
    store.record(record())
    assert file_mode(tmp_path / "deep") == 0o700
    assert file_mode(directory) == 0o700
    files = sorted(p.name for p in directory.iterdir())
    assert files == [FILE_NAME, f"{FILE_NAME}-shm", f"{FILE_NAME}-wal"]
    assert {file_mode(directory / name) for name in files} == {0o600}
    store.close()


def test_the_data_directory_and_its_override(monkeypatch, tmp_path):
    assert default_data_dir({DATA_DIR_ENV: str(tmp_path)}) == tmp_path
    assert default_data_dir({}).name == "toggl-inspector"
    store = LookupHistory.default({DATA_DIR_ENV: str(tmp_path)})
    assert store.path == tmp_path / FILE_NAME and not store.own_directory


def test_threads_take_turns(history):
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda n: history.record(record(10000 + n, n)), range(40)))
    assert history.count() == 40


def test_a_secret_the_server_escaped_in_the_body_is_found_and_the_body_written_anew(tmp_path):
    redactor = RedactSecrets()
    redactor.register("pass&word<1>")
    store = LookupHistory(tmp_path / FILE_NAME, redact=redactor.redact)
    escaped = '{"id": 1, "description": "pass\\u0026word\\u003c1\\u003e", "n": 1.50}'
    untouched = '{"id": 2, "description": "fine", "n": 1.50}'
    first = store.entry(store.record(record(1, body=escaped)))
    second = store.entry(store.record(record(2, body=untouched)))
    store.close()
    assert first.body == '{"id": 1, "description": "[redacted]", "n": 1.5}'
    assert second.body == untouched  # as received, byte for byte
