"""api.reports: the request's path and body, and the page cursor."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from inspector.api import errors
from inspector.api.base_url import parse_api_url
from inspector.api.reports import PageCursor, next_page, search_body, search_path
from inspector.domain.report_rows import DateSpan

API = parse_api_url("https://api.example.test")
TOKEN = "APIREPORTSMARKER0000111122223333"


def test_the_path_takes_only_a_positive_int():
    assert search_path(8_200_001) == "/reports/api/v3/workspace/8200001/search/time_entries"
    for bad in ("8200001", True, 1.0):
        with pytest.raises(TypeError):
            search_path(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        search_path(0)


def test_the_body_asks_for_one_entry_in_one_span_and_sends_the_cursor_back():
    span = DateSpan(date(2024, 1, 1), date(2024, 12, 31))
    assert search_body(7, span, None) == {
        "start_date": "2024-01-01",
        "end_date": "2024-12-31",
        "time_entry_ids": [7],
    }
    assert search_body(7, span, PageCursor(901, 3)) == {
        "start_date": "2024-01-01",
        "end_date": "2024-12-31",
        "time_entry_ids": [7],
        "first_id": 901,
        "first_row_number": 3,
    }


@pytest.mark.parametrize(
    ("headers", "cursor"),
    [
        ({}, None),
        ({"X-Next-ID": "5000002001", "X-Next-Row-Number": "5"}, PageCursor(5_000_002_001, 5)),
    ],
)
def test_the_next_page_comes_from_the_headers(headers, cursor):
    assert next_page(httpx.Headers(headers)) == cursor


@pytest.mark.parametrize(
    "headers",
    [{"X-Next-ID": "12"}, {"X-Next-Row-Number": "3"}, {"X-Next-ID": "x", "X-Next-Row-Number": "3"}],
)
def test_half_or_garbled_cursors_are_refused(headers):
    with pytest.raises(errors.InvalidResponse, match="next-page cursor"):
        next_page(httpx.Headers(headers))
