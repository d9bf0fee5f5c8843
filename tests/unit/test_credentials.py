"""Where the credential comes from: TOGGL_API_TOKEN, else the active account's keyring entry
(here in memory), and the keyring calls themselves."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable, Iterator

import keyring
import pytest
from helpers.keyring_fakes import ForgetfulKeyring, MemoryKeyring, NoKeyring
from keyring.backend import KeyringBackend

from inspector.credentials import (
    KEYRING_SERVICE,
    PROFILE_URL,
    TOKEN_ENV,
    ActiveAccount,
    Credential,
    CredentialResolver,
    KeyringUnavailable,
    SecretVault,
)
from inspector.domain.api_origin import DEFAULT_ORIGIN

ENV_TOKEN = "ENVMARKER0000aaaa1111bbbb2222cccc"
KEYRING_TOKEN = "KEYRINGMARKER0000dddd3333eeee4444"

Install = Callable[[KeyringBackend], KeyringBackend]


EMAIL = "support.person@example.com"
TOKEN_ACCOUNT = ActiveAccount(EMAIL, uses_password=False, origin=DEFAULT_ORIGIN)
PASSWORD_ACCOUNT = ActiveAccount(EMAIL, uses_password=True, origin=DEFAULT_ORIGIN)


@pytest.fixture
def use_keyring() -> Iterator[Install]:
    previous = keyring.get_keyring()

    def install(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    try:
        yield install
    finally:
        keyring.set_keyring(previous)


def resolve(resolver: CredentialResolver) -> Credential | None:
    return asyncio.run(resolver.resolve())


def stored(token: str = KEYRING_TOKEN) -> MemoryKeyring:
    return MemoryKeyring({(KEYRING_SERVICE, EMAIL): token})


def test_environment_token_wins_over_the_active_account(use_keyring: Install) -> None:
    backend = use_keyring(stored())
    resolver = CredentialResolver(environ={TOKEN_ENV: ENV_TOKEN}, active=TOKEN_ACCOUNT)
    assert TOKEN_ENV == "TOGGL_API_TOKEN"
    assert resolve(resolver) == Credential(ENV_TOKEN, "environment")
    assert resolver.environment_token == ENV_TOKEN
    assert backend.lookups == []  # the keyring was not even asked


def test_environment_token_is_trimmed(use_keyring: Install) -> None:
    use_keyring(MemoryKeyring())
    resolver = CredentialResolver(environ={TOKEN_ENV: f"  {ENV_TOKEN}\n"})
    credential = resolve(resolver)
    assert credential is not None
    assert credential.secret == ENV_TOKEN


def test_blank_environment_token_falls_back_to_the_keyring(use_keyring: Install) -> None:
    use_keyring(stored())
    resolver = CredentialResolver(environ={TOKEN_ENV: "   "}, active=TOKEN_ACCOUNT)
    assert resolver.environment_token is None
    assert resolve(resolver) == Credential(KEYRING_TOKEN, "keyring", origin=DEFAULT_ORIGIN)


def test_the_active_accounts_entry_is_read_under_the_inspectors_service(
    use_keyring: Install,
) -> None:
    backend = use_keyring(
        MemoryKeyring(
            {
                ("toggl-inspector", EMAIL): KEYRING_TOKEN,
                ("toggl-inspector", "someone.else@example.com"): "not this one",
                ("other-app", EMAIL): "nor this one",
            }
        )
    )
    credential = resolve(CredentialResolver(environ={}, active=TOKEN_ACCOUNT))
    assert credential == Credential(KEYRING_TOKEN, "keyring", origin=DEFAULT_ORIGIN)
    assert credential is not None and credential.is_token
    assert backend.lookups == [("toggl-inspector", EMAIL)]


def test_a_password_account_signs_in_with_its_email(use_keyring: Install) -> None:
    use_keyring(stored("the password"))
    credential = resolve(CredentialResolver(environ={}, active=PASSWORD_ACCOUNT))
    assert credential == Credential("the password", "keyring", EMAIL, DEFAULT_ORIGIN)
    assert credential is not None and not credential.is_token


def test_keyring_is_read_off_the_event_loop_thread(use_keyring: Install) -> None:
    backend = use_keyring(stored())
    resolver = CredentialResolver(environ={}, active=TOKEN_ACCOUNT)

    async def resolve_noting_loop_thread() -> tuple[Credential | None, int]:
        return await resolver.resolve(), threading.get_ident()

    credential, loop_thread = asyncio.run(resolve_noting_loop_thread())
    assert credential == Credential(KEYRING_TOKEN, "keyring", origin=DEFAULT_ORIGIN)
    assert len(backend.threads) == 1
    assert backend.threads[0] != loop_thread


def test_keyring_secret_is_kept_for_the_session(use_keyring: Install) -> None:
    backend = use_keyring(stored())
    resolver = CredentialResolver(environ={}, active=TOKEN_ACCOUNT)

    async def twice() -> list[Credential | None]:
        return [await resolver.resolve(), await resolver.resolve()]

    first, second = asyncio.run(twice())
    assert first == second == Credential(KEYRING_TOKEN, "keyring", origin=DEFAULT_ORIGIN)
    assert len(backend.lookups) == 1


def test_switching_accounts_reads_the_other_accounts_entry(use_keyring: Install) -> None:
    other = "second.account@example.com"
    use_keyring(
        MemoryKeyring({(KEYRING_SERVICE, EMAIL): KEYRING_TOKEN, (KEYRING_SERVICE, other): "b" * 32})
    )
    resolver = CredentialResolver(environ={}, active=TOKEN_ACCOUNT)
    assert resolve(resolver) == Credential(KEYRING_TOKEN, "keyring", origin=DEFAULT_ORIGIN)
    resolver.active = ActiveAccount(other, uses_password=False, origin=DEFAULT_ORIGIN)
    assert resolve(resolver) == Credential("b" * 32, "keyring", origin=DEFAULT_ORIGIN)


def test_no_account_resolves_to_none_and_says_how_to_sign_in(use_keyring: Install) -> None:
    backend = use_keyring(stored())
    resolver = CredentialResolver(environ={})
    assert resolve(resolver) is None
    assert backend.lookups == []
    hint = resolver.how_to_provide()
    assert "Sign in" in hint and "TOGGL_API_TOKEN" in hint
    assert "https://track.toggl.com/profile" in hint


def test_an_account_whose_entry_is_gone_asks_to_sign_in_again(use_keyring: Install) -> None:
    use_keyring(MemoryKeyring())
    resolver = CredentialResolver(environ={}, active=TOKEN_ACCOUNT)
    assert resolve(resolver) is None
    assert resolver.keyring_problem is None
    assert EMAIL in resolver.how_to_provide()
    assert "Sign in again" in resolver.how_to_provide()


def test_empty_keyring_password_counts_as_no_secret(use_keyring: Install) -> None:
    use_keyring(stored(""))
    assert resolve(CredentialResolver(environ={}, active=TOKEN_ACCOUNT)) is None


def test_unusable_keyring_resolves_to_none_and_says_why(use_keyring: Install) -> None:
    backend = use_keyring(NoKeyring())
    resolver = CredentialResolver(environ={}, active=TOKEN_ACCOUNT)
    assert resolve(resolver) is None
    assert backend.lookups == [(KEYRING_SERVICE, EMAIL)]
    assert resolver.keyring_problem is not None
    hint = resolver.how_to_provide()
    assert "No usable OS keyring" in hint
    assert "NoKeyringError" in hint
    assert "this session only" in hint
    assert PROFILE_URL == "https://track.toggl.com/profile"
    assert "https://track.toggl.com/profile" in hint


def test_environment_token_makes_an_unusable_keyring_irrelevant(use_keyring: Install) -> None:
    backend = use_keyring(NoKeyring())
    resolver = CredentialResolver(environ={TOKEN_ENV: ENV_TOKEN}, active=TOKEN_ACCOUNT)
    assert resolve(resolver) == Credential(ENV_TOKEN, "environment")
    assert backend.lookups == []
    assert resolver.keyring_problem is None


def test_fixed_credential_is_used_as_is(use_keyring: Install) -> None:
    backend = use_keyring(stored())
    demo = Credential("DEMOMARKER", "demo")
    resolver = CredentialResolver(environ={TOKEN_ENV: ENV_TOKEN}, fixed=demo, active=TOKEN_ACCOUNT)
    assert resolve(resolver) is demo
    assert backend.lookups == []


def test_a_remembered_session_credential_needs_no_keyring(use_keyring: Install) -> None:
    backend = use_keyring(NoKeyring())
    resolver = CredentialResolver(environ={}, active=TOKEN_ACCOUNT)
    resolver.remember(TOKEN_ACCOUNT, Credential(KEYRING_TOKEN, "session"))
    assert resolve(resolver) == Credential(KEYRING_TOKEN, "session")
    assert resolver.kept_for_session_only(TOKEN_ACCOUNT)
    assert backend.lookups == []
    resolver.forget(TOKEN_ACCOUNT)
    assert not resolver.kept_for_session_only(TOKEN_ACCOUNT)


@pytest.mark.parametrize("source", ["environment", "keyring", "session", "demo"])
def test_credential_repr_never_shows_the_secret(source: str) -> None:
    credential = Credential(KEYRING_TOKEN, source, EMAIL)
    assert KEYRING_TOKEN not in repr(credential)
    assert KEYRING_TOKEN not in str(credential)
    assert source in repr(credential)


# --- the vault: one entry per account, off the loop, failures in plain words -----------------


def test_vault_stores_reads_and_deletes_one_entry_per_account(use_keyring: Install) -> None:
    backend = use_keyring(MemoryKeyring())
    vault = SecretVault()

    async def scenario() -> tuple[str | None, str | None, str | None]:
        await vault.store(EMAIL, KEYRING_TOKEN, origin=DEFAULT_ORIGIN)
        await vault.store("other@example.com", "other secret", origin=DEFAULT_ORIGIN)
        first = await vault.read(EMAIL, origin=DEFAULT_ORIGIN)
        await vault.delete(EMAIL, origin=DEFAULT_ORIGIN)
        await vault.delete(EMAIL, origin=DEFAULT_ORIGIN)  # already gone: still fine
        return (
            first,
            await vault.read(EMAIL, origin=DEFAULT_ORIGIN),
            await vault.read("other@example.com", origin=DEFAULT_ORIGIN),
        )

    assert asyncio.run(scenario()) == (KEYRING_TOKEN, None, "other secret")
    assert backend.secrets == {(KEYRING_SERVICE, "other@example.com"): "other secret"}


@pytest.mark.parametrize("call", ["read", "store", "delete"])
def test_vault_failures_say_plainly_that_the_keyring_cannot_be_used(
    use_keyring: Install, call: str
) -> None:
    use_keyring(NoKeyring())
    vault = SecretVault()
    arguments = (EMAIL, KEYRING_TOKEN) if call == "store" else (EMAIL,)
    with pytest.raises(KeyringUnavailable) as raised:
        asyncio.run(getattr(vault, call)(*arguments, origin=DEFAULT_ORIGIN))
    assert str(raised.value).startswith("No usable OS keyring was found")
    assert KEYRING_TOKEN not in str(raised.value)


def test_a_keyring_package_that_cannot_be_loaded_is_said_plainly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The keyring is imported at its first use (issue #16), so a broken installation is
    # met there: the same plain sentence as any unusable keyring, never a traceback.
    monkeypatch.setitem(sys.modules, "keyring", None)  # `import keyring` now fails
    resolver = CredentialResolver(environ={}, active=TOKEN_ACCOUNT)
    assert resolve(resolver) is None
    assert resolver.keyring_problem is not None
    assert resolver.keyring_problem.startswith(
        "The OS keyring could not be used (ModuleNotFoundError"
    )


def test_vault_notices_a_keyring_that_keeps_nothing(use_keyring: Install) -> None:
    use_keyring(ForgetfulKeyring())
    with pytest.raises(KeyringUnavailable, match="did not keep it"):
        asyncio.run(SecretVault().store(EMAIL, KEYRING_TOKEN, origin=DEFAULT_ORIGIN))


def test_vault_calls_run_off_the_event_loop_thread(use_keyring: Install) -> None:
    backend = use_keyring(stored())

    async def read() -> int:
        await SecretVault().read(EMAIL, origin=DEFAULT_ORIGIN)
        return threading.get_ident()

    loop_thread = asyncio.run(read())
    assert backend.threads and loop_thread not in backend.threads


# --- each API origin has its own keyring entry; a secret goes only where it was verified ----
LOCAL = "http://127.0.0.1:8765"


def test_keyring_entry_names_keep_toggls_and_set_others_apart() -> None:
    from inspector.credentials import keyring_service

    assert keyring_service("https://api.track.toggl.com") == KEYRING_SERVICE == "toggl-inspector"
    assert keyring_service(LOCAL) == "toggl-inspector (http://127.0.0.1:8765)"
    assert keyring_service("https://toggl.example.com") != keyring_service(LOCAL)


def test_the_resolver_reads_the_entry_of_the_accounts_own_origin(use_keyring: Install) -> None:
    from inspector.credentials import keyring_service

    backend = use_keyring(
        MemoryKeyring(
            {(KEYRING_SERVICE, EMAIL): KEYRING_TOKEN, (keyring_service(LOCAL), EMAIL): "c" * 32}
        )
    )
    resolver = CredentialResolver(environ={}, active=ActiveAccount(EMAIL, False, LOCAL))
    assert resolve(resolver) == Credential("c" * 32, "keyring", origin=LOCAL)
    resolver.active = TOKEN_ACCOUNT
    assert resolve(resolver) == Credential(KEYRING_TOKEN, "keyring", origin=DEFAULT_ORIGIN)
    assert backend.lookups == [(keyring_service(LOCAL), EMAIL), (KEYRING_SERVICE, EMAIL)]


def test_storing_for_another_origin_never_touches_toggls_entry(use_keyring: Install) -> None:
    from inspector.credentials import keyring_service

    backend = use_keyring(stored())
    asyncio.run(SecretVault().store(EMAIL, "c" * 32, origin=LOCAL))
    assert backend.secrets == {
        (KEYRING_SERVICE, EMAIL): KEYRING_TOKEN,
        (keyring_service(LOCAL), EMAIL): "c" * 32,
    }
