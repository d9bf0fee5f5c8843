"""Counting the matches of a search in a text, for "3 of 12" beside a find box.

Qt's text views count positions in UTF-16 code units (a character outside the Basic
Multilingual Plane, an emoji say, is two of them), Python in code points: ``before`` is
taken as Qt gives it. Case is ignored per character, as Qt's own find does; matches do not
overlap, as repeated finds step over them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class MatchCount:
    before: int  # matches that start before the position asked about
    total: int  # all matches, at most the limit asked for
    more: bool  # there are more than ``total`` (counting stopped at the limit)


def count_matches(text: str, needle: str, before_utf16: int, limit: int) -> MatchCount:
    """The matches of ``needle`` in ``text`` (any case), and how many start before the
    UTF-16 offset ``before_utf16``; counting stops after ``limit`` matches."""
    if not needle:
        return MatchCount(0, 0, False)
    astral = [match.start() for match in _ASTRAL.finditer(text)]
    found_before = total = 0
    for match in re.finditer(re.escape(needle), text, re.IGNORECASE):
        if total == limit:
            return MatchCount(found_before, total, True)
        total += 1
        # Its offset in UTF-16: each astral character before it counts twice.
        if match.start() + bisect_left(astral, match.start()) < before_utf16:
            found_before += 1
    return MatchCount(found_before, total, False)
