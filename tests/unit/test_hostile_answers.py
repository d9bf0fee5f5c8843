"""Numbers, nesting and repeated keys (issue #12): any JSON the parser accepts is shown, an
absurd value marked as an anomaly, or refused in one sentence; never a traceback.

Driven from the bytes of an answer through parsing (inspector.api), the view and its field
tree (inspector.domain) and `get`'s text output (inspector.cli.summary_lines).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from helpers.hostile_json import entries, hostile_entry_text, write
from hypothesis import HealthCheck, given, settings

from inspector.api.errors import InvalidResponse
from inspector.api.exchange import ExchangeRecord, Quota
from inspector.api.time_entries import EntryResponse, parse_entry_body
from inspector.cli import summary_lines
from inspector.domain.entry_view import EntryView, RunState, build_entry_view
from inspector.domain.field_tree import MAX_TREE_DEPTH, FieldNode, display_value, value_node
from inspector.domain.json_reading import NumberTooLong, read_json
from inspector.services import LookupRequest, LookupResult

NOW = datetime(2024, 12, 17, 12, 0, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Berlin")
BASE = {
    "id": 5_000_000_001,
    "start": "2024-12-16T17:05:25+00:00",
    "stop": "2024-12-16T18:05:25+00:00",
    "duration": 3600,
}


def view_of(text: str) -> EntryView:
    entry, duplicates = parse_entry_body(text.encode("utf-8"), "application/json")
    return build_entry_view(entry, NOW, ZONE, duplicate_keys=duplicates)


def body_with(**members: str) -> str:
    """BASE plus members given as raw JSON text."""
    text = json.dumps(BASE)[:-1]
    return text + "".join(f", {json.dumps(name)}: {raw}" for name, raw in members.items()) + "}"


def nodes(view: EntryView) -> Iterator[FieldNode]:
    return (node for node, _ in nodes_with_depth(view))


def nodes_with_depth(view: EntryView) -> Iterator[tuple[FieldNode, int]]:
    """Every node of the tree and its level (a field's is 0); without recursion."""
    stack = [(node, 0) for group in view.groups for node in group.fields]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        stack.extend((child, depth + 1) for child in node.children)


def result_of(view: EntryView, text: str) -> LookupResult:
    response = EntryResponse(
        "https://api.example.test/x", text, dict(view.raw), 1.0, Quota(None, None), None
    )
    return LookupResult(LookupRequest(5_000_000_001), view, response, "test", ExchangeRecord())


def codes(view: EntryView) -> list[str]:
    return [anomaly.code for anomaly in view.anomalies]


# --- numbers ------------------------------------------------------------------------------


def test_an_integer_past_pythons_digit_limit_is_refused_in_a_sentence() -> None:
    with pytest.raises(InvalidResponse) as caught:
        view_of(body_with(big="9" * 5000))
    assert caught.value.message == (
        "The server's answer holds a number of more than 4,300 digits, which no field of this "
        "API has (and Python does not read); not shown."
    )


def test_read_json_names_the_digit_limit_and_passes_other_errors_on() -> None:
    with pytest.raises(NumberTooLong):
        read_json("[" + "1" * 4301 + "]")
    with pytest.raises(json.JSONDecodeError):
        read_json("{")
    assert read_json("[" + "1" * 4300 + "]").value == [int("1" * 4300)]


def test_a_duration_of_ten_to_the_400_is_shown_and_marked() -> None:
    view = view_of(json.dumps({**BASE, "duration": 10**400}))
    assert codes(view) == ["number_out_of_range"]
    assert view.anomalies[0].message == (
        "duration is 100000000000…000000 (401 digits), beyond any 64-bit integer: no field "
        "of Toggl's API holds such a number."
    )
    assert view.run_state is RunState.STOPPED  # from stop; the duration is not used
    assert view.recorded_duration is None
    duration = next(node for node in nodes(view) if node.path == "duration")
    assert duration.display == "100000000000…000000 (401 digits)"
    assert duration.copy_text() == str(10**400)  # copied whole
    assert view.shown_duration(NOW) == "?"


@pytest.mark.parametrize("duration", [10**400, -(10**400), 2**63, -(2**63) - 1])
def test_no_out_of_range_duration_breaks_the_view_or_get(duration: int) -> None:
    for stop in ("null", '"2024-12-16T18:05:25+00:00"'):
        text = (
            body_with(stop=stop)[:-1].replace('"duration": 3600', f'"duration": {duration}') + "}"
        )
        view = view_of(text)
        assert "number_out_of_range" in codes(view)
        assert list(summary_lines(result_of(view, text)))


def test_the_largest_64_bit_durations_are_still_used() -> None:
    view = view_of(json.dumps({**BASE, "stop": None, "duration": 2**63 - 1}))
    assert view.run_state is RunState.DURATION_ONLY
    assert "duration_out_of_range" in codes(view)
    assert "number_out_of_range" not in codes(view)


def test_infinity_and_nan_are_marked_wherever_they_are() -> None:
    view = view_of(body_with(big="1e400", odd="[NaN, -Infinity]"))
    messages = [a.message for a in view.anomalies if a.code == "number_out_of_range"]
    assert messages[0].startswith("big is Infinity: not a finite number")
    assert [m.split(":")[0] for m in messages] == [
        "big is Infinity",
        "odd[0] is NaN",
        "odd[1] is -Infinity",
    ]


def test_many_odd_numbers_are_named_ten_at_a_time() -> None:
    view = view_of(body_with(many="[" + ", ".join(["1e999"] * 50) + "]"))
    odd = [a.message for a in view.anomalies if a.code == "number_out_of_range"]
    assert len(odd) == 11
    assert odd[-1] == "40 more numbers are out of range (not named one by one)."


def test_an_error_body_of_5000_digits_is_quoted_as_text() -> None:
    from inspector.api.transport import server_message

    said = server_message(b"9" * 5000)
    assert said.startswith("999") and said.endswith("…") and len(said) == 300


# --- nesting ------------------------------------------------------------------------------


def test_500_levels_of_lists_are_shown_down_to_the_trees_depth() -> None:
    text = body_with(nested="[" * 500 + "]" * 500)
    view = view_of(text)
    assert codes(view) == ["deeply_nested"]
    assert view.anomalies[0].message == (
        f"nested is nested 500 levels deep; the tree opens the first {MAX_TREE_DEPTH}, the "
        "Raw JSON tab has them all."
    )
    deepest = max(nodes(view), key=lambda node: node.path.count("["))
    assert deepest.path == "nested" + "[0]" * MAX_TREE_DEPTH
    assert deepest.display.endswith("nested too deeply to show here (the Raw JSON tab has it)")
    assert deepest.children == ()
    lines = list(summary_lines(result_of(view, text)))
    assert any("nested too deeply to show here" in line for line in lines)


def test_nesting_the_tree_can_show_is_not_an_anomaly() -> None:
    depth = MAX_TREE_DEPTH + 1  # the innermost list is empty: nothing is cut
    assert codes(view_of(body_with(nested="[" * depth + "]" * depth))) == []
    depth += 1
    assert codes(view_of(body_with(nested="[" * depth + "]" * depth))) == ["deeply_nested"]


def test_deep_values_in_fields_the_view_compares_or_quotes() -> None:
    deep = "[" * 600 + "1" + "]" * 600
    view = view_of(
        body_with(pid=deep, project_id=deep.replace("1", "2"), server_deleted_at=deep)
        .replace('"stop": "2024-12-16T18:05:25+00:00"', f'"stop": {deep}')
        .replace('"duration": 3600', '"duration": -5')
    )
    assert {"legacy_pid_mismatch", "deleted", "negative_duration_with_stop"} <= set(codes(view))
    assert all(len(anomaly.message) < 400 for anomaly in view.anomalies)
    field = next(node for node in nodes(view) if node.path == "pid")
    field.copy_text()  # json cannot write 600 levels back from here: the display instead


def test_copying_an_entry_nested_past_what_python_reads_gives_the_body_itself() -> None:
    from inspector.domain.raw_json import indent_verbatim

    body = "[" * 100_000 + "]" * 100_000
    assert indent_verbatim(body) == body


# --- repeated keys ------------------------------------------------------------------------


def test_a_repeated_key_is_flagged_with_how_often_and_its_values() -> None:
    view = view_of('{"id": 1, "id": 5000000001, "start": "2024-12-16T17:05:25Z", "id": 5000000001}')
    assert codes(view) == ["duplicate_key"]
    assert view.anomalies[0].message == (
        "id appears 3 times in the answer (1, 5000000001, 5000000001); a reader may take any "
        "of them, the tree shows the last."
    )
    assert view.raw["id"] == 5_000_000_001


def test_repeated_keys_are_found_where_they_are() -> None:
    document = read_json(
        '{"shared_with": [{"user_id": 1}, {"user_id": 2, "user_id": 3}],'
        ' "a b": {"x": {"y": 1, "y": 2}, "x": 0}}'
    )
    assert [(d.path, d.count, d.values) for d in document.duplicate_keys] == [
        ("shared_with[1].user_id", 2, (2, 3)),
        ('["a b"].x', 2, ({"y": 2}, 0)),
    ]  # the object that repeated y was itself replaced: it is not in the answer shown


def test_an_answer_without_repeats_has_none() -> None:
    assert read_json(json.dumps({**BASE, "shared_with": [{"user_id": 1}]})).duplicate_keys == ()


def test_many_repeated_keys_are_counted_after_ten() -> None:
    users = ", ".join('{"user_id": 1, "user_id": 2}' for _ in range(30))
    view = view_of(body_with(shared_with=f"[{users}]"))
    repeated = [a.message for a in view.anomalies if a.code == "duplicate_key"]
    assert len(repeated) == 11
    assert repeated[-1] == "20 more keys appear more than once (not named one by one)."


# --- every face, any JSON -----------------------------------------------------------------


@given(entries)
@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_any_json_object_is_shown_or_refused_in_a_sentence(entry) -> None:  # type: ignore[no-untyped-def]
    text = write(entry)
    try:
        view = view_of(text)
    except InvalidResponse as error:
        assert error.message.startswith("The server's answer ") and error.message.endswith(".")
        return
    for node, depth in nodes_with_depth(view):
        assert isinstance(node.copy_text(), str) and isinstance(node.type_name, str)
        (node.label + node.display + node.path).encode("utf-8")  # printable, as get prints
        assert depth <= MAX_TREE_DEPTH
    lines = list(summary_lines(result_of(view, text)))
    assert lines[0].startswith("Entry 5000000001: ")
    "\n".join(lines).encode("utf-8")  # a lone surrogate would stop get's print()
    view.shown_duration(NOW)
    view.elapsed_seconds(NOW)


def test_the_one_hostile_entry_of_the_gui_test_is_shown() -> None:
    view = view_of(hostile_entry_text())
    assert {"duplicate_key", "number_out_of_range", "deeply_nested"} <= set(codes(view))
    assert list(summary_lines(result_of(view, hostile_entry_text())))


def test_a_lone_surrogate_is_shown_as_its_escape_in_values_labels_and_paths() -> None:
    view = view_of(body_with(description='"a\\ud800b"', odd='{"k\\udfff": ["\\ud800"]}'))
    shown = {node.path: (node.label, node.display) for node in nodes(view)}
    assert shown["description"] == ("description", "a\\ud800b")
    assert shown['odd["k\\udfff"]'] == ("k\\udfff", "\\ud800")
    assert view.raw["description"] == "a\ud800b"  # the value itself is kept as sent
    next(node for node in nodes(view) if node.path == "description").copy_text()


def test_display_of_integers_of_every_size() -> None:
    assert display_value(2**63) == "9223372036854775808"
    assert display_value(-(10**50)) == "-100000000000…000000 (51 digits)"
    assert value_node("x", "x", 10**4299).display == "100000000000…000000 (4,300 digits)"
    assert display_value(1 << 20_000) == "an integer of about 6,020 digits"
