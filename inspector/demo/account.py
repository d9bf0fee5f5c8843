"""The demo API's users: /me, /me/logged and /me/workspaces, shaped like Toggl's.

The demo user owns every demo entry and signs in with the demo token or with email and
password. A second user (a "test account", as support staff often keep one) signs in too
but owns none of them: switching accounts visibly changes what a lookup finds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from inspector.demo.dataset import DEMO_API_TOKEN, DEMO_USER_ID, DEMO_WORKSPACE_ID
from inspector.domain.identity import Identity

SECOND_WORKSPACE_ID = 8_200_002
PARTNER_WORKSPACE_ID = 8_200_005  # the demo user is a member, not an admin
DEMO_EMAIL = "demo.user@example.com"
DEMO_PASSWORD = "demo-password"
TESTER_API_TOKEN = "7e577e577e577e577e577e577e577e57"
TESTER_EMAIL = "test.account@example.com"
TESTER_PASSWORD = "tester-password"
TESTER_USER_ID = 6_100_002
TESTER_WORKSPACE_ID = 8_200_004


class DemoWorkspace(TypedDict):
    """One item of /me/workspaces (the fields a client may read)."""

    id: int
    name: str
    organization_id: int
    premium: bool
    admin: bool
    role: str


@dataclass(frozen=True)
class DemoUser:
    user_id: int
    email: str
    password: str = field(repr=False)
    token: str = field(repr=False)
    fullname: str
    workspaces: tuple[DemoWorkspace, ...]
    owns_demo_entries: bool
    timezone: str = "Europe/Berlin"  # the profile's zone, which /me tells

    def me(self) -> dict[str, object]:
        """Like the real /me, the body carries the API token in clear text: a client must
        never display, log or store it from here."""
        return {
            "id": self.user_id,
            "api_token": self.token,
            "email": self.email,
            "fullname": self.fullname,
            "timezone": self.timezone,
            "default_workspace_id": self.workspaces[0]["id"],
            "beginning_of_week": 1,
            "image_url": "https://assets.track.toggl.com/images/profile.png",
            "created_at": "2021-03-01T09:00:00.000000Z",
            "updated_at": "2026-10-01T12:00:00.000000Z",
            "at": "2026-10-01T12:00:00.000000Z",
        }

    def identity(self) -> Identity:
        """Who a client signed in as this user should show (what /me and /me/workspaces
        tell it)."""
        default = self.workspaces[0]
        return Identity(
            self.user_id, self.fullname, self.email, default["id"], default["name"], self.timezone
        )

    def answer(self, path: str) -> object:
        """The body for one of ACCOUNT_PATHS (None: 200 with an empty body)."""
        if path == "/api/v9/me":
            return self.me()
        if path == "/api/v9/me/workspaces":
            return list(self.workspaces)
        return None  # /me/logged


def demo_users(token: str = DEMO_API_TOKEN) -> tuple[DemoUser, ...]:
    return (
        DemoUser(
            DEMO_USER_ID,
            DEMO_EMAIL,
            DEMO_PASSWORD,
            token,
            "Demo User",
            (
                {
                    "id": DEMO_WORKSPACE_ID,
                    "name": "Demo Support Team",
                    "organization_id": 9_300_001,
                    "premium": True,
                    "admin": True,
                    "role": "admin",
                },
                {
                    "id": SECOND_WORKSPACE_ID,
                    "name": "Demo Sandbox",
                    "organization_id": 9_300_001,
                    "premium": False,
                    "admin": False,
                    "role": "user",
                },
                {
                    "id": PARTNER_WORKSPACE_ID,
                    "name": "Demo Partner Agency",
                    "organization_id": 9_300_003,
                    "premium": True,
                    "admin": False,
                    "role": "user",
                },
            ),
            owns_demo_entries=True,
        ),
        DemoUser(
            TESTER_USER_ID,
            TESTER_EMAIL,
            TESTER_PASSWORD,
            TESTER_API_TOKEN,
            "Demo Tester",
            (
                {
                    "id": TESTER_WORKSPACE_ID,
                    "name": "Tester's Workspace",
                    "organization_id": 9_300_002,
                    "premium": False,
                    "admin": True,
                    "role": "admin",
                },
            ),
            owns_demo_entries=False,
        ),
    )


def user_for_basic_auth(users: tuple[DemoUser, ...], user: str, password: str) -> DemoUser | None:
    """Toggl's two forms: ``<token>:api_token`` or ``<email>:<password>``."""
    for candidate in users:
        if password == "api_token" and user == candidate.token:
            return candidate
        if user.lower() == candidate.email and password == candidate.password:
            return candidate
    return None


ACCOUNT_PATHS = ("/api/v9/me", "/api/v9/me/logged", "/api/v9/me/workspaces")
