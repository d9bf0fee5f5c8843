"""The Reports search as a signed-in person uses it: the workspace comes from the signed-in
account (saved at sign-in, no /me request), each account remembers its own choice, and an
email+password account searches with its password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui_actions import look_up, submit_password, submit_token, wait_signed_in
from inspector.api import errors
from inspector.credentials import CredentialResolver
from inspector.demo import reports
from inspector.demo.account import DEMO_EMAIL, DEMO_PASSWORD, TESTER_EMAIL, TESTER_PASSWORD
from inspector.services import ReportsResult


def me_requests(server) -> int:
    return sum(1 for path in server.received if path == "/api/v9/me")


def click_search(qtbot, window) -> object:
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(window.reports.panel.search_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


@pytest.fixture
def signed_in(qtbot, make_window, demo_server):
    window = make_window(credentials=CredentialResolver(environ={}))
    wait_signed_in(qtbot, window, submit_password(qtbot, window, DEMO_EMAIL, DEMO_PASSWORD))
    return window


def test_the_signed_in_accounts_default_workspace_is_searched_without_asking_me(
        qtbot, signed_in, demo_server, settings):
    window = signed_in
    before = me_requests(demo_server)
    assert isinstance(look_up(qtbot, window, str(reports.OLD_RECENT_ID)), errors.NotFound)
    combo = window.reports.panel.workspace_combo
    assert combo.currentData() == 8_200_001  # the saved default, preselected
    result = click_search(qtbot, window)
    assert isinstance(result, ReportsResult)  # searched with email + password
    assert result.request.entry_id == reports.OLD_RECENT_ID
    assert me_requests(demo_server) == before  # the default came from the saved account
    assert int(settings.value(f"reports/workspace/{DEMO_EMAIL}")) == 8_200_001


def test_each_account_has_its_own_workspace_and_switching_withdraws_the_offer(
        qtbot, signed_in, demo_server, settings):
    window = signed_in
    settings.setValue(f"reports/workspace/{DEMO_EMAIL}", 8_200_002)  # chosen earlier
    look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    assert window.reports.panel.workspace_combo.currentData() == 8_200_002

    wait_signed_in(qtbot, window, submit_token(qtbot, window, "7e57" * 8))  # the tester
    assert window.accounts.label.full_text.startswith("Signed in as Demo Tester")
    assert not window.reports.panel.isVisible()  # the other account's offer is gone
    look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    assert window.reports.panel.workspace_combo.currentData() == 8_200_004  # its default
    outcome = click_search(qtbot, window)
    assert isinstance(outcome, errors.NotFoundInReports)  # its workspace has none of them
    assert settings.value(f"reports/workspace/{DEMO_EMAIL}") in (8_200_002, "8200002")

    window.accounts.switch_actions[0].trigger()  # back to the demo user
    look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    assert window.reports.panel.workspace_combo.currentData() == 8_200_002


def test_a_workspace_of_another_account_is_not_accessible(qtbot, make_window, demo_server):
    window = make_window(credentials=CredentialResolver(environ={}))
    wait_signed_in(qtbot, window, submit_password(qtbot, window, TESTER_EMAIL,
                                                  TESTER_PASSWORD))
    look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    window.reports.panel.workspace_combo.setEditText("8200001")
    outcome = click_search(qtbot, window)
    assert isinstance(outcome, errors.WorkspaceNotAccessible)
    assert "Workspace 8200001 is not accessible to this account (HTTP 403)" in \
        window.banner.text()
