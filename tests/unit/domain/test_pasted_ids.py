"""Finding time entry IDs in pasted text (issue #14)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector.domain.entry_id import MAX_ENTRY_ID
from inspector.domain.pasted_ids import find_entry_ids, request_cost_text


def test_a_ticket_with_every_form_in_order_without_duplicates():
    text = (
        "Customer says #123 and 5000000001 look wrong.\n"
        "See https://api.track.toggl.com/api/v9/me/time_entries/5000000002?meta=true\n"
        "and again 5000000001, #123, also /workspaces/9/time_entries/77."
    )
    assert find_entry_ids(text) == (123, 5000000001, 5000000002, 77)


def test_csv_and_lines():
    text = 'id,description\n5000000001,call\n5000000003,"x"\n#5000000004\r\n'
    assert find_entry_ids(text) == (5000000001, 5000000003, 5000000004)


@pytest.mark.parametrize(
    "text",
    [
        "1234",  # 4 digits: too short for a bare number
        "12345678901234567890",  # 20 digits
        "abc12345",  # not a whole word
        "12345abc",
        "_12345",
        "12345_",
        "12345.678",  # a decimal number
        "3.14159",
        "&#8217;",  # an HTML character reference
        "#0",  # not an ID
        "00000",
        "#12ab",
        "/time_entries/12x",
        "١٢٣٤٥٦",  # Arabic-Indic digits
        "１２３４５",  # full-width digits
        "é12345",  # a letter of another script touches it
        "",
    ],
)
def test_what_is_not_an_id(text):
    assert find_entry_ids(text) == ()


@pytest.mark.parametrize(
    "text, ids",
    [
        ("12345", (12345,)),
        ("9223372036854775807", (MAX_ENTRY_ID,)),
        ("9223372036854775808", ()),  # 19 digits, beyond 64 bits
        ("#9223372036854775808", ()),
        ("#" + "9" * 5000, ()),  # far too long, and never given to int()
        ("#00042", (42,)),
        ("(12345)", (12345,)),
        ("ID: 12345.", (12345,)),  # a full stop ends the sentence, not a decimal
        ("-12345", (12345,)),
        ("x#12345", (12345,)),
        ("12345\t67890", (12345, 67890)),
        ("a/time_entries/5/b", (5,)),
    ],
)
def test_edges(text, ids):
    assert find_entry_ids(text) == ids


def test_a_thousand_ids_keep_their_order():
    ids = [5_000_000_000 + (i * 7919) % 1000 for i in range(1000)]
    assert find_entry_ids(" ".join(map(str, ids))) == tuple(dict.fromkeys(ids))


@given(st.text())
def test_every_found_id_is_in_range_unique_and_written_in_the_text(text):
    found = find_entry_ids(text)
    assert len(set(found)) == len(found)
    for value in found:
        assert 1 <= value <= MAX_ENTRY_ID
        assert re.search(rf"0*{value}(?![0-9])", text)


@given(st.lists(st.integers(min_value=10_000, max_value=MAX_ENTRY_ID), max_size=20), st.data())
def test_ids_separated_by_anything_but_word_characters_are_all_found(ids, data):
    separators = st.text(alphabet=" ,;\n\t|()[]'\"", min_size=1, max_size=3)
    text = "".join(f"{value}{data.draw(separators)}" for value in ids)
    assert find_entry_ids(text) == tuple(dict.fromkeys(ids))


def test_the_cost_line():
    assert request_cost_text(12, 25) == "12 IDs = 12 requests; quota left 25"
    assert request_cost_text(1, None) == "1 ID = 1 request; quota left unknown"
