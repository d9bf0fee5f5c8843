"""An account's secret goes only to the API that verified it: `get` against two demo
servers, with the accounts the window would have saved (signed in through the same
service) and a keyring file the test and the `get` process share."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import keyring
import pytest
from e2e_process import run
from helpers.keyring_fakes import FileKeyring

from inspector.account_session import AccountSession
from inspector.accounts import AccountFile
from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential, CredentialResolver, keyring_service
from inspector.demo.account import DEMO_EMAIL
from inspector.demo.server import DemoServer
from inspector.services.lookup import create_http_client
from inspector.services.sign_in import SignIn

FIRST_TOKEN = "f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1"
SECOND_TOKEN = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e"
TOGGL_TOKEN = "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"


@pytest.fixture
def shared_keyring(tmp_path) -> dict[str, str]:
    """The keyring file, installed here too; the environment that gives it to `get`."""
    path = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(str(path)))  # the autouse fixture restores the previous
    return {
        "PYTHON_KEYRING_BACKEND": "helpers.keyring_fakes.FileKeyring",
        "PYTHONPATH": str(Path(__file__).parents[1]),
        "TEST_KEYRING_FILE": str(path),
    }


def account_file(home: Path) -> AccountFile:
    return AccountFile(home / "config" / "toggl-inspector" / "accounts.json")


def sign_in(home: Path, server: DemoServer) -> None:
    """What the window's Sign in… does: verify the token with /me, keep it, save the list."""

    async def go() -> None:
        api_url = ApiUrl(server.url)
        resolver = CredentialResolver(environ={})
        session = AccountSession(account_file(home))
        session.attach(resolver, origin=api_url.origin)
        async with create_http_client() as http:
            service = SignIn(http, api_url, resolver)
            verified = await service.verify(Credential(server.token, "typed"))
            session.use(await service.keep(verified), session_only=False)
        session.save()

    asyncio.run(go())


def entry_requests(server: DemoServer) -> list[int]:
    return [s.status for s in server.served if s.path.startswith("/api/v9/me/time_entries/")]


def test_each_account_is_used_only_against_the_api_that_verified_it(tmp_path, shared_keyring):
    with DemoServer(token=FIRST_TOKEN) as first, DemoServer(token=SECOND_TOKEN) as second:
        sign_in(tmp_path, first)
        # The same email at the second API: its own account, its own keyring entry.
        sign_in(tmp_path, second)
        assert keyring.get_password(keyring_service(ApiUrl(first.url).origin), DEMO_EMAIL) == (
            FIRST_TOKEN
        )
        for server in (first, second, first):
            done = run(["get", "5000000001", "--api-url", server.url], tmp_path, **shared_keyring)
            assert done.returncode == 0, done.stderr
        # Each server saw only its own token: a foreign one would have been answered 401.
        assert entry_requests(first) == [200, 200]
        assert entry_requests(second) == [200]


def test_get_against_another_api_sends_no_credential_of_toggls_account(tmp_path, shared_keyring):
    """Signed in to Toggl's own API before (an account list of the older kind, without
    origins); `get --api-url` another API must send it nothing and say so."""
    path = account_file(tmp_path).path
    path.parent.mkdir(parents=True)
    identity = {
        "user_id": 1,
        "name": "Demo User",
        "email": DEMO_EMAIL,
        "default_workspace_id": 8200001,
        "default_workspace_name": "Demo Support Team",
    }
    path.write_text(
        json.dumps(
            {
                "accounts": [
                    {
                        "identity": identity,
                        "uses_password": False,
                        "verified_at": "2026-11-01T10:00:00+00:00",
                    }
                ],
                "active": DEMO_EMAIL,
            }
        ),
        encoding="utf-8",
    )
    keyring.set_password("toggl-inspector", DEMO_EMAIL, TOGGL_TOKEN)
    with DemoServer(token=SECOND_TOKEN) as other:
        done = run(["get", "5000000001", "--api-url", other.url], tmp_path, **shared_keyring)
        assert other.received == []  # not a single request, so never Toggl's token
    assert done.returncode == 4
    error = done.stderr.decode()
    assert f"No account is signed in for {other.url}." in error
    assert "https://api.track.toggl.com" in error
    assert TOGGL_TOKEN not in error
    assert keyring.get_password("toggl-inspector", DEMO_EMAIL) == TOGGL_TOKEN
