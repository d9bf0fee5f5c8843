"""Signing in from the window against the demo API: token, email and password, wrong
credentials, several accounts, sign out, a keyring that cannot be used, and a refused
credential during a lookup."""

from __future__ import annotations

import json
from dataclasses import replace

import keyring
import pytest
from gui_actions import (
    entry_of,
    look_up,
    origin_of,
    sign_in_dialog,
    submit_password,
    submit_token,
    wait_dialog_message,
    wait_signed_in,
)
from helpers.keyring_fakes import NoKeyring
from PySide6.QtCore import Qt

from inspector.accounts import Account, Accounts
from inspector.api.errors import MissingCredentials, NotFound, Unauthorized
from inspector.credentials import CredentialResolver
from inspector.demo.account import (
    DEMO_EMAIL,
    DEMO_PASSWORD,
    TESTER_EMAIL,
    TESTER_PASSWORD,
)
from inspector.services import LookupResult
from inspector.ui.account_label import ACCOUNT_LABEL_MAX_WIDTH

DEMO_LABEL = (
    "Signed in as Demo User (demo.user@example.com) · default workspace Demo Support Team (8200001)"
)
WRONG_TOKEN = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def signed_out(make_window):
    """A window with no account, no TOGGL_API_TOKEN: what a first start looks like."""
    return make_window(credentials=CredentialResolver(environ={}))


def me_requests(server) -> int:
    return sum(1 for path in server.received if path == "/api/v9/me")


def test_a_first_start_needs_a_sign_in(signed_out):
    assert signed_out.accounts.session.needs_sign_in
    assert signed_out.accounts.label.full_text == "Not signed in"


def test_signing_in_with_the_api_token_verifies_saves_and_shows_who(
    qtbot, signed_out, demo_server, memory_keyring, account_file
):
    window = signed_out
    dialog = submit_token(qtbot, window, demo_server.token)
    wait_signed_in(qtbot, window, dialog)
    assert window.accounts.label.full_text == DEMO_LABEL
    assert "/api/v9/me" in demo_server.received  # verified before saving
    assert memory_keyring.secrets == {(entry_of(demo_server), DEMO_EMAIL): demo_server.token}
    saved = account_file.path.read_text(encoding="utf-8")
    assert DEMO_EMAIL in saved and demo_server.token not in saved
    assert json.loads(saved)["active"] == {origin_of(demo_server): DEMO_EMAIL}
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)


def test_the_account_label_shows_the_whole_email_and_workspace_at_the_windows_size(
    qtbot, signed_out, demo_server
):
    window = signed_out
    wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    label = window.accounts.label
    width = window.width()
    qtbot.waitUntil(lambda: DEMO_EMAIL in label.text())
    assert "Demo Support Team (8200001)" in label.text()
    assert label.full_text == DEMO_LABEL  # the tooltip and copies keep the one-line text
    assert window.width() == width


def test_a_long_workspace_name_is_shortened_not_the_email_nor_the_window(
    qtbot, make_window, demo_server
):
    first, *others = demo_server.users
    long_name = "Support " * 20
    workspaces = (dict(first.workspaces[0], name=long_name), *first.workspaces[1:])
    demo_server.users = (replace(first, workspaces=workspaces), *others)
    window = make_window(credentials=CredentialResolver(environ={}))
    width = window.width()
    wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    label = window.accounts.label
    qtbot.waitUntil(lambda: DEMO_EMAIL in label.text())
    assert "…" in label.text() and "(8200001)" in label.text()
    assert label.width() <= ACCOUNT_LABEL_MAX_WIDTH
    assert window.width() == width


def test_in_a_narrow_window_the_account_gives_the_status_message_most_of_the_bar(
    qtbot, signed_out, demo_server
):
    window = signed_out
    wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    label, status = window.accounts.label, window.statusBar()
    window.resize(800, 600)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (800, 600))
    assert isinstance(look_up(qtbot, window, "5000001001"), NotFound)
    assert status.currentMessage().startswith("Entry 5000001001 is not in the last three months")
    qtbot.waitUntil(lambda: label.width() <= 800 // 3)
    assert label.geometry().left() >= status.width() // 2  # the message's room, at least half
    who, workspace = label.text().split("\n")
    assert "…" in workspace and workspace.endswith("(8200001)")
    assert "…" in who and who.startswith("Signed in as") and who.endswith("example.com)")
    assert label.full_text == label.toolTip() == DEMO_LABEL  # whole where it is asked for

    window.resize(1280, 800)  # room again: shown whole
    qtbot.waitUntil(lambda: DEMO_EMAIL in label.text() and "…" not in label.text())


def test_a_wrong_token_keeps_the_dialog_open_and_saves_nothing(
    qtbot, signed_out, memory_keyring, account_file
):
    window = signed_out
    dialog = submit_token(qtbot, window, WRONG_TOKEN)
    message = wait_dialog_message(qtbot, dialog)
    assert "did not accept these credentials (HTTP 401)" in message
    assert WRONG_TOKEN not in message
    assert dialog.isVisible() and dialog.token_input.text() == WRONG_TOKEN
    assert memory_keyring.secrets == {}
    assert not account_file.path.exists()
    assert window.accounts.label.full_text == "Not signed in"


@pytest.mark.parametrize(
    "typed, reason",
    [
        ("", "Enter your API token"),
        ("5eed 5eed", "no spaces inside"),
        ("abc", "32 characters of 0-9 and a-f; this is 3 characters"),
        ("g" * 32, "with others among them"),
    ],
)
def test_a_token_that_cannot_be_one_is_refused_without_asking_toggl(
    qtbot, signed_out, demo_server, typed, reason
):
    dialog = sign_in_dialog(qtbot, signed_out)
    dialog.token_input.setText(typed)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert reason in dialog.message.text()
    assert demo_server.received == []


def test_signing_in_with_email_and_password(qtbot, signed_out, demo_server, memory_keyring):
    window = signed_out
    dialog = submit_password(qtbot, window, DEMO_EMAIL, DEMO_PASSWORD)
    wait_signed_in(qtbot, window, dialog)
    assert window.accounts.label.full_text == DEMO_LABEL
    assert memory_keyring.secrets == {(entry_of(demo_server), DEMO_EMAIL): DEMO_PASSWORD}
    assert "email and password" in window.accounts.switch_actions[0].text()
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)


def test_a_wrong_password_clears_it_and_keeps_the_email(qtbot, signed_out, memory_keyring):
    dialog = submit_password(qtbot, signed_out, DEMO_EMAIL, "not-the-password")
    message = wait_dialog_message(qtbot, dialog)
    assert "HTTP 401" in message and "not-the-password" not in message
    assert dialog.email_input.text() == DEMO_EMAIL
    assert dialog.password_input.text() == ""
    assert memory_keyring.secrets == {}


def test_after_a_refused_password_enter_signs_in_with_the_right_one(
    qtbot, signed_out, demo_server, memory_keyring
):
    window = signed_out
    dialog = submit_password(qtbot, window, DEMO_EMAIL, "not-the-password")
    wait_dialog_message(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.password_input)
    assert dialog.sign_in_button.isDefault()
    # What a person does next: type the right password where the cursor is, press Enter.
    qtbot.keyClicks(dialog.focusWidget(), DEMO_PASSWORD)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    wait_signed_in(qtbot, window, dialog)
    assert memory_keyring.secrets == {(entry_of(demo_server), DEMO_EMAIL): DEMO_PASSWORD}


def test_cancel_while_toggl_is_asked_signs_nobody_in(
    qtbot, signed_out, memory_keyring, demo_server
):
    dialog = submit_token(qtbot, signed_out, demo_server.token)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: signed_out.accounts.dialog is None)
    assert memory_keyring.secrets == {}
    assert signed_out.accounts.label.full_text == "Not signed in"


def test_several_accounts_switch_and_the_active_one_is_remembered(
    qtbot, make_window, demo_server, account_file
):
    window = make_window(credentials=CredentialResolver(environ={}))
    wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    wait_signed_in(qtbot, window, submit_password(qtbot, window, TESTER_EMAIL, TESTER_PASSWORD))
    assert window.accounts.label.full_text.startswith(
        "Signed in as Demo Tester (test.account@example.com)"
    )
    actions = window.accounts.switch_actions
    assert [a.isChecked() for a in actions] == [False, True]
    # The test account owns none of the demo entries, like a second real account.
    assert isinstance(look_up(qtbot, window, "5000000001"), NotFound)

    actions[0].trigger()
    assert window.accounts.label.full_text == DEMO_LABEL
    assert (
        window.entry_panel.tree.entry_model.rowCount() == 0
    )  # nothing fetched by the other account stays
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)
    window.close()

    before = me_requests(demo_server)
    again = make_window(credentials=CredentialResolver(environ={}))
    assert again.accounts.label.full_text == DEMO_LABEL  # from the saved identity...
    assert isinstance(look_up(qtbot, again, "5000000001"), LookupResult)
    assert me_requests(demo_server) == before  # ...without spending /me's quota


def test_sign_out_removes_the_secret_and_the_account(
    qtbot, make_window, demo_server, memory_keyring, account_file
):
    window = make_window(credentials=CredentialResolver(environ={}))
    wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    wait_signed_in(qtbot, window, submit_password(qtbot, window, TESTER_EMAIL, TESTER_PASSWORD))
    window.accounts.sign_out_action.trigger()
    qtbot.waitUntil(lambda: len(window.accounts.switch_actions) == 1)
    assert memory_keyring.secrets == {(entry_of(demo_server), DEMO_EMAIL): demo_server.token}
    assert window.accounts.label.full_text == DEMO_LABEL  # the remaining one takes over
    assert TESTER_EMAIL not in account_file.path.read_text(encoding="utf-8")

    window.accounts.sign_out_action.trigger()
    qtbot.waitUntil(lambda: window.accounts.label.full_text == "Not signed in")
    assert memory_keyring.secrets == {}
    assert not window.accounts.sign_out_action.isEnabled()
    assert isinstance(look_up(qtbot, window, "5000000001"), Exception)


def test_without_a_usable_keyring_it_offers_this_session_only(
    qtbot, make_window, demo_server, account_file, settings, tmp_path
):
    keyring.set_keyring(NoKeyring())  # the autouse fixture restores the previous one
    window = make_window(credentials=CredentialResolver(environ={}))
    dialog = submit_token(qtbot, window, demo_server.token)
    message = wait_dialog_message(qtbot, dialog)
    assert "No usable OS keyring was found" in message
    assert "Nothing was written anywhere" in message
    assert dialog.session_only_button.isVisible()
    qtbot.mouseClick(dialog.session_only_button, Qt.MouseButton.LeftButton)
    wait_signed_in(qtbot, window, dialog)
    assert window.accounts.label.full_text == DEMO_LABEL + " · this session only"
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)
    window.close()
    for path in tmp_path.rglob("*"):  # never a plaintext fallback
        if path.is_file():
            assert demo_server.token not in path.read_text(encoding="utf-8", errors="replace")
    # Gone at exit: the next start is signed out.
    assert make_window(credentials=CredentialResolver(environ={})).accounts.session.needs_sign_in


def test_a_refused_credential_during_a_lookup_offers_to_sign_in_again(
    qtbot, make_window, demo_server, memory_keyring, account_file
):
    accounts = Accounts(origin=origin_of(demo_server))
    accounts.put(
        Account(
            demo_server.users[0].identity(),
            False,
            "2026-11-01T10:00:00+00:00",
            origin_of(demo_server),
        )
    )
    account_file.save(accounts)
    memory_keyring.set_password(entry_of(demo_server), DEMO_EMAIL, WRONG_TOKEN)  # revoked since
    window = make_window(credentials=CredentialResolver(environ={}))
    window.lookup_bar.meta_box.setChecked(True)
    assert isinstance(look_up(qtbot, window, "5000000001"), Unauthorized)
    assert window.message_banner.sign_in_button.isVisible()

    qtbot.mouseClick(window.message_banner.sign_in_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.lookup_finished, timeout=10_000) as retried:
        wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    result = retried.args[0]
    assert isinstance(result, LookupResult)  # asked again by itself, as it was asked
    assert result.request.entry_id == 5000000001 and result.request.meta
    assert (
        window.lookup_bar.id_input.text() == "5000000001" and window.lookup_bar.meta_box.isChecked()
    )
    assert memory_keyring.secrets[(entry_of(demo_server), DEMO_EMAIL)] == demo_server.token


def test_the_environments_token_is_shown_as_such_and_wins(
    qtbot, make_window, demo_server, account_file, memory_keyring
):
    accounts = Accounts(origin=origin_of(demo_server))
    accounts.put(
        Account(
            demo_server.users[1].identity(),
            True,
            "2026-11-01T10:00:00+00:00",
            origin_of(demo_server),
        )
    )
    account_file.save(accounts)
    window = make_window(
        credentials=CredentialResolver(environ={"TOGGL_API_TOKEN": demo_server.token})
    )
    assert window.accounts.label.full_text == (
        "API token from the environment (TOGGL_API_TOKEN), not saved"
    )
    assert not window.accounts.session.needs_sign_in
    result = look_up(qtbot, window, "5000000001")  # the tester would get a 404
    assert isinstance(result, LookupResult) and result.credential_source == "environment"
    window.accounts.verify_action.trigger()
    qtbot.waitUntil(
        lambda: "TOGGL_API_TOKEN belongs to Demo User" in window.statusBar().currentMessage(),
        timeout=10_000,
    )
    assert memory_keyring.secrets == {}  # never saved
    assert demo_server.token not in account_file.path.read_text(encoding="utf-8")


def test_verify_refreshes_the_saved_identity(
    qtbot, make_window, demo_server, account_file, memory_keyring
):
    stale = demo_server.users[0].identity()
    accounts = Accounts(origin=origin_of(demo_server))
    accounts.put(
        Account(
            type(stale)(stale.user_id, "Old Name", stale.email, None),
            False,
            "2025-01-01T00:00:00+00:00",
            origin_of(demo_server),
        )
    )
    account_file.save(accounts)
    memory_keyring.set_password(entry_of(demo_server), DEMO_EMAIL, demo_server.token)
    window = make_window(credentials=CredentialResolver(environ={}))
    assert "Old Name" in window.accounts.label.full_text
    window.accounts.verify_action.trigger()
    qtbot.waitUntil(lambda: window.accounts.label.full_text == DEMO_LABEL, timeout=10_000)
    assert "Verified: Demo User" in window.statusBar().currentMessage()
    assert "Demo User" in account_file.path.read_text(encoding="utf-8")


def test_signing_in_for_another_api_leaves_toggls_account_and_secret_alone(
    qtbot, make_window, demo_server, memory_keyring, account_file
):
    """Signed in to Toggl's own API before (a file of the older kind, without origins), then
    started against another API whose /me names the same email."""
    toggl_token = "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"
    identity = {
        "user_id": 1,
        "name": "Demo User",
        "email": DEMO_EMAIL,
        "default_workspace_id": 8200001,
        "default_workspace_name": "Demo Support Team",
    }
    account_file.path.parent.mkdir(parents=True)
    account_file.path.write_text(
        json.dumps(
            {
                "accounts": [
                    {
                        "identity": identity,
                        "uses_password": False,
                        "verified_at": "2026-11-01T10:00:00+00:00",
                    }
                ],
                "active": DEMO_EMAIL,
            }
        ),
        encoding="utf-8",
    )
    memory_keyring.set_password("toggl-inspector", DEMO_EMAIL, toggl_token)
    window = make_window(credentials=CredentialResolver(environ={}))

    # Toggl's account is not this API's: nothing is sent, and the banner says why.
    assert window.accounts.label.full_text == "Not signed in"
    assert isinstance(look_up(qtbot, window, "5000000001"), MissingCredentials)
    assert demo_server.received == []
    assert f"No account is signed in for {origin_of(demo_server)}" in (
        window.message_banner.label.text()
    )
    menu = [action.text() for action in window.accounts.menu.actions()]
    assert "1 account is saved for another API (https://api.track.toggl.com): not used here" in menu

    wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    assert memory_keyring.secrets == {
        ("toggl-inspector", DEMO_EMAIL): toggl_token,  # untouched
        (entry_of(demo_server), DEMO_EMAIL): demo_server.token,
    }
    assert [a.text() for a in window.accounts.switch_actions] == [
        "Demo User <demo.user@example.com> (API token)"
    ]
    saved = json.loads(account_file.path.read_text(encoding="utf-8"))
    assert [(a.get("origin"), a["identity"]["email"]) for a in saved["accounts"]] == [
        ("https://api.track.toggl.com", DEMO_EMAIL),
        (origin_of(demo_server), DEMO_EMAIL),
    ]
    assert saved["active"]["https://api.track.toggl.com"] == DEMO_EMAIL
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)


def test_an_entry_not_found_says_which_account_asked(qtbot, signed_out, demo_server):
    window = signed_out
    wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    assert isinstance(look_up(qtbot, window, "5000000404"), NotFound)
    banner = window.message_banner.label.text()
    assert f"Asked as {DEMO_EMAIL} on {origin_of(demo_server)}." in banner
