"""A workspace, its members and one of its projects: what explaining an entry asks about the
place it was tracked in.

- `GET /api/v9/workspaces/{wid}`: rounding, billable rules, hidden start and end times.
- `GET /api/v9/workspaces/{wid}/workspace_users?includeIndirect=true`: the members, each
  with the `timezone` of their profile (admins only: others get 403).
- `GET /api/v9/workspaces/{wid}/projects/{pid}`: the project's `status` and `active`.

Each call here is one request, mapped to its JSON or a typed error; caching, pricing and
retries are the service's (inspector.services.context).
"""

from __future__ import annotations

import httpx

from inspector.api.auth import ApiAuth
from inspector.api.base_url import ApiUrl
from inspector.api.errors import (
    ApiError,
    BadRequest,
    ErrorDetails,
    Forbidden,
    NotFound,
)
from inspector.api.exchange import ExchangeRecord, Timeouts
from inspector.api.transport import (
    ErrorForStatus,
    error_for_status,
    expect_list,
    expect_object,
    fetch_json,
    server_message,
)

MAX_ID = 2**63 - 1


def _checked_id(name: str, value: int) -> int:
    """Only a positive int reaches a path: nothing else can change where a request goes."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not 1 <= value <= MAX_ID:
        raise ValueError(f"{name} {value} is out of range")
    return value


def workspace_path(workspace_id: int) -> str:
    return f"/api/v9/workspaces/{_checked_id('workspace_id', workspace_id)}"


def workspace_users_path(workspace_id: int) -> str:
    return f"{workspace_path(workspace_id)}/workspace_users"


# The spec marks includeIndirect as required: members through a group are members too.
WORKSPACE_USERS_QUERY = {"includeIndirect": "true"}


def project_path(workspace_id: int, project_id: int) -> str:
    return f"{workspace_path(workspace_id)}/projects/{_checked_id('project_id', project_id)}"


async def fetch_workspace(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    auth: ApiAuth,
    workspace_id: int,
    *,
    timeouts: Timeouts = Timeouts(),
    record: ExchangeRecord | None = None,
) -> dict[str, object]:
    """The workspace object (its rounding and billable rules), or a typed error."""
    subject = f"Workspace {workspace_id}"
    answer = await fetch_json(
        http,
        api_url,
        "GET",
        workspace_path(workspace_id),
        auth=auth,
        timeouts=timeouts,
        record=record if record is not None else ExchangeRecord(),
        error_for=_errors(
            subject,
            forbidden=f"{subject} is not accessible to this account (HTTP 403).",
        ),
        expected="a workspace",
    )
    return expect_object(answer, "a workspace")


async def fetch_workspace_users(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    auth: ApiAuth,
    workspace_id: int,
    *,
    timeouts: Timeouts = Timeouts(),
    record: ExchangeRecord | None = None,
) -> list[dict[str, object]]:
    """The workspace's members (objects only, in Toggl's order), or a typed error: a 403
    when the signed-in user is not one of its admins."""
    subject = f"The members of workspace {workspace_id}"
    answer = await fetch_json(
        http,
        api_url,
        "GET",
        workspace_users_path(workspace_id),
        auth=auth,
        timeouts=timeouts,
        record=record if record is not None else ExchangeRecord(),
        error_for=_errors(
            subject,
            forbidden=(
                f"Only the admins of workspace {workspace_id} may list its members "
                "(HTTP 403), and this account is not one of them."
            ),
        ),
        expected="a list of workspace users",
        params=dict(WORKSPACE_USERS_QUERY),
    )
    return [
        item for item in expect_list(answer, "a list of workspace users") if isinstance(item, dict)
    ]


async def fetch_project(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    auth: ApiAuth,
    workspace_id: int,
    project_id: int,
    *,
    timeouts: Timeouts = Timeouts(),
    record: ExchangeRecord | None = None,
) -> dict[str, object]:
    """The project object (its status: active, archived, deleted, ...), or a typed error."""
    subject = f"Project {project_id} of workspace {workspace_id}"
    answer = await fetch_json(
        http,
        api_url,
        "GET",
        project_path(workspace_id, project_id),
        auth=auth,
        timeouts=timeouts,
        record=record if record is not None else ExchangeRecord(),
        error_for=_errors(
            subject,
            forbidden=f"{subject} is not accessible to this account (HTTP 403).",
        ),
        expected="a project",
    )
    return expect_object(answer, "a project")


def _errors(subject: str, *, forbidden: str) -> ErrorForStatus:
    def error_for(
        status: int, body: bytes, headers: httpx.Headers, request_id: str | None
    ) -> ApiError:
        said = server_message(body)
        said_part = f' The server said: "{said}".' if said else ""
        details: ErrorDetails = {"status": status, "request_id": request_id}
        if status == 403:
            return Forbidden(forbidden + said_part, **details)
        if status == 404:
            return NotFound(f"{subject} was not found (HTTP 404).{said_part}", **details)
        if status == 400:
            return BadRequest(
                f"{subject}: Toggl refused the request (HTTP 400).{said_part}", **details
            )
        return error_for_status(status, body, headers, 0, request_id)

    return error_for
