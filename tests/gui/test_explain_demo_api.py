"""Explaining entries in the window with the real ContextService against the demo API on
loopback, counting on the server's side what each step sent (issue #13)."""

from __future__ import annotations

import pytest
from gui_actions import look_up
from PySide6.QtCore import Qt

from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential
from inspector.demo import explain_data, reports
from inspector.services import LookupResult, ReportsResult, utc_now
from inspector.services.sign_in import VerifiedSignIn
from inspector.ui.main_window import MainWindow

ENTRY = "/api/v9/me/time_entries/"


@pytest.fixture
def window(make_window, demo_server) -> MainWindow:
    """Signed in as the demo user, as `--demo` does: the profile's time zone is known."""
    window = make_window()
    window.accounts.adopt_demo_account(
        VerifiedSignIn(
            Credential(demo_server.token, "demo"),
            demo_server.users[0].identity(),
            utc_now().isoformat(timespec="seconds"),
            ApiUrl(demo_server.url).origin,
        )
    )
    return window


def context_requests(demo_server) -> list[str]:
    """What was asked besides the entries themselves."""
    return [target for target in demo_server.received_targets if not target.startswith(ENTRY)]


def explain(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.context.loaded, timeout=10_000):
        qtbot.mouseClick(window.entry_panel.explain_offer.explain_button, Qt.MouseButton.LeftButton)


def why(window: MainWindow) -> str:
    """The explanations as the summary shows them (all of them: not cut)."""
    return window.entry_panel.summary.explanation_label.full_text


def test_nothing_is_asked_beyond_the_lookup_until_explain_is_clicked(qtbot, window, demo_server):
    assert isinstance(look_up(qtbot, window, str(explain_data.OVERLAP_FIRST_ID)), LookupResult)
    qtbot.waitUntil(lambda: window.entry_panel.explain_offer.explain_button.isEnabled())
    assert context_requests(demo_server) == []
    assert window.entry_panel.explain_offer.label.full_text.startswith("Explain: 3 requests")


def test_the_first_entry_costs_three_requests_and_the_next_of_its_day_none(
    qtbot, window, demo_server
):
    look_up(qtbot, window, str(explain_data.OVERLAP_FIRST_ID))
    explain(qtbot, window)
    first = context_requests(demo_server)
    assert len(first) == 3, first
    assert f"Overlaps entry {explain_data.OVERLAP_SECOND_ID}" in why(window)

    look_up(qtbot, window, str(explain_data.OVERLAP_SECOND_ID))
    assert window.entry_panel.explain_offer.label.full_text.startswith(
        "Explain: no requests (all cached)"
    )
    explain(qtbot, window)
    assert context_requests(demo_server) == first  # nothing more was sent
    assert f"Overlaps entry {explain_data.OVERLAP_FIRST_ID}" in why(window)


def test_workspace_rounding_is_explained_with_what_reports_show(qtbot, window, demo_server):
    look_up(qtbot, window, str(explain_data.ROUNDED_ENTRY_ID))
    explain(qtbot, window)
    assert "rounds durations in reports up 15 minutes" in why(window)


def test_after_a_404_was_it_deleted_finds_the_entry_and_says_deleted(qtbot, window, demo_server):
    look_up(qtbot, window, str(explain_data.DELETED_YESTERDAY_ID))
    check = window.deleted_check
    qtbot.waitUntil(lambda: check.offer.isVisible())
    assert check.offer.check_button.text().startswith("Was it deleted? (1 request")
    assert [t for t in context_requests(demo_server) if "since=" in t] == []
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
        qtbot.mouseClick(check.offer.check_button, Qt.MouseButton.LeftButton)
    assert isinstance(found.args[0], LookupResult)
    assert window.entry_panel.run_state_label.text().startswith("Deleted")
    assert len([t for t in context_requests(demo_server) if "since=" in t]) == 1


def test_a_403_on_the_members_list_leaves_the_entry_and_says_what_was_not_checked(
    qtbot, window, demo_server
):
    """Marta's entry (v9 404, found by the Reports search of workspace 8200005), where the
    demo user may not list the members: her time zone cannot be checked."""
    look_up(qtbot, window, str(reports.MEMBERS_FORBIDDEN_ID))
    qtbot.waitUntil(window.reports.panel.isVisible)
    window.reports.panel.workspace_combo.setEditText("8200005")
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as found:
        qtbot.mouseClick(window.reports.panel.search_button, Qt.MouseButton.LeftButton)
    assert isinstance(found.args[0], ReportsResult)
    explain(qtbot, window)
    assert "Not checked:" in why(window) and "403" in why(window)
    assert window.entry_panel.run_state_label.text().startswith("Stopped")  # still shown
    assert any("workspace_users" in target for target in context_requests(demo_server))
