"""The account rules the window and `get` share, without Qt: whose choices apply, what the
signed-in line says, which accounts are saved and which only kept for this session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector.account_session import NOT_SIGNED_IN, AccountSession
from inspector.accounts import Account, AccountFile
from inspector.credentials import Credential, CredentialResolver
from inspector.domain.api_origin import DEFAULT_ORIGIN
from inspector.domain.identity import Identity

ADA = Account(
    Identity(1, "Ada", "ada@example.com", 77, "Ada's team"),
    False,
    "2026-11-01T09:00:00+00:00",
    DEFAULT_ORIGIN,
)
BOB = Account(
    Identity(2, "", "bob@example.com", None), True, "2026-11-02T09:00:00+00:00", DEFAULT_ORIGIN
)


@pytest.fixture
def file(tmp_path: Path) -> AccountFile:
    return AccountFile(tmp_path / "accounts.json")


def session_with(
    file: AccountFile,
    *accounts: Account,
    environ: dict[str, str] | None = None,
    fixed: Credential | None = None,
    memory_only: bool = False,
) -> AccountSession:
    for account in accounts:
        session = AccountSession(file)
        session.attach(CredentialResolver(environ={}), origin=DEFAULT_ORIGIN)
        session.use(account, session_only=False)
        session.save()
    session = AccountSession(file)
    session.attach(
        CredentialResolver(environ=environ or {}, fixed=fixed),
        origin=DEFAULT_ORIGIN,
        memory_only=memory_only,
    )
    return session


def saved_emails(file: AccountFile) -> list[str]:
    data = json.loads(file.path.read_text(encoding="utf-8"))
    return [item["identity"]["email"] for item in data["accounts"]]


def test_nothing_is_known_before_the_lookups_are_attached(file):
    session = AccountSession(file)
    assert session.label_text() == ""
    assert not session.needs_sign_in
    assert session.default_workspace_id() is None


def test_without_any_credential_a_sign_in_is_needed(file):
    session = session_with(file)
    assert session.needs_sign_in
    assert session.label_text() == NOT_SIGNED_IN
    assert session.account_key() == "none"


def test_the_active_account_decides_when_nothing_overrides_it(file):
    session = session_with(file, ADA)
    assert not session.needs_sign_in
    assert session.account_key() == "ada@example.com"
    assert session.default_workspace_id() == 77
    assert session.label_text() == (
        "Signed in as Ada (ada@example.com) · default workspace Ada's team (77)"
    )
    assert session.resolver is not None and session.resolver.active is not None
    assert session.resolver.active.email == "ada@example.com"


def test_toggl_api_token_wins_over_the_saved_account(file):
    session = session_with(file, ADA, environ={"TOGGL_API_TOKEN": "f" * 32})
    assert not session.needs_sign_in
    assert session.account_key() == "environment"
    assert session.default_workspace_id() is None  # its owner is unknown without /me
    assert session.label_text() == "API token from the environment (TOGGL_API_TOKEN), not saved"


def test_a_fixed_credential_wins_over_the_environment_and_the_account(file):
    session = session_with(
        file, ADA, environ={"TOGGL_API_TOKEN": "f" * 32}, fixed=Credential("e" * 32, "demo")
    )
    assert session.account_key() == "demo"
    assert session.default_workspace_id() is None
    assert session.label_text() == "Signed in with the demo credential"


def test_a_session_only_account_is_never_written(file):
    session = session_with(file, ADA)
    assert session.resolver is not None
    session.resolver.remember(BOB.active_account, Credential("secret", "session", BOB.email))
    session.use(BOB, session_only=True)
    session.save()
    assert saved_emails(file) == ["ada@example.com"]
    assert session.label_text().endswith(" · this session only")
    assert not session.in_keyring(BOB)
    assert session.in_keyring(ADA)


def test_a_saved_account_signed_in_again_for_this_session_only_stays_saved(file):
    session = session_with(file, ADA)
    session.use(ADA, session_only=True)
    session.save()
    assert saved_emails(file) == ["ada@example.com"]
    assert session.in_keyring(ADA)  # its sign-out must still remove the keyring entry


def test_the_demo_keeps_nothing_in_the_keyring(file):
    session = session_with(file, memory_only=True)
    session.use(ADA, session_only=True)
    assert session.label_text().endswith(" · demo")
    assert not session.in_keyring(ADA)


def test_switching_needs_a_listed_account_other_than_the_active_one(file):
    session = session_with(file, ADA, BOB)
    assert session.active == BOB
    assert session.switch_to("nobody@example.com") is None
    assert session.switch_to("BOB@example.com") is None  # already active, however typed
    assert session.switch_to("ada@example.com") == ADA
    assert session.resolver is not None and session.resolver.active is not None
    assert session.resolver.active.email == "ada@example.com"


def test_a_verified_identity_refreshes_only_the_active_account(file):
    session = session_with(file, ADA)
    renamed = Identity(1, "Ada L.", "ADA@example.com", 78)
    assert session.refresh_identity(renamed, "2026-11-30T08:00:00+00:00")
    assert session.active is not None and session.active.identity == renamed
    assert not session.refresh_identity(BOB.identity, "2026-11-30T08:00:00+00:00")
    assert session.accounts.find(BOB.email) is None


def test_signing_out_hands_the_lookups_to_the_next_account(file):
    session = session_with(file, ADA, BOB)
    session.signed_out(BOB)
    assert session.active == ADA
    assert session.resolver is not None and session.resolver.active is not None
    assert session.resolver.active.email == "ada@example.com"
    session.signed_out(ADA)
    assert session.resolver.active is None
    assert session.needs_sign_in


# --- only the accounts of the API lookups go to ---------------------------------------------
LOCAL = "http://127.0.0.1:8765"


def test_a_session_for_another_api_uses_none_of_the_saved_accounts(file):
    session_with(file, ADA, BOB)  # both verified against Toggl's own API
    session = AccountSession(file)
    resolver = CredentialResolver(environ={})
    session.attach(resolver, origin=LOCAL)
    assert session.active is None and session.needs_sign_in
    assert resolver.active is None
    assert resolver.elsewhere == (DEFAULT_ORIGIN,)
    assert session.elsewhere_text() == (
        "2 accounts are saved for another API (https://api.track.toggl.com): not used here"
    )
    hint = resolver.how_to_provide(LOCAL)
    assert hint.startswith("No account is signed in for http://127.0.0.1:8765.")
    assert "https://api.track.toggl.com" in hint and "TOGGL_API_TOKEN" in hint


def test_signing_in_for_another_api_leaves_the_first_apis_accounts_alone(file):
    session_with(file, ADA)
    session = AccountSession(file)
    session.attach(CredentialResolver(environ={}), origin=LOCAL)
    local_ada = Account(ADA.identity, True, "2026-11-03T09:00:00+00:00", LOCAL)
    session.use(local_ada, session_only=False)
    session.save()
    assert session.resolver is not None and session.resolver.active is not None
    assert session.resolver.active.origin == LOCAL
    toggl = session_with(file)
    assert toggl.active == ADA  # the same email, still Toggl's own account, still active
    assert toggl.elsewhere_text() == (
        "1 account is saved for another API (http://127.0.0.1:8765): not used here"
    )


def test_the_asker_names_the_account_or_the_credential_and_the_api(file):
    assert session_with(file, ADA).asker_text() == "ada@example.com on Toggl Track"
    assert (
        session_with(file, ADA, memory_only=True).asker_text() == "ada@example.com on the demo API"
    )
    environment = session_with(file, ADA, environ={"TOGGL_API_TOKEN": "a" * 32})
    assert environment.asker_text() == "the API token from TOGGL_API_TOKEN on Toggl Track"
    fixed = session_with(file, fixed=Credential("b" * 32, "demo"))
    assert fixed.asker_text() == "the demo credential on Toggl Track"
    elsewhere = AccountSession(file)
    elsewhere.attach(CredentialResolver(environ={}), origin="http://127.0.0.1:8080")
    assert elsewhere.asker_text() == "no account on http://127.0.0.1:8080"
