"""The demo API's `GET /api/v9/me/time_entries`: the signed-in user's own entries as a list.

What the demo relies on where Toggl's spec is silent (its subset lists no parameters):
- `start_date` and `end_date` (YYYY-MM-DD, or RFC 3339 with a zone) filter by start time:
  from `start_date` (00:00 UTC for a bare date) until before `end_date` (00:00 UTC for a bare
  date, so that day itself is not included). Both must be sent together.
- a `start_date` before the three-month window answers 400 with the words Toggl's recorded
  traffic shows: "start_date must not be earlier than YYYY-MM-DD".
- `since` (a Unix time) lists every entry whose `at` is not earlier, deleted ones included
  (with `server_deleted_at` set), as Toggl's docs say; with `before` too it answers 400
  "'since' and 'before' can not be present simultaneously" (recorded).
- without a filter, every entry that is not deleted.
- newest start first; deleted entries only with `since`; `meta` and `include_sharing` as on
  a single entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

REACH_DAYS = 90  # about three months, like /me/time_entries


@dataclass(frozen=True)
class ListAnswer:
    status: int
    payload: object


def list_entries(
    entries: Iterable[Mapping[str, object]],
    query: Mapping[str, list[str]],
    now: datetime,
) -> ListAnswer:
    """The answer to one request; ``entries`` are the user's (deleted ones included)."""
    every = list(entries)

    def one(name: str) -> str | None:
        values = query.get(name)
        return values[-1] if values else None

    since, before = one("since"), one("before")
    if since is not None and before is not None:
        return ListAnswer(400, "'since' and 'before' can not be present simultaneously")
    if since is not None:
        if not (since.isascii() and since.isdigit()):
            return ListAnswer(400, f"Invalid since: {since!r}")
        moment = datetime.fromtimestamp(int(since), UTC)
        changed = [entry for entry in every if (_moment(entry.get("at")) or moment) >= moment]
        return ListAnswer(200, _newest_first(changed))
    start_text, end_text = one("start_date"), one("end_date")
    live = [entry for entry in every if entry.get("server_deleted_at") is None]
    if start_text is None and end_text is None:
        return ListAnswer(200, _newest_first(live))
    if start_text is None or end_text is None:
        return ListAnswer(400, "start_date and end_date must be given together")
    start, end = _bound(start_text), _bound(end_text)
    if start is None:
        return ListAnswer(400, f"Invalid start_date: {start_text!r}")
    if end is None:
        return ListAnswer(400, f"Invalid end_date: {end_text!r}")
    earliest = (now - timedelta(days=REACH_DAYS)).date()
    if start.date() < earliest:
        return ListAnswer(400, f"start_date must not be earlier than {earliest.isoformat()}")
    if end <= start:
        return ListAnswer(400, "end_date must be after start_date")
    inside = [entry for entry in live if start <= (_moment(entry.get("start")) or end) < end]
    return ListAnswer(200, _newest_first(inside))


def _bound(text: str) -> datetime | None:
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else None


def _moment(value: object) -> datetime | None:
    """A timestamp field as an aware UTC datetime; None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo is not None else None


_OLDEST = datetime.min.replace(tzinfo=UTC)


def _newest_first(entries: list[Mapping[str, object]]) -> list[Mapping[str, object]]:
    return sorted(entries, key=lambda entry: _moment(entry.get("start")) or _OLDEST, reverse=True)
