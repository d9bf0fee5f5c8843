"""Reports rows: the search's date spans, and a grouped row mapped onto the entry view."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from inspector.domain.entry_view import RunState, build_entry_view
from inspector.domain.field_tree import ValueKind
from inspector.domain.report_rows import (
    NOT_AVAILABLE,
    DateSpan,
    default_since,
    find_entry,
    search_spans,
)

PAGE = json.loads(
    (Path(__file__).parents[2] / "fixtures" / "reports_search_page.json").read_text(
        encoding="utf-8"
    )
)
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
WORKSPACE = 8_200_001


def test_spans_are_calendar_years_newest_first():
    spans = search_spans(date(2022, 3, 15), date(2026, 11, 29))
    assert spans == (
        DateSpan(date(2026, 1, 1), date(2026, 11, 29)),
        DateSpan(date(2025, 1, 1), date(2025, 12, 31)),
        DateSpan(date(2024, 1, 1), date(2024, 12, 31)),
        DateSpan(date(2023, 1, 1), date(2023, 12, 31)),
        DateSpan(date(2022, 3, 15), date(2022, 12, 31)),
    )
    assert [span.label for span in spans] == ["2026", "2025", "2024", "2023", "2022"]


@pytest.mark.parametrize(
    "since, until",
    [
        (date(2020, 1, 1), date(2024, 12, 31)),  # leap years 2020 and 2024 whole
        (date(2024, 2, 29), date(2025, 2, 28)),
        (date(2023, 12, 31), date(2024, 1, 1)),  # one day on each side of a year's end
        (date(2026, 1, 1), date(2026, 1, 1)),  # a single day
        (date(1999, 7, 4), date(2026, 11, 29)),
    ],
)
def test_spans_cover_the_range_exactly_once_and_none_is_longer_than_a_year(since, until):
    spans = search_spans(since, until)
    assert spans[0].end == until and spans[-1].start == since
    for newer, older in itertools.pairwise(spans):
        assert (newer.start - older.end).days == 1  # no gap, no overlap, newest first
    for span in spans:
        assert span.start <= span.end
        assert span.start.year == span.end.year  # hence at most 366 days
        assert (span.end - span.start).days <= 365


def test_a_span_across_years_is_labelled_by_its_dates():
    assert DateSpan(date(2023, 6, 1), date(2024, 5, 31)).label == "2023-06-01 to 2024-05-31"


def test_a_range_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="starts"):
        search_spans(date(2025, 1, 2), date(2025, 1, 1))


def test_default_since_counts_this_year_as_the_first():
    assert default_since(date(2026, 11, 29), 5) == date(2022, 1, 1)
    assert default_since(date(2026, 11, 29), 1) == date(2026, 1, 1)
    with pytest.raises(ValueError):
        default_since(date(2026, 11, 29), 0)


def test_every_reported_field_is_mapped_onto_its_v9_name():
    match = find_entry(PAGE, 3_101_155_801, WORKSPACE)
    assert match is not None
    entry = match.entry
    assert entry["id"] == 3_101_155_801
    assert entry["duration"] == 3600  # seconds
    assert entry["start"] == "2023-05-10T08:00:00+02:00"
    assert entry["stop"] == "2023-05-10T09:00:00+02:00"
    assert entry["at"] == "2023-05-10T07:00:04+00:00"
    assert entry["tags"] == ["support", "billing"]  # tag_names
    assert entry["tag_ids"] == [17_000_001, 17_000_002]
    assert entry["user_name"] == "Jane Doe"  # username
    assert entry["user_id"] == 2_166_261
    assert entry["description"] == "Customer call: invoice question"
    assert (entry["project_id"], entry["project_name"], entry["project_color"]) == (
        155_392_684,
        "Support",
        "#0b83d9",
    )
    assert entry["client_name"] == "Acme Corp"
    assert (entry["task_id"], entry["task_name"]) == (301_000_001, "Tier 2 tickets")
    assert entry["billable"] is True
    assert entry["workspace_id"] == WORKSPACE  # the workspace that was searched
    # What only a report has is kept, under its own name.
    assert entry["email"] == "jane.doe@example.com"
    assert entry["hourly_rate_in_cents"] == 12500
    assert entry["at_tz"] == "2023-05-10T09:00:04+02:00"
    assert "seconds" not in entry and "tag_names" not in entry and "username" not in entry
    assert match.group is PAGE[0]  # the row as received, for the raw view


def test_the_second_entry_of_a_group_gets_the_groups_fields():
    match = find_entry(PAGE, 3_101_155_802, WORKSPACE)
    assert match is not None
    assert match.entry["duration"] == 1400
    assert match.entry["project_name"] == "Support"
    assert match.entry["tags"] == ["support", "billing"]


def test_an_entry_in_no_row_is_not_found_and_odd_rows_are_passed_over():
    assert find_entry(PAGE, 1, WORKSPACE) is None
    odd = [
        None,
        "x",
        {"time_entries": None},
        {"time_entries": [{"id": "3101155801"}]},
        {"time_entries": [{"id": True}]},
    ]
    assert find_entry(odd, 3_101_155_801, WORKSPACE) is None
    assert find_entry(odd, 1, WORKSPACE) is None


def _labels(view, group_title):
    group = next(group for group in view.groups if group.title == group_title)
    return {node.label: node for node in group.fields}


def test_the_view_marks_what_reports_do_not_carry_and_finds_no_false_anomalies():
    match = find_entry(PAGE, 3_101_155_801, WORKSPACE)
    view = build_entry_view(
        match.entry,
        NOW,
        UTC,
        unavailable=dict.fromkeys(match.not_available, NOT_AVAILABLE),
        extra_fields=match.extra_fields,
    )
    assert view.anomalies == ()
    assert view.run_state is RunState.STOPPED
    assert view.recorded_duration == 3600
    assert view.start == datetime(2023, 5, 10, 6, 0, tzinfo=UTC)
    legacy = _labels(view, "Legacy ids")
    assert set(legacy) == {"pid", "tid", "uid", "wid"}
    assert all(
        node.kind is ValueKind.UNAVAILABLE and node.display == NOT_AVAILABLE
        for node in legacy.values()
    )
    sharing = _labels(view, "Sharing")
    assert sharing["shared_with"].display == NOT_AVAILABLE
    assert _labels(view, "Time")["server_deleted_at"].display == NOT_AVAILABLE
    assert _labels(view, "User and workspace")["user_avatar_url"].display == NOT_AVAILABLE
    assert _labels(view, "User and workspace")["user_name"].display == "Jane Doe"
    report_only = _labels(view, "Reports API only")
    assert set(report_only) == {
        "email",
        "project_hex",
        "hourly_rate_in_cents",
        "billable_amount_in_cents",
        "currency",
        "row_number",
        "at_tz",
    }
    assert report_only["email"].description.startswith("Reports API v3 only")
    assert set(_labels(view, "Other fields")) == {"expense_ids"}  # unavailable, no unknowns


def test_a_field_missing_from_a_report_row_is_marked_too():
    row = {key: value for key, value in PAGE[1].items() if key != "task_name"}
    match = find_entry([row], 3_101_155_900, WORKSPACE)
    assert "task_name" in match.not_available
    view = build_entry_view(
        match.entry, NOW, UTC, unavailable=dict.fromkeys(match.not_available, NOT_AVAILABLE)
    )
    assert _labels(view, "Project and task")["task_name"].display == NOT_AVAILABLE
    assert _labels(view, "Project and task")["project_id"].display == "null"
    assert view.anomalies == ()


def test_an_unavailable_field_outside_the_catalogue_is_still_shown():
    view = build_entry_view(
        {
            "id": 1,
            "start": "2023-05-10T08:00:00+02:00",
            "duration": 5,
            "stop": "2023-05-10T08:00:05+02:00",
        },
        NOW,
        UTC,
        unavailable={"sharing_url": NOT_AVAILABLE},
    )
    assert _labels(view, "Other fields")["sharing_url"].display == NOT_AVAILABLE
