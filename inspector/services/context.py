"""Explaining why an entry may look wrong to a customer (issue #13), spending Toggl's hourly
quota as if it were money.

Builds on EntryLookup (its HTTP client, API URL, credentials, network settings, clock, local
zone and quota gauge). What an explanation needs beyond the entry itself:
- the owner's time zone: one's own from the signed-in account's profile (kept at sign-in: no
  request); someone else's from the workspace's members list (admins only);
- the entries around it, from the day before to the day after: one's own from
  /me/time_entries, someone else's from a Reports search for their user id;
- the project and the workspace (archived or deleted project, rounding, billable rules).

Every answer is kept for the session (refusals such as a 403 too), so a second entry of the
same day, project and workspace costs no request. ``plan`` prices what is not kept yet,
without I/O; ``explain`` sends exactly what the plan priced (each request retried as a lookup
is), never anything else, and never raises for a refused or failed request: the EntryContext
says what could not be checked and why. Every request goes through ``_send``, which counts it
and reads the quota its answer tells.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TypeVar

from inspector.api.account import fetch_identity
from inspector.api.auth import ApiAuth
from inspector.api.entry_lists import LIST_PATH, EntryList, between_query, fetch_entry_list
from inspector.api.errors import (
    ApiError,
    BadRequest,
    DeadlineExceeded,
    FeatureNotOnPlan,
    Forbidden,
    Gone,
    MissingCredentials,
    NotFound,
    QuotaExhausted,
    Unauthorized,
)
from inspector.api.exchange import ExchangeRecord
from inspector.api.reports import search_path, search_time_entries, user_days_body
from inspector.api.retry import RetryWait, with_retries
from inspector.api.time_entries import EntryResponse
from inspector.api.workspaces import (
    WORKSPACE_USERS_QUERY,
    fetch_project,
    fetch_workspace,
    fetch_workspace_users,
    project_path,
    workspace_path,
    workspace_users_path,
)
from inspector.credentials import Credential
from inspector.domain.entry_view import build_entry_view
from inspector.domain.explanations import (
    Context,
    ProjectFacts,
    Unchecked,
    WorkspaceFacts,
    explain,
)
from inspector.domain.identity import Identity
from inspector.domain.neighbours import days_around, relate, span_of
from inspector.domain.owner_day import member_zone, owner_day
from inspector.domain.report_rows import DateSpan, entries_from_rows
from inspector.domain.timestamps import (
    InvalidTimestamp,
    format_duration,
    format_utc,
    parse_timestamp,
)
from inspector.services.auth import credential_auth
from inspector.services.context_types import (
    SOURCE_SINCE,
    ContextPlan,
    ContextProgress,
    DeletedCheck,
    EntryContext,
    PlannedRequest,
)
from inspector.services.lookup import EntryLookup
from inspector.services.recording import Recording
from inspector.services.types import LookupRequest, LookupResult, ReportsResult

log = logging.getLogger("inspector.context")

NEIGHBOUR_PAGE_SIZE = 50  # one Reports page of someone's days; a further page is not sent
DELETED_CHECK_DAYS = 30  # how far back "recently deleted" reaches (v9 reaches about 90)

T = TypeVar("T")

ZONE = "the owner's time zone"
NEIGHBOURS = "the entries around it"
PROJECT = "the project"
WORKSPACE = "the workspace's rules"

AccountKey = tuple[str, object]  # whose rights the cached answers were given under


@dataclass(frozen=True)
class _Refused:
    """A lasting answer that is not the thing asked for (403, 404, a plan without Reports):
    kept like an answer, so it is not paid for twice."""

    why: str


@dataclass(frozen=True)
class _Neighbourhood:
    entries: list[dict[str, object]]  # v9-shaped
    complete: bool  # False: Reports had a further page, which was not sent for


@dataclass(frozen=True)
class _Step:
    """One request a part of the explanation needs: its price tag, how to send it (storing
    the answer in the caches) and how to keep a lasting refusal."""

    what: str
    planned: PlannedRequest
    run: Callable[[ApiAuth, ExchangeRecord], Awaitable[None]]
    refuse: Callable[[str], None]


@dataclass(frozen=True)
class _Part:
    """One part of an explanation as the caches know it: its value, why it cannot be had,
    or the request that would get it."""

    what: str
    value: object = None
    unchecked: str | None = None
    step: _Step | None = None


CacheKey = TypeVar("CacheKey")
Cached = TypeVar("Cached")


def _cached_part(
    what: str,
    cache: dict[CacheKey, Cached | _Refused],
    key: CacheKey,
    planned: PlannedRequest,
    run: Callable[[ApiAuth, ExchangeRecord], Awaitable[None]],
) -> _Part:
    """One part as the session's cache knows it: its value, a lasting refusal, or the
    request that would get it (``run`` stores the answer; a lasting refusal is kept too)."""
    known = cache.get(key)
    if isinstance(known, _Refused):
        return _Part(what, unchecked=known.why)
    if known is not None:
        return _Part(what, value=known)

    def refuse(why: str) -> None:
        cache[key] = _Refused(why)

    return _Part(what, step=_Step(what, planned, run, refuse))


class ContextService:
    def __init__(
        self,
        lookup: EntryLookup,
        signed_in: Callable[[], Identity | None] = lambda: None,
    ) -> None:
        """``signed_in``: the identity lookups run as (the active account as saved at
        sign-in, with its profile's time zone), or None when it is not known without asking
        Toggl (a token from the environment): then /me is asked once, and priced."""
        self.lookup = lookup
        self.signed_in = signed_in
        self._me: dict[AccountKey, Identity] = {}
        self._members: dict[tuple[AccountKey, int], list[dict[str, object]] | _Refused] = {}
        self._lists: dict[tuple[object, ...], _Neighbourhood | _Refused] = {}
        self._projects: dict[tuple[AccountKey, int, int], ProjectFacts | _Refused] = {}
        self._workspaces: dict[tuple[AccountKey, int], WorkspaceFacts | _Refused] = {}
        self._sent_total = 0  # every request this service sent, retries included

    @property
    def quota_left(self) -> int | None:
        return self.lookup.quota.remaining

    def forget(self) -> None:
        """Drop everything kept this session (e.g. after signing out)."""
        for cache in (self._me, self._members, self._lists, self._projects, self._workspaces):
            cache.clear()

    # --- explaining an entry -------------------------------------------------------------
    def plan(self, result: LookupResult) -> ContextPlan:
        """What explaining ``result`` would send, given what is kept; no I/O. The quota
        left is the last answer's (the lookup's own included: EntryLookup reports it)."""
        steps = [part.step for part in self._parts(result) if part.step is not None]
        return ContextPlan(
            tuple(step.planned for step in steps),
            self.quota_left,
            max_attempts=self.lookup.network.max_attempts,
        )

    async def explain(
        self,
        result: LookupResult,
        plan: ContextPlan | None = None,
        on_progress: Callable[[ContextProgress], None] | None = None,
        on_wait: Callable[[RetryWait], None] | None = None,
    ) -> EntryContext:
        """Send what ``plan`` priced (``plan(result)`` when None) and nothing else, then
        explain. Refusals and failures become Unchecked parts; only cancellation (and bugs)
        leave by exception."""
        plan = plan if plan is not None else self.plan(result)
        progress = on_progress or (lambda _progress: None)
        waited = on_wait or (lambda _wait: None)
        failures: dict[str, str] = {}
        sent: list[PlannedRequest] = []
        before = self._sent_total
        to_send = []
        for part in self._parts(result):
            if part.step is None:
                continue
            if part.step.planned in plan.requests:
                to_send.append(part.step)
            else:
                failures[part.what] = plan.declined or (
                    "not in the plan that was priced: explain again to see its price"
                )
        if to_send:
            await self._send_steps(to_send, failures, sent, progress, waited)
        return self._context(result, failures, plan, tuple(sent), self._sent_total - before)

    async def _send_steps(
        self,
        steps: list[_Step],
        failures: dict[str, str],
        sent: list[PlannedRequest],
        progress: Callable[[ContextProgress], None],
        on_wait: Callable[[RetryWait], None],
    ) -> None:
        try:
            _, auth = await self._credential()
        except MissingCredentials as error:
            for step in steps:
                failures[step.what] = f"no credential to ask Toggl with: {error.message}"
            return
        stopped: str | None = None
        for number, step in enumerate(steps, start=1):
            if stopped is not None:
                failures[step.what] = stopped
                continue
            progress(ContextProgress(step.planned, number, len(steps), self.quota_left))
            sent.append(step.planned)
            try:
                await self._send(step.planned, partial(step.run, auth), on_wait)
            except ApiError as error:
                why = failures[step.what] = _why(error)
                if isinstance(error, (QuotaExhausted, Unauthorized)):
                    stopped = f"not sent: {why}"  # every further request would fail alike
                if _lasting(error):
                    step.refuse(why)

    # --- after a v9 404: was it deleted? -------------------------------------------------
    def plan_deleted_check(self, entry_id: int) -> ContextPlan:
        """One request: the signed-in user's entries changed since DELETED_CHECK_DAYS ago,
        deleted ones included; no I/O."""
        since = (self.lookup.clock() - timedelta(days=DELETED_CHECK_DAYS)).replace(microsecond=0)
        planned = PlannedRequest(
            f"your entries changed or deleted since {since:%Y-%m-%d}",
            "GET",
            LIST_PATH,
            (("since", str(int(since.timestamp()))),),
        )
        return ContextPlan(
            (planned,), self.quota_left, max_attempts=self.lookup.network.max_attempts
        )

    async def deleted_check(
        self,
        entry_id: int,
        plan: ContextPlan | None = None,
        on_progress: Callable[[ContextProgress], None] | None = None,
        on_wait: Callable[[RetryWait], None] | None = None,
    ) -> DeletedCheck:
        """Is ``entry_id`` among the entries changed since the plan's moment? Sends the
        plan's one request (nothing when it was declined); a failure raises the ApiError
        that names it, as a lookup's does (with ``record``)."""
        plan = plan if plan is not None else self.plan_deleted_check(entry_id)
        planned = next((r for r in plan.requests if r.path == LIST_PATH), None)
        if planned is None:
            fallback = self.plan_deleted_check(entry_id).requests[0]
            return DeletedCheck(
                entry_id,
                _since_of(fallback),
                checked=False,
                found=None,
                sentence=f"Not checked whether entry {entry_id} was deleted "
                f"({plan.declined or 'nothing was planned'}).",
                quota_left=self.quota_left,
            )
        since = _since_of(planned)
        if on_progress is not None:
            on_progress(ContextProgress(planned, 1, 1, self.quota_left))
        credential, auth = await self._credential()
        before = self._sent_total
        listing: EntryList = await self._send(
            planned,
            lambda record: fetch_entry_list(
                self.lookup.http,
                self.lookup.api_url,
                auth,
                dict(planned.query),
                timeouts=self.lookup.network.timeouts(),
                record=record,
            ),
            on_wait or (lambda _wait: None),
        )
        spent = self._sent_total - before
        entry = next((e for e in listing.entries if e.get("id") == entry_id), None)
        found = (
            None
            if entry is None
            else self._deleted_result(entry_id, entry, listing, credential.source)
        )
        return DeletedCheck(
            entry_id,
            since,
            checked=True,
            found=found,
            sentence=_deleted_sentence(entry_id, entry, since, len(listing.entries)),
            requests_sent=spent,
            quota_left=self.quota_left,
        )

    def _deleted_result(
        self, entry_id: int, entry: dict[str, object], listing: EntryList, credential_source: str
    ) -> LookupResult:
        lookup = self.lookup
        view = build_entry_view(entry, lookup.clock(), lookup.local_zone)
        response = EntryResponse(
            url=listing.url,
            body_text=listing.body_text,  # the list that held it, verbatim
            entry=entry,
            elapsed_ms=listing.elapsed_ms,
            quota=listing.quota,
            request_id=listing.request_id,
        )
        record = ExchangeRecord(
            url=listing.url, status=200, request_id=listing.request_id, quota=listing.quota
        )
        record.attempts, record.outcome = 1, "200 OK: among the entries changed since"
        return LookupResult(
            LookupRequest(entry_id), view, response, credential_source, record, source=SOURCE_SINCE
        )

    # --- the one place a request is sent -------------------------------------------------
    async def _send(
        self,
        planned: PlannedRequest,
        fetch: Callable[[ExchangeRecord], Awaitable[T]],
        on_wait: Callable[[RetryWait], None],
    ) -> T:
        """Send one planned request, retried as a lookup is within a lookup's deadline;
        count every attempt and read the quota each answer tells."""
        network = self.lookup.network
        record = ExchangeRecord(method=planned.method)
        deadline = time.monotonic() + network.deadline_s

        async def attempt(_number: int) -> T:
            self._sent_total += 1
            try:
                return await fetch(record)
            finally:
                self.lookup.quota.observe(record.quota)

        with Recording(record, log, f"Context: {planned.purpose}", _attempts) as recording:
            try:
                async with asyncio.timeout(network.deadline_s):
                    answer = await with_retries(
                        attempt,
                        network.retry_policy(),
                        on_wait,
                        self.lookup.sleep,
                        time_left_s=lambda: deadline - time.monotonic(),
                    )
            except TimeoutError:
                raise DeadlineExceeded(
                    f"No complete answer within {network.deadline_s:g} s "
                    f"({record.attempts} attempt{'s' if record.attempts != 1 else ''}).",
                    status=record.status,
                ) from None
            recording.succeeded()
        return answer

    async def _credential(self) -> tuple[Credential, ApiAuth]:
        credential = await self.lookup.resolve_credential()
        return credential, credential_auth(credential)

    # --- what is known, what it would cost ------------------------------------------------
    def _parts(self, result: LookupResult) -> list[_Part]:
        raw = result.view.raw
        identity = self.signed_in()
        account: AccountKey = (
            ("user", identity.user_id)
            if identity is not None
            else ("credential", result.credential_source)
        )
        user_id = _int(raw.get("user_id"))
        workspace_id = (
            result.workspace_id
            if isinstance(result, ReportsResult)
            else _int(raw.get("workspace_id"))
        )
        from_v9 = not isinstance(result, ReportsResult)
        own = (user_id == identity.user_id) if identity is not None and user_id else from_v9
        return [
            self._zone_part(account, identity, own, user_id, workspace_id),
            self._neighbours_part(result, account, own and from_v9, user_id, workspace_id),
            self._project_part(account, workspace_id, raw.get("project_id")),
            self._workspace_part(account, workspace_id),
        ]

    def _zone_part(
        self,
        account: AccountKey,
        identity: Identity | None,
        own: bool,
        user_id: int | None,
        workspace_id: int | None,
    ) -> _Part:
        if own:
            if identity is not None and identity.timezone:
                return _Part(ZONE, value=identity.timezone)
            me = self._me.get(account)
            if me is not None:
                if me.timezone:
                    return _Part(ZONE, value=me.timezone)
                return _Part(ZONE, unchecked="your profile names no time zone")

            async def run(auth: ApiAuth, record: ExchangeRecord) -> None:
                self._me[account] = await fetch_identity(
                    self.lookup.http,
                    self.lookup.api_url,
                    auth,
                    timeouts=self.lookup.network.timeouts(),
                    with_workspace_name=False,
                    record=record,
                )

            return _Part(
                ZONE,
                step=_Step(
                    ZONE,
                    PlannedRequest("your profile's time zone", "GET", "/api/v9/me"),
                    run,
                    lambda _why: None,  # /me refusing is not lasting: sign-in trouble
                ),
            )
        if user_id is None or workspace_id is None:
            return _Part(ZONE, unchecked="the entry names no user or workspace")
        key = (account, workspace_id)
        members = self._members.get(key)
        if isinstance(members, _Refused):
            return _Part(ZONE, unchecked=members.why)
        if members is not None:
            found = member_zone(members, user_id)
            if not found.member:
                return _Part(
                    ZONE,
                    unchecked=f"user {user_id} is not among workspace {workspace_id}'s members",
                )
            if found.zone_name is None:
                return _Part(ZONE, unchecked=f"workspace {workspace_id} lists no zone for them")
            return _Part(ZONE, value=found.zone_name)

        async def run_members(auth: ApiAuth, record: ExchangeRecord) -> None:
            self._members[key] = await fetch_workspace_users(
                self.lookup.http,
                self.lookup.api_url,
                auth,
                workspace_id,
                timeouts=self.lookup.network.timeouts(),
                record=record,
            )

        planned = PlannedRequest(
            "the owner's time zone (the workspace's members)",
            "GET",
            workspace_users_path(workspace_id),
            tuple(WORKSPACE_USERS_QUERY.items()),
        )
        return _cached_part(ZONE, self._members, key, planned, run_members)

    def _neighbours_part(
        self,
        result: LookupResult,
        account: AccountKey,
        own_list: bool,
        user_id: int | None,
        workspace_id: int | None,
    ) -> _Part:
        if result.view.start is None:
            return _Part(NEIGHBOURS, unchecked="the entry has no readable start")
        first, last = days_around(result.view.start)
        if own_list:
            key: tuple[object, ...] = (account, "me", first, last)
            query = between_query(first, last + timedelta(days=1))  # end_date: the day after
            planned = PlannedRequest(
                "the entries around it (the day before to the day after)",
                "GET",
                LIST_PATH,
                tuple(query.items()),
            )

            async def run(auth: ApiAuth, record: ExchangeRecord) -> None:
                listing = await fetch_entry_list(
                    self.lookup.http,
                    self.lookup.api_url,
                    auth,
                    query,
                    timeouts=self.lookup.network.timeouts(),
                    record=record,
                )
                self._lists[key] = _Neighbourhood(listing.entries, complete=True)

        else:
            if user_id is None or workspace_id is None:
                return _Part(NEIGHBOURS, unchecked="the entry names no user or workspace")
            key = (account, "reports", user_id, workspace_id, first, last)
            body = user_days_body(user_id, DateSpan(first, last), NEIGHBOUR_PAGE_SIZE)
            planned = PlannedRequest(
                f"the entries around it (user {user_id}'s days in a report)",
                "POST",
                search_path(workspace_id),
            )

            async def run(auth: ApiAuth, record: ExchangeRecord) -> None:
                page = await search_time_entries(
                    self.lookup.http,
                    self.lookup.api_url,
                    workspace_id,
                    body,
                    auth=auth,
                    timeouts=self.lookup.network.timeouts(),
                    record=record,
                )
                self._lists[key] = _Neighbourhood(
                    entries_from_rows(page.rows, workspace_id),
                    complete=page.next_page is None,
                )

        return _cached_part(NEIGHBOURS, self._lists, key, planned, run)

    def _project_part(
        self, account: AccountKey, workspace_id: int | None, project_id: object
    ) -> _Part:
        pid = _int(project_id)
        if pid is None:
            return _Part(PROJECT)  # none (or cleared): the entry itself says so
        if workspace_id is None:
            return _Part(PROJECT, unchecked="the entry names no workspace")
        key = (account, workspace_id, pid)

        async def run(auth: ApiAuth, record: ExchangeRecord) -> None:
            body = await fetch_project(
                self.lookup.http,
                self.lookup.api_url,
                auth,
                workspace_id,
                pid,
                timeouts=self.lookup.network.timeouts(),
                record=record,
            )
            self._projects[key] = ProjectFacts.from_json(body, pid)

        planned = PlannedRequest("the project", "GET", project_path(workspace_id, pid))
        return _cached_part(PROJECT, self._projects, key, planned, run)

    def _workspace_part(self, account: AccountKey, workspace_id: int | None) -> _Part:
        if workspace_id is None:
            return _Part(WORKSPACE, unchecked="the entry names no workspace")
        key = (account, workspace_id)

        async def run(auth: ApiAuth, record: ExchangeRecord) -> None:
            body = await fetch_workspace(
                self.lookup.http,
                self.lookup.api_url,
                auth,
                workspace_id,
                timeouts=self.lookup.network.timeouts(),
                record=record,
            )
            self._workspaces[key] = WorkspaceFacts.from_json(body, workspace_id)

        planned = PlannedRequest("the workspace", "GET", workspace_path(workspace_id))
        return _cached_part(WORKSPACE, self._workspaces, key, planned, run)

    # --- the explanation ----------------------------------------------------------------
    def _context(
        self,
        result: LookupResult,
        failures: dict[str, str],
        plan: ContextPlan,
        sent: tuple[PlannedRequest, ...],
        requests_sent: int,
    ) -> EntryContext:
        lookup = self.lookup
        now = lookup.clock()
        view = result.view
        parts = {part.what: part for part in self._parts(result)}
        unchecked: list[Unchecked] = []
        for part in parts.values():
            if part.unchecked is not None:
                unchecked.append(Unchecked(part.what, part.unchecked))
            elif part.step is not None:
                unchecked.append(Unchecked(part.what, failures.get(part.what, "not asked")))
        zone = parts[ZONE].value
        day = (
            owner_day(view.start, zone, lookup.local_zone)
            if view.start is not None and isinstance(zone, str)
            else None
        )
        neighbours = None
        neighbour_entries: list[dict[str, object]] = []
        around = parts[NEIGHBOURS].value
        me = span_of(view.raw)
        if isinstance(around, _Neighbourhood) and me is not None:
            by_id = {entry.get("id"): entry for entry in around.entries}
            spans = [span for span in map(span_of, around.entries) if span is not None]
            neighbours = relate(me, spans, now)
            neighbour_entries = [by_id[n.span.entry_id] for n in neighbours]
            if not around.complete:
                unchecked.append(
                    Unchecked(
                        f"entries around it beyond the first {NEIGHBOUR_PAGE_SIZE}",
                        "the report has more pages; they were not paid for",
                    )
                )
        project = parts[PROJECT].value
        workspace = parts[WORKSPACE].value
        context = Context(
            owner_day=day,
            neighbours=neighbours,
            project=project if isinstance(project, ProjectFacts) else None,
            workspace=workspace if isinstance(workspace, WorkspaceFacts) else None,
            unchecked=tuple(unchecked),
        )
        identity = self.signed_in()
        user_id = _int(view.raw.get("user_id"))
        return EntryContext(
            context=context,
            explanations=tuple(explain(view, context, now)),
            neighbour_entries=tuple(neighbour_entries),
            requests_sent=requests_sent,
            quota_left=self.quota_left,
            owner_time_zone=day.zone_name if day is not None else None,
            sent=sent,
            plan=plan,
            owner_is_signed_in_user=(
                None if identity is None or user_id is None else identity.user_id == user_id
            ),
        )


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _lasting(error: ApiError) -> bool:
    """Answers that will be the same for the rest of the session: kept, never paid twice."""
    return isinstance(error, (Forbidden, NotFound, BadRequest, FeatureNotOnPlan, Gone))


def _why(error: ApiError) -> str:
    """Why a part was not checked, short enough to sit in parentheses."""
    status = f"HTTP {error.status}" if error.status else type(error).__name__
    if isinstance(error, QuotaExhausted):
        resets = (
            f", it resets in {format_duration(error.resets_in_s)}"
            if error.resets_in_s is not None
            else ""
        )
        return f"the hourly quota is used up{resets}: {status}"
    if isinstance(error, FeatureNotOnPlan):
        return f"the workspace's plan does not include the Reports API: {status}"
    if isinstance(error, Forbidden):
        if "may list its members" in error.message:
            return f"only the workspace's admins may list its members: {status}"
        return f"not accessible to this account: {status}"
    if isinstance(error, NotFound):
        return f"not found: {status}"
    if isinstance(error, Unauthorized):
        return f"Toggl did not accept the sign-in: {status}"
    message = error.message.rstrip(".")
    return message[0].lower() + message[1:] if message else status


def _attempts(record: ExchangeRecord) -> str:
    return f"attempts {record.attempts}, request id {record.request_id or '-'}"


def _since_of(planned: PlannedRequest) -> datetime:
    return datetime.fromtimestamp(int(dict(planned.query)["since"]), UTC)


def _deleted_sentence(
    entry_id: int, entry: dict[str, object] | None, since: datetime, listed: int
) -> str:
    day = f"{since:%Y-%m-%d}"
    if entry is None:
        return (
            f"Entry {entry_id} is not among your {listed} entries changed or deleted since "
            f"{day}: it was not deleted by this account in that time. It may belong to someone "
            "else or be older (the Reports API reaches further back)."
        )
    deleted = entry.get("server_deleted_at")
    if deleted is None:
        return (
            f"Entry {entry_id} is among your entries changed since {day} and is not deleted, "
            "though v9 did not answer for it."
        )
    try:
        when = format_utc(parse_timestamp(deleted))
    except InvalidTimestamp:
        when = str(deleted)
    return (
        f"Entry {entry_id} was deleted ({when}): v9 no longer answers for it, but the list "
        f"of your entries changed since {day} still holds it."
    )
