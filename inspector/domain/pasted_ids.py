"""Finding the time entry IDs in any pasted text: a ticket, a CSV file, lines of ``#123``,
Toggl API URLs.

Three forms are taken, wherever they stand in the text:

- ``#N`` (any number of digits; not ``&#N;``, which is an HTML character reference);
- ``/time_entries/N``, as in an API URL (``…/api/v9/me/time_entries/5000000001?meta=true``);
- a whole-word number of 5 to 19 digits (no letter, digit or underscore touching it, and not
  one side of a decimal number such as ``12345.678``).

Each is kept only when it is a possible ID (1 to 2**63-1); duplicates are removed and the
order of first appearance is kept. Only ASCII digits count: ``١٢٣٤٥`` is not an ID.
"""

from __future__ import annotations

import re

from inspector.domain.entry_id import MAX_ENTRY_ID

MIN_BARE_DIGITS = 5
MAX_BARE_DIGITS = 19

# Word characters (letters of any script, digits, underscore) bound a whole word.
_PATTERN = re.compile(
    r"(?<!&)#(?P<hash>[0-9]+)(?!\w)"
    r"|/time_entries/(?P<path>[0-9]+)(?!\w)"
    rf"|(?<!\w)(?<![0-9]\.)(?P<bare>[0-9]{{{MIN_BARE_DIGITS},{MAX_BARE_DIGITS}}})(?!\w)(?!\.[0-9])"
)
# Longer than this, a run of digits cannot be an ID whatever its leading zeros: not read.
_MOST_DIGITS = 1000


def find_entry_ids(text: str) -> tuple[int, ...]:
    """The possible time entry IDs in ``text``, each once, in order of first appearance."""
    found: dict[int, None] = {}
    for match in _PATTERN.finditer(text):
        digits = match.group("hash") or match.group("path") or match.group("bare")
        value = _id_value(digits)
        if value is not None:
            found.setdefault(value, None)
    return tuple(found)


def _id_value(digits: str) -> int | None:
    significant = digits.lstrip("0")
    if not significant or len(significant) > len(str(MAX_ENTRY_ID)) or len(digits) > _MOST_DIGITS:
        return None
    value = int(significant)
    return value if value <= MAX_ENTRY_ID else None


def request_cost_text(count: int, quota_left: int | None) -> str:
    """ "12 IDs = 12 requests; quota left 25" (one request per ID, before any retry)."""
    ids = "1 ID" if count == 1 else f"{count} IDs"
    requests = "1 request" if count == 1 else f"{count} requests"
    left = f"quota left {quota_left}" if quota_left is not None else "quota left unknown"
    return f"{ids} = {requests}; {left}"
