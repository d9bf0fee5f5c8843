"""Where the credential comes from: the built-in demo, TOGGL_API_TOKEN, a credential kept for
this session only, or the active account's entry in the OS keyring.

Keyring calls may block (unlock prompts, D-Bus), so each runs in a daemon thread. A keyring
that cannot be used is reported in plain words, never replaced by a file. The keyring
package is imported only when a saved account's secret is read, kept or deleted: a run with
TOGGL_API_TOKEN or the demo never pays for it (it loads its backends, ~15 ms).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from inspector.domain.api_origin import DEFAULT_ORIGIN
from inspector.domain.identity import ActiveAccount
from inspector.logs import SECRETS

T = TypeVar("T")

TOKEN_ENV = "TOGGL_API_TOKEN"
KEYRING_SERVICE = "toggl-inspector"
PROFILE_URL = "https://track.toggl.com/profile"


class KeyringUnavailable(Exception):
    """The OS keyring cannot be used; ``str(error)`` says why, in plain words."""


def _in_daemon_thread(function: Callable[[], T]) -> asyncio.Future[T]:
    """Run a blocking call off the event loop in a daemon thread: a keyring stuck on an
    unlock prompt or a dead D-Bus never keeps the app from exiting (a pool thread would)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(outcome: Callable[[], None]) -> None:
        if not future.done():
            outcome()

    def hand_over(outcome: Callable[[], None]) -> None:
        # RuntimeError: the loop is gone (the app quit meanwhile), nobody waits.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(deliver, outcome)

    def run() -> None:
        try:
            result = function()
        except BaseException as error:
            hand_over(functools.partial(future.set_exception, error))
        else:
            hand_over(functools.partial(future.set_result, result))

    threading.Thread(target=run, name="keyring", daemon=True).start()
    return future


def keyring_service(origin: str) -> str:
    """The keyring service an account's secret is stored under: ``toggl-inspector`` for
    Toggl's own API (the entry existing users already have), ``toggl-inspector (ORIGIN)``
    for any other, so two APIs that know the same email never share or replace a secret."""
    return KEYRING_SERVICE if origin == DEFAULT_ORIGIN else f"{KEYRING_SERVICE} ({origin})"


def keyring_problem_text(error: Exception) -> str:
    """What a person needs to know about a keyring failure (never a secret: backends only
    see service and user names in their messages)."""
    detail = f"{type(error).__name__}: {error}".rstrip(": ")
    if isinstance(error, ImportError):  # the keyring package itself could not be loaded
        return f"The OS keyring could not be used ({detail})"
    import keyring.errors

    if isinstance(error, keyring.errors.NoKeyringError):
        return f"No usable OS keyring was found on this computer ({detail})"
    # Secret Service reports a locked collection whose unlock prompt could not be shown
    # (no display, or dismissed) as an InitError saying "Prompt dismissed".
    if isinstance(error, keyring.errors.KeyringLocked) or "prompt dismissed" in detail.lower():
        return f"The OS keyring is locked and was not unlocked ({detail.rstrip('.')})"
    return f"The OS keyring could not be used ({detail})"


class SecretVault:
    """One keyring entry per account: service ``keyring_service(origin)``, user name = the
    account's email address. Every call runs off the event loop; failures raise
    KeyringUnavailable."""

    async def read(self, email: str, *, origin: str) -> str | None:
        service = keyring_service(origin)

        def read_secret() -> str | None:
            import keyring

            return keyring.get_password(service, email) or None

        return await self._call(read_secret)

    async def store(self, email: str, secret: str, *, origin: str) -> None:
        service = keyring_service(origin)

        def store_and_check() -> None:
            import keyring

            keyring.set_password(service, email, secret)
            # Some backends (the "null" one) accept a secret and keep nothing.
            if keyring.get_password(service, email) != secret:
                raise KeyringUnavailable("The OS keyring accepted the secret but did not keep it")

        await self._call(store_and_check)

    async def delete(self, email: str, *, origin: str) -> None:
        service = keyring_service(origin)

        def delete_if_there() -> None:
            import keyring
            import keyring.errors

            # Already gone: signed out all the same.
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(service, email)

        await self._call(delete_if_there)

    @staticmethod
    async def _call(function: Callable[[], T]) -> T:
        try:
            return await _in_daemon_thread(function)
        except KeyringUnavailable:
            raise
        except Exception as error:
            raise KeyringUnavailable(keyring_problem_text(error)) from None


@dataclass(frozen=True)
class Credential:
    secret: str = field(repr=False)  # the API token, or the password when email is set
    source: str  # "environment", "keyring", "session" or "demo": shown, never the secret
    email: str | None = None  # set: sign in with email + password
    # The API origin it was verified against and may be sent to; None: wherever lookups go
    # (TOGGL_API_TOKEN, a fixed credential), the person's own choice for this run.
    origin: str | None = None

    @property
    def is_token(self) -> bool:
        return self.email is None


@dataclass
class CredentialResolver:
    """Finds the credential for the next request and keeps it in memory for the session."""

    environ: Mapping[str, str] = field(default_factory=lambda: os.environ, repr=False)
    fixed: Credential | None = None  # the demo API's token, or a test's
    vault: SecretVault = field(default_factory=SecretVault, repr=False)
    active: ActiveAccount | None = None
    # Origins that have saved accounts although none is usable here: said when asked how
    # to sign in, never used.
    elsewhere: tuple[str, ...] = ()
    keyring_problem: str | None = None
    _known: dict[tuple[str, str], Credential] = field(default_factory=dict, repr=False)

    @property
    def environment_token(self) -> str | None:
        """TOGGL_API_TOKEN, which wins over every stored account and is never saved."""
        return self.environ.get(TOKEN_ENV, "").strip() or None

    @property
    def overriding(self) -> Credential | None:
        """The credential that wins over every account, or None when the active account
        decides. The one place the order is written: a fixed credential (the demo's, a
        test's), then TOGGL_API_TOKEN, then the saved or session account."""
        if self.fixed is not None:
            return self.fixed
        token = self.environment_token
        return Credential(token, "environment") if token else None

    async def resolve(self) -> Credential | None:
        credential = await self._find()
        if credential is not None:
            SECRETS.register(credential.secret)  # from now on, no log line can carry it
        return credential

    async def _find(self) -> Credential | None:
        overriding = self.overriding
        if overriding is not None:
            return overriding
        active = self.active
        if active is None:
            return None
        key = (active.origin, active.email)
        if key not in self._known:
            try:
                secret = await self.vault.read(active.email, origin=active.origin)
            except KeyringUnavailable as error:
                self.keyring_problem = str(error)
                return None
            self.keyring_problem = None  # it works (again)
            if secret is None:
                return None
            if self.active != active:  # switched meanwhile: that answer is not wanted
                return await self._find()
            self._known[key] = Credential(
                secret, "keyring", active.email if active.uses_password else None, active.origin
            )
        return self._known[key]

    def remember(self, account: ActiveAccount, credential: Credential) -> None:
        """Keep a just verified credential in memory (for a session-only one, only here)."""
        SECRETS.register(credential.secret)
        self._known[(account.origin, account.email)] = credential

    def forget(self, account: ActiveAccount) -> None:
        self._known.pop((account.origin, account.email), None)

    def kept_for_session_only(self, account: ActiveAccount) -> bool:
        known = self._known.get((account.origin, account.email))
        return known is not None and known.source == "session"

    def how_to_provide(self, origin: str | None = None) -> str:
        """What to do when there is no credential for the API at ``origin``."""
        start = (
            "Not signed in. Use Account → Sign in… with your API token (find it at "
            f"{PROFILE_URL}) or your email and password, or set {TOKEN_ENV}"
        )
        if self.keyring_problem:
            return f"{start}. {self.keyring_problem}; a sign-in can be used for this session only."
        active = self.active
        if origin is not None and (active is None or active.origin != origin):
            others = [o for o in self.elsewhere if o != origin]
            if active is not None and active.origin not in others:
                others.append(active.origin)
            if others:
                return (
                    f"No account is signed in for {origin}. The saved accounts belong to "
                    f"{', '.join(others)}, and their secrets are sent there only. Sign in for "
                    f"{origin} (Account → Sign in… in the window started with --api-url "
                    f"{origin}), or set {TOKEN_ENV}."
                )
            return start + "."
        if active is not None:
            return (
                f"No secret for {active.email} is stored in the OS keyring any "
                "more. Sign in again (Account → Sign in…)."
            )
        return start + "."
