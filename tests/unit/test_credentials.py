"""Where the API token comes from: TOGGL_API_TOKEN, else the OS keyring (here in memory)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from inspector.credentials import (
    KEYRING_SERVICE,
    KEYRING_TOKEN_NAME,
    PROFILE_URL,
    TOKEN_ENV,
    Credential,
    CredentialResolver,
)

ENV_TOKEN = "ENVMARKER0000aaaa1111bbbb2222cccc"
KEYRING_TOKEN = "KEYRINGMARKER0000dddd3333eeee4444"

Install = Callable[[KeyringBackend], KeyringBackend]


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict; records every lookup and the thread it ran on."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, secrets: dict[tuple[str, str], str] | None = None) -> None:
        super().__init__()
        self.secrets = dict(secrets or {})
        self.lookups: list[tuple[str, str]] = []
        self.threads: list[int] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.lookups.append((service, username))
        self.threads.append(threading.get_ident())
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.secrets[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(username) from None


class BrokenKeyring(MemoryKeyring):
    """A keyring that cannot be used, like the fail backend on a headless machine."""

    def get_password(self, service: str, username: str) -> str | None:
        self.lookups.append((service, username))
        raise keyring.errors.NoKeyringError("No recommended backend was available.")


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


def test_environment_token_wins_over_the_keyring(use_keyring: Install) -> None:
    backend = use_keyring(MemoryKeyring({(KEYRING_SERVICE, KEYRING_TOKEN_NAME): KEYRING_TOKEN}))
    resolver = CredentialResolver(environ={TOKEN_ENV: ENV_TOKEN})
    assert TOKEN_ENV == "TOGGL_API_TOKEN"
    assert resolve(resolver) == Credential(ENV_TOKEN, "environment")
    assert backend.lookups == []  # the keyring was not even asked


def test_environment_token_is_trimmed(use_keyring: Install) -> None:
    use_keyring(MemoryKeyring())
    resolver = CredentialResolver(environ={TOKEN_ENV: f"  {ENV_TOKEN}\n"})
    credential = resolve(resolver)
    assert credential is not None
    assert credential.token == ENV_TOKEN


def test_blank_environment_token_falls_back_to_the_keyring(use_keyring: Install) -> None:
    use_keyring(MemoryKeyring({(KEYRING_SERVICE, KEYRING_TOKEN_NAME): KEYRING_TOKEN}))
    resolver = CredentialResolver(environ={TOKEN_ENV: "   "})
    assert resolve(resolver) == Credential(KEYRING_TOKEN, "keyring")


def test_keyring_provides_the_token_under_the_inspectors_names(use_keyring: Install) -> None:
    backend = use_keyring(MemoryKeyring({
        ("toggl-inspector", "api_token"): KEYRING_TOKEN,
        ("other-app", "api_token"): "not this one",
    }))
    resolver = CredentialResolver(environ={})
    credential = resolve(resolver)
    assert credential == Credential(KEYRING_TOKEN, "keyring")
    assert credential is not None and credential.source == "keyring"
    assert backend.lookups == [("toggl-inspector", "api_token")]


def test_keyring_is_read_off_the_event_loop_thread(use_keyring: Install) -> None:
    backend = use_keyring(MemoryKeyring({(KEYRING_SERVICE, KEYRING_TOKEN_NAME): KEYRING_TOKEN}))
    resolver = CredentialResolver(environ={})

    async def resolve_noting_loop_thread() -> tuple[Credential | None, int]:
        return await resolver.resolve(), threading.get_ident()

    credential, loop_thread = asyncio.run(resolve_noting_loop_thread())
    assert credential == Credential(KEYRING_TOKEN, "keyring")
    assert len(backend.threads) == 1
    assert backend.threads[0] != loop_thread


def test_keyring_token_is_kept_for_the_session(use_keyring: Install) -> None:
    backend = use_keyring(MemoryKeyring({(KEYRING_SERVICE, KEYRING_TOKEN_NAME): KEYRING_TOKEN}))
    resolver = CredentialResolver(environ={})

    async def twice() -> list[Credential | None]:
        return [await resolver.resolve(), await resolver.resolve()]

    first, second = asyncio.run(twice())
    assert first == second == Credential(KEYRING_TOKEN, "keyring")
    assert len(backend.lookups) == 1


def test_no_token_anywhere_resolves_to_none_and_explains(use_keyring: Install) -> None:
    use_keyring(MemoryKeyring())
    resolver = CredentialResolver(environ={})
    assert resolve(resolver) is None
    assert resolver.keyring_problem is None
    hint = resolver.how_to_provide()
    assert "TOGGL_API_TOKEN" in hint
    assert "https://track.toggl.com/profile" in hint
    assert "keyring set toggl-inspector api_token" in hint


def test_empty_keyring_password_counts_as_no_token(use_keyring: Install) -> None:
    use_keyring(MemoryKeyring({(KEYRING_SERVICE, KEYRING_TOKEN_NAME): ""}))
    assert resolve(CredentialResolver(environ={})) is None


def test_unusable_keyring_resolves_to_none_and_says_why(use_keyring: Install) -> None:
    backend = use_keyring(BrokenKeyring())
    resolver = CredentialResolver(environ={})
    assert resolve(resolver) is None
    assert backend.lookups == [(KEYRING_SERVICE, KEYRING_TOKEN_NAME)]
    assert resolver.keyring_problem is not None
    assert "NoKeyringError" in resolver.keyring_problem
    hint = resolver.how_to_provide()
    assert "keyring cannot be used" in hint
    assert "NoKeyringError" in hint
    assert "No recommended backend was available" in hint
    assert "TOGGL_API_TOKEN" in hint
    assert PROFILE_URL == "https://track.toggl.com/profile"
    assert "https://track.toggl.com/profile" in hint


def test_environment_token_makes_an_unusable_keyring_irrelevant(use_keyring: Install) -> None:
    backend = use_keyring(BrokenKeyring())
    resolver = CredentialResolver(environ={TOKEN_ENV: ENV_TOKEN})
    assert resolve(resolver) == Credential(ENV_TOKEN, "environment")
    assert backend.lookups == []
    assert resolver.keyring_problem is None


def test_fixed_credential_is_used_as_is(use_keyring: Install) -> None:
    backend = use_keyring(MemoryKeyring({(KEYRING_SERVICE, KEYRING_TOKEN_NAME): KEYRING_TOKEN}))
    demo = Credential("DEMOMARKER", "demo")
    resolver = CredentialResolver(environ={TOKEN_ENV: ENV_TOKEN}, fixed=demo)
    assert resolve(resolver) is demo
    assert backend.lookups == []


@pytest.mark.parametrize("source", ["environment", "keyring", "demo"])
def test_credential_repr_never_shows_the_token(source: str) -> None:
    credential = Credential(KEYRING_TOKEN, source)
    assert KEYRING_TOKEN not in repr(credential)
    assert KEYRING_TOKEN not in str(credential)
    assert source in repr(credential)
    assert credential.token == KEYRING_TOKEN


def test_resolved_keyring_credential_repr_never_shows_the_token(use_keyring: Install) -> None:
    use_keyring(MemoryKeyring({(KEYRING_SERVICE, KEYRING_TOKEN_NAME): KEYRING_TOKEN}))
    credential = resolve(CredentialResolver(environ={}))
    assert credential is not None
    assert KEYRING_TOKEN not in repr(credential)
    assert KEYRING_TOKEN not in f"{credential!r} {credential!s}"


def test_the_resolver_repr_shows_neither_token_nor_environment() -> None:
    resolver = CredentialResolver(environ={"TOGGL_API_TOKEN": ENV_TOKEN, "OTHER": "x"})
    assert ENV_TOKEN not in repr(resolver)
    assert ENV_TOKEN not in repr(resolve(resolver))


def test_a_backend_failing_with_any_error_is_reported_as_a_keyring_problem() -> None:
    class Broken(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            raise OSError("org.freedesktop.DBus.Error.ServiceUnknown")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise NotImplementedError

    previous = keyring.get_keyring()
    keyring.set_keyring(Broken())
    try:
        resolver = CredentialResolver(environ={})
        assert resolve(resolver) is None
        assert "ServiceUnknown" in resolver.how_to_provide()
    finally:
        keyring.set_keyring(previous)


def test_a_failure_in_the_reading_thread_reaches_the_awaiting_task() -> None:
    from inspector.credentials import _in_daemon_thread

    def fail() -> None:
        raise ValueError("from the thread")

    async def go() -> None:
        with pytest.raises(ValueError, match="from the thread"):
            await _in_daemon_thread(fail)
        assert await _in_daemon_thread(lambda: 42) == 42

    asyncio.run(go())
