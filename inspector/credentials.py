"""Where the API token comes from: the environment, else the OS keyring.

Keyring calls may block (unlock prompts, D-Bus), so they run in a worker thread. A keyring
that cannot be used is reported, never replaced by a file.
"""

from __future__ import annotations

import asyncio
import functools
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import keyring

from inspector.logs import SECRETS

T = TypeVar("T")

TOKEN_ENV = "TOGGL_API_TOKEN"
KEYRING_SERVICE = "toggl-inspector"
KEYRING_TOKEN_NAME = "api_token"
PROFILE_URL = "https://track.toggl.com/profile"


def _in_daemon_thread(function: Callable[[], T]) -> asyncio.Future[T]:
    """Run a blocking call off the event loop in a daemon thread: a keyring stuck on an
    unlock prompt or a dead D-Bus never keeps the app from exiting (a pool thread would)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(outcome: Callable[[], None]) -> None:
        if not future.done():
            outcome()

    def hand_over(outcome: Callable[[], None]) -> None:
        try:
            loop.call_soon_threadsafe(deliver, outcome)
        except RuntimeError:  # the loop is gone (the app quit meanwhile): nobody waits
            pass

    def run() -> None:
        try:
            result = function()
        except BaseException as error:  # noqa: BLE001  (handed to the awaiting task)
            hand_over(functools.partial(future.set_exception, error))
        else:
            hand_over(functools.partial(future.set_result, result))

    threading.Thread(target=run, name="keyring-read", daemon=True).start()
    return future


@dataclass(frozen=True)
class Credential:
    token: str = field(repr=False)
    source: str  # "environment", "keyring" or "demo": shown to the user, never the token


@dataclass
class CredentialResolver:
    """Finds the token once and keeps it in memory for the session."""

    environ: Mapping[str, str] = field(default_factory=lambda: os.environ, repr=False)
    fixed: Credential | None = None  # the demo API's token, or a test's
    keyring_problem: str | None = None
    _cached: Credential | None = field(default=None, repr=False)

    async def resolve(self) -> Credential | None:
        credential = await self._find()
        if credential is not None:
            SECRETS.register(credential.token)  # from now on, no log line can carry it
        return credential

    async def _find(self) -> Credential | None:
        if self.fixed is not None:
            return self.fixed
        from_env = self.environ.get(TOKEN_ENV, "").strip()
        if from_env:
            return Credential(from_env, "environment")
        if self._cached is None:
            self._cached = await _in_daemon_thread(self._read_keyring)
        return self._cached

    def how_to_provide(self) -> str:
        start = f"No Toggl API token. Find yours at {PROFILE_URL}, then set {TOKEN_ENV}"
        if self.keyring_problem:
            return (f"{start}. (The OS keyring cannot be used here: "
                    f"{self.keyring_problem}.)")
        return (f"{start}, or store it in the OS keyring with: "
                f"keyring set {KEYRING_SERVICE} {KEYRING_TOKEN_NAME}")

    def _read_keyring(self) -> Credential | None:
        try:
            token = keyring.get_password(KEYRING_SERVICE, KEYRING_TOKEN_NAME)
        except Exception as error:  # noqa: BLE001  (backends raise D-Bus and OS errors too)
            self.keyring_problem = f"{type(error).__name__}: {error}".rstrip(": ")
            return None
        return Credential(token, "keyring") if token else None
