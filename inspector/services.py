"""The use case both faces share: look up entry N with these options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo

import httpx

from inspector import __version__
from inspector.api.base_url import ApiUrl
from inspector.api.errors import InvalidResponse, MissingCredentials
from inspector.api.time_entries import DEFAULT_TIMEOUT, EntryResponse, fetch_time_entry
from inspector.credentials import CredentialResolver
from inspector.domain.entry_view import EntryView, build_entry_view

SOURCE_V9 = "Toggl API v9 /me/time_entries"


@dataclass(frozen=True)
class LookupRequest:
    entry_id: int
    meta: bool = False
    include_sharing: bool = False


@dataclass(frozen=True)
class LookupResult:
    request: LookupRequest
    view: EntryView
    response: EntryResponse
    credential_source: str
    source: str = SOURCE_V9


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def create_http_client() -> httpx.AsyncClient:
    """The one client the app keeps for its life (connection reuse, shared limits)."""
    return httpx.AsyncClient(
        timeout=DEFAULT_TIMEOUT,
        headers={"User-Agent": f"toggl-inspector/{__version__}"},
        follow_redirects=False,
    )


class EntryLookup:
    def __init__(
        self,
        http: httpx.AsyncClient,
        api_url: ApiUrl,
        credentials: CredentialResolver,
        *,
        clock: Callable[[], datetime] = utc_now,
        local_zone: tzinfo | None = None,
    ) -> None:
        self.http = http
        self.api_url = api_url
        self.credentials = credentials
        self.clock = clock
        self.local_zone = local_zone  # None: the computer's own zone, DST rules included

    async def lookup(self, request: LookupRequest) -> LookupResult:
        """Return the entry's view or raise an ApiError subclass saying what went wrong."""
        credential = await self.credentials.resolve()
        if credential is None:
            raise MissingCredentials(self.credentials.how_to_provide())
        response = await fetch_time_entry(
            self.http, self.api_url, credential.token, request.entry_id,
            meta=request.meta, include_sharing=request.include_sharing,
        )
        answered_id = response.entry.get("id")
        if answered_id != request.entry_id:
            raise InvalidResponse(
                f"Asked for entry {request.entry_id} but the server answered with entry "
                f"{answered_id!r}; not shown.", status=200, request_id=response.request_id)
        view = build_entry_view(response.entry, self.clock(), self.local_zone)
        return LookupResult(request, view, response, credential.source)
