"""The Reports API is the expected way to an old entry (issue #15, item 8): a v9 404 is said
as information, not as a failure, and when the search finds nothing the Reports panel
offers to search the years before, there and then."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from gui_actions import look_up
from PySide6.QtCore import Qt

from inspector.api import errors
from inspector.demo import reports
from inspector.demo.server import DemoServer
from inspector.services import DEFAULT_REPORT_YEARS, EARLIEST_REPORT_YEAR, ReportsResult
from inspector.ui.main_window import MainWindow
from inspector.ui.reports_controller import SETTINGS_AUTO_SEARCH

WORKSPACE_KEY = "reports/workspace/demo"


def searched_years(server: DemoServer) -> list[int]:
    """The years the searches asked for, in order (a year's further pages not repeated)."""
    years: list[int] = []
    for path, body in server.posted:
        year = int(json.loads(body)["start_date"][:4])
        if path.endswith("/search/time_entries") and (not years or years[-1] != year):
            years.append(year)
    return years


def search(qtbot, window: MainWindow, button) -> object:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_a_v9_404_is_information_with_the_search_offered(qtbot, window):
    outcome = look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    assert type(outcome) is errors.NotFound
    banner = window.message_banner
    assert banner.kind == "info"  # not the error style
    assert "HTTP 404" in banner.label.full_text
    assert banner.label.full_text.endswith("The Reports API can search older entries: below.")
    assert not banner.retry_button.isVisible()
    status = window.statusBar().currentMessage()
    assert "failed" not in status
    assert status == (
        f"Entry {reports.OLD_RECENT_ID} is not in the last three months (v9 404): it can be "
        "searched in the Reports API."
    )
    assert window.reports.panel.isVisible()


def test_the_automatic_search_is_information_too(qtbot, window, settings):
    settings.setValue(SETTINGS_AUTO_SEARCH, True)
    settings.setValue(WORKSPACE_KEY, 8_200_001)
    said: list[tuple[str | None, str]] = []  # as the 404 was told, before the search
    window.runner.failed.connect(
        lambda *_: said.append((window.message_banner.kind, window.statusBar().currentMessage()))
    )
    with qtbot.waitSignal(
        window.lookup_finished,
        timeout=10_000,
        check_params_cb=lambda outcome: isinstance(outcome, ReportsResult),
    ):
        look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    assert [kind for kind, _status in said] == ["info"]
    assert "failed" not in said[0][1]
    assert not window.message_banner.isVisible()


def test_nothing_found_offers_the_years_before_in_the_panel(qtbot, window, settings, demo_server):
    settings.setValue(WORKSPACE_KEY, 8_200_001)
    look_up(qtbot, window, str(reports.ANCIENT_ID))  # ten years old
    panel = window.reports.panel
    assert not panel.further_button.isVisible()  # nothing searched yet
    outcome = search(qtbot, window, panel.search_button)
    assert isinstance(outcome, errors.NotFoundInReports)
    assert window.message_banner.kind == "info"
    assert "was not found by the Reports API" in window.message_banner.label.full_text

    # As the search counts: from the user's today (which may be UTC's tomorrow).
    newest = (datetime.now(UTC).date() + timedelta(days=1)).year
    oldest = newest - DEFAULT_REPORT_YEARS + 1
    assert searched_years(demo_server) == list(range(newest, oldest - 1, -1))
    further = f"{oldest - DEFAULT_REPORT_YEARS}–{oldest - 1}"
    assert panel.further_button.isVisible()
    assert panel.further_button.text() == f"Search further back: {further}"

    # Only the older years are searched, as often as asked, until it is found.
    before = len(searched_years(demo_server))
    found = None
    for _ in range(3):
        found = search(qtbot, window, panel.further_button)
        if isinstance(found, ReportsResult):
            break
        assert isinstance(found, errors.NotFoundInReports)
        assert panel.isVisible() and panel.further_button.isVisible()
    assert isinstance(found, ReportsResult)
    assert found.request.entry_id == reports.ANCIENT_ID
    years = searched_years(demo_server)[before:]
    assert years[:DEFAULT_REPORT_YEARS] == list(range(oldest - 1, oldest - 6, -1))
    assert max(years) < oldest  # the years searched before are not searched again
    assert not panel.isVisible()


def test_the_years_before_end_at_toggls_first(qtbot, window, settings):
    settings.setValue(WORKSPACE_KEY, 8_200_001)
    settings.setValue("reports/years", 20)
    look_up(qtbot, window, str(reports.ANCIENT_ID + 10_000))  # in no report
    panel = window.reports.panel
    assert isinstance(search(qtbot, window, panel.search_button), errors.NotFoundInReports)
    newest = (datetime.now(UTC).date() + timedelta(days=1)).year - 20
    first = max(newest - 19, EARLIEST_REPORT_YEAR)
    assert newest >= EARLIEST_REPORT_YEAR  # true until 2046
    span = f"{first}–{newest}" if first < newest else str(first)
    assert panel.further_button.text() == f"Search further back: {span}"
    assert isinstance(search(qtbot, window, panel.further_button), errors.NotFoundInReports)
    assert not panel.further_button.isVisible()  # nothing before Toggl's first year


def test_asking_whether_it_was_deleted_keeps_the_offer_to_search_further(qtbot, window, settings):
    settings.setValue(WORKSPACE_KEY, 8_200_001)
    look_up(qtbot, window, str(reports.ANCIENT_ID))
    panel = window.reports.panel
    assert isinstance(search(qtbot, window, panel.search_button), errors.NotFoundInReports)
    further = panel.further_button.text()
    check = window.deleted_check.offer
    assert isinstance(search(qtbot, window, check.check_button), errors.NotFound)
    assert "Not among your deleted entries" in check.label.full_text
    assert panel.isVisible() and panel.further_button.isVisible()
    assert panel.further_button.text() == further
