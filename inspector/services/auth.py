"""How requests sign in with a credential, for every service that talks to Toggl."""

from __future__ import annotations

from inspector.api.auth import ApiAuth
from inspector.credentials import Credential
from inspector.logs import SECRETS


def credential_auth(credential: Credential) -> ApiAuth:
    """How requests sign in with ``credential``; from here on no log line can carry the
    secret in any form it travels in."""
    auth = (
        ApiAuth.for_token(credential.secret)
        if credential.email is None
        else ApiAuth.for_password(credential.email, credential.secret)
    )
    for secret in auth.secret_forms():
        SECRETS.register(secret)
    return auth
