"""`get --format report`: the inspector's view as one JSON object, not Toggl's body."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from inspector.api.exchange import ExchangeRecord, Quota
from inspector.api.time_entries import EntryResponse
from inspector.cli import Outcome, context_lines, report_object
from inspector.domain.entry_view import build_entry_view
from inspector.domain.explanations import Context, Explanation, ProjectFacts, Unchecked
from inspector.domain.neighbours import EntrySpan, Neighbour, Relation
from inspector.domain.owner_day import owner_day
from inspector.services import LookupRequest, LookupResult
from inspector.services.context_types import EntryContext

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def outcome(raw: dict[str, object], context: EntryContext | None = None) -> Outcome:
    view = build_entry_view(raw, NOW, UTC)
    response = EntryResponse("u", json.dumps(raw), raw, 1.0, Quota(None, None), None)
    result = LookupResult(LookupRequest(7), view, response, "test", ExchangeRecord())
    return Outcome(result, context, requests=1)


def test_a_duration_only_entry_has_its_derived_stop_and_a_deleted_one_says_so():
    report = report_object(
        outcome(
            {
                "id": 7,
                "start": "2026-11-30T09:00:00+00:00",
                "stop": None,
                "duration": 5400,
                "server_deleted_at": "2026-11-30T11:00:00Z",
            }
        ),
        NOW,
    )
    assert report == {
        "id": 7,
        "source": "v9",
        "state": "duration_only",
        "deleted": True,
        "start": "2026-11-30T09:00:00Z",
        "stop": "2026-11-30T10:30:00Z",
        "stop_derived": True,
        "duration_seconds": 5400,
        "anomalies": [{"code": "deleted", "message": report["anomalies"][0]["message"]}],
        "requests": 1,
    }


def test_a_running_entry_counts_its_elapsed_seconds():
    report = report_object(
        outcome({"id": 7, "start": "2026-11-30T11:00:00Z", "stop": None, "duration": -1}), NOW
    )
    assert (report["state"], report["stop"], report["duration_seconds"]) == ("running", None, 3600)


def test_the_context_part_leaves_unrelated_neighbours_out():
    start = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    near = EntrySpan(8, start, datetime(2026, 11, 30, 9, 30, tzinfo=UTC), "x", None)
    far = EntrySpan(9, datetime(2026, 11, 29, 9, 0, tzinfo=UTC), None, "y", None)
    context = EntryContext(
        context=Context(
            owner_day=owner_day(start, "Asia/Tokyo", UTC),
            neighbours=(Neighbour(near, Relation.OVERLAP, 1800), Neighbour(far, None, 0)),
            project=ProjectFacts(3, "Old", "archived", False, True),
            unchecked=(Unchecked("the workspace's rules", "not found: HTTP 404"),),
        ),
        explanations=(Explanation("overlap", "Overlaps entry 8 by 0:30:00."),),
        requests_sent=2,
        quota_left=27,
        owner_time_zone="Asia/Tokyo",
    )
    raw = {"id": 7, "start": "2026-11-30T09:00:00Z", "stop": "2026-11-30T10:00:00Z"}
    report = report_object(outcome({**raw, "duration": 3600}, context), NOW)
    assert report["owner_start"] == "2026-11-30T18:00:00+09:00"
    assert report["day_differs"] is False
    assert report["neighbours"] == [
        {
            "id": 8,
            "start": "2026-11-30T09:00:00Z",
            "stop": "2026-11-30T09:30:00Z",
            "relation": "overlap",
            "overlap_seconds": 1800,
        }
    ]
    assert report["project"] == {"id": 3, "name": "Old", "status": "archived"}
    assert report["explanations"] == ["Overlaps entry 8 by 0:30:00."]
    assert report["unchecked"] == [{"what": "the workspace's rules", "why": "not found: HTTP 404"}]
    assert list(context_lines(context)) == [
        "Explanations:",
        "  - Overlaps entry 8 by 0:30:00.",
        "Context: 2 requests, quota left 27",
    ]
