"""The demo API's signed-in user: /me, /me/logged and /me/workspaces, shaped like Toggl's."""

from __future__ import annotations

from inspector.demo.dataset import DEMO_API_TOKEN, DEMO_USER_ID, DEMO_WORKSPACE_ID

SECOND_WORKSPACE_ID = 8_200_002


def me() -> dict[str, object]:
    """Like the real /me, the body carries the API token in clear text: a client must never
    display, log or store it from here."""
    return {
        "id": DEMO_USER_ID,
        "api_token": DEMO_API_TOKEN,
        "email": "demo.user@example.com",
        "fullname": "Demo User",
        "timezone": "Europe/Berlin",
        "default_workspace_id": DEMO_WORKSPACE_ID,
        "beginning_of_week": 1,
        "image_url": "https://assets.track.toggl.com/images/profile.png",
        "created_at": "2021-03-01T09:00:00.000000Z",
        "updated_at": "2026-10-01T12:00:00.000000Z",
        "at": "2026-10-01T12:00:00.000000Z",
    }


def workspaces() -> list[dict[str, object]]:
    return [
        {"id": DEMO_WORKSPACE_ID, "name": "Demo Support Team", "organization_id": 9_300_001,
         "premium": True, "admin": True, "role": "admin"},
        {"id": SECOND_WORKSPACE_ID, "name": "Demo Sandbox", "organization_id": 9_300_001,
         "premium": False, "admin": False, "role": "user"},
    ]


ACCOUNT_PATHS = {
    "/api/v9/me": me,
    "/api/v9/me/logged": lambda: None,  # 200 with an empty body when the token is good
    "/api/v9/me/workspaces": workspaces,
}
