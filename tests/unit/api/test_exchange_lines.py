"""The Request tab's lines: what went wrong said as a person would, numbers with units."""

from __future__ import annotations

import pytest

from inspector.api import errors
from inspector.api.errors import ApiError, NotFound
from inspector.api.exchange import ExchangeRecord, Quota


def lines_of(record: ExchangeRecord) -> dict[str, str]:
    return dict(record.lines())


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(3600, "3600 s (1:00:00)"), (1234, "1234 s (0:20:34)"), (42, "42 s"), (None, "—")],
)
def test_quota_resets_in_is_shown_with_its_unit(seconds: int | None, shown: str) -> None:
    record = ExchangeRecord(quota=Quota(5, seconds))
    assert lines_of(record)["X-Toggl-Quota-Resets-In"] == shown


def test_a_failure_says_what_happened_first_and_the_whole_sentence_on_its_own_line() -> None:
    error = NotFound("Time entry 5 was not found (HTTP 404).", status=404)
    record = ExchangeRecord(status=404, outcome=error.outcome, message=error.message)
    lines = lines_of(record)
    assert lines["Outcome"] == "Not found (404)"
    assert lines["Message"] == "Time entry 5 was not found (HTTP 404)."
    assert "Message" not in lines_of(ExchangeRecord(status=200, outcome="200 OK"))


def test_every_error_has_a_title_of_its_own() -> None:
    kinds = [
        kind
        for kind in vars(errors).values()
        if isinstance(kind, type) and issubclass(kind, ApiError) and kind is not ApiError
    ]
    titles = [kind.title for kind in kinds]
    assert "Failed" not in titles
    assert len(set(titles)) == len(titles)
    assert ApiError("no status").outcome == "Failed"
