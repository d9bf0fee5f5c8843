"""parse_entry_id: what a person may type or paste, and why anything else is refused."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from inspector.domain.entry_id import MAX_ENTRY_ID, InvalidEntryId, ParsedEntryId, parse_entry_id

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)

API = "https://api.track.toggl.com/api/v9"


def refusal(text: str) -> str:
    with pytest.raises(InvalidEntryId) as caught:
        parse_entry_id(text)
    reason = str(caught.value)
    assert reason.strip(), "a refusal must carry a reason fit to show a person"
    return reason


# --------------------------------------------------------------------------- accepted


def test_max_entry_id_is_the_largest_signed_64_bit_int() -> None:
    assert MAX_ENTRY_ID == 2**63 - 1 == 9_223_372_036_854_775_807


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("123", 123),
        ("1", 1),
        ("3727977106", 3_727_977_106),  # a real (above 2**32) id
        ("  123  ", 123),
        ("\t123\n", 123),
        ("\n\n123\r\n", 123),
        ("00042", 42),  # leading zeros are still the same whole number
        (str(2**32 + 1), 2**32 + 1),
        (str(2**63 - 1), 2**63 - 1),
    ],
)
def test_plain_ascii_digits_are_accepted_after_trimming(text: str, expected: int) -> None:
    assert parse_entry_id(text) == ParsedEntryId(expected, reduced_from=None)


@pytest.mark.parametrize(("text", "expected"), [("#123", 123), ("  #5000000001\n", 5_000_000_001)])
def test_hash_form_is_reduced_to_the_id(text: str, expected: int) -> None:
    parsed = parse_entry_id(text)
    assert parsed.value == expected
    assert parsed.reduced_from == "#ID"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{API}/me/time_entries/123", 123),
        (f"{API}/workspaces/9/time_entries/123", 123),
        (f"{API}/workspaces/2230580/time_entries/3727977106", 3_727_977_106),
        (f"{API}/me/time_entries/123/", 123),
        (f"{API}/me/time_entries/123?meta=true", 123),
        (f"{API}/me/time_entries/123?meta=true&include_sharing=true", 123),
        ("http://api.track.toggl.com/api/v9/me/time_entries/77", 77),
        (f"  {API}/me/time_entries/123\n", 123),
    ],
)
def test_toggl_api_urls_are_reduced_to_the_id(text: str, expected: int) -> None:
    parsed = parse_entry_id(text)
    assert parsed.value == expected
    assert parsed.reduced_from == "URL"


# --------------------------------------------------------------------------- refused


@pytest.mark.parametrize("text", ["", "   ", "\n", "\t \r\n"])
def test_empty_or_blank_text_asks_for_an_id(text: str) -> None:
    reason = refusal(text)
    assert "Enter a time entry ID" in reason


@pytest.mark.parametrize("text", ["+1", "-1", "+123", "-3727977106", " -5 "])
def test_a_sign_is_refused_with_a_reason_about_the_sign(text: str) -> None:
    reason = refusal(text)
    assert "sign" in reason
    assert "positive" in reason


@pytest.mark.parametrize("text", ["1.5", "1,000", "123.", "1.000.000"])
def test_decimal_points_and_separators_are_refused(text: str) -> None:
    reason = refusal(text)
    assert "whole numbers" in reason
    assert "decimal point or separator" in reason


@pytest.mark.parametrize("text", ["0", "000", "#0", f"{API}/me/time_entries/0"])
def test_zero_is_refused_because_ids_start_at_one(text: str) -> None:
    reason = refusal(text)
    assert "0 is not a time entry ID" in reason
    assert "start at 1" in reason


@pytest.mark.parametrize(
    ("text", "digit_count"),
    [
        (str(2**63), 19),
        (str(10**19), 20),
        ("9" * 30, 30),
        ("000" + str(2**63), 19),  # leading zeros are not counted
        ("#" + str(2**63), 19),
        (f"{API}/me/time_entries/{2**63}", 19),
    ],
)
def test_ids_above_the_64_bit_range_are_too_large(text: str, digit_count: int) -> None:
    reason = refusal(text)
    assert "too large" in reason
    assert f"{digit_count} digits" in reason
    assert str(MAX_ENTRY_ID) in reason


@pytest.mark.parametrize(
    ("text", "char", "position"),
    [
        ("abc", "a", 1),
        ("12a", "a", 3),
        ("1e3", "e", 2),
        ("123/../me", "/", 4),
        ("123?meta=true", "?", 4),
        ("12;DROP", ";", 3),
        ("#12a", "a", 4),  # the '#' form is recognised: the reason names what follows it
        ("  12a", "a", 5),  # positions count from what was typed, spaces included
        ("/api/v9/me/time_entries/123", "/", 1),  # a path without the host is not a URL
    ],
)
def test_other_characters_are_named_with_their_position(
    text: str, char: str, position: int
) -> None:
    reason = refusal(text)
    assert f"'{char}' at position {position}" in reason
    assert "0-9" in reason


def test_a_lone_hash_asks_for_the_digits() -> None:
    assert refusal("#") == "Type the ID's digits after '#'."


def test_thousands_of_digits_are_refused_as_too_large_not_crashing() -> None:
    assert "5000 digits is too large" in refusal("1" * 5000)
    assert parse_entry_id("0" * 4300 + "1").value == 1


def test_an_unprintable_character_is_named_by_its_code_point() -> None:
    reason = refusal("12\x00")
    assert "U+0000" in reason
    assert "position 3" in reason
    assert "\x00" not in reason


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ("１２３", "１"),  # full-width digits
        ("\u0661\u0662\u0663", "\u0661"),  # Arabic-Indic digits
        ("\u06f1\u06f2", "\u06f1"),  # Extended Arabic-Indic (Persian) digits
        ("\u0967\u0968", "\u0967"),  # Devanagari digits
        ("12\u00b2", "\u00b2"),  # superscript two: isdigit() but not a decimal digit
    ],
)
def test_non_ascii_digits_are_refused_as_not_ascii(text: str, char: str) -> None:
    reason = refusal(text)
    assert "ASCII" in reason
    assert f"'{char}'" in reason
    assert "position" in reason


@pytest.mark.parametrize("text", ["1 2", "1\t2", "12 34 56", "1\n2", "1\u00a02"])
def test_spaces_inside_the_id_are_refused(text: str) -> None:
    reason = refusal(text)
    assert "no spaces inside" in reason


@pytest.mark.parametrize(
    "text",
    [
        "https://track.toggl.com/timer",
        f"{API}/me/time_entries/",
        f"{API}/me/time_entries/abc",
        f"{API}/me/time_entries/123/../../me",
        f"{API}/me/time_entries/123#fragment",
        f"{API}/me/time_entries/-1",
        f"{API}/me/projects/123",
        f"{API}/workspaces/abc/time_entries/123",
        "https://api.track.toggl.com.evil.example/api/v9/me/time_entries/123",
        "https://evil.example/api/v9/me/time_entries/123",
        "https://api.track.toggl.com/api/v8/time_entries/123",
        "ftp://api.track.toggl.com/api/v9/me/time_entries/123",
    ],
)
def test_links_that_are_not_api_time_entry_urls_are_refused(text: str) -> None:
    with pytest.raises(InvalidEntryId):
        parse_entry_id(text)


def test_a_link_without_an_id_says_so() -> None:
    assert "does not carry a time entry ID" in refusal("https://track.toggl.com/timer")


@pytest.mark.parametrize("text", ["#12a", "##12", "# 12", "#+12", "12#"])
def test_malformed_hash_forms_are_refused(text: str) -> None:
    with pytest.raises(InvalidEntryId):
        parse_entry_id(text)


def test_invalid_entry_id_is_a_value_error() -> None:
    assert issubclass(InvalidEntryId, ValueError)


# --------------------------------------------------------------------------- properties

_SAFE_PATH = re.compile(r"/api/v9/me/time_entries/[0-9]+")
# An oracle written independently of the product's regexes: the forms the docstring promises.
_ACCEPTED_FORMS = re.compile(
    r"[0-9]+"
    r"|#[0-9]+"
    r"|https?://api\.track\.toggl\.com/api/v9/(?:me|workspaces/[0-9]+)/time_entries/[0-9]+/?"
    r"(?:\?[^#\s]*)?",
    re.ASCII,
)

_spaces = st.text(alphabet=" ", max_size=5)


@PROPERTY_SETTINGS
@given(value=st.integers(min_value=1, max_value=MAX_ENTRY_ID), before=_spaces, after=_spaces)
def test_any_valid_id_parses_to_itself(value: int, before: str, after: str) -> None:
    parsed = parse_entry_id(f"{before}{value}{after}")
    assert parsed.value == value
    assert type(parsed.value) is int
    assert parsed.reduced_from is None


@PROPERTY_SETTINGS
@given(value=st.integers(min_value=1, max_value=MAX_ENTRY_ID))
def test_any_valid_id_parses_to_itself_in_hash_and_url_forms(value: int) -> None:
    assert parse_entry_id(f"#{value}") == ParsedEntryId(value, "#ID")
    assert parse_entry_id(f"{API}/me/time_entries/{value}") == ParsedEntryId(value, "URL")


@PROPERTY_SETTINGS
@given(value=st.integers(min_value=MAX_ENTRY_ID + 1, max_value=10**40))
def test_any_id_above_the_maximum_is_too_large(value: int) -> None:
    assert "too large" in refusal(str(value))


# Text that mixes the characters that matter with anything at all, so that the interesting
# near-misses ("#1 2", "+１", "1.0", URL fragments) come up often.
_INTERESTING = st.sampled_from(
    [
        *"0123456789 \t\n#+-.,/?:",
        *("１", "\u0661", "\u00a0", "\u2028", "\x00", "²", "0", "9"),
        *(f"{API}/me/time_entries/", f"{API}/workspaces/9/time_entries/", "https://"),
    ]
)
_any_text = st.one_of(
    st.text(),
    st.lists(st.one_of(_INTERESTING, st.text(max_size=3)), max_size=12).map("".join),
)


@PROPERTY_SETTINGS
@given(text=_any_text)
def test_any_text_is_refused_or_gives_a_safe_id(text: str) -> None:
    try:
        parsed = parse_entry_id(text)
    except InvalidEntryId as error:
        assert str(error).strip()
        return
    value = parsed.value
    assert type(value) is int
    assert 1 <= value <= MAX_ENTRY_ID
    assert _SAFE_PATH.fullmatch(f"/api/v9/me/time_entries/{value}")


@PROPERTY_SETTINGS
@given(text=_any_text)
def test_text_outside_the_accepted_forms_is_refused(text: str) -> None:
    stripped = text.strip()
    # Something other than ASCII digits and white space...
    assume(any(not ("0" <= char <= "9") and not char.isspace() for char in stripped))
    # ...and not one of the two longer forms that carry an ID.
    assume(not _ACCEPTED_FORMS.fullmatch(stripped))
    with pytest.raises(InvalidEntryId):
        parse_entry_id(text)


@PROPERTY_SETTINGS
@given(text=_any_text)
def test_acceptance_agrees_with_the_documented_forms(text: str) -> None:
    stripped = text.strip()
    try:
        parsed = parse_entry_id(text)
    except InvalidEntryId:
        matched = _ACCEPTED_FORMS.fullmatch(stripped)
        if matched:  # a documented form can only be refused for its number
            digits = re.findall(r"[0-9]+", stripped, re.ASCII)
            id_digits = digits[0] if not stripped.startswith("http") else _url_id(stripped)
            assert int(id_digits) == 0 or int(id_digits) > MAX_ENTRY_ID
        return
    assert _ACCEPTED_FORMS.fullmatch(stripped)
    assert str(parsed.value) in stripped


def _url_id(url: str) -> str:
    match = re.search(r"/time_entries/([0-9]+)", url, re.ASCII)
    assert match
    return match.group(1)
