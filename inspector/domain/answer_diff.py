"""What changed between two answers: field path, old value, new value.

Used for "what changed" (an entry refreshed against its answer in the history) and for
comparing two entries side by side. Written here rather than taken from a library such as
``deepdiff``: two JSON values compared by field path is a small pure function, and this one
speaks the tree's own paths (``shared_with[1].user_name``, the same as *Copy field path*),
tells ``true`` from ``1`` and ``1.0`` from ``1`` as JSON does, compares a list of plain
values (``tags``) as one value, and walks without recursion, so an answer nested hundreds of
levels deep (which the inspector shows) cannot exhaust Python's stack.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from inspector.domain.field_tree import child_path, display_value, readable
from inspector.domain.plain_text import one_line

CHANGE_TEXT_LIMIT = 200  # each side of a change, on one line


class _Absent:
    """The value on the side where a field is not there at all (not ``null``)."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


class ChangeKind(Enum):
    CHANGED = "changed"
    ADDED = "added"  # only in the new answer
    REMOVED = "removed"  # only in the old answer


@dataclass(frozen=True)
class Change:
    path: str  # "" for the answer as a whole
    kind: ChangeKind
    old: object  # ABSENT when added
    new: object  # ABSENT when removed

    @property
    def shown_path(self) -> str:
        return readable(self.path) if self.path else "(the whole answer)"

    @property
    def old_text(self) -> str:
        return value_text(self.old)

    @property
    def new_text(self) -> str:
        return value_text(self.new)

    @property
    def text(self) -> str:
        """One line: ``description: "Call" → "Call back"`` (controls shown, each side
        bounded)."""
        return f"{one_line(self.shown_path)}: {self.old_text} → {self.new_text}"


def value_text(value: object, limit: int = CHANGE_TEXT_LIMIT) -> str:
    """A value of a change for one line: a string in quotes (so "" and "null" read apart
    from null), anything else as the tree shows it; ``(absent)`` where there is none."""
    if value is ABSENT:
        return "(absent)"
    if isinstance(value, str):
        return one_line(readable(json.dumps(value, ensure_ascii=False)), limit)
    return one_line(display_value(value), limit)


def diff_answers(old: object, new: object) -> tuple[Change, ...]:
    """Every difference between two parsed JSON answers, in the order of the old answer's
    fields (then the fields only the new one has), depth first.

    Objects are compared field by field, lists of objects or lists item by item (an item
    past the other list's end is added or removed), lists of plain values as one value, and
    anything else by JSON type and value.
    """
    return tuple(_walk(old, new))


def _walk(old: object, new: object) -> Iterator[Change]:
    # A stack of pairs still to compare, the next on top: no recursion.
    stack: list[tuple[str, object, object]] = [("", old, new)]
    while stack:
        path, before, after = stack.pop()
        if before is ABSENT:
            yield Change(path, ChangeKind.ADDED, ABSENT, after)
        elif after is ABSENT:
            yield Change(path, ChangeKind.REMOVED, before, ABSENT)
        elif isinstance(before, dict) and isinstance(after, dict):
            keys = [*before, *(key for key in after if key not in before)]
            stack.extend(
                (child_path(path, key), before.get(key, ABSENT), after.get(key, ABSENT))
                for key in reversed(keys)
            )
        elif (
            isinstance(before, list)
            and isinstance(after, list)
            and not (_plain_values(before) and _plain_values(after))
        ):
            length = max(len(before), len(after))
            stack.extend(
                (
                    child_path(path, index),
                    before[index] if index < len(before) else ABSENT,
                    after[index] if index < len(after) else ABSENT,
                )
                for index in reversed(range(length))
            )
        elif not _same(before, after):
            yield Change(path, ChangeKind.CHANGED, before, after)


def _plain_values(items: list[object]) -> bool:
    return not any(isinstance(item, (list, dict)) for item in items)


def _same(first: object, second: object) -> bool:
    """Equal as JSON values: of the same JSON type (``true`` is not ``1``, ``1.0`` is not
    ``1``) and value (NaN, which Python's json reads, equals itself here). Only called on
    plain values and lists of plain values."""
    if isinstance(first, list) and isinstance(second, list):
        return len(first) == len(second) and all(map(_same, first, second))
    if type(first) is not type(second):
        return False
    if isinstance(first, float) and isinstance(second, float):
        return first == second or (math.isnan(first) and math.isnan(second))
    return first == second
