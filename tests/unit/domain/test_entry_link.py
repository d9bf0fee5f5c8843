"""Links that open an entry, and the message a later start hands to the window already open."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.domain.entry_id import MAX_ENTRY_ID, InvalidEntryId
from inspector.domain.entry_link import (
    MAX_HANDOVER_BYTES,
    EntryRequest,
    Handover,
    InvalidEntryLink,
    MalformedHandover,
    decode_handover,
    encode_handover,
    entry_link,
    entry_request,
    is_entry_link,
    parse_entry_link,
)

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)


def refusal(text: str) -> str:
    with pytest.raises(InvalidEntryLink) as caught:
        parse_entry_link(text)
    return str(caught.value)


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "toggl-inspector://entry/123?meta=1&include_sharing=1",
            EntryRequest(123, meta=True, include_sharing=True),
        ),
        ("toggl-inspector://entry/123", EntryRequest(123)),
        ("toggl-inspector://entry/123/", EntryRequest(123)),
        ("toggl-inspector://entry/123?", EntryRequest(123)),
        ("  toggl-inspector://entry/123\n", EntryRequest(123)),  # as a terminal may pass it
        ("TOGGL-INSPECTOR://Entry/123", EntryRequest(123)),  # schemes and hosts ignore case
        (
            "toggl-inspector://entry/5000000006?include_sharing=false&meta=true",
            EntryRequest(5000000006, meta=True, include_sharing=False),
        ),
        ("toggl-inspector://entry/1?meta=0", EntryRequest(1, meta=False)),
        ("toggl-inspector://entry/1?meta=TRUE", EntryRequest(1, meta=True)),
        (f"toggl-inspector://entry/{MAX_ENTRY_ID}", EntryRequest(MAX_ENTRY_ID)),
    ],
)
def test_a_link_opens_its_entry_with_its_options(link: str, expected: EntryRequest) -> None:
    assert is_entry_link(link)
    assert parse_entry_link(link) == expected


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("toggl-inspector:entry/123", "lacks '//'"),
        ("toggl-inspector://ticket/123", "names 'ticket' where 'entry' belongs"),
        ("toggl-inspector://user@entry/123", "names 'user@entry' where 'entry' belongs"),
        ("toggl-inspector://entry:80/123", "names 'entry:80'"),
        ("toggl-inspector://entry", "names no entry ID"),
        ("toggl-inspector://entry/", "names no entry ID"),
        ("toggl-inspector://entry/12a", "'a' at position 3 is not allowed"),
        ("toggl-inspector://entry/0", "IDs start at 1"),
        (f"toggl-inspector://entry/{MAX_ENTRY_ID + 1}", "too large"),
        ("toggl-inspector://entry/%31%32", "'%' at position 1 is not allowed"),
        ("toggl-inspector://entry/123/edit", "has 'edit' after the entry ID"),
        ("toggl-inspector://entry/123#fields", "ends with '#fields'"),
        ("toggl-inspector://entry/123?meta", "meta without a value"),
        ("toggl-inspector://entry/123?meta=yes", "meta=yes: write meta=1 or meta=0"),
        ("toggl-inspector://entry/123?meta=1&meta=0", "gives meta twice"),
        ("toggl-inspector://entry/123?token=abc", "the option 'token'; it knows only meta"),
        ("toggl-inspector://entry/123?meta=1&&x=2", "have an empty part"),
        ("toggl-inspector://entry/12 3", "a space at position 27"),
        ("toggl-inspector://entry/１２３", "'１' at position 25"),
        ("toggl-inspector://entry/1\x1b[2J", "U+001B at position 26"),
        ("toggl-inspector://[/1", "malformed"),
        ("toggl-inspector://entry/" + "1" * 3000, "characters long"),
        ("https://track.toggl.com/timer", "not a toggl-inspector:// link"),
    ],
)
def test_anything_else_is_refused_with_its_reason(link: str, reason: str) -> None:
    assert reason in refusal(link)


def test_a_refusal_shows_control_characters_written_out_and_bounded() -> None:
    reason = refusal("toggl-inspector://entry/1?%1b%5b31m" + "x" * 500 + "=1")
    assert "\x1b" not in reason
    assert "\\x1b" in reason
    assert len(reason) < 200


def test_an_id_or_a_link_is_a_request_and_flags_win_over_the_link() -> None:
    assert entry_request("#123") == EntryRequest(123)
    assert entry_request("123", meta=True) == EntryRequest(123, meta=True)
    link = "toggl-inspector://entry/9?meta=1&include_sharing=1"
    assert entry_request(link) == EntryRequest(9, True, True)
    assert entry_request(link, meta=False) == EntryRequest(9, False, True)
    with pytest.raises(InvalidEntryLink):
        entry_request("toggl-inspector://entry/x")
    with pytest.raises(InvalidEntryId):
        entry_request("12ab")


@PROPERTY_SETTINGS
@given(
    st.integers(1, MAX_ENTRY_ID),
    st.sampled_from([None, True, False]),
    st.sampled_from([None, True, False]),
)
def test_every_link_written_opens_what_it_was_written_for(
    entry_id: int, meta: bool | None, include_sharing: bool | None
) -> None:
    request = EntryRequest(entry_id, meta, include_sharing)
    assert parse_entry_link(entry_link(request)) == request


@PROPERTY_SETTINGS
@given(st.text(max_size=80).map(lambda tail: "toggl-inspector://entry/" + tail))
def test_no_text_gets_past_the_parser_but_an_entry_id(text: str) -> None:
    try:
        request = parse_entry_link(text)
    except InvalidEntryLink as error:
        assert str(error).strip()
        return
    assert 1 <= request.entry_id <= MAX_ENTRY_ID


# --------------------------------------------------------------------------- the handover


@pytest.mark.parametrize(
    "handover",
    [
        Handover(),
        Handover("5000000006", meta=True),
        Handover("toggl-inspector://entry/5?meta=0", include_sharing=False),
        Handover("toggl-inspector://not-checked-here"),  # its reason is shown by the window
    ],
)
def test_a_handover_arrives_as_it_was_sent(handover: Handover) -> None:
    line = encode_handover(handover)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert decode_handover(line) == handover


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"hello\n", "not a line of JSON"),
        (b"\xff\xfe\n", "not a line of JSON"),
        (b"[1, 2]\n", "not a JSON object"),
        (b'{"target": "1"}\n', "version None"),
        (b'{"v": 2, "target": "1"}\n', "version 2"),
        (b'{"v": 1, "target": 123}\n', "the target is not text"),
        (b'{"v": 1, "target": "12ab"}\n', "not an entry ID"),
        (b'{"v": 1, "target": "1", "meta": "yes"}\n', "true, false or null"),
        (b'{"v": 1, "target": "1", "command": "rm"}\n', "unknown keys command"),
        (json.dumps({"v": 1, "target": "1" * MAX_HANDOVER_BYTES}).encode(), "more than"),
        (b"[" * 3000 + b"\n", "nested too deeply"),  # fits in the byte limit
        (b'{"v": true, "target": "1"}\n', "version True"),  # not 1, though True == 1
    ],
)
def test_a_malformed_handover_is_refused_with_what_is_wrong(line: bytes, reason: str) -> None:
    with pytest.raises(MalformedHandover) as caught:
        decode_handover(line)
    assert reason in str(caught.value)
