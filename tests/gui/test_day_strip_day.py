"""What the day strip draws, before any painting: the owner's calendar day (23 or 25 hours
on the days the clocks change), midnight in other zones inside it, and where the entries
around it overlap it (inspector/ui/around.py has no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from inspector.domain.neighbours import EntrySpan, relate
from inspector.ui.around import Day, describe, strip_content

NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def span(entry_id: int, start: datetime, minutes: int | None, description: str = "") -> EntrySpan:
    stop = start + timedelta(minutes=minutes) if minutes is not None else None
    return EntrySpan(entry_id, start, stop, description, None)


def test_a_day_is_its_zones_calendar_day_dst_included():
    ordinary = Day.of(datetime(2026, 11, 28, 15, tzinfo=UTC), NEW_YORK, "America/New_York")
    assert ordinary.start == datetime(2026, 11, 28, 5, tzinfo=UTC)
    assert ordinary.seconds == 24 * 3600
    assert ordinary.label == "Sat 2026-11-28 · America/New_York"
    spring = Day.of(datetime(2026, 3, 8, 15, tzinfo=UTC), NEW_YORK, "America/New_York")
    assert spring.seconds == 23 * 3600
    autumn = Day.of(datetime(2026, 11, 1, 15, tzinfo=UTC), NEW_YORK, "America/New_York")
    assert autumn.seconds == 25 * 3600


def test_the_day_of_an_entry_is_the_owners_not_utcs():
    late = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)  # Friday evening in New York
    assert Day.of(late, NEW_YORK, "America/New_York").label.startswith("Fri 2026-11-27")
    assert Day.of(late, UTC, "UTC").label.startswith("Sat 2026-11-28")


def test_midnight_elsewhere_falls_inside_the_day():
    day = Day.of(datetime(2026, 11, 28, 15, tzinfo=UTC), NEW_YORK, "America/New_York")
    assert day.midnights(UTC) == [datetime(2026, 11, 29, 0, tzinfo=UTC)]  # 19:00 there
    assert day.midnights(TOKYO) == [datetime(2026, 11, 28, 15, tzinfo=UTC)]
    assert day.midnights(NEW_YORK) == []  # its own midnights are the edges
    utc_day = Day.of(datetime(2026, 11, 28, 15, tzinfo=UTC), UTC, "UTC")
    assert utc_day.midnights(UTC) == []


def test_the_strip_holds_a_bar_for_each_entry_and_a_stretch_for_each_overlap():
    start = datetime(2026, 11, 28, 14, tzinfo=UTC)
    inspected = span(1, start, 60, "Call")
    others = [
        span(2, start - timedelta(minutes=30), 45, "Standup"),  # overlaps by 15 minutes
        span(3, start - timedelta(hours=3), 30, "Email"),  # apart
        span(4, start + timedelta(minutes=50), None, "Left running"),  # overlaps 10 minutes
    ]
    now = start + timedelta(hours=2)
    neighbours = relate(inspected, others, now)
    day, bars, overlaps = strip_content(inspected, neighbours, NEW_YORK, "America/New_York", now)
    assert day.label == "Sat 2026-11-28 · America/New_York"
    assert [bar.entry_id for bar in bars] == [1, 3, 2, 4]
    assert [bar.inspected for bar in bars] == [True, False, False, False]
    assert bars[0].tooltip == ("Entry 1: Call · 2026-11-28 09:00:00 – 10:00:00 · this entry")
    assert "overlaps by 0:15:00" in bars[2].tooltip
    assert bars[3].stop is None and "– running" in bars[3].tooltip
    assert overlaps == [
        (start, start + timedelta(minutes=15)),
        (start + timedelta(minutes=50), start + timedelta(minutes=60)),
    ]


def test_a_description_is_named_as_received():
    line = describe(span(7, datetime(2026, 1, 1, tzinfo=UTC), 5, "<b>x</b>\n"), UTC, "close by")
    assert line == "Entry 7: <b>x</b>\n · 2026-01-01 00:00:00 – 00:05:00 · close by"
