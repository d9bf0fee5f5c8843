"""What changed between two answers (issue #14)."""

from __future__ import annotations

import copy
import json

from hypothesis import given
from hypothesis import strategies as st

from inspector.domain.answer_diff import ABSENT, Change, ChangeKind, diff_answers, value_text

BEFORE = {
    "id": 5000000001,
    "description": "Customer call",
    "start": "2026-11-30T09:00:00+00:00",
    "stop": None,
    "duration": -1,
    "tags": ["support", "billing"],
    "shared_with": [
        {"user_id": 1, "user_name": "Ann", "accepted": False},
        {"user_id": 2, "user_name": "Bo", "accepted": True},
    ],
    "at": "2026-11-30T09:00:02.1Z",
}


def test_a_stopped_entry_shows_description_stop_duration_at_and_sharing():
    after = copy.deepcopy(BEFORE)
    after.update(
        description="Customer call (refund)",
        stop="2026-11-30T10:00:00+00:00",
        duration=3600,
        at="2026-11-30T10:00:01.5Z",
        tags=["billing"],
    )
    after["shared_with"][0]["accepted"] = True
    changes = diff_answers(BEFORE, after)
    assert [(c.path, c.kind, c.old, c.new) for c in changes] == [
        ("description", ChangeKind.CHANGED, "Customer call", "Customer call (refund)"),
        ("stop", ChangeKind.CHANGED, None, "2026-11-30T10:00:00+00:00"),
        ("duration", ChangeKind.CHANGED, -1, 3600),
        ("tags", ChangeKind.CHANGED, ["support", "billing"], ["billing"]),
        ("shared_with[0].accepted", ChangeKind.CHANGED, False, True),
        ("at", ChangeKind.CHANGED, "2026-11-30T09:00:02.1Z", "2026-11-30T10:00:01.5Z"),
    ]
    assert changes[1].text == 'stop: null → "2026-11-30T10:00:00+00:00"'
    assert changes[3].text == "tags: support, billing → billing"


def test_fields_added_and_removed_and_list_items_past_the_end():
    old = {"a": 1, "gone": "x", "list": [{"k": 1}]}
    new = {"a": 1, "list": [{"k": 1}, {"k": 2}], "server_deleted_at": "2026-12-01T00:00:00Z"}
    assert diff_answers(old, new) == (
        Change("gone", ChangeKind.REMOVED, "x", ABSENT),
        Change("list[1]", ChangeKind.ADDED, ABSENT, {"k": 2}),
        Change("server_deleted_at", ChangeKind.ADDED, ABSENT, "2026-12-01T00:00:00Z"),
    )
    assert diff_answers(new, old)[0] == Change("list[1]", ChangeKind.REMOVED, {"k": 2}, ABSENT)
    assert diff_answers(old, new)[0].text == 'gone: "x" → (absent)'


def test_json_types_are_told_apart():
    assert [
        c.path for c in diff_answers({"b": True, "f": 1.0, "n": 0}, {"b": 1, "f": 1, "n": None})
    ] == [
        "b",
        "f",
        "n",
    ]
    assert diff_answers({"x": float("nan")}, {"x": float("nan")}) == ()
    assert diff_answers({"t": [True]}, {"t": [1]})[0].path == "t"


def test_a_type_change_of_a_container_is_one_change():
    (change,) = diff_answers({"tags": ["a"]}, {"tags": {"a": 1}})
    assert (change.path, change.kind) == ("tags", ChangeKind.CHANGED)
    (root,) = diff_answers([1], {"id": 1})
    assert root.shown_path == "(the whole answer)"


def test_odd_keys_use_the_trees_paths_and_text_is_shown_plainly():
    (change,) = diff_answers({"a b": "x"}, {"a b": "line\nbreak\x1b[31m"})
    assert change.path == '["a b"]'
    assert change.text == '["a b"]: "x" → "line\\nbreak\\u001b[31m"'
    assert "\x1b" not in change.text and "\n" not in change.text
    long = value_text("y" * 5000)
    assert len(long) == 200 and long.endswith("…")


def test_nesting_far_deeper_than_the_stack_allows():
    old: object = 1
    new: object = 2
    for _ in range(5000):
        old, new = [old], [new]
    old = {"deep": [{"x": old}]}
    new = {"deep": [{"x": new}]}
    (change,) = diff_answers(old, new)
    assert change.path.startswith("deep[0].x[0][0]") and change.path.endswith("[0]")


def test_two_different_entries_side_by_side():
    other = {**BEFORE, "id": 5000000002, "description": "Other"}
    assert [c.path for c in diff_answers(BEFORE, other)] == ["id", "description"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3)
    ),
    max_leaves=12,
)


@given(json_values)
def test_an_answer_never_differs_from_itself(value):
    assert diff_answers(value, json.loads(json.dumps(value))) == ()


@given(json_values, json_values)
def test_there_is_a_change_exactly_when_the_json_differs(old, new):
    same = json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True)
    assert (diff_answers(old, new) == ()) == same
