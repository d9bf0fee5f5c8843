"""The window's Reports API search: offered after a v9 404, the workspace asked for and
remembered, progress, Cancel, the source badge, and every error, against the demo API."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from conftest import run_on_loop
from gui_actions import cell, look_up, type_id_and_fetch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from inspector.api import errors
from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential, CredentialResolver
from inspector.demo import reports
from inspector.demo.server import DemoServer
from inspector.domain.report_rows import NOT_AVAILABLE
from inspector.services import LookupResult, ReportsResult
from inspector.services.lookup import EntryLookup
from inspector.ui.reports_controller import (
    SETTINGS_AUTO_SEARCH,
    SETTINGS_YEARS,
    ReportsController,
)

WORKSPACE_KEY = "reports/workspace/demo"  # the make_window credential: demo, fixed
THIRD_PAGE_YEAR = str(datetime.now(UTC).year - 3)


def searches(server: DemoServer) -> int:
    return sum(1 for path in server.received if path.endswith("/search/time_entries"))


def offered(qtbot, window, entry_id: int, wait_for_workspaces: bool = True) -> None:
    """Look the entry up; v9 answers 404 and the window offers the Reports search."""
    controller: ReportsController = window.reports
    if wait_for_workspaces:
        with qtbot.waitSignal(controller.workspaces_loaded, timeout=10_000):
            outcome = look_up(qtbot, window, str(entry_id))
    else:
        outcome = look_up(qtbot, window, str(entry_id))
    assert isinstance(outcome, errors.NotFound) and not isinstance(
        outcome, errors.NotFoundInReports
    )
    assert window.reports.panel.isVisible()


def click_search(qtbot, window, timeout: int = 10_000) -> object:
    with qtbot.waitSignal(window.lookup_finished, timeout=timeout) as blocker:
        qtbot.mouseClick(window.reports.panel.search_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def choose(window, text: str) -> None:
    combo = window.reports.panel.workspace_combo
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


@pytest.fixture
def slow_server() -> Iterator[DemoServer]:
    with DemoServer(reports_delay_s=30) as server:
        yield server


def test_a_404_offers_the_search_and_asks_for_a_workspace_before_searching(
    qtbot, window, demo_server, settings
):
    offered(qtbot, window, reports.OLD_LATER_PAGE_ID)
    assert "HTTP 404" in window.message_banner.label.text()
    panel = window.reports.panel
    assert [panel.workspace_combo.itemText(i) for i in range(panel.workspace_combo.count())] == [
        "Demo Support Team (8200001)",
        "Demo Sandbox (8200002)",
        "Demo Partner Agency (8200005)",
    ]
    assert panel.workspace_combo.currentIndex() == -1  # no default known: never guessed

    qtbot.mouseClick(panel.search_button, Qt.MouseButton.LeftButton)
    assert "Choose the workspace" in panel.status_label.text()
    assert searches(demo_server) == 0

    choose(window, "Demo Support Team (8200001)")
    result = click_search(qtbot, window)
    assert isinstance(result, ReportsResult)
    assert window.entry_panel.source_badge.isVisible()
    assert window.entry_panel.source_badge.text() == (
        "Source: Reports API v3 (workspace Demo Support Team, 8200001)"
    )
    assert not panel.isVisible()
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(
            f"Found entry {reports.OLD_LATER_PAGE_ID} in {THIRD_PAGE_YEAR} after 6 requests "
            "(6 counted against the quota) · quota left "
        )
    )
    assert searches(demo_server) == 6
    assert int(settings.value(WORKSPACE_KEY)) == 8_200_001  # remembered for this account


def test_the_found_entry_fills_the_same_tree_and_the_raw_view_has_the_rows(qtbot, window):
    offered(qtbot, window, reports.OLD_LATER_PAGE_ID)
    choose(window, "Demo Support Team (8200001)")
    result = click_search(qtbot, window)
    assert cell(window, "Entry", "id") == str(reports.OLD_LATER_PAGE_ID)
    assert cell(window, "Time", "duration", "h:mm:ss") == "2:00:00"
    assert cell(window, "Legacy ids", "wid") == NOT_AVAILABLE
    assert cell(window, "Sharing", "shared_with") == NOT_AVAILABLE
    assert cell(window, "Reports API only", "email") == "demo.user@example.com"
    assert window.entry_panel.anomaly_label.text() == "No anomalies found."
    assert window.entry_panel.run_state_label.text() == "Stopped · 2:00:00"
    window.entry_panel.tabs.setCurrentWidget(window.entry_panel.raw_view)
    assert '"row_number": 6' in window.entry_panel.raw_view.toPlainText()
    assert result.response.body_text.startswith("[{")


def test_a_remembered_workspace_is_preselected_and_a_new_lookup_withdraws_everything(
    qtbot, window, settings
):
    settings.setValue(WORKSPACE_KEY, 8_200_001)
    offered(qtbot, window, reports.OLD_RECENT_ID)
    assert window.reports.panel.workspace_combo.currentText() == "Demo Support Team (8200001)"
    assert isinstance(click_search(qtbot, window), ReportsResult)
    assert window.entry_panel.source_badge.isVisible()

    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)
    assert (
        not window.entry_panel.source_badge.isVisible()
        and window.entry_panel.source_badge.text() == ""
    )
    assert not window.reports.panel.isVisible()


def test_a_typed_workspace_id_is_searched_and_remembered(qtbot, window, settings):
    offered(qtbot, window, reports.OLD_RECENT_ID)
    window.reports.panel.workspace_combo.setEditText("8200001")
    assert isinstance(click_search(qtbot, window), ReportsResult)
    assert window.entry_panel.source_badge.text().endswith("(workspace Demo Support Team, 8200001)")
    assert int(settings.value(WORKSPACE_KEY)) == 8_200_001


def test_a_typed_workspace_that_is_not_an_id_is_refused_inline(qtbot, window, demo_server):
    offered(qtbot, window, reports.OLD_RECENT_ID)
    window.reports.panel.workspace_combo.setEditText("Support")
    qtbot.mouseClick(window.reports.panel.search_button, Qt.MouseButton.LeftButton)
    assert "“Support” is not a workspace" in window.reports.panel.status_label.text()
    assert searches(demo_server) == 0


def test_the_automatic_setting_searches_a_known_workspace_without_a_click(
    qtbot, window, settings, demo_server
):
    settings.setValue(SETTINGS_AUTO_SEARCH, True)
    settings.setValue(WORKSPACE_KEY, 8_200_001)
    with qtbot.waitSignal(
        window.lookup_finished,
        timeout=10_000,
        check_params_cb=lambda result: isinstance(result, ReportsResult),
    ):
        type_id_and_fetch(qtbot, window, str(reports.OLD_GROUPED_ID))
    assert window.entry_panel.source_badge.isVisible()
    assert cell(window, "Entry", "id") == str(reports.OLD_GROUPED_ID)


def test_the_accounts_default_workspace_is_used_when_nothing_was_chosen(
    qtbot, window, settings, monkeypatch
):
    settings.setValue(SETTINGS_AUTO_SEARCH, True)
    monkeypatch.setattr(window.accounts.session, "default_workspace_id", lambda: 8_200_001)
    with qtbot.waitSignal(
        window.lookup_finished,
        timeout=10_000,
        check_params_cb=lambda result: isinstance(result, ReportsResult),
    ):
        type_id_and_fetch(qtbot, window, str(reports.OLD_RECENT_ID))


def test_the_automatic_setting_still_asks_when_no_workspace_is_known(
    qtbot, window, settings, demo_server
):
    settings.setValue(SETTINGS_AUTO_SEARCH, True)
    offered(qtbot, window, reports.OLD_RECENT_ID)
    assert window.reports.panel.workspace_combo.currentIndex() == -1
    assert searches(demo_server) == 0


def searching_slowly(qtbot, make_window, slow_server: DemoServer, settings, entry_id: int):
    """A window whose search has sent its first request, which the server holds."""
    window = make_window(server=slow_server)
    settings.setValue(WORKSPACE_KEY, 8_200_001)
    offered(qtbot, window, entry_id)
    qtbot.mouseClick(window.reports.panel.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: searches(slow_server) == 1, timeout=10_000)
    return window


def test_progress_is_shown_and_cancel_stops_the_search_at_once(
    qtbot, make_window, slow_server, settings
):
    window = searching_slowly(qtbot, make_window, slow_server, settings, reports.OLD_LATER_PAGE_ID)
    year = str(datetime.now(UTC).year)
    assert window.statusBar().currentMessage() == f"Searching {year} (request 1)…"
    assert window.reports.panel.status_label.text().startswith(f"Searching {year} (request 1)")
    assert window.lookup_bar.cancel_button.isEnabled()

    qtbot.mouseClick(window.lookup_bar.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.lookup_bar.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not window.is_looking_up)
    assert window.statusBar().currentMessage() == (
        f"Reports search for entry {reports.OLD_LATER_PAGE_ID} cancelled after 1 request "
        "(1 counted against the quota)."
    )
    # A lookup after the cancel is answered; the search sent nothing more meanwhile.
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)
    assert searches(slow_server) == 1
    assert not window.entry_panel.source_badge.isVisible()


def test_a_new_lookup_during_a_search_drops_the_searchs_answer(
    qtbot, make_window, slow_server, settings
):
    window = searching_slowly(qtbot, make_window, slow_server, settings, reports.OLD_RECENT_ID)
    result = look_up(qtbot, window, "5000000001")
    assert isinstance(result, LookupResult) and not isinstance(result, ReportsResult)
    assert cell(window, "Entry", "id") == "5000000001"
    assert searches(slow_server) == 1


@pytest.mark.parametrize(
    ("workspace", "error", "words"),
    [
        ("8200002", errors.FeatureNotOnPlan, "plan does not include the Reports API (HTTP 402"),
        (
            "8200003",
            errors.WorkspaceNotAccessible,
            "Workspace 8200003 is not accessible to this account (HTTP 403)",
        ),
    ],
)
def test_a_refusing_workspace_is_named_in_the_banner(qtbot, window, workspace, error, words):
    offered(qtbot, window, reports.OLD_RECENT_ID)
    window.reports.panel.workspace_combo.setEditText(workspace)
    outcome = click_search(qtbot, window)
    assert type(outcome) is error
    assert words in window.message_banner.label.text()
    assert window.message_banner.kind == "error"
    assert not window.entry_panel.source_badge.isVisible()
    assert window.statusBar().currentMessage() == (
        f"Reports search for entry {reports.OLD_RECENT_ID} ended after 1 request "
        "(1 counted against the quota)."
    )


def test_a_used_up_quota_is_told_apart_from_the_plan(qtbot, make_window, settings):
    with DemoServer(reports_quota=0) as server:
        window = make_window(server=server)
        settings.setValue(WORKSPACE_KEY, 8_200_001)
        offered(qtbot, window, reports.OLD_RECENT_ID)
        outcome = click_search(qtbot, window)
    assert isinstance(outcome, errors.QuotaExhausted)
    assert (
        "hourly request quota is used up (HTTP 402). It resets in"
        in window.message_banner.label.text()
    )


def test_an_entry_in_no_report_says_where_it_was_searched(qtbot, window, settings):
    settings.setValue(WORKSPACE_KEY, 8_200_001)
    offered(qtbot, window, reports.ANCIENT_ID)
    outcome = click_search(qtbot, window)
    assert isinstance(outcome, errors.NotFoundInReports)
    assert "was not found by the Reports API in workspace Demo Support Team, 8200001" in (
        window.message_banner.label.text()
    )
    assert window.reports.panel.isVisible()  # another workspace may be tried from here
    assert "ended after" in window.reports.panel.status_label.text()


def test_a_400_shows_the_servers_words(qtbot, make_window, settings, demo_server):
    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(400, json="start_date must not be earlier than 2006-01-01")
        if request.url.path == "/api/v9/me/workspaces":
            return httpx.Response(200, json=[{"id": 8_200_001, "name": "Demo Support Team"}])
        return httpx.Response(404, json="Resource can not be found")

    client = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    try:
        lookup = EntryLookup(
            client,
            ApiUrl("https://api.example.test"),
            CredentialResolver(fixed=Credential("0" * 32, "demo")),
        )
        window = make_window(lookup=lookup)
        settings.setValue(WORKSPACE_KEY, 8_200_001)
        offered(qtbot, window, 5_000_001_001)
        outcome = click_search(qtbot, window)
        assert isinstance(outcome, errors.BadRequest)
        assert (
            "refused the search's parameters (HTTP 400). The server said: \"start_date "
            'must not be earlier than 2006-01-01"'
        ) in window.message_banner.label.text()
    finally:
        run_on_loop(qtbot, client.aclose())


def test_the_settings_dialog_keeps_the_automatic_search_and_the_years(qtbot, window, settings):
    dialog = window.reports.open_settings()
    qtbot.waitExposed(dialog)
    dialog.auto_search_box.setChecked(True)
    dialog.years_box.setValue(8)
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
        Qt.MouseButton.LeftButton,
    )
    assert window.reports.auto_search is True
    assert window.reports.years == 8
    assert int(settings.value(SETTINGS_YEARS)) == 8


def test_retry_after_a_failed_search_searches_again_not_v9(qtbot, make_window, settings):
    answers = iter(
        [httpx.Response(503, json="Service Unavailable")] * 3 + [httpx.Response(200, json=[])] * 10
    )

    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return next(answers)
        return httpx.Response(404, json="Resource can not be found")

    client = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    try:
        lookup = EntryLookup(
            client,
            ApiUrl("https://api.example.test"),
            CredentialResolver(fixed=Credential("0" * 32, "demo")),
            sleep=_no_sleep,
        )
        window = make_window(lookup=lookup)
        settings.setValue(WORKSPACE_KEY, 8_200_001)
        offered(qtbot, window, 5_000_001_001, wait_for_workspaces=False)
        outcome = click_search(qtbot, window)
        assert isinstance(outcome, errors.ServerError)
        assert window.message_banner.retry_button.isVisible()
        assert (
            window.statusBar()
            .currentMessage()
            .endswith("ended after 3 requests (3 counted against the quota).")
        )
        with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as blocker:
            qtbot.mouseClick(window.message_banner.retry_button, Qt.MouseButton.LeftButton)
        assert isinstance(blocker.args[0], errors.NotFoundInReports)
    finally:
        run_on_loop(qtbot, client.aclose())


async def _no_sleep(seconds: float) -> None:
    return None
