"""Looking an entry up: credentials, the request with its retries and deadline, the view.

Imports httpx and keyring; the light types it returns are in inspector.services.types.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, tzinfo

import httpx

from inspector import __version__
from inspector.api.base_url import ApiUrl
from inspector.api.errors import (
    DeadlineExceeded,
    InvalidResponse,
    MissingCredentials,
    Unauthorized,
)
from inspector.api.exchange import ExchangeRecord, Timeouts
from inspector.api.retry import RetryWait, with_retries
from inspector.api.time_entries import EntryResponse, fetch_time_entry
from inspector.api.transport import httpx_timeout
from inspector.credentials import TOKEN_ENV, Credential, CredentialResolver
from inspector.domain.entry_view import build_entry_view
from inspector.services.auth import credential_auth
from inspector.services.quota import QuotaGauge
from inspector.services.recording import Recording
from inspector.services.types import LookupRequest, LookupResult, NetworkSettings, utc_now

log = logging.getLogger("inspector.lookup")

OFF_THREAD_VIEW_BYTES = 64 * 1024  # a typical entry is about 1 KB


def create_http_client() -> httpx.AsyncClient:
    """The one client the app keeps for its life (connection reuse, shared limits), whose
    certificates are checked against the operating system's trust store."""
    from inspector.api.connection import ApiTransport

    return httpx.AsyncClient(
        timeout=httpx_timeout(Timeouts()),
        headers={"User-Agent": f"toggl-inspector/{__version__}"},
        follow_redirects=False,
        transport=ApiTransport(),
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
        network: NetworkSettings = NetworkSettings(),
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.http = http
        self.api_url = api_url
        self.credentials = credentials
        self.clock = clock
        self.local_zone = local_zone  # None: the computer's own zone, DST rules included
        self.network = network
        self.sleep = sleep
        # The quota as the last answer of any request through this lookup told it (the
        # Reports search and explaining an entry report theirs here too).
        self.quota = QuotaGauge()

    async def lookup(
        self,
        request: LookupRequest,
        on_wait: Callable[[RetryWait], None] = lambda wait: None,
        *,
        field_tree: bool = True,
    ) -> LookupResult:
        """Return the entry's view or raise an ApiError subclass saying what went wrong.

        Retries follow the network settings' policy; ``on_wait`` hears of each wait before
        it starts. Every error carries ``record``: what was sent and received.
        ``field_tree`` False: the view without its tree of fields (see build_entry_view).
        """
        record = ExchangeRecord()
        log.info(
            "Looking up entry %s (meta=%s, include_sharing=%s)",
            request.entry_id,
            request.meta,
            request.include_sharing,
        )
        try:
            with Recording(record, log, f"Entry {request.entry_id}", _attempts) as recording:
                result = await self._lookup(request, record, on_wait, field_tree)
                recording.succeeded(took=f" in {record.elapsed_ms or 0:.0f} ms")
        finally:
            self.quota.observe(record.quota)
        return result

    async def resolve_credential(self) -> Credential:
        """The credential, or MissingCredentials; never longer than the deadline."""
        deadline_s = self.network.deadline_s
        try:  # a locked keyring may wait on an unlock prompt: not past the deadline
            async with asyncio.timeout(deadline_s):
                credential = await self.credentials.resolve()
        except TimeoutError:
            raise MissingCredentials(
                f"The OS keyring did not answer within {deadline_s:g} s (is it "
                "locked, with an unlock prompt waiting?)."
            ) from None
        origin = self.api_url.origin
        if credential is not None and credential.origin not in (None, origin):
            # Verified against another API: its secret is never sent here (nor logged).
            log.info(
                "The active account belongs to %s, not %s: not used", credential.origin, origin
            )
            credential = None
        if credential is None:
            raise MissingCredentials(self.credentials.how_to_provide(origin))
        return credential

    async def _lookup(
        self,
        request: LookupRequest,
        record: ExchangeRecord,
        on_wait: Callable[[RetryWait], None],
        field_tree: bool,
    ) -> LookupResult:
        network = self.network
        deadline = time.monotonic() + network.deadline_s
        credential = await self.resolve_credential()
        auth = credential_auth(credential)

        async def attempt(number: int) -> EntryResponse:
            return await fetch_time_entry(
                self.http,
                self.api_url,
                auth,
                request.entry_id,
                meta=request.meta,
                include_sharing=request.include_sharing,
                timeouts=network.timeouts(),
                record=record,
            )

        try:
            async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                response = await with_retries(
                    attempt,
                    network.retry_policy(),
                    on_wait,
                    self.sleep,
                    time_left_s=lambda: deadline - time.monotonic(),
                )
        except Unauthorized as error:
            if credential.source == "environment":
                error.args = (
                    f"{error.message} The token comes from {TOKEN_ENV}, which "
                    "wins over saved accounts: correct or unset it.",
                )
            raise
        except TimeoutError:
            raise DeadlineExceeded(
                f"No complete answer within the lookup's {network.deadline_s:g} s deadline "
                f"({record.attempts} attempt{'s' if record.attempts != 1 else ''}).",
                status=record.status,
                tells_attempts=True,
            ) from None
        check_answer_is_the_entry(request.entry_id, response)
        build = functools.partial(
            build_entry_view,
            response.entry,
            self.clock(),
            self.local_zone,
            duplicate_keys=response.duplicate_keys,
            field_tree=field_tree,
        )
        if len(response.body_text) > OFF_THREAD_VIEW_BYTES:
            # Tens of thousands of fields take long enough to stall the window: build them
            # on a worker thread (the domain is pure, so this is safe).
            view = await asyncio.to_thread(build)
        else:
            view = build()
        return LookupResult(request, view, response, credential.source, record)


def _attempts(record: ExchangeRecord) -> str:
    return f"attempts {record.attempts}, request id {record.request_id or '-'}"


def check_answer_is_the_entry(entry_id: int, response: EntryResponse) -> None:
    """Never show one entry's data under another's ID."""
    if "id" not in response.entry:
        raise InvalidResponse(
            f"The server's answer for entry {entry_id} has no id; not shown.",
            status=200,
            request_id=response.request_id,
        )
    answered = response.entry["id"]
    if isinstance(answered, bool) or not isinstance(answered, int):
        raise InvalidResponse(
            f"The server's answer has id {json.dumps(answered)} ({type(answered).__name__}), "
            f"not the number {entry_id}; not shown.",
            status=200,
            request_id=response.request_id,
        )
    if answered != entry_id:
        raise InvalidResponse(
            f"Asked for entry {entry_id} but the server answered with entry {answered}; not shown.",
            status=200,
            request_id=response.request_id,
        )
