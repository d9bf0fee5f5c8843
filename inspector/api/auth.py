"""How a request proves who it is: Toggl's two forms of HTTP Basic auth."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

import httpx

from inspector.api.errors import ApiError

TOKEN_PASSWORD = "api_token"  # Toggl's token form: the token as user name, this as password


@dataclass(frozen=True)
class ApiAuth:
    user: str = field(repr=False)
    password: str = field(repr=False)

    @classmethod
    def for_token(cls, token: str) -> ApiAuth:
        return cls(token, TOKEN_PASSWORD)

    @classmethod
    def for_password(cls, email: str, password: str) -> ApiAuth:
        return cls(email, password)

    @property
    def is_token(self) -> bool:
        return self.password == TOKEN_PASSWORD

    def httpx_auth(self) -> httpx.BasicAuth:
        return httpx.BasicAuth(self.user, self.password)

    def secret_forms(self) -> tuple[str, ...]:
        """Every way the secret travels: as typed, and base64-encoded in the Authorization
        header (what a proxy that echoes the request back would show). An email address
        is not a secret; a password or token is."""
        secret = self.user if self.is_token else self.password
        if not secret:
            return ()
        header = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return secret, header


def redact(text: str, auth: ApiAuth) -> str:
    # Longest first: a password that happens to be part of the encoded header never cuts it.
    for secret in sorted(auth.secret_forms(), key=len, reverse=True):
        text = text.replace(secret, "[redacted]")
    return text


def redacted_error(error: ApiError, auth: ApiAuth) -> ApiError:
    """A proxy or server may echo the request back: the secret never reaches a person."""
    error.args = (redact(error.message, auth),)
    return error
