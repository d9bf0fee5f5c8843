"""A stand-in for inspector.services.context.ContextService (issue #13) until the real one
is merged: the same methods, the domain's own relate / owner_day / explain on made-up
neighbours, and a count of the requests it would have sent. It can hold its answer, keep
answering after being cancelled (a late, stale answer), and say 403 for parts of the plan
as the real service does (in ``unchecked``, never raised)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from inspector.api.exchange import ExchangeRecord, Quota
from inspector.api.time_entries import EntryResponse
from inspector.demo.dataset import demo_entry
from inspector.domain.entry_view import build_entry_view
from inspector.domain.explanations import Context, Unchecked, explain
from inspector.domain.neighbours import relate, span_of
from inspector.domain.owner_day import owner_day
from inspector.services import LookupRequest, LookupResult
from inspector.services.context_types import (
    ContextPlan,
    DeletedCheck,
    EntryContext,
    PlannedRequest,
)

AROUND = "entries around it"
PROJECT = "the project"
OWNER_ZONE = "the owner's time zone"
DELETED = "your deleted entries"

# Made-up neighbours, by how their id is offset from the inspected entry's.
OVERLAPPING, DUPLICATE, CLOSE_BY, RUNNING = 101, 102, 103, 104


def neighbour_entries(raw: dict[str, Any], with_running: bool = False) -> list[dict[str, Any]]:
    """An entry overlapping the start by 5 minutes, an exact duplicate, one an hour
    before, and (if asked) one left running: v9 time entry objects."""
    entry_id = raw["id"]
    start = datetime.fromisoformat(raw["start"])
    found = [
        demo_entry(
            entry_id + OVERLAPPING,
            start - timedelta(minutes=20),
            25 * 60,
            start + timedelta(minutes=5),
            description="Standup <b>notes</b>",
            project_id=201_000_002,
        ),
        {**raw, "id": entry_id + DUPLICATE},
        demo_entry(
            entry_id + CLOSE_BY,
            start - timedelta(minutes=90),
            30 * 60,
            start - timedelta(minutes=60),
            description="Email triage",
        ),
    ]
    if with_running:
        found.append(
            demo_entry(
                entry_id + RUNNING,
                start + timedelta(hours=3),
                -1,
                None,
                description="Timer left running",
            )
        )
    return found


@dataclass
class FakeContextService:
    cost: int = 3
    quota_left: int | None = 24
    owner_zone: str | None = "America/New_York"
    forbidden: set[str] = field(default_factory=set)  # purposes Toggl answers 403 for
    with_running: bool = False
    deleted: dict[int, dict[str, Any]] = field(default_factory=dict)  # id -> deleted entry
    held: bool = False  # explain() waits for release()
    late: bool = False  # a held answer still comes after being cancelled
    sent: list[str] = field(default_factory=list)  # every request "sent", by path
    explained: list[int] = field(default_factory=list)  # entries explain() was asked for
    answered: list[int] = field(default_factory=list)  # entries explain() answered for
    lookup: Any = None
    own_identity: Callable[[], Any] | None = None
    _gates: list[asyncio.Future[None]] = field(default_factory=list)

    def factory(self, lookup: Any, own_identity: Callable[[], Any]) -> FakeContextService:
        self.lookup, self.own_identity = lookup, own_identity
        return self

    def release(self) -> None:
        for gate in self._gates:
            if not gate.done():
                gate.set_result(None)

    @property
    def waiting(self) -> int:
        return sum(1 for gate in self._gates if not gate.done())

    # --- the service's methods ------------------------------------------------------------
    def forget(self) -> None:
        pass

    def plan(self, result: LookupResult) -> ContextPlan:
        raw = result.view.raw
        purposes = [
            (AROUND, "/api/v9/me/time_entries?start_date=…&end_date=…"),
            (PROJECT, f"/api/v9/workspaces/{raw.get('workspace_id')}/projects/1"),
            (OWNER_ZONE, "/api/v9/me"),
        ]
        requests = tuple(
            PlannedRequest(purpose, "GET", path) for purpose, path in purposes[: self.cost]
        )
        return ContextPlan(requests, self.quota_left)

    async def explain(
        self,
        result: LookupResult,
        plan: ContextPlan | None = None,
        on_progress: Callable[[object], None] | None = None,
    ) -> EntryContext:
        plan = plan or self.plan(result)
        self.explained.append(result.request.entry_id)
        for request in plan.requests:
            if on_progress is not None:
                on_progress(request)
            self.sent.append(request.path)
            if self.quota_left is not None:
                self.quota_left -= 1
            await asyncio.sleep(0)
        if self.held:
            await self._wait_for_release()
        self.answered.append(result.request.entry_id)
        return self._context(result, plan)

    def plan_deleted_check(self, entry_id: int) -> ContextPlan:
        return ContextPlan(
            (PlannedRequest(DELETED, "GET", "/api/v9/me/time_entries?since=…"),),
            self.quota_left,
        )

    async def deleted_check(self, entry_id: int, plan: ContextPlan | None = None) -> DeletedCheck:
        found = await self._deleted_entry(entry_id)
        sentence = "" if found else f"Entry {entry_id} is not among the recently changed entries."
        since = datetime.now(UTC) - timedelta(days=30)
        return DeletedCheck(entry_id, since, True, found, sentence, 1, self.quota_left)

    async def _deleted_entry(self, entry_id: int) -> LookupResult | None:
        self.sent.append("/api/v9/me/time_entries?since=…")
        if self.quota_left is not None:
            self.quota_left -= 1
        await asyncio.sleep(0)
        raw = self.deleted.get(entry_id)
        if raw is None:
            return None
        body = json.dumps(raw)
        url = "http://127.0.0.1/api/v9/me/time_entries?since=…"
        record = ExchangeRecord(url=url, status=200, attempts=1, outcome="200 OK")
        response = EntryResponse(url, body, raw, 1.0, Quota(self.quota_left, 3600), None)
        view = build_entry_view(raw, datetime.now(UTC), None)
        return LookupResult(LookupRequest(entry_id), view, response, "fake", record)

    # --- how it answers -------------------------------------------------------------------
    async def _wait_for_release(self) -> None:
        gate = asyncio.get_running_loop().create_future()
        self._gates.append(gate)
        while True:
            try:
                await asyncio.shield(gate)
                return
            except asyncio.CancelledError:
                if not self.late:
                    raise

    def _context(self, result: LookupResult, plan: ContextPlan) -> EntryContext:
        view = result.view
        now = datetime.now(UTC)
        raw = dict(view.raw)
        inspected = span_of(raw)
        asked = {request.purpose for request in plan.requests}
        unchecked = tuple(
            Unchecked(purpose, "HTTP 403: not accessible to this account")
            for purpose in sorted(self.forbidden & asked)
        )
        around = AROUND in asked and AROUND not in self.forbidden and inspected is not None
        entries = neighbour_entries(raw, self.with_running) if around else []
        spans = [span for entry in entries if (span := span_of(entry)) is not None]
        zone = self.owner_zone if OWNER_ZONE in asked and OWNER_ZONE not in self.forbidden else None
        context = Context(
            owner_day=owner_day(inspected.start, zone, None) if inspected and zone else None,
            neighbours=relate(inspected, spans, now) if around and inspected else None,
            unchecked=unchecked,
        )
        return EntryContext(
            context,
            tuple(explain(view, context, now)),
            entries,
            requests_sent=len(plan.requests),
            quota_left=self.quota_left,
            owner_time_zone=zone,
        )
