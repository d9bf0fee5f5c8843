"""Entries the benchmarks add to the demo API: an outsized one, a slow one, and one of long
strings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from inspector.demo.dataset import demo_entry

SLOW_ID = 6_000_000_001
HUGE_ID = 6_000_000_002
LONG_STRINGS_ID = 6_000_000_003
LONG_STRING_CHARS = 1_000_000


def huge_entry() -> dict[str, object]:
    """10,000 users in shared_with and 5,000 tags."""
    start = datetime.now(UTC) - timedelta(days=1)
    return demo_entry(
        HUGE_ID,
        start,
        3600,
        start + timedelta(hours=1),
        shared_with=[
            {
                "accepted": index % 3 != 0,
                "user_id": 7_000_000 + index,
                "user_name": f"User {index:05d}",
            }
            for index in range(10_000)
        ],
        tags=[f"tag-{index:04d}" for index in range(5_000)],
        tag_ids=list(range(80_000_000, 80_005_000)),
    )


def long_strings_entry() -> dict[str, object]:
    """A 10 MB body (the most an answer may be is 10 MiB): a 1 MB description and nine
    1 MB tags."""
    start = datetime.now(UTC) - timedelta(days=1)
    return demo_entry(
        LONG_STRINGS_ID,
        start,
        3600,
        start + timedelta(hours=1),
        description="d" * LONG_STRING_CHARS,
        tags=[chr(ord("a") + index) * LONG_STRING_CHARS for index in range(9)],
    )


def slow_entry() -> dict[str, object]:
    """A typical entry; the server answers it after 1 s."""
    start = datetime.now(UTC) - timedelta(days=1)
    return demo_entry(SLOW_ID, start, 3600, start + timedelta(hours=1))
