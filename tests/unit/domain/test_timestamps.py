"""Toggl's timestamp shapes, and how times and durations are shown to people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.domain.timestamps import (
    InvalidTimestamp,
    format_duration,
    format_local,
    format_moment,
    format_utc,
    parse_timestamp,
)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, database=None)
BERLIN = ZoneInfo("Europe/Berlin")
UTC = UTC


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The shapes the real API sends (FACTS.md).
        ("2024-12-16T17:05:25+00:00", utc(2024, 12, 16, 17, 5, 25)),
        ("2024-12-16T18:07:05.694469Z", utc(2024, 12, 16, 18, 7, 5, 694469)),
        ("2024-12-13T00:18:26.835197Z", utc(2024, 12, 13, 0, 18, 26, 835197)),
        ("2024-12-16T17:05:25Z", utc(2024, 12, 16, 17, 5, 25)),
        ("2024-12-16T17:05:25.694469+00:00", utc(2024, 12, 16, 17, 5, 25, 694469)),
        ("2024-12-16T17:05:25z", utc(2024, 12, 16, 17, 5, 25)),
        ("2024-12-16 17:05:25+00:00", utc(2024, 12, 16, 17, 5, 25)),
        ("  2024-12-16T17:05:25Z\n", utc(2024, 12, 16, 17, 5, 25)),
    ],
)
def test_toggl_utc_shapes_parse(text: str, expected: datetime) -> None:
    parsed = parse_timestamp(text)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(0)
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    ("fraction", "microseconds"),
    [
        ("1", 100000),
        ("12", 120000),
        ("123", 123000),
        ("1234", 123400),
        ("12345", 123450),
        ("123456", 123456),
        ("1234567", 123456),  # beyond microseconds: cut, never an error
        ("12345678", 123456),
        ("123456789", 123456),
        ("000000001", 0),
        ("5", 500000),
    ],
)
@pytest.mark.parametrize("zone", ["Z", "+00:00"])
def test_fractions_of_one_to_nine_digits_parse(fraction: str, microseconds: int, zone: str) -> None:
    parsed = parse_timestamp(f"2024-12-16T18:07:05.{fraction}{zone}")
    assert parsed == utc(2024, 12, 16, 18, 7, 5, microseconds)


def test_a_fraction_of_ten_digits_is_refused() -> None:
    with pytest.raises(InvalidTimestamp):
        parse_timestamp("2024-12-16T18:07:05.1234567890Z")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-16T19:07:05+0200", utc(2024, 12, 16, 17, 7, 5)),
        ("2024-12-16T19:07:05+02:00", utc(2024, 12, 16, 17, 7, 5)),
        ("2024-12-16T12:07:05-0500", utc(2024, 12, 16, 17, 7, 5)),
        ("2024-12-16T22:37:05.5+05:30", utc(2024, 12, 16, 17, 7, 5, 500000)),
        ("2024-12-17T01:00:00+0200", utc(2024, 12, 16, 23, 0, 0)),  # crosses midnight
        ("2024-01-01T00:30:00+01:00", utc(2023, 12, 31, 23, 30, 0)),  # crosses a year
    ],
)
def test_offsets_are_converted_to_utc(text: str, expected: datetime) -> None:
    parsed = parse_timestamp(text)
    assert parsed == expected
    assert parsed.tzinfo is UTC
    assert (parsed.hour, parsed.minute) == (expected.hour, expected.minute)


@pytest.mark.parametrize(
    "text",
    [
        "2024-12-16T17:05:25",  # no zone: which moment is it?
        "2024-12-16T17:05:25.694469",
        "2024-12-16",
        "17:05:25Z",
        "",
        "   ",
        "null",
        "yesterday",
        "garbage",
        "2024-12-16T17:05Z",  # no seconds
        "2024-12-16T17:05:25 Z",
        "2024-12-16T17:05:25+2",
        "2024-12-16T17:05:25+02:0",
        "2024-12-16T17:05:25UTC",
        "2024-12-16T17:05:25.Z",
        "2024-02-30T00:00:00Z",  # no such day
        "2023-02-29T00:00:00Z",  # not a leap year
        "2024-13-01T00:00:00Z",
        "2024-12-16T24:00:00Z",
        "2024-12-16T23:60:00Z",
        "2024-12-16T23:59:60Z",  # leap second: datetime cannot hold it
        "2024-12-16T17:05:25+24:00",
        "２０２４-12-16T17:05:25Z",  # full-width digits
        "2024-12-16T17:05:25Z trailing",
        "1734049107",
    ],
)
def test_anything_else_raises_invalid_timestamp(text: str) -> None:
    with pytest.raises(InvalidTimestamp) as caught:
        parse_timestamp(text)
    assert repr(text) in str(caught.value)


def test_a_missing_zone_is_explained() -> None:
    with pytest.raises(InvalidTimestamp, match="time zone"):
        parse_timestamp("2024-12-16T17:05:25")


def test_an_impossible_date_is_explained() -> None:
    with pytest.raises(InvalidTimestamp, match="not a valid date and time"):
        parse_timestamp("2024-02-30T00:00:00Z")


@pytest.mark.parametrize(
    ("value", "type_name"),
    [
        (None, "NoneType"),
        (1734049107, "int"),
        (1.5, "float"),
        (True, "bool"),
        (["2024-12-16T17:05:25Z"], "list"),
        ({"start": "2024-12-16T17:05:25Z"}, "dict"),
        (b"2024-12-16T17:05:25Z", "bytes"),
    ],
)
def test_non_strings_raise_invalid_timestamp(value: object, type_name: str) -> None:
    with pytest.raises(InvalidTimestamp) as caught:
        parse_timestamp(value)
    assert "expected a timestamp string" in str(caught.value)
    assert type_name in str(caught.value)


def test_invalid_timestamp_is_a_value_error() -> None:
    assert issubclass(InvalidTimestamp, ValueError)


_moments = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
_offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59)


@PROPERTY_SETTINGS
@given(moment=_moments, offset_minutes=_offsets, colon=st.booleans(), space=st.booleans())
def test_any_moment_written_in_any_offset_parses_back_to_it(
    moment: datetime, offset_minutes: int, colon: bool, space: bool
) -> None:
    zone = timezone(timedelta(minutes=offset_minutes))
    local = moment.astimezone(zone)
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    offset = f"{sign}{hours:02d}{':' if colon else ''}{minutes:02d}"
    text = local.strftime(f"%Y-%m-%d{' ' if space else 'T'}%H:%M:%S.%f") + offset
    parsed = parse_timestamp(text)
    assert parsed == moment
    assert parsed.tzinfo is UTC


@PROPERTY_SETTINGS
@given(moment=_moments, digits=st.integers(min_value=0, max_value=9), zulu=st.booleans())
def test_any_utc_moment_parses_to_itself_with_any_fraction_length(
    moment: datetime, digits: int, zulu: bool
) -> None:
    fraction = f".{moment.microsecond:06d}000"[: digits + 1] if digits else ""
    text = moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + ("Z" if zulu else "+00:00")
    parsed = parse_timestamp(text)
    kept = int(f"{moment.microsecond:06d}"[:digits].ljust(6, "0")) if digits else 0
    assert parsed == moment.replace(microsecond=kept)


@PROPERTY_SETTINGS
@given(text=st.text(max_size=40))
def test_any_text_parses_to_utc_or_raises_invalid_timestamp(text: str) -> None:
    try:
        parsed = parse_timestamp(text)
    except InvalidTimestamp:
        return
    assert parsed.tzinfo is UTC


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "0:00:00"),
        (1, "0:00:01"),
        (59, "0:00:59"),
        (60, "0:01:00"),
        (3599, "0:59:59"),
        (3600, "1:00:00"),
        (3661, "1:01:01"),
        (5025, "1:23:45"),
        (5400, "1:30:00"),
        (86399, "23:59:59"),
        (86400, "24:00:00"),  # hours are not wrapped into days
        (100 * 3600, "100:00:00"),
        (100 * 3600 + 59 * 60 + 59, "100:59:59"),
        (1_734_049_107, "481680:18:27"),
        (-1, "-0:00:01"),
        (-3661, "-1:01:01"),
        (-100 * 3600, "-100:00:00"),
        (59.9, "0:00:59"),  # whole seconds: fractions are dropped, not rounded
        (3661.999, "1:01:01"),
        (-0.5, "0:00:00"),
    ],
)
def test_format_duration(seconds: float, expected: str) -> None:
    assert format_duration(seconds) == expected


@PROPERTY_SETTINGS
@given(seconds=st.integers(min_value=-(10**9), max_value=10**9))
def test_format_duration_reads_back_to_the_same_number_of_seconds(seconds: int) -> None:
    text = format_duration(seconds)
    sign = -1 if text.startswith("-") else 1
    hours, minutes, secs = text.lstrip("-").split(":")
    assert len(minutes) == len(secs) == 2
    assert 0 <= int(minutes) < 60 and 0 <= int(secs) < 60
    assert sign * (int(hours) * 3600 + int(minutes) * 60 + int(secs)) == seconds


# --------------------------------------------------------------------------- showing moments


def test_format_utc() -> None:
    assert format_utc(utc(2024, 12, 16, 17, 5, 25, 694469)) == "2024-12-16 17:05:25 UTC"
    in_berlin = datetime(2024, 7, 1, 14, 0, 0, tzinfo=BERLIN)
    assert format_utc(in_berlin) == "2024-07-01 12:00:00 UTC"


def test_format_local_in_berlin_winter_is_cet() -> None:
    moment = parse_timestamp("2024-01-15T12:00:00Z")
    assert format_local(moment, BERLIN) == "2024-01-15 13:00:00 CET (UTC+01:00)"


def test_format_local_in_berlin_summer_is_cest() -> None:
    moment = parse_timestamp("2024-07-15T12:00:00Z")
    assert format_local(moment, BERLIN) == "2024-07-15 14:00:00 CEST (UTC+02:00)"


def test_format_local_across_the_spring_dst_change() -> None:
    # Berlin moved clocks from 02:00 CET to 03:00 CEST at 01:00 UTC on 2024-03-31.
    before = parse_timestamp("2024-03-31T00:59:59Z")
    after = parse_timestamp("2024-03-31T01:00:00Z")
    assert format_local(before, BERLIN) == "2024-03-31 01:59:59 CET (UTC+01:00)"
    assert format_local(after, BERLIN) == "2024-03-31 03:00:00 CEST (UTC+02:00)"


def test_format_local_across_the_autumn_dst_change_tells_the_repeated_hour_apart() -> None:
    # 02:30 happened twice in Berlin on 2024-10-27: once in CEST, an hour later in CET.
    first = parse_timestamp("2024-10-27T00:30:00Z")
    second = parse_timestamp("2024-10-27T01:30:00Z")
    assert format_local(first, BERLIN) == "2024-10-27 02:30:00 CEST (UTC+02:00)"
    assert format_local(second, BERLIN) == "2024-10-27 02:30:00 CET (UTC+01:00)"


def test_format_local_uses_the_zone_rules_of_the_moment_not_of_today() -> None:
    winter, summer = utc(2024, 12, 16, 17, 5, 25), utc(2024, 6, 16, 17, 5, 25)
    assert format_local(winter, BERLIN).startswith("2024-12-16 18:05:25 ")
    assert format_local(summer, BERLIN).startswith("2024-06-16 19:05:25 ")


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (timezone(timedelta(hours=5, minutes=30)), "2024-12-16 22:35:25 UTC+05:30"),
        (timezone(timedelta(hours=-3)), "2024-12-16 14:05:25 UTC-03:00"),
        (ZoneInfo("Asia/Kolkata"), "2024-12-16 22:35:25 IST (UTC+05:30)"),
        (ZoneInfo("America/New_York"), "2024-12-16 12:05:25 EST (UTC-05:00)"),
        (ZoneInfo("Pacific/Kiritimati"), "2024-12-17 07:05:25 +14 (UTC+14:00)"),
    ],
)
def test_format_local_in_other_zones(zone: timezone | ZoneInfo, expected: str) -> None:
    assert format_local(utc(2024, 12, 16, 17, 5, 25), zone) == expected


def test_format_local_with_utc_shows_the_offset() -> None:
    text = format_local(utc(2024, 12, 16, 17, 5, 25), UTC)
    assert text.startswith("2024-12-16 17:05:25 ")
    assert "UTC+00:00" in text


@pytest.mark.parametrize(
    ("moment", "zone", "expected"),
    [
        (utc(2024, 12, 16, 17, 5, 25), BERLIN, "2024-12-16 18:05:25 CET (UTC 17:05:25)"),
        (utc(2024, 7, 1, 10, 0, 0, 500000), BERLIN, "2024-07-01 12:00:00 CEST (UTC 10:00:00)"),
        # Another day in UTC: its date is said too.
        (utc(2024, 12, 16, 23, 30), BERLIN, "2024-12-17 00:30:00 CET (UTC 2024-12-16 23:30:00)"),
        (
            utc(2024, 12, 16, 17, 5, 25),
            timezone(timedelta(hours=-3)),
            "2024-12-16 14:05:25 UTC-03:00 (UTC 17:05:25)",
        ),
        (utc(2024, 12, 16, 17, 5, 25), UTC, "2024-12-16 17:05:25 UTC"),
        (utc(2024, 12, 16, 17, 5, 25), ZoneInfo("Europe/London"), "2024-12-16 17:05:25 UTC"),
    ],
)
def test_format_moment_reads_as_local_time_with_utc_beside(
    moment: datetime, zone: timezone | ZoneInfo, expected: str
) -> None:
    assert format_moment(moment, zone) == expected


def test_format_moment_past_what_the_local_zone_can_show_is_utc() -> None:
    assert format_moment(utc(9999, 12, 31, 23, 0), BERLIN) == "9999-12-31 23:00:00 UTC"


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_moments_outside_the_calendar_in_utc_are_refused(text: str) -> None:
    with pytest.raises(InvalidTimestamp):
        parse_timestamp(text)
