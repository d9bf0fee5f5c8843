"""Signing in: check what was typed, verify it with Toggl (/me), keep the secret in the OS
keyring (or, when there is none, for this session only), and sign out again."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx

from inspector.accounts import Account
from inspector.api.account import fetch_identity
from inspector.api.base_url import ApiUrl
from inspector.api.errors import DeadlineExceeded
from inspector.api.exchange import ExchangeRecord
from inspector.credentials import Credential, CredentialResolver
from inspector.domain.identity import Identity
from inspector.entry_lookup import credential_auth
from inspector.services import NetworkSettings, utc_now

_TOKEN = re.compile(r"[0-9a-f]{32}", re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+", re.ASCII)


class InvalidSignIn(ValueError):
    """What was typed cannot be a Toggl credential; nothing was sent."""


def typed_token(text: str) -> str:
    """An API token as pasted (spaces around it trimmed), or InvalidSignIn saying why not."""
    token = text.strip()
    if not token:
        raise InvalidSignIn("Enter your API token (find it at the bottom of your Toggl "
                            "profile page).")
    if any(character.isspace() for character in token):
        raise InvalidSignIn("An API token has no spaces inside it; paste it again.")
    if not _TOKEN.fullmatch(token.lower()):
        raise InvalidSignIn(f"A Toggl API token is 32 characters of 0-9 and a-f; this is "
                            f"{len(token)} characters"
                            + ("" if len(token) != 32 else " with others among them") + ".")
    return token.lower()


def typed_email_login(email: str, password: str) -> tuple[str, str]:
    address = email.strip()
    if not address:
        raise InvalidSignIn("Enter the email address of your Toggl account.")
    if not _EMAIL.fullmatch(address):
        raise InvalidSignIn(f"{address!r} is not an email address.")
    if not password:
        raise InvalidSignIn("Enter your password.")
    return address, password


@dataclass(frozen=True)
class VerifiedSignIn:
    """A credential Toggl accepted, and whose it is; not kept anywhere yet."""

    credential: Credential
    identity: Identity
    verified_at: str

    @property
    def account(self) -> Account:
        return Account(self.identity, self.credential.email is not None, self.verified_at)


class SignIn:
    def __init__(self, http: httpx.AsyncClient, api_url: ApiUrl,
                 resolver: CredentialResolver, *,
                 network: Callable[[], NetworkSettings] = NetworkSettings,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.http = http
        self.api_url = api_url
        self.resolver = resolver
        self.network = network
        self.clock = clock

    async def verify(self, credential: Credential,
                     record: ExchangeRecord | None = None) -> VerifiedSignIn:
        """Ask /me whose ``credential`` is (raises an ApiError if Toggl refuses it)."""
        network = self.network()
        try:
            async with asyncio.timeout(network.deadline_s):
                identity = await fetch_identity(self.http, self.api_url,
                                                credential_auth(credential),
                                                timeouts=network.timeouts(), record=record)
        except TimeoutError:
            raise DeadlineExceeded(f"Toggl did not confirm the sign-in within "
                                   f"{network.deadline_s:g} s.") from None
        when = self.clock().isoformat(timespec="seconds")
        return VerifiedSignIn(credential, identity, when)

    async def keep(self, verified: VerifiedSignIn, *, session_only: bool = False) -> Account:
        """Store the secret in the OS keyring (raises KeyringUnavailable), or only in memory
        for this session; from now on lookups can use it."""
        account = verified.account
        secret = verified.credential.secret
        if not session_only:
            await self.resolver.vault.store(account.email, secret)
        login = account.email if account.uses_password else None
        self.resolver.remember(account.email, Credential(
            secret, "session" if session_only else "keyring", login))
        return account

    async def sign_out(self, email: str) -> None:
        """Forget the secret here and remove it from the keyring (raises KeyringUnavailable
        if the keyring cannot be reached: then it may still be stored there)."""
        session_only = self.resolver.kept_for_session_only(email)
        self.resolver.forget(email)
        if not session_only:
            await self.resolver.vault.delete(email)
