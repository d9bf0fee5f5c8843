"""Hostile JSON for property tests: written as text, so it can hold what json.dumps cannot
(a 5,000-digit integer, keys repeated, 900 levels of nesting) and what it would not (NaN).

Every example is a JSON object: an entry whose known fields (id, duration, start, stop,
shared_with, pid, ...) and unknown ones take any of these values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from hypothesis import strategies as st

from inspector.domain.field_catalogue import FIELD_CATALOGUE


@dataclass(frozen=True)
class Raw:
    """JSON text written as it is."""

    text: str


@dataclass(frozen=True)
class Obj:
    """An object as sent: its members in order, a key possibly more than once."""

    pairs: tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class Deep:
    """``inner`` inside ``levels`` lists (or objects): written without recursion."""

    levels: int
    as_objects: bool
    inner: object


ODD_TEXT = [
    "",
    "\ud800",  # a lone surrogate (legal in JSON as an escape)
    "a\udfffb",
    "\u202eevil\u202c",  # right-to-left override
    "\x00\x1b[31m\x07",
    "line\nbreak\r\ttab",
    "🚀👩‍👩‍👧",
    "مراجعة التقرير",
    "e\u0301\u0301\u0301",
    "\ufeff\u200b",
    "x" * 5000,
]
TIMESTAMPS = [
    "2024-12-16T17:05:25+00:00",
    "2024-12-16T17:05:25.123456789Z",
    "9999-12-31T23:59:59Z",
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T00:00:00+23:59",
    "2024-02-30T00:00:00Z",
    "not a time",
]
ODD_NUMBERS = [
    Raw("1e400"),
    Raw("-1e400"),
    Raw("NaN"),
    Raw("Infinity"),
    Raw("-Infinity"),
    Raw("1E2"),
    Raw("-0"),
    Raw("0.0e-999"),
    Raw("123456789012345678901234567890.5"),
    10**400,
    -(10**400),
    2**63,
    -(2**63) - 1,
    2**63 - 1,
    -1734049107,
    -1,
    0,
]

keys = st.one_of(
    st.sampled_from(sorted(FIELD_CATALOGUE)),
    st.sampled_from(["", "a.b", "[0]", "\ud800", "\u202e", "k" * 300, "user_name", "accepted"]),
    st.text(max_size=8),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(ODD_NUMBERS),
    st.sampled_from(ODD_TEXT),
    st.sampled_from(TIMESTAMPS),
    st.text(max_size=20),
)


def _containers(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(
        st.lists(children, max_size=4),
        st.lists(st.tuples(keys, children), max_size=4).map(lambda pairs: Obj(tuple(pairs))),
    )


values = st.recursive(scalars, _containers, max_leaves=12)
deep_values = st.builds(Deep, st.integers(min_value=1, max_value=950), st.booleans(), values)
# Past Python's 4,300-digit limit: the whole answer is refused, so only now and then.
too_long = st.integers(min_value=4301, max_value=6000).map(lambda digits: Raw("9" * digits))
_head = st.tuples(  # what makes an entry an entry, each sometimes hostile itself
    st.tuples(st.just("id"), st.one_of(st.just(5_000_000_001), values)),
    st.tuples(st.just("start"), st.one_of(st.sampled_from(TIMESTAMPS), values)),
    st.tuples(st.just("stop"), st.one_of(st.none(), st.sampled_from(TIMESTAMPS), values)),
    st.tuples(st.just("duration"), st.one_of(st.integers(), st.sampled_from(ODD_NUMBERS), values)),
)
_rarely_too_long = st.one_of(*[st.just(())] * 5, st.tuples(st.tuples(keys, too_long)))
entries = st.builds(
    lambda head, rest, long: Obj((*head, *rest, *long)),
    _head,
    st.lists(st.tuples(keys, st.one_of(values, values, deep_values)), max_size=10),
    _rarely_too_long,
)


def write(value: object) -> str:
    """The JSON text of a generated value."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Obj):
        return "{" + ", ".join(f"{json.dumps(k)}: {write(v)}" for k, v in value.pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(write(item) for item in value) + "]"
    if isinstance(value, Deep):
        opening, closing = ('{"k": ', "}") if value.as_objects else ("[", "]")
        return opening * value.levels + write(value.inner) + closing * value.levels
    return json.dumps(value)  # scalars; NaN and Infinity as Python's json writes them


def hostile_entry_text() -> str:
    """One fixed hostile entry, everything at once (for tests that need a single one)."""
    return write(
        Obj(
            (
                ("id", 5_000_000_001),
                ("id", 42),
                ("duration", 10**400),
                ("start", "2024-12-16T17:05:25+00:00"),
                ("stop", Raw("NaN")),
                ("pid", Deep(400, False, 1)),
                ("project_id", Deep(400, False, 1)),
                ("description", "\ud800\u202e\x1b[2J"),
                ("tags", [Raw("Infinity"), 2**64, "x" * 5000]),
                (
                    "shared_with",
                    [Obj((("user_id", Deep(500, True, 7)), ("accepted", 1), ("accepted", True)))],
                ),
                ("nested", Deep(700, False, Obj((("a", 1), ("a", 2))))),
                ("server_deleted_at", Deep(300, False, "2024-12-16T17:05:25Z")),
            )
        )
    )
