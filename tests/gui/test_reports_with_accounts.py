"""The Reports search as a signed-in person uses it: the workspace comes from the signed-in
account (saved at sign-in, no /me request), each account remembers its own choice, and an
email+password account searches with its password."""

from __future__ import annotations

import pytest
from conftest import run_on_loop
from gui_actions import look_up, submit_password, submit_token, wait_signed_in
from PySide6.QtCore import Qt

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
    qtbot, signed_in, demo_server, settings
):
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
    qtbot, signed_in, demo_server, settings
):
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
    wait_signed_in(qtbot, window, submit_password(qtbot, window, TESTER_EMAIL, TESTER_PASSWORD))
    look_up(qtbot, window, str(reports.OLD_RECENT_ID))
    window.reports.panel.workspace_combo.setEditText("8200001")
    outcome = click_search(qtbot, window)
    assert isinstance(outcome, errors.WorkspaceNotAccessible)
    assert (
        "Workspace 8200001 is not accessible to this account (HTTP 403)"
        in window.message_banner.label.text()
    )


def test_a_search_refused_for_its_credential_runs_again_after_signing_in(
    qtbot, make_window, http_client, account_file, memory_keyring
):
    """Toggl refuses the stored (revoked) token on the Reports API; after signing in again
    from the banner, the same search runs by itself."""
    import base64
    from pathlib import Path

    import httpx

    from inspector.accounts import Account, Accounts
    from inspector.api.base_url import ApiUrl
    from inspector.credentials import keyring_service
    from inspector.domain.identity import Identity
    from inspector.services.lookup import EntryLookup

    page = (Path(__file__).parents[1] / "fixtures" / "reports_search_page.json").read_bytes()
    old, new = "0" * 32, "1" * 32
    email = "ana@example.com"

    def sent_token(request: httpx.Request) -> str:
        return base64.b64decode(request.headers["Authorization"][6:]).decode().split(":")[0]

    def toggl(request: httpx.Request) -> httpx.Response:
        token, path = sent_token(request), request.url.path
        if path == "/api/v9/me":
            return httpx.Response(
                200,
                json={
                    "id": 7,
                    "email": email,
                    "fullname": "Ana",
                    "default_workspace_id": 55,
                    "api_token": token,
                },
            )
        if path == "/api/v9/me/workspaces":
            return httpx.Response(200, json=[{"id": 55, "name": "Support"}])
        if request.method == "POST":
            return httpx.Response(200, content=page) if token == new else httpx.Response(401)
        return httpx.Response(404, json="Resource can not be found")  # v9: too old

    origin = "https://api.example.test"
    accounts = Accounts(origin=origin)
    accounts.put(
        Account(
            Identity(7, "Ana", email, 55, "Support"), False, "2026-11-01T10:00:00+00:00", origin
        )
    )
    account_file.save(accounts)
    memory_keyring.set_password(keyring_service(origin), email, old)
    client = httpx.AsyncClient(transport=httpx.MockTransport(toggl))
    try:
        window = make_window(
            lookup=EntryLookup(
                client, ApiUrl("https://api.example.test"), CredentialResolver(environ={})
            )
        )
        look_up(qtbot, window, "3101155802")
        assert window.reports.panel.workspace_combo.currentData() == 55
        outcome = click_search(qtbot, window)
        assert isinstance(outcome, errors.Unauthorized)
        assert window.message_banner.sign_in_button.isVisible()
        qtbot.mouseClick(window.message_banner.sign_in_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as again:
            wait_signed_in(qtbot, window, submit_token(qtbot, window, new))
        assert isinstance(again.args[0], ReportsResult)  # the search, not the v9 lookup
        assert again.args[0].request.entry_id == 3101155802
        assert window.entry_panel.source_badge.text().startswith(
            "Source: Reports API v3 (workspace"
        )
    finally:
        run_on_loop(qtbot, client.aclose())
