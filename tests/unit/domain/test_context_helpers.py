"""The pure helpers explaining an entry adds: the days around an entry, a member's zone in a
workspace's members list, and every entry of a page of report rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from inspector.domain.neighbours import days_around, span_of
from inspector.domain.owner_day import MemberZone, member_zone
from inspector.domain.report_rows import entries_from_rows


def test_the_days_around_are_read_on_utcs_calendar():
    late = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    assert days_around(late) == (date(2026, 11, 29), date(2026, 12, 1))
    tokyo_morning = datetime(2026, 12, 1, 5, 30, tzinfo=timezone(timedelta(hours=9)))
    assert days_around(tokyo_morning) == (date(2026, 11, 29), date(2026, 12, 1))


def test_a_member_is_found_by_uid_never_by_the_membership_id():
    members = [
        {"id": 61, "uid": 1, "timezone": "Europe/Berlin"},
        "garbage",
        {"id": 2, "uid": 61, "timezone": " Asia/Tokyo "},
        {"id": 3, "user_id": 62, "timezone": ""},
    ]
    assert member_zone(members, 61) == MemberZone(True, "Asia/Tokyo")
    assert member_zone(members, 62) == MemberZone(True, None)
    assert member_zone(members, 99) == MemberZone(False, None)
    assert member_zone([{"uid": True, "timezone": "UTC"}], 1) == MemberZone(False, None)


def test_every_entry_of_a_page_of_rows_is_v9_shaped():
    rows = [
        {
            "user_id": 61,
            "username": "Kenji",
            "description": "Night shift",
            "project_id": 7,
            "time_entries": [
                {
                    "id": 1,
                    "seconds": 600,
                    "start": "2026-11-24T21:30:00+01:00",
                    "stop": "2026-11-24T21:40:00+01:00",
                    "at": "x",
                },
                {"id": "2"},
            ],
        },
        {"time_entries": None},
        3,
    ]
    [entry] = entries_from_rows(rows, 8_200_001)
    assert (entry["id"], entry["user_id"], entry["workspace_id"], entry["duration"]) == (
        1,
        61,
        8_200_001,
        600,
    )
    span = span_of(entry)
    assert span is not None and span.start == datetime(2026, 11, 24, 20, 30, tzinfo=UTC)
