"""credential_auth: how requests sign in with a credential, and that its secret is redacted."""

from __future__ import annotations

import base64

import httpx
import pytest

from inspector.credentials import Credential
from inspector.logs import SECRETS
from inspector.services.auth import credential_auth

TOKEN = "SERVICEMARKER00001111222233334444"


@pytest.mark.parametrize(
    "credential, header",
    [
        (Credential(TOKEN, "keyring"), f"{TOKEN}:api_token"),
        (Credential("pass:word", "keyring", "ana@example.com"), "ana@example.com:pass:word"),
    ],
)
def test_a_credential_signs_requests_in_its_form_and_is_redacted_from_logs(
    credential: Credential, header: str
) -> None:
    auth = credential_auth(credential)
    request = next(auth.httpx_auth().auth_flow(httpx.Request("GET", "https://x.test")))
    encoded = base64.b64encode(header.encode()).decode()
    assert request.headers["Authorization"] == f"Basic {encoded}"
    assert SECRETS.redact(f"{credential.secret} {encoded}") == "[redacted] [redacted]"
