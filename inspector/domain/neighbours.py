"""Entries around the inspected one: which overlap it (and by how long), which duplicate it,
and which run at the same time as another running entry. Pure: the caller fetches the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum

from inspector.domain.entry_view import RunState, derive_run_state
from inspector.domain.timestamps import InvalidTimestamp, moment_after, parse_timestamp


class Relation(Enum):
    OVERLAP = "overlap"
    DUPLICATE = "duplicate"
    RUNNING = "running"  # another entry runs too (Toggl keeps one running entry per user)


@dataclass(frozen=True)
class EntrySpan:
    """The part of an entry that says where it sits in time."""

    entry_id: int
    start: datetime
    stop: datetime | None  # None while running
    description: str | None
    project_id: int | None
    deleted: bool = False

    @property
    def running(self) -> bool:
        return self.stop is None

    def end(self, now: datetime) -> datetime:
        """Where the span ends on a time line: its stop, or ``now`` while it runs."""
        return self.stop if self.stop is not None else max(now, self.start)

    def same_work(self, other: EntrySpan) -> bool:
        """Same start, same stop (or both running), same description and project."""
        return (
            self.start == other.start
            and self.stop == other.stop
            and (self.description or "") == (other.description or "")
            and self.project_id == other.project_id
        )


@dataclass(frozen=True)
class Neighbour:
    span: EntrySpan
    relation: Relation | None  # None: merely close by
    overlap_seconds: int  # how long both run at once (0 when they do not)


def span_of(raw: Mapping[str, object]) -> EntrySpan | None:
    """The span of a v9 time entry object; None when it has no usable id or start."""
    entry_id = raw.get("id")
    if isinstance(entry_id, bool) or not isinstance(entry_id, int):
        return None
    try:
        start = parse_timestamp(raw.get("start"))
    except InvalidTimestamp:
        return None
    duration = raw.get("duration")
    duration = duration if isinstance(duration, int) and not isinstance(duration, bool) else None
    state = derive_run_state(duration, raw.get("stop"))
    stop: datetime | None = None
    if state is RunState.STOPPED:
        try:
            stop = parse_timestamp(raw.get("stop"))
        except InvalidTimestamp:
            stop = None if duration is None else moment_after(start, duration)
            if stop is None:
                return None
    elif state is RunState.DURATION_ONLY and duration is not None:
        stop = moment_after(start, duration)
        if stop is None:
            return None
    description = raw.get("description")
    project_id = raw.get("project_id")
    return EntrySpan(
        entry_id=entry_id,
        start=start,
        stop=stop,
        description=description if isinstance(description, str) else None,
        project_id=project_id
        if isinstance(project_id, int) and not isinstance(project_id, bool)
        else None,
        deleted=raw.get("server_deleted_at") is not None,
    )


def overlap_seconds(first: EntrySpan, second: EntrySpan, now: datetime) -> int:
    """Whole seconds during which both spans run (0 when they only touch or are apart)."""
    begins = max(first.start, second.start)
    ends = min(first.end(now), second.end(now))
    return max(0, int((ends - begins).total_seconds()))


def relate(entry: EntrySpan, others: Iterable[EntrySpan], now: datetime) -> list[Neighbour]:
    """Every other (not deleted) entry, by start, with how it relates to ``entry``.

    A duplicate is reported as such rather than as an overlap; a second running entry as
    running (whatever else it does).
    """
    neighbours = []
    seen = {entry.entry_id}
    for other in sorted(others, key=lambda span: (span.start, span.entry_id)):
        if other.entry_id in seen or other.deleted:
            continue
        seen.add(other.entry_id)
        overlap = overlap_seconds(entry, other, now)
        relation: Relation | None = None
        if entry.same_work(other):
            relation = Relation.DUPLICATE
        elif other.running and entry.running:
            relation = Relation.RUNNING
        elif overlap > 0:
            relation = Relation.OVERLAP
        neighbours.append(Neighbour(other, relation, overlap))
    return neighbours


def days_around(start: datetime) -> tuple[date, date]:
    """The day before to the day after ``start``'s UTC day, both included: the entries that
    can touch it, whatever zone their owner's day is read in (offsets stay within 14 h)."""
    day = start.astimezone(UTC).date()
    return day - timedelta(days=1), day + timedelta(days=1)
