"""The tree of fields a person sees: labels, display text, JSON types and paths.

Built from the raw JSON values so that null, an empty list, false and 0 never look alike,
and so that whatever the API sends (known or not) is shown and never dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import Enum

_SUMMARY_LIMIT = 200
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
# Levels of lists and objects shown below a field. Toggl's deepest is 2 (shared_with); json
# accepts about 990, more than the tree (and every face walking it) could take.
MAX_TREE_DEPTH = 20
# An integer longer than this is shown by its ends and its length (copied whole).
_LONG_INTEGER_DIGITS = 40


class ValueKind(Enum):
    NULL = "null"
    BOOLEAN = "boolean"
    INTEGER = "integer"
    NUMBER = "number"
    STRING = "string"
    LIST = "list"
    OBJECT = "object"
    DERIVED = "derived"  # computed by the inspector, not sent by the API
    UNAVAILABLE = "unavailable"  # a field this source (e.g. a report) cannot carry
    GROUP = "group"


@dataclass(frozen=True)
class FieldNode:
    label: str
    path: str
    value: object
    display: str
    kind: ValueKind
    type_name: str
    description: str | None = None
    children: tuple[FieldNode, ...] = field(default=())
    # How a person reads the value (a local time, h:mm:ss), when that differs from the
    # value as received (``display``, which copies and the raw view keep).
    readable_value: str | None = None

    @property
    def is_group(self) -> bool:
        """A heading of fields (no value of its own)."""
        return self.kind is ValueKind.GROUP

    def copy_text(self) -> str:
        """What "Copy value" puts on the clipboard: strings bare, everything else as JSON."""
        if self.kind in (ValueKind.DERIVED, ValueKind.GROUP, ValueKind.UNAVAILABLE) or isinstance(
            self.value, str
        ):
            return self.value if isinstance(self.value, str) else self.display
        try:
            return json.dumps(self.value, ensure_ascii=False)
        except (RecursionError, ValueError):  # nested deeper than json can write back
            return self.display


def child_path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if _IDENTIFIER.fullmatch(key):
        return f"{parent}.{key}" if parent else key
    return f"{parent}[{readable(json.dumps(key, ensure_ascii=False))}]"


def readable(text: str) -> str:
    """``text`` with each lone surrogate written as its escape (``\\ud800``): JSON can
    carry one (``"\\ud800"``), but no UTF-8 output can (`get` would stop with a
    UnicodeEncodeError) and Qt drops it without a trace."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def kind_of(value: object) -> ValueKind:
    if value is None:
        return ValueKind.NULL
    if isinstance(value, bool):
        return ValueKind.BOOLEAN
    if isinstance(value, int):
        return ValueKind.INTEGER
    if isinstance(value, float):
        return ValueKind.NUMBER
    if isinstance(value, str):
        return ValueKind.STRING
    if isinstance(value, list):
        return ValueKind.LIST
    return ValueKind.OBJECT


def display_value(value: object) -> str:
    kind = kind_of(value)
    if kind is ValueKind.NULL:
        return "null"
    if kind is ValueKind.BOOLEAN:
        return "true" if value else "false"
    if kind is ValueKind.STRING:
        return readable(str(value)) if value else '"" (empty string)'
    if kind is ValueKind.LIST:
        assert isinstance(value, list)
        if not value:
            return "[] (empty list)"
        if all(kind_of(item) not in (ValueKind.LIST, ValueKind.OBJECT) for item in value):
            return _truncate(", ".join(display_value(item) for item in value))
        return plural(len(value), "item")
    if kind is ValueKind.OBJECT:
        assert isinstance(value, dict)
        return plural(len(value), "field") if value else "{} (empty object)"
    if kind is ValueKind.INTEGER:
        assert isinstance(value, int)
        return _integer_text(value)
    return json.dumps(value)  # a float: Infinity and NaN as Python's json writes them


def _integer_text(value: int) -> str:
    try:
        text = str(value)
    except ValueError:  # past sys.get_int_max_str_digits(): a parsed answer never is
        return f"an integer of about {int(abs(value).bit_length() * 0.30103):,} digits"
    digits = text.lstrip("-")
    if len(digits) <= _LONG_INTEGER_DIGITS:
        return text
    sign = text[: len(text) - len(digits)]
    return f"{sign}{digits[:12]}…{digits[-6:]} ({len(digits):,} digits)"


def type_name(value: object) -> str:
    if isinstance(value, list):
        return f"list[{len(value)}]"
    return kind_of(value).value


def value_node(
    label: str,
    path: str,
    value: object,
    description: str | None = None,
    extra_children: tuple[FieldNode, ...] = (),
    depth: int = 0,
) -> FieldNode:
    """A node for a JSON value, with one child per list item or object member, down to
    MAX_TREE_DEPTH levels below the field (``depth`` is this node's level)."""
    children: tuple[FieldNode, ...] = ()
    display = display_value(value)
    if isinstance(value, (list, dict)) and value and depth >= MAX_TREE_DEPTH:
        display = f"{display}, nested too deeply to show here (the Raw JSON tab has it)"
    elif isinstance(value, list):
        children = tuple(
            value_node(f"[{index}]", child_path(path, index), item, depth=depth + 1)
            for index, item in enumerate(value)
        )
    elif isinstance(value, dict):
        children = tuple(
            value_node(readable(str(key)), child_path(path, str(key)), item, depth=depth + 1)
            for key, item in value.items()
        )
    return FieldNode(
        label=label,
        path=path,
        value=value,
        display=display,
        kind=kind_of(value),
        type_name=type_name(value),
        description=description,
        children=extra_children + children,
    )


def derived_node(label: str, path: str, text: str, description: str) -> FieldNode:
    return FieldNode(
        label=label,
        path=path,
        value=text,
        display=text,
        kind=ValueKind.DERIVED,
        type_name="derived",
        description=description,
    )


def unavailable_node(label: str, path: str, text: str, description: str | None) -> FieldNode:
    """A field the source does not carry, marked as such rather than left out silently."""
    return FieldNode(
        label=label,
        path=path,
        value=None,
        display=text,
        kind=ValueKind.UNAVAILABLE,
        type_name="—",
        description=description,
    )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _truncate(text: str) -> str:
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 1] + "…"
