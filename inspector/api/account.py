"""GET /me and /me/workspaces: who a credential belongs to (used to verify a sign-in).

Both count against the user-level quota of 30 requests per hour: called on sign-in and when
asked to verify, never at every start.
"""

from __future__ import annotations

import json
import time

import httpx

from inspector.api.auth import ApiAuth, redacted_error
from inspector.api.base_url import ApiUrl
from inspector.api.errors import ApiError, Forbidden, InvalidResponse, NotFound, Unauthorized
from inspector.api.exchange import ExchangeRecord, Timeouts
from inspector.api.time_entries import (
    _read_capped,
    error_for_status,
    httpx_timeout,
    parse_quota,
    server_message,
    transport_error,
)
from inspector.domain.identity import Identity, UnexpectedProfile, identity_from_me, workspace_name

ME_PATH = "/api/v9/me"
WORKSPACES_PATH = "/api/v9/me/workspaces"


async def fetch_identity(http: httpx.AsyncClient, api_url: ApiUrl, auth: ApiAuth, *,
                         timeouts: Timeouts = Timeouts(), with_workspace_name: bool = True,
                         record: ExchangeRecord | None = None) -> Identity:
    """Verify ``auth`` and say whose it is. The default workspace's name is looked up too;
    if that second request fails, the identity stands without it."""
    body = await _get_json(http, api_url, ME_PATH, auth, timeouts, record)
    try:
        identity = identity_from_me(body)
    except UnexpectedProfile as error:
        raise InvalidResponse(f"{error} The sign-in could not be checked.", status=200) from None
    if not with_workspace_name or identity.default_workspace_id is None:
        return identity
    try:
        workspaces = await _get_json(http, api_url, WORKSPACES_PATH, auth, timeouts, None)
    except ApiError:
        return identity  # the sign-in itself was verified; the name is a nicety
    name = workspace_name(workspaces, identity.default_workspace_id)
    return Identity(identity.user_id, identity.name, identity.email,
                    identity.default_workspace_id, name)


async def _get_json(http: httpx.AsyncClient, api_url: ApiUrl, path: str, auth: ApiAuth,
                    timeouts: Timeouts, record: ExchangeRecord | None) -> object:
    record = record if record is not None else ExchangeRecord()
    url = api_url.join(path)
    record.url, record.status, record.request_id = url, None, None
    record.attempts += 1
    started = time.perf_counter()
    try:
        async with http.stream("GET", url, auth=auth.httpx_auth(),
                               headers={"Accept": "application/json"},
                               timeout=httpx_timeout(timeouts)) as response:
            record.status = response.status_code
            record.request_id = response.headers.get("X-Toggl-Request-Id")
            record.quota = parse_quota(response.headers)
            body = await _read_capped(response)
    except httpx.HTTPError as error:
        raise redacted_error(transport_error(error, api_url, timeouts), auth) from None
    finally:
        record.elapsed_ms = (time.perf_counter() - started) * 1000
    status = response.status_code
    if status != 200:
        raise redacted_error(_sign_in_error(status, body, response.headers, record.request_id),
                        auth)
    try:
        return json.loads(body.decode("utf-8")) if body.strip() else None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise InvalidResponse(f"The answer to {path} is not valid JSON.", status=200,
                              request_id=record.request_id) from None


def _sign_in_error(status: int, body: bytes, headers: httpx.Headers,
                   request_id: str | None) -> ApiError:
    # Toggl's docs say a refused sign-in answers 403; recorded traffic shows 401.
    said = server_message(body)
    said_part = f' The server said: "{said}".' if said else ""
    if status == 401:
        return Unauthorized("Toggl did not accept these credentials (HTTP 401): the API "
                            "token, email or password is wrong." + said_part, status=status,
                            request_id=request_id)
    if status == 403:
        return Forbidden("Toggl refused this sign-in (HTTP 403): the API token, email or "
                         "password is wrong, or the account is locked." + said_part,
                         status=status, request_id=request_id)
    if status == 404:
        return NotFound("This API has no /me endpoint (HTTP 404): check the API URL.",
                        status=status, request_id=request_id)
    return error_for_status(status, body, headers, 0, request_id)
