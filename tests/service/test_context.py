"""ContextService against the demo API over loopback: what explaining an entry costs, counted
where it lands (the server's record of requests), and what it finds."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC
from typing import TypeVar

import pytest

from inspector.api import errors
from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential, CredentialResolver
from inspector.demo import explain_data, reports
from inspector.demo.server import DemoServer
from inspector.domain.explanations import Unchecked
from inspector.domain.identity import Identity
from inspector.domain.neighbours import Relation
from inspector.services import LookupRequest, LookupResult, ReportsRequest
from inspector.services.context import ContextService
from inspector.services.context_types import ContextProgress, EntryContext
from inspector.services.lookup import EntryLookup, create_http_client
from inspector.services.reports import ReportsSearch

T = TypeVar("T")
ENTRY_PATH = "/api/v9/me/time_entries/"
SEARCH_SUFFIX = "/search/time_entries"


class Session:
    """One app session: a lookup, the Reports search and the context service on one client."""

    def __init__(self, server: DemoServer, identity: Identity | None) -> None:
        self.server = server
        self.identity = identity
        self.lookup: EntryLookup
        self.context: ContextService

    async def look_up(self, entry_id: int) -> LookupResult:
        return await self.lookup.lookup(LookupRequest(entry_id, meta=True))

    async def search(self, entry_id: int, workspace_id: int) -> LookupResult:
        return await ReportsSearch(self.lookup).search(ReportsRequest(entry_id, workspace_id))

    async def explained(self, result: LookupResult, **options) -> tuple[EntryContext, int]:
        """The context, and how many requests reached the server meanwhile."""
        before = len(self.server.received)
        found = await self.context.explain(result, **options)
        return found, len(self.server.received) - before


def in_session(
    server: DemoServer,
    go: Callable[[Session], Awaitable[T]],
    identity: Identity | str | None = "demo",
) -> T:
    signed_in = server.users[0].identity() if identity == "demo" else identity
    assert not isinstance(signed_in, str)

    async def run() -> T:
        async with create_http_client() as http:
            session = Session(server, signed_in)
            session.lookup = EntryLookup(
                http,
                ApiUrl(server.url),
                CredentialResolver(fixed=Credential(server.token, "demo")),
                local_zone=UTC,
            )
            session.context = ContextService(session.lookup, lambda: signed_in)
            return await go(session)

    return asyncio.run(run())


@pytest.fixture
def server():
    with DemoServer() as demo:
        yield demo


def codes(context: EntryContext) -> list[str]:
    return [explanation.code for explanation in context.explanations]


def context_requests(server: DemoServer) -> list[str]:
    """What reached the server other than lookups and the Reports searches that found them."""
    return [
        target
        for target in server.received_targets
        if not target.startswith(ENTRY_PATH) and not target.endswith(SEARCH_SUFFIX)
    ]


# --- quota first ---------------------------------------------------------------------------
def test_nothing_is_sent_for_context_unless_explain_is_called(server):
    async def go(session: Session):
        result = await session.look_up(explain_data.OVERLAP_FIRST_ID)
        return session.context.plan(result)

    plan = in_session(server, go)
    assert server.received == [f"{ENTRY_PATH}{explain_data.OVERLAP_FIRST_ID}"]
    assert [request.purpose for request in plan.requests] == [
        "the entries around it (the day before to the day after)",
        "the project",
        "the workspace",
    ]
    assert plan.cost == 3 and plan.max_attempts == 3
    assert plan.quota_left is not None and plan.quota_left > 500  # the lookup's answer told it
    assert plan.offer_text() == f"Explain: 3 requests, quota left {plan.quota_left}"


def test_an_own_entry_costs_three_and_the_next_of_its_day_and_project_nothing(server):
    async def go(session: Session):
        first = await session.look_up(explain_data.OVERLAP_FIRST_ID)
        first_context, first_cost = await session.explained(first)
        second = await session.look_up(explain_data.OVERLAP_SECOND_ID)
        plan = session.context.plan(second)
        second_context, second_cost = await session.explained(second, plan=plan)
        return first_context, first_cost, plan, second_context, second_cost

    first, first_cost, plan, second, second_cost = in_session(server, go)
    assert first_cost == 3 and first.requests_sent == 3
    assert [request.path for request in first.sent] == [
        "/api/v9/me/time_entries",
        "/api/v9/workspaces/8200001/projects/201000001",
        "/api/v9/workspaces/8200001",
    ]
    assert codes(first) == ["overlap"]
    assert first.explanations[0].sentence.startswith(
        f"Overlaps entry {explain_data.OVERLAP_SECOND_ID} by 0:15:00"
    )
    assert first.owner_time_zone == "Europe/Berlin" and first.owner_is_signed_in_user
    assert first.context.unchecked == ()
    assert plan.cost == 0 and plan.offer_text().startswith("Explain: no requests (all cached)")
    assert second_cost == 0 and second.requests_sent == 0
    assert codes(second) == ["overlap"]
    assert [span.entry_id for span in second.spans] == [explain_data.OVERLAP_FIRST_ID]
    assert second.neighbour_entries[0]["id"] == explain_data.OVERLAP_FIRST_ID
    listed = [t for t in context_requests(server) if t.startswith("/api/v9/me/time_entries?")]
    assert len(listed) == 1 and "start_date=" in listed[0] and "end_date=" in listed[0]


@pytest.mark.parametrize(
    ("entry_id", "expected", "cost"),
    [
        (explain_data.DUPLICATE_ID, ["duplicate"], 3),
        (explain_data.RUNNING_FIRST_ID, ["second_running"], 3),
        (explain_data.ARCHIVED_PROJECT_ENTRY_ID, ["project_archived"], 3),
        (explain_data.DELETED_PROJECT_ENTRY_ID, ["no_project"], 2),  # no project to ask for
        (explain_data.DELETED_TAGS_ENTRY_ID, ["no_tags"], 3),
        (explain_data.ROUNDED_ENTRY_ID, ["rounding"], 3),
    ],
)
def test_each_demo_entry_shows_its_explanation(server, entry_id, expected, cost):
    async def go(session: Session):
        return await session.explained(await session.look_up(entry_id))

    context, sent = in_session(server, go)
    assert codes(context) == expected
    assert sent == cost == context.requests_sent
    if entry_id == explain_data.ROUNDED_ENTRY_ID:
        assert context.explanations[0].sentence == (
            "The workspace rounds durations in reports up 15 minutes: reports show 0:45:00 "
            "where the entry holds 0:37:00."
        )
    if entry_id == explain_data.RUNNING_FIRST_ID:
        [neighbour] = [n for n in context.context.neighbours or () if n.relation]
        assert neighbour.relation is Relation.RUNNING
        assert neighbour.span.entry_id == explain_data.RUNNING_SECOND_ID


def test_another_users_entry_is_read_in_their_zone_from_the_members_list(server):
    async def go(session: Session):
        found = await session.search(reports.OTHER_ZONE_ID, 8_200_001)
        plan = session.context.plan(found)
        context, sent = await session.explained(found, plan=plan)
        again = session.context.plan(found)
        return plan, context, sent, again

    plan, context, sent, again = in_session(server, go)
    assert [(r.method, r.path) for r in plan.requests] == [
        ("GET", "/api/v9/workspaces/8200001/workspace_users"),
        ("POST", "/reports/api/v3/workspace/8200001/search/time_entries"),
        ("GET", "/api/v9/workspaces/8200001/projects/201000001"),
        ("GET", "/api/v9/workspaces/8200001"),
    ]
    assert sent == 4 and again.cost == 0
    assert context.owner_time_zone == "Asia/Tokyo"
    assert context.owner_is_signed_in_user is False
    day = context.context.owner_day
    assert day is not None and day.differs_from_utc and day.day_differs
    assert codes(context) == ["owner_day_differs"]
    assert "For its owner (Asia/Tokyo) the entry starts" in context.explanations[0].sentence
    # The neighbours came from one report page of that user's days, asked with user_ids.
    [(_, body)] = [posted for posted in server.posted if b"user_ids" in posted[1]]
    sent_body = json.loads(body)
    assert (sent_body["user_ids"], sent_body["page_size"]) == ([6_100_005], 50)
    assert [entry["id"] for entry in context.neighbour_entries] == [5_000_002_201]


def test_a_403_on_the_members_list_is_said_and_never_paid_twice(server):
    async def go(session: Session):
        found = await session.search(reports.MEMBERS_FORBIDDEN_ID, 8_200_005)
        context, sent = await session.explained(found)
        return context, sent, session.context.plan(found)

    context, sent, again = in_session(server, go)
    assert sent == 4  # the 403 included: it costs like any answer
    assert context.context.unchecked == (
        Unchecked(
            "the owner's time zone", "only the workspace's admins may list its members: HTTP 403"
        ),
    )
    assert codes(context) == ["rounding", "unchecked"]
    assert context.explanations[-1].sentence == (
        "Not checked: the owner's time zone (only the workspace's admins may list its "
        "members: HTTP 403)"
    )
    assert again.cost == 0  # the refusal is kept like an answer


def test_without_a_known_identity_the_profile_zone_costs_one_request_once(server):
    async def go(session: Session):
        first = await session.look_up(explain_data.DUPLICATE_ID)
        plan = session.context.plan(first)
        context, sent = await session.explained(first, plan=plan)
        second = await session.look_up(explain_data.DUPLICATE_ORIGINAL_ID)
        return plan, context, sent, session.context.plan(second)

    plan, context, sent, second_plan = in_session(server, go, identity=None)
    assert plan.requests[0].path == "/api/v9/me" and plan.cost == 4 and sent == 4
    assert context.owner_time_zone == "Europe/Berlin"
    assert context.owner_is_signed_in_user is None
    assert second_plan.cost == 0


def test_never_more_than_the_plan_priced(server):
    async def go(session: Session):
        result = await session.look_up(explain_data.ARCHIVED_PROJECT_ENTRY_ID)
        plan = session.context.plan(result)
        only_project = replace(plan, requests=(plan.requests[1],))
        return await session.explained(result, plan=only_project)

    context, sent = in_session(server, go)
    assert sent == 1
    assert context_requests(server) == ["/api/v9/workspaces/8200001/projects/201000002"]
    assert codes(context)[0] == "project_archived"
    whys = {item.what: item.why for item in context.context.unchecked}
    assert whys == {
        "the entries around it": (
            "not in the plan that was priced: explain again to see its price"
        ),
        "the workspace's rules": (
            "not in the plan that was priced: explain again to see its price"
        ),
    }


def test_a_declined_plan_sends_nothing_and_still_explains_what_the_entry_says(server):
    async def go(session: Session):
        result = await session.look_up(explain_data.DELETED_PROJECT_ENTRY_ID)
        plan = session.context.plan(result).decline("you kept the quota for lookups")
        return await session.explained(result, plan=plan)

    context, sent = in_session(server, go)
    assert sent == 0 and context.requests_sent == 0
    assert codes(context) == ["no_project", "unchecked", "unchecked"]
    assert {item.why for item in context.context.unchecked} == {"you kept the quota for lookups"}


def test_progress_is_told_before_each_request(server):
    progress: list[ContextProgress] = []

    async def go(session: Session):
        result = await session.look_up(explain_data.DUPLICATE_ID)
        return await session.explained(result, on_progress=progress.append)

    in_session(server, go)
    assert [p.text for p in progress] == [
        "Explaining: the entries around it (the day before to the day after) (request 1 of 3)…",
        "Explaining: the project (request 2 of 3)…",
        "Explaining: the workspace (request 3 of 3)…",
    ]
    assert all(p.quota_left is not None for p in progress)


# --- after a v9 404: was it deleted? ----------------------------------------------------------
def test_an_entry_deleted_yesterday_is_found_among_the_entries_changed_since(server):
    async def go(session: Session):
        with pytest.raises(errors.NotFound):
            await session.look_up(explain_data.DELETED_YESTERDAY_ID)
        plan = session.context.plan_deleted_check(explain_data.DELETED_YESTERDAY_ID)
        before = len(server.received)
        check = await session.context.deleted_check(explain_data.DELETED_YESTERDAY_ID, plan)
        return plan, check, len(server.received) - before

    plan, check, sent = in_session(server, go)
    assert plan.cost == 1 and plan.requests[0].target.startswith("/api/v9/me/time_entries?since=")
    assert sent == 1 == check.requests_sent
    assert server.received_targets[-1] == plan.requests[0].target
    assert check.checked and check.deleted and check.found is not None
    assert check.found.view.entry_id == explain_data.DELETED_YESTERDAY_ID
    assert [a.code for a in check.found.view.anomalies] == ["deleted"]
    assert check.sentence.startswith(f"Entry {explain_data.DELETED_YESTERDAY_ID} was deleted (")
    assert check.quota_left is not None


def test_an_entry_never_deleted_is_said_to_be_not_among_them(server):
    async def go(session: Session):
        return await session.context.deleted_check(reports.OLD_RECENT_ID)

    check = in_session(server, go)
    assert check.checked and check.found is None and not check.deleted
    assert f"Entry {reports.OLD_RECENT_ID} is not among your" in check.sentence
    assert check.requests_sent == 1


def test_a_declined_deleted_check_sends_nothing(server):
    async def go(session: Session):
        plan = session.context.plan_deleted_check(1).decline("not now")
        return await session.context.deleted_check(1, plan)

    check = in_session(server, go)
    assert not check.checked and check.requests_sent == 0
    assert check.sentence == "Not checked whether entry 1 was deleted (not now)."
    assert server.received == []
