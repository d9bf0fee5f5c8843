"""Counting find matches as a find box says them: any case, not overlapping, the position
asked about in UTF-16 units (as Qt counts), counting bounded."""

from __future__ import annotations

from inspector.domain.text_find import MatchCount, count_matches


def test_matches_are_counted_in_any_case_without_overlapping():
    assert count_matches("Aa aA aaa", "aa", 0, 100) == MatchCount(0, 3, False)
    assert count_matches("Customer CUSTOMER", "customer", 9, 100) == MatchCount(1, 2, False)
    assert count_matches("anything", "", 0, 100) == MatchCount(0, 0, False)
    assert count_matches("a.b a+b", ".", 0, 100).total == 1  # the needle is text, not a pattern


def test_the_position_is_in_utf16_units_as_qt_gives_it():
    text = "😀 id 😀 id"  # each emoji is two UTF-16 units
    # Qt's offsets of the two "id": 3 and 9 (Python's: 2 and 7).
    assert count_matches(text, "id", 3, 100).before == 0
    assert count_matches(text, "id", 4, 100).before == 1
    assert count_matches(text, "id", 9, 100).before == 1  # Python's 7 would count it
    assert count_matches(text, "id", 10, 100).before == 2


def test_counting_stops_at_the_limit():
    assert count_matches("x" * 50, "x", 10, 20) == MatchCount(10, 20, True)
    assert count_matches("x" * 50, "x", 45, 20) == MatchCount(20, 20, True)
    assert count_matches("x" * 20, "x", 0, 20) == MatchCount(0, 20, False)
