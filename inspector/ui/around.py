"""The entries around an inspected one as the window shows them, the same in the list and
on the day strip: how one relates to it, its start – stop in a zone, a line naming it, and
what the strip draws (the day in a zone, the bars, where they overlap). No Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from inspector.domain.neighbours import EntrySpan, Neighbour, Relation
from inspector.domain.timestamps import format_duration

THIS_ENTRY = "this entry"


def relation_text(neighbour: Neighbour) -> str:
    if neighbour.relation is Relation.DUPLICATE:
        return "exact duplicate"
    if neighbour.relation is Relation.RUNNING:
        return "running too"
    if neighbour.relation is Relation.OVERLAP:
        return f"overlaps by {format_duration(neighbour.overlap_seconds)}"
    return "close by"


def span_in_zone(span: EntrySpan, zone: tzinfo) -> str:
    """ "2026-11-28 09:00:00 – 09:25:00", the stop's date only when it is another day."""
    try:
        start = span.start.astimezone(zone)
        stop = span.stop.astimezone(zone) if span.stop is not None else None
    except (OverflowError, ValueError, OSError):
        return "outside the range this computer can show"
    if stop is None:
        return f"{start:%Y-%m-%d %H:%M:%S} – running"
    end = f"{stop:%H:%M:%S}" if stop.date() == start.date() else f"{stop:%Y-%m-%d %H:%M:%S}"
    return f"{start:%Y-%m-%d %H:%M:%S} – {end}"


def describe(span: EntrySpan, zone: tzinfo, relation: str) -> str:
    """One entry in a line (server text as received: show it through plain_tooltip)."""
    description = span.description if span.description else "(no description)"
    deleted = " (deleted)" if span.deleted else ""
    when = span_in_zone(span, zone)
    return f"Entry {span.entry_id}{deleted}: {description} · {when} · {relation}"


@dataclass(frozen=True)
class DayBar:
    span: EntrySpan
    relation: str  # to the inspected entry: "this entry", "overlaps by 0:05:00", ...
    zone: tzinfo  # the strip's
    inspected: bool = False

    @property
    def entry_id(self) -> int:
        return self.span.entry_id

    @property
    def start(self) -> datetime:
        return self.span.start

    @property
    def stop(self) -> datetime | None:
        """None: running (drawn to now, then fading out)."""
        return self.span.stop

    @property
    def deleted(self) -> bool:
        return self.span.deleted

    @property
    def tooltip(self) -> str:
        """Names the entry (server text as received: shown through plain_tooltip). Worded
        when asked, on hover: a day of hundreds of entries costs nothing until then."""
        return describe(self.span, self.zone, self.relation)


@dataclass(frozen=True)
class Day:
    """One calendar day in a zone: 23, 24 or 25 hours long (daylight saving)."""

    start: datetime  # UTC
    end: datetime  # UTC
    zone: tzinfo
    label: str  # "Fri 2026-11-28 · America/New_York"

    @classmethod
    def of(cls, moment: datetime, zone: tzinfo, zone_name: str) -> Day:
        local = moment.astimezone(zone)
        first = datetime.combine(local.date(), time(0), tzinfo=zone)
        following = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=zone)
        # Through UTC: aware datetimes sharing a tzinfo subtract as if naive.
        return cls(
            first.astimezone(UTC),
            following.astimezone(UTC),
            zone,
            f"{local:%a %Y-%m-%d} · {zone_name}",
        )

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()

    def midnights(self, zone: tzinfo | None) -> list[datetime]:
        """Midnight in ``zone`` (None: this computer's) strictly inside the day."""
        found = []
        local = self.start.astimezone(zone)
        for offset in range(3):
            day = local.date() + timedelta(days=offset)
            moment = datetime.combine(day, time(0), tzinfo=local.tzinfo)
            if zone is None:  # the computer's zone: its rules for that date, DST included
                moment = datetime.combine(day, time(0)).astimezone()
            moment = moment.astimezone(UTC)
            if self.start < moment < self.end:
                found.append(moment)
        return found


def strip_content(
    inspected: EntrySpan,
    neighbours: Sequence[Neighbour],
    zone: tzinfo,
    zone_name: str,
    now: datetime,
) -> tuple[Day, list[DayBar], list[tuple[datetime, datetime]]]:
    """The inspected entry's day in ``zone``, a bar for it and each neighbour, and the
    stretches during which a neighbour runs at the same time as it."""
    bars = [DayBar(inspected, THIS_ENTRY, zone, inspected=True)]
    overlaps = []
    for neighbour in neighbours:
        bars.append(DayBar(neighbour.span, relation_text(neighbour), zone))
        if neighbour.overlap_seconds > 0:
            begins = max(inspected.start, neighbour.span.start)
            ends = min(inspected.end(now), neighbour.span.end(now))
            overlaps.append((begins, ends))
    return Day.of(inspected.start, zone, zone_name), bars, overlaps
