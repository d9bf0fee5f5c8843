"""A stand-in for the service that explains an entry (issue #13,
inspector.services.context.ContextService) until it is merged into this branch: the
window's side of explaining (the summary's sentences, the list and the day strip of
NEIGHBOURS entries around it) after REQUESTS requests of REQUEST_LATENCY_S each, awaited
as the real ones would be. When the service lands, the benchmark uses it against the demo
process instead, and this file goes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from inspector.demo.dataset import demo_entry
from inspector.domain.explanations import Context, explain
from inspector.domain.neighbours import relate, span_of
from inspector.domain.owner_day import owner_day
from inspector.services import LookupResult
from inspector.services.context_types import ContextPlan, EntryContext, PlannedRequest

NEIGHBOURS = 200  # a busy day and the ones either side of it
REQUESTS = 3
REQUEST_LATENCY_S = 0.1
OWNER_ZONE = "America/New_York"


class ContextStandIn:
    def __init__(self, lookup: Any, own_identity: Callable[[], Any]) -> None:
        self.lookup = lookup
        self._bodies: dict[datetime, str] = {}

    def plan(self, result: LookupResult) -> ContextPlan:
        requests = tuple(
            PlannedRequest(f"part {number}", "GET", f"/api/v9/stand-in/{number}")
            for number in range(REQUESTS)
        )
        start = result.view.start
        if start is not None:  # the server's side, ready before anything is asked
            self._body(start)
        return ContextPlan(requests, result.response.quota.remaining)

    async def explain(
        self,
        result: LookupResult,
        plan: ContextPlan | None = None,
        on_progress: Callable[[object], None] | None = None,
    ) -> EntryContext:
        plan = plan or self.plan(result)
        for request in plan.requests:
            if on_progress is not None:
                on_progress(request)
            await asyncio.sleep(REQUEST_LATENCY_S)
        raw = dict(result.view.raw)
        inspected = span_of(raw)
        assert inspected is not None
        # What /me/time_entries would answer, parsed as its body would be.
        entries = json.loads(self._body(inspected.start))
        now = datetime.now(UTC)
        spans = [span for entry in entries if (span := span_of(entry)) is not None]
        context = Context(
            owner_day=owner_day(inspected.start, OWNER_ZONE, None),
            neighbours=relate(inspected, spans, now),
        )
        return EntryContext(
            context,
            tuple(explain(result.view, context, now)),
            entries,
            requests_sent=len(plan.requests),
            owner_time_zone=OWNER_ZONE,
        )

    def _body(self, start: datetime) -> str:
        """The entries around ``start`` as a JSON body (made once per start)."""
        if start not in self._bodies:
            self._bodies[start] = json.dumps(
                [
                    demo_entry(
                        9_000_000_000 + index,
                        start + timedelta(minutes=7 * (index - NEIGHBOURS // 2)),
                        600,
                        start + timedelta(minutes=7 * (index - NEIGHBOURS // 2) + 10),
                        description=f"Entry around it, number {index}",
                    )
                    for index in range(NEIGHBOURS)
                ]
            )
        return self._bodies[start]

    def plan_deleted_check(self, entry_id: int) -> ContextPlan:
        return ContextPlan((PlannedRequest("deleted", "GET", "/api/v9/stand-in"),), None)

    async def deleted_check(self, entry_id: int) -> LookupResult | None:
        await asyncio.sleep(REQUEST_LATENCY_S)
        return None
