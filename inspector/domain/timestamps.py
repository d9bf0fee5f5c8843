"""Parsing Toggl's timestamp shapes and formatting times and durations for people."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

# Toggl sends UTC in several shapes: "...+00:00", "...Z", with or without a fraction of any
# length. datetime.fromisoformat on 3.11 copes with most, but not with fractions of other than
# 3 or 6 digits, so normalise the fraction first.
_TIMESTAMP = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<time>\d{2}:\d{2}:\d{2})"
    r"(?:\.(?P<fraction>\d{1,9}))?"
    r"(?P<zone>Z|z|[+-]\d{2}:?\d{2})",
    re.ASCII,
)


class InvalidTimestamp(ValueError):
    """A field that should hold a timestamp holds something else."""


def parse_timestamp(text: object) -> datetime:
    """Parse a Toggl timestamp (a JSON value, so of any type) into an aware UTC datetime;
    raise InvalidTimestamp otherwise."""
    if not isinstance(text, str):
        raise InvalidTimestamp(f"expected a timestamp string, got {type(text).__name__}")
    match = _TIMESTAMP.fullmatch(text.strip())
    if not match:
        raise InvalidTimestamp(f"{text!r} is not an ISO 8601 timestamp with a time zone")
    fraction = (match["fraction"] or "").ljust(6, "0")[:6]
    zone = match["zone"]
    zone = "+00:00" if zone in ("Z", "z") else zone
    if len(zone) == 5:  # +HHMM
        zone = f"{zone[:3]}:{zone[3:]}"
    try:
        parsed = datetime.fromisoformat(f"{match['date']}T{match['time']}.{fraction}{zone}")
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise InvalidTimestamp(f"{text!r} is not a valid date and time ({error})") from None


def moment_after(moment: datetime, seconds: int) -> datetime | None:
    """``moment`` plus ``seconds``, or None when that leaves the calendar's range."""
    try:
        return moment + timedelta(seconds=seconds)
    except OverflowError:
        return None


def utc_from_epoch(seconds: int) -> datetime | None:
    """The UTC moment of a Unix time, or None when no calendar date has it."""
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def format_duration(seconds: float) -> str:
    """Whole seconds as h:mm:ss (hours unbounded, a minus sign for negative values)."""
    total = int(seconds)
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}"


def format_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def format_local(moment: datetime, local_zone: tzinfo | None) -> str:
    """The moment in the viewer's zone (None: this computer's, DST rules included)."""
    try:
        local = moment.astimezone(local_zone)
    except (OverflowError, ValueError, OSError):
        return "outside the range this computer can show"
    offset = local.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    name = local.tzname() or ""
    label = f"{name} (UTC{offset})" if name and name != f"UTC{offset}" else f"UTC{offset}"
    return f"{local.strftime('%Y-%m-%d %H:%M:%S')} {label}"


def format_moment(moment: datetime, local_zone: tzinfo | None) -> str:
    """A moment as a person reads it: the viewer's local time and zone, the UTC time beside
    it (with its date when that differs), e.g. "2026-11-30 09:15:02 CET (UTC 08:15:02)".
    Just the UTC time when the viewer's clock shows UTC."""
    try:
        local = moment.astimezone(local_zone)
    except (OverflowError, ValueError, OSError):
        return format_utc(moment)
    if local.utcoffset() == timedelta(0):
        return format_utc(moment)
    utc = moment.astimezone(UTC)
    utc_shown = utc.strftime("%H:%M:%S" if utc.date() == local.date() else "%Y-%m-%d %H:%M:%S")
    offset = local.strftime("%z")
    zone = local.tzname() or f"UTC{offset[:3]}:{offset[3:]}"
    return f"{local.strftime('%Y-%m-%d %H:%M:%S')} {zone} (UTC {utc_shown})"
