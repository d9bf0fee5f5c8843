"""Signing in: check what was typed, verify it with Toggl (/me), keep the secret in the OS
keyring (or, when there is none, for this session only), and sign out again."""

from __future__ import annotations

import asyncio
import logging
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
from inspector.credentials import Credential, CredentialResolver, KeyringUnavailable
from inspector.domain.identity import ActiveAccount, Identity
from inspector.services.auth import credential_auth
from inspector.services.types import NetworkSettings, utc_now

log = logging.getLogger("inspector.sign_in")

_TOKEN = re.compile(r"[0-9a-f]{32}", re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+", re.ASCII)


class InvalidSignIn(ValueError):
    """What was typed cannot be a Toggl credential; nothing was sent."""


def typed_token(text: str) -> str:
    """An API token as pasted (spaces around it trimmed), or InvalidSignIn saying why not."""
    token = text.strip()
    if not token:
        raise InvalidSignIn(
            "Enter your API token (find it at the bottom of your Toggl profile page)."
        )
    if any(character.isspace() for character in token):
        raise InvalidSignIn("An API token has no spaces inside it; paste it again.")
    if not _TOKEN.fullmatch(token.lower()):
        raise InvalidSignIn(
            f"A Toggl API token is 32 characters of 0-9 and a-f; this is "
            f"{len(token)} characters"
            + ("" if len(token) != 32 else " with others among them")
            + "."
        )
    return token.lower()


def typed_email_login(email: str, password: str) -> tuple[str, str]:
    address = email.strip()
    if not address:
        raise InvalidSignIn("Enter the email address of your Toggl account.")
    if not _EMAIL.fullmatch(address):
        # Not repeated back: a password pasted into the wrong field would be shown.
        raise InvalidSignIn(
            "That is not an email address (it needs a name, an @ and a domain, without spaces)."
        )
    if not password:
        raise InvalidSignIn("Enter your password.")
    return address, password


@dataclass(frozen=True)
class VerifiedSignIn:
    """A credential Toggl accepted, and whose it is; not kept anywhere yet."""

    credential: Credential
    identity: Identity
    verified_at: str
    origin: str  # the API origin that verified it: the only one its secret will go to

    @property
    def account(self) -> Account:
        return Account(
            self.identity, self.credential.email is not None, self.verified_at, self.origin
        )


class SignIn:
    def __init__(
        self,
        http: httpx.AsyncClient,
        api_url: ApiUrl,
        resolver: CredentialResolver,
        *,
        network: Callable[[], NetworkSettings] = NetworkSettings,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.http = http
        self.api_url = api_url
        self.resolver = resolver
        self.network = network
        self.clock = clock
        self._cleanups: set[asyncio.Task[None]] = set()

    async def verify(
        self, credential: Credential, record: ExchangeRecord | None = None
    ) -> VerifiedSignIn:
        """Ask /me whose ``credential`` is (raises an ApiError if Toggl refuses it)."""
        network = self.network()
        try:
            async with asyncio.timeout(network.deadline_s):
                identity = await fetch_identity(
                    self.http,
                    self.api_url,
                    credential_auth(credential),
                    timeouts=network.timeouts(),
                    record=record,
                )
        except TimeoutError:
            raise DeadlineExceeded(
                f"Toggl did not confirm the sign-in within {network.deadline_s:g} s."
            ) from None
        when = self.clock().isoformat(timespec="seconds")
        return VerifiedSignIn(credential, identity, when, self.api_url.origin)

    async def keep(
        self,
        verified: VerifiedSignIn,
        *,
        session_only: bool = False,
        undo_if_cancelled: bool = True,
    ) -> Account:
        """Store the secret in the OS keyring (raises KeyringUnavailable), or only in memory
        for this session; from now on lookups can use it.

        Cancelled while the keyring works (its call cannot be stopped), the stored secret is
        removed again once the call is done, unless ``undo_if_cancelled`` is false (a saved
        account's new, verified secret may stay).
        """
        account = verified.account
        secret = verified.credential.secret
        if not session_only:
            storing = asyncio.ensure_future(
                self.resolver.vault.store(account.email, secret, origin=account.origin)
            )
            try:
                await asyncio.shield(storing)
            except asyncio.CancelledError:
                if undo_if_cancelled:
                    storing.add_done_callback(
                        lambda done: self._remove_after(done, account.active_account)
                    )
                raise
        login = account.email if account.uses_password else None
        self.resolver.remember(
            account.active_account,
            Credential(secret, "session" if session_only else "keyring", login, account.origin),
        )
        return account

    def _remove_after(self, stored: asyncio.Future[None], account: ActiveAccount) -> None:
        if stored.cancelled() or stored.exception() is not None:
            return  # nothing was stored
        task = asyncio.ensure_future(self._remove_quietly(account))
        self._cleanups.add(task)  # held until done (the loop keeps only a weak reference)
        task.add_done_callback(self._cleanups.discard)

    async def _remove_quietly(self, account: ActiveAccount) -> None:
        try:
            await self.resolver.vault.delete(account.email, origin=account.origin)
        except KeyringUnavailable as error:
            log.warning(
                "A cancelled sign-in's secret for %s could not be removed from the OS keyring: %s",
                account.email,
                error,
            )

    async def sign_out(self, account: ActiveAccount, *, in_keyring: bool = True) -> None:
        """Remove the secret from the keyring (``in_keyring``; raises KeyringUnavailable if
        the keyring cannot be reached: then it may still be stored there), then forget it
        here."""
        if in_keyring:
            await self.resolver.vault.delete(account.email, origin=account.origin)
        self.resolver.forget(account)
