"""A Reports page with a repeated key (issue #12): the entry found on it is shown with the
anomaly, whose path is the key's place in the page (the Raw JSON tab shows the page)."""

from __future__ import annotations

from test_reports_search import PAGE, ReportsServer, rows_page, run_search

from inspector.services import ReportsResult


def test_a_key_the_page_repeats_is_flagged_on_the_entry_found():
    repeated = PAGE.replace(b'"seconds":3600', b'"seconds":60,"seconds":3600', 1)
    assert repeated != PAGE
    result = run_search(ReportsServer(default=lambda: rows_page(repeated)))
    assert isinstance(result, ReportsResult)
    assert result.view.raw["duration"] == 3600  # the last one, as json reads it
    assert [a.message for a in result.view.anomalies] == [
        "[0].time_entries[0].seconds appears 2 times in the answer (60, 3600); a reader may "
        "take any of them, the tree shows the last."
    ]
