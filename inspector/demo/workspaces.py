"""The demo API's workspaces, their members and projects: `GET /api/v9/workspaces/{W}`,
`.../workspace_users` and `.../projects/{P}`, answered for the signed-in demo user.

Shapes follow Toggl's spec (workspace.Workspace, models.WorkspaceUser, models.Project). The
spec subset is silent on some points, and the demo relies on these:
- models.Project there lists no `id`, `active`, `billable`, `client_id`, `currency` or
  `server_deleted_at`; Toggl's docs and recorded traffic have them, so the demo sends them.
- A workspace the user is not a member of answers 404 "Workspace not found" (the only
  error the spec lists for it); its members and projects answer 403, as the spec lists.
- The members list answers 403 to anyone who is not an admin of the workspace (Toggl's
  docs: admins only). The demo user is an admin of 8200001 only.
- A project that does not exist in the workspace answers 404 (the spec lists 400 only for
  a malformed project_id, which the path pattern already refuses).

8200001 (Demo Support Team) neither rounds nor hides times; 8200005 (Demo Partner Agency,
where the demo user is a plain member) rounds durations up to 15 minutes in reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspector.demo.account import (
    PARTNER_WORKSPACE_ID,
    SECOND_WORKSPACE_ID,
    TESTER_USER_ID,
    TESTER_WORKSPACE_ID,
    DemoUser,
)
from inspector.demo.dataset import DEMO_USER_ID, DEMO_WORKSPACE_ID

SUPPORT_PROJECT_ID = 201_000_001  # the demo entries' usual project (active)
ARCHIVED_PROJECT_ID = 201_000_002
PARTNER_PROJECT_ID = 201_000_003
DELETED_PROJECT_ID = 201_000_004  # what the "project deleted" entry used to have

TOKYO_USER_ID = 6_100_005  # a member of 8200001 whose profile zone is Asia/Tokyo
PARTNER_MEMBER_ID = 6_100_006  # a member of 8200005


@dataclass(frozen=True)
class DemoAnswer:
    status: int
    payload: object


_WORKSPACE_DEFAULTS: dict[str, object] = {
    "api_token": None,
    "business_ws": False,
    "default_currency": "EUR",
    "default_hourly_rate": None,
    "hide_start_end_times": False,
    "ical_enabled": False,
    "ical_url": "",
    "last_modified": "2026-10-01T12:00:00Z",
    "limit_public_project_data": False,
    "logo_url": "https://assets.toggl.com/images/workspace.jpg",
    "only_admins_may_create_projects": False,
    "only_admins_may_create_tags": False,
    "only_admins_see_billable_rates": False,
    "only_admins_see_team_dashboard": False,
    "premium": True,
    "profile": 0,
    "projects_billable_by_default": True,
    "projects_enforce_billable": False,
    "projects_private_by_default": True,
    "rate_last_updated": None,
    "reports_collapse": True,
    "rounding": 1,
    "rounding_minutes": 0,  # no rounding
    "suspended_at": None,
    "working_hours_in_minutes": None,
    "at": "2026-10-01T12:00:00+00:00",
}
WORKSPACES: dict[int, dict[str, object]] = {
    DEMO_WORKSPACE_ID: {"name": "Demo Support Team", "organization_id": 9_300_001},
    SECOND_WORKSPACE_ID: {
        "name": "Demo Sandbox",
        "organization_id": 9_300_001,
        "premium": False,
    },
    TESTER_WORKSPACE_ID: {
        "name": "Tester's Workspace",
        "organization_id": 9_300_002,
        "premium": False,
    },
    PARTNER_WORKSPACE_ID: {
        "name": "Demo Partner Agency",
        "organization_id": 9_300_003,
        "rounding": 1,  # up
        "rounding_minutes": 15,
    },
}


def _member(
    member_id: int, user_id: int, workspace_id: int, name: str, email: str, zone: str, admin: bool
) -> dict[str, object]:
    """One models.WorkspaceUser: ``id`` is the membership, ``uid`` the user."""
    return {
        "active": True,
        "admin": admin,
        "at": "2026-10-01T12:00:00+00:00",
        "avatar_file_name": None,
        "email": email,
        "group_ids": None,
        "id": member_id,
        "inactive": False,
        "is_direct": True,
        "labor_cost": None,
        "name": name,
        "organization_admin": admin,
        "rate": None,
        "role": "admin" if admin else "user",
        "role_id": 1 if admin else 2,
        "timezone": zone,
        "uid": user_id,
        "wid": workspace_id,
        "workspace_admin": admin,
        "working_hours_in_minutes": None,
    }


MEMBERS: dict[int, list[dict[str, object]]] = {
    DEMO_WORKSPACE_ID: [
        _member(
            7_400_001,
            DEMO_USER_ID,
            DEMO_WORKSPACE_ID,
            "Demo User",
            "demo.user@example.com",
            "Europe/Berlin",
            admin=True,
        ),
        _member(
            7_400_002,
            TOKYO_USER_ID,
            DEMO_WORKSPACE_ID,
            "Kenji Sato",
            "kenji.sato@example.com",
            "Asia/Tokyo",
            admin=False,
        ),
    ],
    SECOND_WORKSPACE_ID: [],  # nobody the demo user could see: not an admin there
    TESTER_WORKSPACE_ID: [
        _member(
            7_400_004,
            TESTER_USER_ID,
            TESTER_WORKSPACE_ID,
            "Demo Tester",
            "test.account@example.com",
            "Europe/Berlin",
            admin=True,
        )
    ],
    PARTNER_WORKSPACE_ID: [
        _member(
            7_400_005,
            DEMO_USER_ID,
            PARTNER_WORKSPACE_ID,
            "Demo User",
            "demo.user@example.com",
            "Europe/Berlin",
            admin=False,
        ),
        _member(
            7_400_006,
            PARTNER_MEMBER_ID,
            PARTNER_WORKSPACE_ID,
            "Marta Kowalska",
            "marta.kowalska@example.com",
            "America/New_York",
            admin=True,
        ),
    ],
}


def _project(
    project_id: int,
    workspace_id: int,
    name: str,
    *,
    status: str = "active",
    color: str = "#0b83d9",
    client_id: int | None = 401_000_001,
) -> dict[str, object]:
    """One models.Project, with the fields Toggl's docs add (see the module's note)."""
    return {
        "id": project_id,
        "workspace_id": workspace_id,
        "wid": workspace_id,
        "client_id": client_id,
        "cid": client_id,
        "name": name,
        "is_private": False,
        "is_shared": False,
        "active": status not in ("archived", "deleted"),
        "status": status,
        "billable": True,
        "template": False,
        "template_id": None,
        "color": color,
        "rate": None,
        "rate_last_updated": None,
        "currency": "EUR",
        "recurring": False,
        "recurring_parameters": None,
        "start_date": "2025-01-06",
        "pinned": False,
        "permissions": None,
        "tasks_count": 1,
        "at": "2026-09-15T08:00:00+00:00",
        "created_at": "2025-01-06T09:00:00+00:00",
        "server_deleted_at": None,
    }


PROJECTS: dict[int, dict[str, object]] = {
    SUPPORT_PROJECT_ID: _project(SUPPORT_PROJECT_ID, DEMO_WORKSPACE_ID, "Support"),
    ARCHIVED_PROJECT_ID: _project(
        ARCHIVED_PROJECT_ID,
        DEMO_WORKSPACE_ID,
        "Legacy migration",
        status="archived",
        color="#9e5bd9",
    ),
    PARTNER_PROJECT_ID: _project(
        PARTNER_PROJECT_ID,
        PARTNER_WORKSPACE_ID,
        "Agency retainer",
        color="#e36a00",
        client_id=401_000_002,
    ),
}


def workspace_answer(user: DemoUser, workspace_id: int) -> DemoAnswer:
    membership = _membership(user, workspace_id)
    if membership is None or workspace_id not in WORKSPACES:
        return DemoAnswer(404, "Workspace not found")
    admin = bool(membership["admin"])
    return DemoAnswer(
        200,
        {
            "id": workspace_id,
            **_WORKSPACE_DEFAULTS,
            **WORKSPACES[workspace_id],
            "admin": admin,
            "role": "admin" if admin else "user",
        },
    )


def workspace_users_answer(user: DemoUser, workspace_id: int) -> DemoAnswer:
    membership = _membership(user, workspace_id)
    if membership is None or not membership["admin"]:
        return DemoAnswer(403, "User does not have access to this resource.")
    return DemoAnswer(200, MEMBERS.get(workspace_id, []))


def project_answer(user: DemoUser, workspace_id: int, project_id: int) -> DemoAnswer:
    if _membership(user, workspace_id) is None:
        return DemoAnswer(403, "User does not have access to this resource.")
    project = PROJECTS.get(project_id)
    if project is None or project["workspace_id"] != workspace_id:
        return DemoAnswer(404, "Resource can not be found")
    return DemoAnswer(200, project)


def _membership(user: DemoUser, workspace_id: int) -> dict[str, object] | None:
    for workspace in user.workspaces:
        if workspace["id"] == workspace_id:
            return {"admin": workspace["admin"]}
    return None
