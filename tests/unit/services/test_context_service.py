"""ContextService against httpx.MockTransport: a 402 or 403 never hides the entry nor raises,
retries stay within the plan's requests, a missing credential sends nothing; and the light
types the window codes against."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

import httpx

from inspector.api.base_url import parse_api_url
from inspector.credentials import Credential, CredentialResolver
from inspector.domain.identity import Identity
from inspector.services import LookupRequest, NetworkSettings
from inspector.services.context import ContextService
from inspector.services.context_types import ContextPlan, ContextProgress, PlannedRequest
from inspector.services.lookup import EntryLookup

API = parse_api_url("https://api.example.test")
TOKEN = "C0NTEXTSERVICE000011112222333344"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
ENTRY_ID = 5_000_000_777
ME = Identity(61, "Ana", "ana@example.com", 9, None, "Europe/Lisbon")
ENTRY = {
    "id": ENTRY_ID,
    "workspace_id": 9,
    "project_id": 7,
    "user_id": 61,
    "start": "2026-11-28T09:00:00+00:00",
    "stop": "2026-11-28T10:00:00+00:00",
    "duration": 3600,
    "description": "Work",
    "tags": ["a"],
    "billable": True,
}
QUOTA = {"X-Toggl-Quota-Remaining": "0", "X-Toggl-Quota-Resets-In": "1234"}


def run(
    context_answer: Callable[[httpx.Request], httpx.Response],
    *,
    credentials: CredentialResolver | None = None,
    explain_twice: bool = False,
):
    """Look the entry up (always answered), explain it; the requests that reached the
    transport after the lookup, the context(s), and the waits asked for (never slept)."""
    seen: list[httpx.Request] = []
    slept: list[float] = []

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/api/v9/me/time_entries/{ENTRY_ID}":
            return httpx.Response(200, json=ENTRY, headers={"X-Toggl-Quota-Remaining": "9"})
        seen.append(request)
        return context_answer(request)

    async def no_sleep(seconds: float) -> None:
        slept.append(seconds)

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handle)) as http:
            lookup = EntryLookup(
                http,
                API,
                CredentialResolver(environ={}, fixed=Credential(TOKEN, "test")),
                clock=lambda: NOW,
                local_zone=UTC,
                network=NetworkSettings(max_attempts=3),
                sleep=no_sleep,
            )
            result = await lookup.lookup(LookupRequest(ENTRY_ID))
            if credentials is not None:
                lookup.credentials = credentials
            service = ContextService(lookup, lambda: ME)
            plan = service.plan(result)
            first = await service.explain(result, plan)
            second = await service.explain(result) if explain_twice else None
            return plan, first, second, service.plan(result)

    plan, first, second, again = asyncio.run(go())
    return seen, plan, first, second, again, slept


def test_a_quota_402_stops_at_once_and_says_what_was_not_checked():
    seen, plan, context, _, _, slept = run(
        lambda r: httpx.Response(402, json="You have hit your hourly limit", headers=QUOTA)
    )
    assert plan.quota_left == 9 and plan.cost == 3
    assert len(seen) == 1 and slept == []  # a quota 402 is never retried, nor the rest sent
    assert context.requests_sent == 1 and context.quota_left == 0
    whys = [(item.what, item.why) for item in context.context.unchecked]
    assert whys == [
        (
            "the entries around it",
            "the hourly quota is used up, it resets in 0:20:34: HTTP 402",
        ),
        ("the project", "not sent: the hourly quota is used up, it resets in 0:20:34: HTTP 402"),
        (
            "the workspace's rules",
            "not sent: the hourly quota is used up, it resets in 0:20:34: HTTP 402",
        ),
    ]
    assert context.explanations[0].code == "unchecked"


def test_403s_are_kept_like_answers_and_never_asked_again():
    seen, _, first, second, again, _ = run(
        lambda r: httpx.Response(403, json="User does not have access to this resource."),
        explain_twice=True,
    )
    assert len(seen) == 3 and first.requests_sent == 3
    assert {item.why for item in first.context.unchecked} == {
        "not accessible to this account: HTTP 403"
    }
    assert second is not None and second.requests_sent == 0
    assert second.context.unchecked == first.context.unchecked
    assert again.cost == 0


def test_a_server_error_is_retried_within_the_planned_request_only():
    answers = iter([httpx.Response(503, json="Service Unavailable")])

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v9/me/time_entries":
            return next(answers, None) or httpx.Response(200, json=[ENTRY])
        if request.url.path.endswith("/projects/7"):
            return httpx.Response(200, json={"id": 7, "name": "Old", "status": "archived"})
        return httpx.Response(200, json={"id": 9, "name": "WS"})

    seen, plan, context, _, _, slept = run(answer)
    assert [r.url.path for r in seen] == [
        "/api/v9/me/time_entries",
        "/api/v9/me/time_entries",
        "/api/v9/workspaces/9/projects/7",
        "/api/v9/workspaces/9",
    ]
    assert len(slept) == 1 and context.requests_sent == 4 <= plan.most_requests
    assert [e.code for e in context.explanations] == ["project_archived"]
    assert context.context.unchecked == ()


def test_without_a_credential_nothing_is_sent_and_the_entry_still_stands():
    seen, _, context, _, _, _ = run(
        lambda r: httpx.Response(200, json={}),
        credentials=CredentialResolver(environ={}),
    )
    assert seen == [] and context.requests_sent == 0
    assert len(context.context.unchecked) == 3
    assert all(item.why.startswith("no credential") for item in context.context.unchecked)


def test_the_light_types():
    planned = PlannedRequest("x", "GET", "/api/v9/me/time_entries", (("since", "5"),))
    assert planned.target == "/api/v9/me/time_entries?since=5"
    plan = ContextPlan((planned, planned), quota_left=4, max_attempts=3)
    assert plan.most_requests == 6 and plan.below_reserve
    declined = plan.decline("kept for lookups")
    assert declined.cost == 0 and declined.declined == "kept for lookups"
    assert not ContextPlan((), None).below_reserve
    progress = ContextProgress(planned, 1, 2, None)
    assert progress.text == "Explaining: x (request 1 of 2)…"
