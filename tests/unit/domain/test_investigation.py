"""Why an entry looks wrong: neighbours, the owner's calendar day, and the explanations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector.domain.entry_view import build_entry_view
from inspector.domain.explanations import (
    Context,
    ProjectFacts,
    Unchecked,
    WorkspaceFacts,
    explain,
    rounded_seconds,
)
from inspector.domain.neighbours import (
    EntrySpan,
    Relation,
    overlap_seconds,
    relate,
    span_of,
)
from inspector.domain.owner_day import owner_day

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def at(hour: int, minute: int = 0, day: int = 30) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def span(entry_id, start, stop, description="Work", project_id=7, deleted=False) -> EntrySpan:
    return EntrySpan(entry_id, start, stop, description, project_id, deleted)


def raw_entry(
    entry_id=1,
    start="2026-11-30T09:00:00+00:00",
    stop="2026-11-30T10:00:00+00:00",
    duration=3600,
    **fields,
):
    return {
        "id": entry_id,
        "start": start,
        "stop": stop,
        "duration": duration,
        "description": "Work",
        "project_id": 7,
        **fields,
    }


# --- spans ------------------------------------------------------------------------------
def test_a_span_reads_stopped_running_and_duration_only_entries():
    assert span_of(raw_entry()) == span(1, at(9), at(10))
    running = span_of(raw_entry(stop=None, duration=-1))
    assert running is not None and running.running and running.end(NOW) == NOW
    duration_only = span_of(raw_entry(stop=None, duration=1800))
    assert duration_only is not None and duration_only.stop == at(9, 30)
    assert span_of(raw_entry(server_deleted_at="2026-11-30T11:00:00Z")).deleted


@pytest.mark.parametrize("broken", [{"id": "1"}, {"id": True}, {"start": None}, {"start": "9am"}])
def test_an_entry_without_usable_id_or_start_has_no_span(broken):
    assert span_of(raw_entry(**broken)) is None


# --- relations --------------------------------------------------------------------------
def test_an_overlap_says_by_how_long():
    entry = span(1, at(9), at(10))
    [neighbour] = relate(entry, [span(2, at(9, 45), at(11))], NOW)
    assert neighbour.relation is Relation.OVERLAP
    assert neighbour.overlap_seconds == 15 * 60


def test_entries_that_only_touch_do_not_overlap():
    entry = span(1, at(9), at(10))
    [neighbour] = relate(entry, [span(2, at(10), at(11))], NOW)
    assert neighbour.relation is None and neighbour.overlap_seconds == 0


def test_an_exact_duplicate_is_a_duplicate_not_an_overlap():
    entry = span(1, at(9), at(10))
    [twin, other_project] = relate(
        entry, [span(2, at(9), at(10)), span(3, at(9), at(10), project_id=8)], NOW
    )
    assert twin.relation is Relation.DUPLICATE
    assert other_project.relation is Relation.OVERLAP


def test_a_second_running_entry_is_flagged():
    entry = span(1, at(11), None)
    [other] = relate(entry, [span(2, at(10), None, description="Other")], NOW)
    assert other.relation is Relation.RUNNING
    assert other.overlap_seconds == 3600  # 11:00 to now (12:00)


def test_the_entry_itself_and_deleted_entries_are_not_neighbours():
    entry = span(1, at(9), at(10))
    others = [span(1, at(9), at(10)), span(2, at(9), at(10), deleted=True), span(3, at(8), at(9))]
    assert [n.span.entry_id for n in relate(entry, others, NOW)] == [3]


@given(
    st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 10_000)
)
def test_overlap_is_symmetric_and_never_longer_than_either(a, b, c, d):
    base = at(0)
    first = span(1, base + timedelta(seconds=min(a, b)), base + timedelta(seconds=max(a, b)))
    second = span(2, base + timedelta(seconds=min(c, d)), base + timedelta(seconds=max(c, d)))
    both = overlap_seconds(first, second, NOW)
    assert both == overlap_seconds(second, first, NOW)
    assert 0 <= both <= min(abs(a - b), abs(c - d))


# --- the owner's day --------------------------------------------------------------------
def test_an_entry_late_in_utc_is_the_next_day_for_an_owner_in_tokyo():
    day = owner_day(at(20, 30, day=29), "Asia/Tokyo", BERLIN)
    assert day.owner_start is not None and day.owner_start.isoformat().startswith(
        "2026-11-30T05:30"
    )
    assert day.differs_from_utc and day.differs_from_local and day.day_differs


def test_the_same_day_everywhere_is_not_flagged():
    day = owner_day(at(12), "Europe/Paris", BERLIN)
    assert not day.day_differs


@pytest.mark.parametrize("zone", [None, "", "Not/AZone", "../../etc/passwd", 5])
def test_an_unknown_or_missing_zone_gives_no_owner_day(zone):
    day = owner_day(at(12), zone, BERLIN)  # type: ignore[arg-type]  # a server's value
    assert day.owner_start is None and not day.day_differs


# --- explanations -----------------------------------------------------------------------
def view_of(**fields):
    return build_entry_view(raw_entry(**fields), NOW, BERLIN)


def codes(view, context: Context | None = None):
    return [reason.code for reason in explain(view, context or Context(), NOW)]


def test_a_deleted_entry_says_so_first():
    reasons = explain(view_of(server_deleted_at="2026-11-30T11:00:00Z"), Context(), NOW)
    assert reasons[0].code == "deleted"
    assert "2026-11-30 11:00:00 UTC" in reasons[0].sentence


def test_a_null_project_and_null_tags_are_explained():
    assert codes(view_of(project_id=None, tags=None)) == ["no_project", "no_tags"]
    assert codes(view_of(project_id=7, tags=[])) == []


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"name": "Old", "status": "archived", "active": False}, "project_archived"),
        ({"name": "Gone", "server_deleted_at": "2026-01-01T00:00:00Z"}, "project_deleted"),
        ({"name": "Done", "status": "ended"}, "project_ended"),
        ({"name": "Soon", "status": "upcoming"}, "project_upcoming"),
        ({"name": "Old", "active": False}, "project_archived"),
    ],
)
def test_the_projects_state_is_explained(body, code):
    context = Context(project=ProjectFacts.from_json(body, 7))
    assert codes(view_of(), context) == [code]


def test_an_active_project_needs_no_explanation():
    context = Context(project=ProjectFacts.from_json({"name": "Live", "status": "active"}, 7))
    assert codes(view_of(), context) == []


@pytest.mark.parametrize(
    ("seconds", "minutes", "direction", "shown"),
    [
        (3599, 15, 1, 3600),
        (3599, 15, -1, 2700),
        (3599, 15, 0, 3600),
        (1000, 0, 1, 1000),
        (450, 15, 0, 900),
        (449, 15, 0, 0),
    ],
)
def test_rounding_as_reports_show_it(seconds, minutes, direction, shown):
    assert rounded_seconds(seconds, minutes, direction) == shown


def test_workspace_rounding_and_rules_are_explained():
    workspace = WorkspaceFacts.from_json(
        {
            "name": "Team",
            "rounding": 1,
            "rounding_minutes": 15,
            "projects_enforce_billable": True,
            "hide_start_end_times": True,
        },
        9,
    )
    project = ProjectFacts.from_json({"name": "Client work", "billable": True}, 7)
    view = view_of(duration=3000, stop="2026-11-30T09:50:00+00:00", billable=False)
    reasons = explain(view, Context(workspace=workspace, project=project), NOW)
    assert [r.code for r in reasons] == ["rounding", "billable_enforced", "times_hidden"]
    assert (
        "up 15 minutes: reports show 1:00:00 where the entry holds 0:50:00" in reasons[0].sentence
    )


def test_neighbours_owner_day_and_unchecked_parts_are_sentences():
    entry = span(1, at(9), at(10))
    neighbours = relate(entry, [span(2, at(9, 30), at(11)), span(3, at(9), at(10))], NOW)
    context = Context(
        neighbours=neighbours,
        owner_day=owner_day(at(12, day=29), "Pacific/Auckland", BERLIN),  # 01:00 on the 30th
        unchecked=[Unchecked("the owner's time zone", "the workspace's users answered 403")],
    )
    reasons = explain(view_of(), context, NOW)
    assert [r.code for r in reasons] == ["duplicate", "overlap", "owner_day_differs", "unchecked"]
    assert "Overlaps entry 2 by 0:30:00" in reasons[1].sentence
    assert "Pacific/Auckland" in reasons[2].sentence
    assert reasons[3].sentence == (
        "Not checked: the owner's time zone (the workspace's users answered 403)"
    )
