"""A lookup's finding as the summary, the exports, the history and cURL take it; the plan of
several IDs; recording, reading back and what changed (issue #14)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from inspector.api.errors import NotFound, QuotaExhausted, ServerError
from inspector.api.exchange import ExchangeRecord, Quota
from inspector.api.time_entries import EntryResponse
from inspector.demo.dataset import demo_entry
from inspector.domain.answer_diff import ChangeKind
from inspector.domain.entry_view import build_entry_view
from inspector.domain.lookup_facts import LookupOutcome
from inspector.domain.report_rows import DateSpan
from inspector.history import FILE_NAME, LookupHistory
from inspector.services import LookupRequest, LookupResult, ReportsResult
from inspector.services.batch_types import AtReserve, BatchPlan, QuotaPause
from inspector.services.findings import Finding, curl_for
from inspector.services.lookup_history import (
    HistoryRecorder,
    HistoryService,
    recording_wanted,
    stored_answer,
    stored_view,
    what_changed,
)

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
URL = "https://api.track.toggl.com/api/v9/me/time_entries/5000000001?meta=true"


def result(raw: dict[str, object] | None = None, **response: object) -> LookupResult:
    raw = raw or demo_entry(5000000001, START, 5400, START + timedelta(minutes=90))
    body = json.dumps(raw)
    record = ExchangeRecord(attempts=2, request_id="req-9")
    answer = EntryResponse(URL, body, raw, 5.0, Quota(41, 3000), "req-9")
    return LookupResult(
        LookupRequest(int(raw["id"]), meta=True),
        build_entry_view(raw, NOW, UTC),
        answer,
        "environment",
        record,
    )


def reports_result() -> ReportsResult:
    group = {
        "user_id": 7,
        "username": "Old Timer",
        "description": "Archived work",
        "project_id": None,
        "tag_names": [],
        "time_entries": [
            {
                "id": 5000001001,
                "seconds": 60,
                "start": "2024-01-02T10:00:00+01:00",
                "stop": "2024-01-02T10:01:00+01:00",
                "at": "2024-01-02T09:01:00+00:00",
            }
        ],
    }
    body = json.dumps([group])
    from inspector.domain.report_rows import find_entry

    match = find_entry([group], 5000001001, 8200001)
    assert match is not None
    view = build_entry_view(match.entry, NOW, UTC)
    url = "https://api.track.toggl.com/reports/api/v3/workspace/8200001/search/time_entries"
    return ReportsResult(
        LookupRequest(5000001001),
        view,
        EntryResponse(url, body, match.entry, 5.0, Quota(None, None), "req-r"),
        "keyring",
        ExchangeRecord(method="POST", attempts=3),
        workspace_id=8200001,
        found_in=DateSpan(date(2024, 1, 1), date(2024, 12, 31)),
        requests=3,
    )


def test_a_found_entry_becomes_facts_a_history_record_and_curl():
    finding = Finding.of_result(result(), NOW)
    assert finding.outcome is LookupOutcome.FOUND and finding.requests == 2
    facts = finding.facts("me@example.com", "https://api.track.toggl.com", "Asia/Tokyo")
    assert (facts.request_id, facts.account, facts.owner_time_zone) == (
        "req-9",
        "me@example.com",
        "Asia/Tokyo",
    )
    record = finding.history_record("me@example.com", "https://api.track.toggl.com")
    assert record.options == {"meta": True, "include_sharing": False}
    assert (record.outcome, record.run_state, record.user_name, record.workspace_id) == (
        "found",
        "stopped",
        "Demo User",
        8200001,
    )
    assert record.body == finding.result.response.body_text
    assert curl_for(finding.result) == f"curl -u \"$TOGGL_API_TOKEN:api_token\" '{URL}'"


def test_errors_become_not_found_or_error_with_their_message():
    missing = NotFound("Time entry 5 was not found (HTTP 404).", request_id="r1")
    failed = ServerError("The server failed (HTTP 500).")
    failed.record = ExchangeRecord(attempts=3)
    not_found = Finding.of_error(5, missing, NOW)
    error = Finding.of_error(6, failed, NOW)
    assert not_found.outcome is LookupOutcome.NOT_FOUND
    assert not_found.message == "Time entry 5 was not found (HTTP 404). Request id: r1."
    assert error.outcome is LookupOutcome.ERROR and error.requests == 3
    assert error.message == "The server failed (HTTP 500). Tried 3 times."
    record = error.history_record("me@example.com", "o", {"meta": False})
    assert (record.outcome, record.body, record.options) == ("error", None, {"meta": False})


def test_a_reports_finding_names_its_workspace_and_curl_posts_the_search():
    finding = Finding.of_result(reports_result(), NOW)
    facts = finding.facts()
    assert (facts.source, facts.workspace_id) == ("reports", 8200001)
    assert finding.requests == 3
    command = curl_for(finding.result)
    assert command.startswith('curl -u "$TOGGL_API_TOKEN:api_token" -X POST ')
    assert '"time_entry_ids": [5000001001]' in command and "2024-01-01" in command


def test_the_plan_and_pause_texts():
    plan = BatchPlan(tuple(range(1, 13)), 25)
    assert plan.text == "12 IDs = 12 requests; quota left 25"
    assert plan.fits and plan.before_reserve == 12
    tight = BatchPlan((1, 2, 3, 4), 4)
    assert not tight.fits and tight.before_reserve == 2
    assert BatchPlan((1,), None).before_reserve is None
    pause = QuotaPause(2, 2, 873.4, (5, 6), AtReserve.WAIT)
    assert (
        pause.text
        == "Quota reserve reached (2 left, reserve 2): going on in 0:14:33 (2 IDs waiting)"
    )


def test_recording_can_be_off_and_then_nothing_is_even_looked_for(tmp_path: Path):
    made = []

    def make() -> LookupHistory:
        made.append(1)
        return LookupHistory(tmp_path / FILE_NAME)

    recorder = HistoryRecorder(make, enabled=False)
    assert recorder.record(Finding.of_result(result(), NOW), "a", "o") is None
    assert made == [] and not (tmp_path / FILE_NAME).exists()
    assert recording_wanted({}) and recording_wanted({"TOGGL_INSPECTOR_HISTORY": "on"})
    assert not recording_wanted({"TOGGL_INSPECTOR_HISTORY": "OFF"})


def test_an_unusable_history_is_a_sentence_not_an_exception(tmp_path: Path):
    (tmp_path / "file").write_text("x")
    recorder = HistoryRecorder(LookupHistory(tmp_path / "file" / FILE_NAME))
    problem = recorder.record(Finding.of_result(result(), NOW), "a", "o")
    assert problem is not None and "cannot be created" in problem


def test_the_window_reads_back_without_a_request_and_sees_what_changed(tmp_path: Path):
    service = HistoryService(HistoryRecorder(LookupHistory(tmp_path / FILE_NAME)))
    before = result()
    after_raw = {**before.view.raw, "description": "Customer call (refund)", "tags": ["billing"]}
    after = result(after_raw)

    async def go():
        problems = [
            await service.record(Finding.of_result(before, NOW), "me@example.com", "o"),
            await service.record(Finding.of_error(7, QuotaExhausted("used up"), NOW), "me", "o"),
            await service.record(Finding.of_result(reports_result(), NOW), "me", "o"),
        ]
        listed, problem = await service.recent()
        searched, _ = await service.search("refund")
        previous, _ = await service.previous(5000000001, "o")
        stored, _ = await service.entry(listed[-1].row_id)
        reports_entry, _ = await service.entry(listed[0].row_id)
        return problems, listed, problem, searched, previous, stored, reports_entry

    problems, listed, problem, searched, previous, stored, reports_entry = asyncio.run(go())
    service.close()
    assert problems == [None, None, None] and problem is None
    assert [e.entry_id for e in listed] == [5000001001, 7, 5000000001]
    assert searched == []
    assert previous is not None and previous.row_id == listed[-1].row_id
    changes = what_changed(previous, after)
    assert [(c.path, c.kind) for c in changes] == [
        ("description", ChangeKind.CHANGED),
        ("tags", ChangeKind.CHANGED),
    ]
    view = stored_view(stored, NOW, UTC)
    assert view is not None and view.entry_id == 5000000001 and view.raw == before.view.raw
    old = stored_view(reports_entry, NOW, UTC)
    assert old is not None and old.entry_id == 5000001001
    assert stored_answer(reports_entry)["user_name"] == "Old Timer"
    assert stored_view(listed[1], NOW, UTC) is None  # a failure holds no answer


def test_two_stored_lookups_are_compared_older_first_and_clear_erases_them(tmp_path: Path):
    service = HistoryService(HistoryRecorder(LookupHistory(tmp_path / FILE_NAME)))
    first = result()
    second_raw = demo_entry(5000000002, START, -1, None, description="Running call")
    second = result(second_raw)

    async def go():
        for finding in (
            Finding.of_result(first, NOW),
            Finding.of_result(second, NOW),
            Finding.of_error(5000000999, NotFound("no such entry"), NOW),
        ):
            await service.record(finding, "me@example.com", "o")
        listed, _ = await service.recent()
        failed_row, second_row, first_row = [entry.row_id for entry in listed]
        newer_first = await service.compare(second_row, first_row)  # asked newer first
        with_failure = await service.compare(failed_row, first_row)
        gone = await service.compare(first_row, 999)
        cleared = await service.clear()
        after, _ = await service.recent()
        return newer_first, with_failure, gone, cleared, after

    (comparison, problem), (failed, _), (gone, _), cleared, after = asyncio.run(go())
    service.close()
    assert problem is None and comparison is not None
    assert (comparison.older.entry_id, comparison.newer.entry_id) == (5000000001, 5000000002)
    changed = {change.path: (change.old, change.new) for change in comparison.changes}
    assert changed["id"] == (5000000001, 5000000002)
    assert changed["duration"] == (5400, -1)
    assert changed["description"][1] == "Running call"
    assert failed is not None and failed.changes is None
    assert failed.unanswered is not None and failed.unanswered.entry_id == 5000000999
    assert gone is None  # a row no longer stored
    assert cleared is None and after == []
