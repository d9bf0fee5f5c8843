"""Sign-in, sign-out and the keyring when things overlap or fail: Cancel while Toggl or the
keyring is working, a sign-out that must finish, session-only accounts beside saved ones,
an account file that cannot be written, and what the offer to sign in again retries."""

from __future__ import annotations

from collections.abc import Iterator

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
from helpers.keyring_fakes import GatedKeyring, NoKeyring, NoStoringKeyring
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt

from inspector.accounts import AccountFile
from inspector.api.base_url import ApiUrl
from inspector.api.errors import Forbidden
from inspector.credentials import Credential, CredentialResolver
from inspector.demo.account import DEMO_EMAIL, TESTER_EMAIL, TESTER_PASSWORD
from inspector.demo.server import DemoServer
from inspector.services import LookupResult
from inspector.services.lookup import EntryLookup
from inspector.services.sign_in import VerifiedSignIn


@pytest.fixture
def install():
    """Install a keyring backend for this test (the autouse fixture restores the old one)."""
    backends: list[KeyringBackend] = []

    def use(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        backends.append(backend)
        return backend

    yield use
    for backend in backends:  # never leave a keyring thread waiting
        if isinstance(backend, GatedKeyring):
            backend.release.set()


@pytest.fixture
def slow_me() -> Iterator[DemoServer]:
    with DemoServer(account_delay_s=30) as server:
        yield server


def signed_out(make_window, **options):
    return make_window(credentials=CredentialResolver(environ={}), **options)


def test_cancel_while_toggl_checks_keeps_nothing(
    qtbot, make_window, slow_me, memory_keyring, account_file
):
    window = signed_out(make_window, server=slow_me)
    dialog = submit_token(qtbot, window, slow_me.token)
    qtbot.waitUntil(lambda: "/api/v9/me" in slow_me.received)  # Toggl is being asked
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.accounts.dialog is None)
    assert window.accounts.label.full_text == "Not signed in"
    assert memory_keyring.secrets == {}
    assert not account_file.path.exists()


def test_cancel_while_the_keyring_stores_removes_the_secret_again(
    qtbot, make_window, demo_server, install, account_file
):
    gated = install(GatedKeyring("set"))
    window = signed_out(make_window)
    dialog = submit_token(qtbot, window, demo_server.token)
    qtbot.waitUntil(gated.entered.is_set, timeout=10_000)  # stuck on the "unlock prompt"
    assert "Saving in the OS keyring" in dialog.message.text()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.accounts.dialog is None)
    gated.release.set()  # the prompt is answered after all: the secret lands...
    # ...and is taken out again: Cancel saves nothing.
    qtbot.waitUntil(
        lambda: gated.deletes == [(entry_of(demo_server), DEMO_EMAIL)] and gated.secrets == {},
        timeout=10_000,
    )
    assert window.accounts.label.full_text == "Not signed in"
    assert not account_file.path.exists()


def test_a_sign_out_in_progress_is_not_cancelled_by_other_actions(
    qtbot, make_window, demo_server, install, account_file
):
    gated = install(GatedKeyring("delete"))
    window = signed_out(make_window)
    wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    window.accounts.sign_out_action.trigger()
    qtbot.waitUntil(gated.entered.is_set, timeout=10_000)
    window.accounts.verify_action.trigger()  # refused while signing out
    assert "Still signing out" in window.statusBar().currentMessage()
    dialog = sign_in_dialog(qtbot, window)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # closes, cancels nothing
    gated.release.set()
    qtbot.waitUntil(lambda: window.accounts.label.full_text == "Not signed in", timeout=10_000)
    assert gated.secrets == {}
    assert DEMO_EMAIL not in account_file.path.read_text(encoding="utf-8")


@pytest.fixture
def saved_demo_account(qtbot, make_window, demo_server, account_file):
    """The demo user signed in and saved with a working keyring, in an earlier run."""
    window = signed_out(make_window)
    wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    window.close()
    return account_file


def test_session_only_accounts_never_reach_the_file_and_saved_ones_stay(
    qtbot, make_window, demo_server, memory_keyring, saved_demo_account, install
):
    stored = dict(memory_keyring.secrets)
    backend = install(NoStoringKeyring())
    backend.secrets.update(stored)
    window = signed_out(make_window)
    assert window.accounts.label.full_text.startswith("Signed in as Demo User")

    dialog = submit_password(qtbot, window, TESTER_EMAIL, TESTER_PASSWORD)
    assert "is locked" in wait_dialog_message(qtbot, dialog)
    assert dialog.password_input.text() == TESTER_PASSWORD  # kept for the session-only step
    qtbot.mouseClick(dialog.session_only_button, Qt.MouseButton.LeftButton)
    wait_signed_in(qtbot, window, dialog)
    assert window.accounts.label.full_text.endswith("· this session only")
    saved = saved_demo_account.load(origin_of(demo_server))
    assert [a.email for a in saved.saved] == [DEMO_EMAIL] and saved.active_email == DEMO_EMAIL

    # The saved account signed in again, for this session only, stays saved...
    dialog = submit_token(qtbot, window, demo_server.token)
    wait_dialog_message(qtbot, dialog)
    qtbot.mouseClick(dialog.session_only_button, Qt.MouseButton.LeftButton)
    wait_signed_in(qtbot, window, dialog)
    assert [a.email for a in saved_demo_account.load(origin_of(demo_server)).saved] == [DEMO_EMAIL]
    # ...and signing it out still removes its stored secret.
    window.accounts.sign_out_action.trigger()
    qtbot.waitUntil(
        lambda: (entry_of(demo_server), DEMO_EMAIL) not in backend.secrets, timeout=10_000
    )
    qtbot.waitUntil(lambda: saved_demo_account.load(origin_of(demo_server)).saved == [])


def test_the_demo_account_signs_out_without_the_keyring(
    qtbot, make_window, demo_server, install, http_client
):
    install(NoKeyring())
    lookup = EntryLookup(http_client, ApiUrl(demo_server.url), CredentialResolver(environ={}))
    window = make_window(lookup=lookup)
    window.set_lookup(lookup, memory_only_accounts=True)
    window.accounts.adopt_demo_account(
        VerifiedSignIn(
            Credential(demo_server.token, "demo"),
            demo_server.users[0].identity(),
            "2026-11-29T10:00:00+00:00",
            origin_of(demo_server),
        )
    )
    assert window.accounts.label.full_text.endswith("· demo")
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)
    window.accounts.sign_out_action.trigger()
    qtbot.waitUntil(lambda: window.accounts.label.full_text == "Not signed in")
    assert not window.message_banner.isVisible()  # no keyring error: it was never asked


def test_an_account_file_that_cannot_be_written_is_said_and_the_sign_in_works(
    qtbot, make_window, demo_server, tmp_path
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    window = signed_out(make_window, account_file=AccountFile(blocker / "accounts.json"))
    wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    assert "account list could not be saved" in window.message_banner.label.text()
    assert isinstance(look_up(qtbot, window, "5000000001"), LookupResult)


def test_a_403_offers_to_sign_in_and_an_abandoned_offer_retries_nothing(
    qtbot, make_window, demo_server, saved_demo_account
):
    window = signed_out(make_window)
    assert isinstance(look_up(qtbot, window, "5000000403"), Forbidden)
    assert window.message_banner.sign_in_button.isVisible()
    qtbot.mouseClick(window.message_banner.sign_in_button, Qt.MouseButton.LeftButton)
    dialog = sign_in_dialog(qtbot, window)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.accounts.dialog is None)
    entry_requests = sum(1 for path in demo_server.received if "time_entries" in path)
    with qtbot.assertNotEmitted(window.lookup_finished, wait=300):
        wait_signed_in(qtbot, window, submit_token(qtbot, window, demo_server.token))
    assert sum(1 for path in demo_server.received if "time_entries" in path) == entry_requests


def test_a_fixed_credential_is_named_in_the_label(window):
    assert window.accounts.label.full_text == "Signed in with the demo credential"
