"""Reading a JSON answer as it was sent: keys that appear twice are noted, not lost, and a
number too long for Python to read is a sentence, not a traceback.

``json.loads`` keeps the last of two equal keys without a word (``{"id": 1, "id": 2}`` reads
as ``{"id": 2}``), and raises a bare ValueError for an integer of more digits than
``sys.get_int_max_str_digits()`` allows (4,300 by default: a guard against quadratic
conversion that is right to keep). Pure: no I/O.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass

from inspector.domain.field_tree import child_path, display_value

# The values of a repeated key kept for the anomaly's message (the tree shows the last).
_KEPT = 3


@dataclass(frozen=True)
class DuplicateKey:
    """A key an object of the answer holds more than once."""

    path: str  # of the member, e.g. "id" or "shared_with[0].user_id"
    count: int
    values: tuple[object, ...]  # the first few, in the order sent

    @property
    def message(self) -> str:
        shown = ", ".join(display_value(value) for value in self.values)
        more = ", …" if self.count > len(self.values) else ""
        return (
            f"{self.path} appears {self.count} times in the answer ({shown}{more}); "
            "a reader may take any of them, the tree shows the last."
        )


@dataclass(frozen=True)
class JsonDocument:
    value: object
    duplicate_keys: tuple[DuplicateKey, ...] = ()


class NumberTooLong(ValueError):
    """The text holds an integer longer than Python reads; the message completes "The
    answer …"."""


_Repeats = dict[int, tuple[dict[str, object], list[tuple[str, int, tuple[object, ...]]]]]


def read_json(text: str) -> JsonDocument:
    """Parse ``text``; raise json.JSONDecodeError, RecursionError (nested too deeply) or
    NumberTooLong as ``json.loads`` would, and note every repeated key."""
    repeated: _Repeats = {}

    def object_from_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
        members = dict(pairs)
        if len(members) != len(pairs):  # rare: only then is anything counted
            counts = Counter(key for key, _ in pairs)
            # The object itself is kept with its id, so the id is not reused by another
            # (an object dropped as the earlier value of a repeated key could free it).
            repeated[id(members)] = (
                members,
                [
                    (key, count, tuple(value for name, value in pairs if name == key)[:_KEPT])
                    for key, count in counts.items()
                    if count > 1
                ],
            )
        return members

    try:
        value = json.loads(text, object_pairs_hook=object_from_pairs)
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        if "integer string conversion" not in str(error):
            raise
        limit = sys.get_int_max_str_digits()
        raise NumberTooLong(
            f"holds a number of more than {limit:,} digits, which no field of this API has "
            "(and Python does not read)"
        ) from None
    if not repeated:
        return JsonDocument(value)
    return JsonDocument(value, _locate(value, repeated))


def _locate(root: object, repeated: _Repeats) -> tuple[DuplicateKey, ...]:
    """Where in the document each object with repeated keys is, in document order (a walk
    without recursion: the document may be nested as deeply as json accepts)."""
    found: list[DuplicateKey] = []
    stack: list[tuple[str, object]] = [("", root)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            entry = repeated.get(id(value))
            if entry is not None and entry[0] is value:
                found.extend(
                    DuplicateKey(child_path(path, key), count, values)
                    for key, count, values in entry[1]
                )
            stack.extend((child_path(path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(
                (child_path(path, index), value[index]) for index in reversed(range(len(value)))
            )
    return tuple(found)
