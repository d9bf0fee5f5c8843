"""Where the API token comes from: the environment, else the OS keyring.

Keyring calls may block (unlock prompts, D-Bus), so they run in a worker thread. A keyring
that cannot be used is reported, never replaced by a file.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import keyring
import keyring.errors

from inspector.logs import SECRETS

TOKEN_ENV = "TOGGL_API_TOKEN"
KEYRING_SERVICE = "toggl-inspector"
KEYRING_TOKEN_NAME = "api_token"
PROFILE_URL = "https://track.toggl.com/profile"


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
            self._cached = await asyncio.to_thread(self._read_keyring)
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
        except keyring.errors.KeyringError as error:
            self.keyring_problem = f"{type(error).__name__}: {error}".rstrip(": ")
            return None
        return Credential(token, "keyring") if token else None
