"""GET /me and /me/workspaces: who a credential belongs to (to verify a sign-in) and which
workspaces it can search (for the Reports API).

Both count against the user-level quota of 30 requests per hour: called on sign-in, when
asked to verify and when a search needs a workspace, never at every start. /me's body holds
the API token in clear text: only the identity is read from it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import httpx

from inspector.api.auth import ApiAuth, redacted_error
from inspector.api.base_url import ApiUrl
from inspector.api.errors import (
    ApiError,
    ErrorDetails,
    Forbidden,
    InvalidResponse,
    NotFound,
    Unauthorized,
)
from inspector.api.exchange import ExchangeRecord, Timeouts
from inspector.api.transport import (
    error_for_status,
    json_kind,
    parse_json_body,
    send_capped,
    server_message,
)
from inspector.domain.identity import Identity, UnexpectedProfile, identity_from_me

ME_PATH = "/api/v9/me"
WORKSPACES_PATH = "/api/v9/me/workspaces"


@dataclass(frozen=True)
class Workspace:
    workspace_id: int
    name: str


async def fetch_identity(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    auth: ApiAuth,
    *,
    timeouts: Timeouts = Timeouts(),
    with_workspace_name: bool = True,
    record: ExchangeRecord | None = None,
) -> Identity:
    """Verify ``auth`` and say whose it is. The default workspace's name is looked up too;
    if that second request fails, the identity stands without it."""
    try:
        identity = identity_from_me(
            await fetch_account_json(http, api_url, ME_PATH, auth, timeouts, record)
        )
    except UnexpectedProfile as error:
        raise InvalidResponse(f"{error} The sign-in could not be checked.", status=200) from None
    if not with_workspace_name or identity.default_workspace_id is None:
        return identity
    try:
        workspaces = await fetch_workspaces(http, api_url, auth, timeouts=timeouts)
    except ApiError:
        return identity  # the sign-in itself was verified; the name is a nicety
    name = next(
        (w.name for w in workspaces if w.workspace_id == identity.default_workspace_id and w.name),
        None,
    )
    return replace(identity, default_workspace_name=name)


async def fetch_workspaces(
    http: httpx.AsyncClient, api_url: ApiUrl, auth: ApiAuth, *, timeouts: Timeouts = Timeouts()
) -> list[Workspace]:
    """The user's workspaces (id and name), in the order Toggl lists them."""
    listed = await fetch_account_json(http, api_url, WORKSPACES_PATH, auth, timeouts)
    if not isinstance(listed, list):
        raise InvalidResponse(
            f"{WORKSPACES_PATH} answered with {json_kind(listed)} instead of a list of workspaces.",
            status=200,
        )
    found = []
    for item in listed:
        if isinstance(item, dict) and type(item.get("id")) is int and item["id"] > 0:
            name = item.get("name")
            found.append(Workspace(item["id"], name.strip() if isinstance(name, str) else ""))
    return found


async def fetch_account_json(
    http: httpx.AsyncClient,
    api_url: ApiUrl,
    path: str,
    auth: ApiAuth,
    timeouts: Timeouts = Timeouts(),
    record: ExchangeRecord | None = None,
) -> object:
    """GET /me or /me/workspaces, parsed (an empty body, as /me/logged sends, is None)."""
    record = record if record is not None else ExchangeRecord()
    response, body = await send_capped(
        http, api_url, "GET", api_url.join(path), auth=auth, timeouts=timeouts, record=record
    )
    if response.status_code != 200:
        raise redacted_error(
            _account_error(response.status_code, body, response.headers, path, record.request_id),
            auth,
        )
    if not body.strip():
        return None
    return parse_json_body(
        body, response.headers.get("Content-Type"), record.request_id, f"the answer to {path}"
    )


def _account_error(
    status: int, body: bytes, headers: httpx.Headers, path: str, request_id: str | None
) -> ApiError:
    # Toggl's docs say a refused sign-in answers 403; recorded traffic shows 401.
    said = server_message(body)
    said_part = f' The server said: "{said}".' if said else ""
    kwargs: ErrorDetails = {"status": status, "request_id": request_id}
    if status == 401:
        return Unauthorized(
            "Toggl did not accept these credentials (HTTP 401): the API "
            "token, email or password is wrong." + said_part,
            **kwargs,
        )
    if status == 403:
        return Forbidden(
            "Toggl refused this sign-in (HTTP 403): the API token, email or "
            "password is wrong, or the account is locked." + said_part,
            **kwargs,
        )
    if status == 404:
        return NotFound(f"This API has no {path} endpoint (HTTP 404): check the API URL.", **kwargs)
    return error_for_status(status, body, headers, 0, request_id)
