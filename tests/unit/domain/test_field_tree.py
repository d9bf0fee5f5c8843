"""The field tree: null, [], false, 0, "" and {} never look alike; copy text; paths."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.domain.field_tree import (
    FieldNode,
    ValueKind,
    child_path,
    derived_node,
    display_value,
    kind_of,
    plural,
    type_name,
    value_node,
)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, database=None)

EMPTYISH = [None, [], False, 0, "", {}]


@pytest.mark.parametrize(
    ("value", "display", "type_text", "kind"),
    [
        (None, "null", "null", ValueKind.NULL),
        ([], "[] (empty list)", "list[0]", ValueKind.LIST),
        (False, "false", "boolean", ValueKind.BOOLEAN),
        (0, "0", "integer", ValueKind.INTEGER),
        ("", '"" (empty string)', "string", ValueKind.STRING),
        ({}, "{} (empty object)", "object", ValueKind.OBJECT),
    ],
)
def test_empty_looking_values_have_their_own_display_and_type(
    value: object, display: str, type_text: str, kind: ValueKind
) -> None:
    node = value_node("field", "field", value)
    assert node.display == display
    assert node.type_name == type_text
    assert node.kind is kind
    assert node.value == value and type(node.value) is type(value)
    assert node.children == ()


def test_empty_looking_values_are_all_distinct() -> None:
    nodes = [value_node("f", "f", value) for value in EMPTYISH]
    assert len({node.display for node in nodes}) == len(EMPTYISH)
    assert len({node.type_name for node in nodes}) == len(EMPTYISH)
    assert len({node.kind for node in nodes}) == len(EMPTYISH)


@pytest.mark.parametrize(
    ("value", "display", "type_text", "kind"),
    [
        (True, "true", "boolean", ValueKind.BOOLEAN),
        (1, "1", "integer", ValueKind.INTEGER),  # 1 and True must not be confused
        (0.0, "0.0", "number", ValueKind.NUMBER),  # 0.0 and 0 must not be confused
        (1e100, "1e+100", "number", ValueKind.NUMBER),
        (-1_734_049_107, "-1734049107", "integer", ValueKind.INTEGER),
        (2**63 - 1, "9223372036854775807", "integer", ValueKind.INTEGER),
        ("text", "text", "string", ValueKind.STRING),
        (" ", " ", "string", ValueKind.STRING),
        ([1, None, "a", True], "1, null, a, true", "list[4]", ValueKind.LIST),
        ([[1], [2]], "2 items", "list[2]", ValueKind.LIST),
        ([{}], "1 item", "list[1]", ValueKind.LIST),
        ({"a": 1}, "1 field", "object", ValueKind.OBJECT),
        ({"a": 1, "b": 2}, "2 fields", "object", ValueKind.OBJECT),
    ],
)
def test_other_values(value: object, display: str, type_text: str, kind: ValueKind) -> None:
    assert display_value(value) == display
    assert type_name(value) == type_text
    assert kind_of(value) is kind


def test_long_list_summaries_are_cut_with_an_ellipsis() -> None:
    value = [f"tag-{index:03d}" for index in range(100)]
    text = display_value(value)
    assert len(text) == 200
    assert text.endswith("…")
    assert text.startswith("tag-000, tag-001")


def test_a_summary_of_exactly_the_limit_is_not_cut() -> None:
    value = ["x" * 200]
    assert display_value(value) == "x" * 200


def test_plural() -> None:
    assert plural(0, "item") == "0 items"
    assert plural(1, "item") == "1 item"
    assert plural(2, "user") == "2 users"


# --------------------------------------------------------------------------- copy text


@pytest.mark.parametrize(
    ("value", "copied"),
    [
        ("Customer call", "Customer call"),  # strings bare, no quotes
        ("", ""),
        ('say "hi"', 'say "hi"'),
        ("Réunion ☕ 🚀", "Réunion ☕ 🚀"),
        (None, "null"),
        (False, "false"),
        (True, "true"),
        (0, "0"),
        (3_727_977_106, "3727977106"),
        (1.5, "1.5"),
        ([], "[]"),
        ({}, "{}"),
        (["support", "billing"], '["support", "billing"]'),
        ({"user_name": "Bjørn"}, '{"user_name": "Bjørn"}'),  # not \u-escaped
        ([None, {"a": [1, "x"]}], '[null, {"a": [1, "x"]}]'),
    ],
)
def test_copy_text_is_bare_for_strings_and_json_otherwise(value: object, copied: str) -> None:
    assert value_node("field", "field", value).copy_text() == copied


def test_copy_text_of_a_derived_node_is_its_text() -> None:
    node = derived_node("UTC", "start", "2024-12-16 17:05:25 UTC", "Derived: in UTC")
    assert node.kind is ValueKind.DERIVED
    assert node.type_name == "derived"
    assert node.copy_text() == "2024-12-16 17:05:25 UTC"


def test_copy_text_of_a_group_node_is_its_display() -> None:
    node = FieldNode(
        label="Time",
        path="Time",
        value=None,
        display="4 fields",
        kind=ValueKind.GROUP,
        type_name="group",
    )
    assert node.copy_text() == "4 fields"


@PROPERTY_SETTINGS
@given(
    value=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.text()
        | st.floats(allow_nan=False, allow_infinity=False),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=10,
    )
)
def test_copy_text_of_a_non_string_reads_back_as_the_same_json(value: object) -> None:
    copied = value_node("f", "f", value).copy_text()
    if isinstance(value, str):
        assert copied == value
    else:
        assert json.loads(copied) == value


# --------------------------------------------------------------------------- paths


@pytest.mark.parametrize(
    ("parent", "key", "expected"),
    [
        ("", "start", "start"),
        ("", "_private", "_private"),
        ("", "rate_cents2", "rate_cents2"),
        ("integration", "ext_id", "integration.ext_id"),
        ("shared_with", 1, "shared_with[1]"),
        ("shared_with[1]", "user_name", "shared_with[1].user_name"),
        ("", "odd key!", '["odd key!"]'),
        ("", "rate-cents", '["rate-cents"]'),
        ("", "2fa", '["2fa"]'),  # identifiers do not start with a digit
        ("", "1", '["1"]'),  # a key "1" is not index 1
        ("", "", '[""]'),
        ("", 'say "hi"', '["say \\"hi\\""]'),
        ("", "café", '["café"]'),  # only ASCII identifiers go bare
        ("integration", "a.b", 'integration["a.b"]'),
        ("tags", 0, "tags[0]"),
    ],
)
def test_child_path(parent: str, key: str | int, expected: str) -> None:
    assert child_path(parent, key) == expected


def test_paths_through_a_nested_value() -> None:
    value = [
        {"user_id": 1, "user_name": "Ana"},
        {"user_id": 2, "user_name": "Bjørn", "odd key": {"x-y": [True]}},
    ]
    root = value_node("shared_with", "shared_with", value)
    assert [child.path for child in root.children] == ["shared_with[0]", "shared_with[1]"]
    assert [child.label for child in root.children] == ["[0]", "[1]"]
    second = {child.label: child for child in root.children[1].children}
    assert second["user_name"].path == "shared_with[1].user_name"
    assert second["user_name"].value == "Bjørn"
    odd = second["odd key"]
    assert odd.path == 'shared_with[1]["odd key"]'
    (xy,) = odd.children
    assert xy.path == 'shared_with[1]["odd key"]["x-y"]'
    assert xy.children[0].path == 'shared_with[1]["odd key"]["x-y"][0]'
    assert xy.children[0].display == "true"


@PROPERTY_SETTINGS
@given(key=st.text())
def test_a_quoted_key_reads_back_as_the_key(key: str) -> None:
    path = child_path("parent", key)
    if path.startswith("parent."):
        assert path == f"parent.{key}"
        assert key.isidentifier() and key.isascii()
    else:
        assert path.startswith("parent[") and path.endswith("]")
        assert json.loads(path[len("parent[") : -1]) == key


def test_value_node_keeps_extra_children_first() -> None:
    extra = derived_node("h:mm:ss", "duration", "1:00:00", "Derived")
    node = value_node("tags", "tags", ["a"], "Tag names", (extra,))
    assert [child.label for child in node.children] == ["h:mm:ss", "[0]"]
    assert node.description == "Tag names"
    assert node.children[1].description is None


def test_object_members_keep_their_order_and_values() -> None:
    value = {"z": 1, "a": None, "m": []}
    node = value_node("o", "o", value)
    assert [child.label for child in node.children] == ["z", "a", "m"]
    assert [child.display for child in node.children] == ["1", "null", "[] (empty list)"]
