"""ReportsSearch: years newest first, pages followed, stop at the first hit, every error named.

Against httpx.MockTransport with recorded-shape rows (tests/fixtures), then the demo API
over loopback.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest

from inspector.api import errors
from inspector.api.base_url import ApiUrl, parse_api_url
from inspector.api.retry import RetryWait
from inspector.credentials import Credential, CredentialResolver
from inspector.demo import reports as demo_reports
from inspector.demo.server import DemoServer
from inspector.domain.field_tree import ValueKind
from inspector.domain.report_rows import NOT_AVAILABLE
from inspector.services import NetworkSettings, ReportsRequest, ReportsResult, SearchProgress
from inspector.services.lookup import EntryLookup, create_http_client
from inspector.services.reports import MAX_SEARCH_REQUESTS, ReportsSearch

TOKEN = "REPORTSMARKER0000111122223333444"
API = parse_api_url("https://api.example.test")
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
WORKSPACE = 8_200_001
FOUND_ID = 3_101_155_801
PAGE = (Path(__file__).parents[1] / "fixtures" / "reports_search_page.json").read_bytes()
SEARCH_PATH = f"/reports/api/v3/workspace/{WORKSPACE}/search/time_entries"


class ReportsServer:
    """A MockTransport handler: answers per (year, first_row_number) and records bodies."""

    def __init__(
        self,
        answers: dict[tuple[int, int], httpx.Response] | None = None,
        default: Callable[[], httpx.Response] | None = None,
    ) -> None:
        self.answers = answers or {}
        self.default = default or (lambda: httpx.Response(200, json=[]))
        self.bodies: list[dict[str, object]] = []
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        body = json.loads(request.content)
        self.bodies.append(body)
        key = (int(body["start_date"][:4]), body.get("first_row_number", 1))
        return self.answers.get(key) or self.default()


def rows_page(
    content: bytes = b"[]", next_row: int | None = None, **headers: str
) -> httpx.Response:
    if next_row is not None:
        headers.update({"X-Next-ID": str(900 + next_row), "X-Next-Row-Number": str(next_row)})
    return httpx.Response(
        200, content=content, headers={"Content-Type": "application/json", **headers}
    )


def run_search(
    handler,
    request: ReportsRequest | None = None,
    network: NetworkSettings = NetworkSettings(),
    progress: list[SearchProgress] | None = None,
    waits: list[RetryWait] | None = None,
):
    """The search's result or error; sleeps between retries are recorded, not slept."""
    slept: list[float] = []

    async def no_sleep(seconds: float) -> None:
        slept.append(seconds)

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            lookup = EntryLookup(
                client,
                API,
                CredentialResolver(environ={}, fixed=Credential(TOKEN, "test")),
                clock=lambda: NOW,
                local_zone=UTC,
                network=network,
                sleep=no_sleep,
            )
            try:
                return await ReportsSearch(lookup).search(
                    request or ReportsRequest(FOUND_ID, WORKSPACE),
                    on_progress=(progress if progress is not None else []).append,
                    on_wait=(waits if waits is not None else []).append,
                )
            except errors.ApiError as error:
                return error

    return asyncio.run(go())


def test_years_are_searched_newest_first_and_the_search_stops_at_the_first_hit():
    server = ReportsServer({(2024, 1): rows_page(PAGE)})
    progress: list[SearchProgress] = []
    result = run_search(server, progress=progress)
    assert isinstance(result, ReportsResult)
    assert [(b["start_date"], b["end_date"]) for b in server.bodies] == [
        ("2026-01-01", "2026-11-30"),  # until tomorrow: a user's zone may be ahead of UTC
        ("2025-01-01", "2025-12-31"),
        ("2024-01-01", "2024-12-31"),
    ]
    assert all(b["time_entry_ids"] == [FOUND_ID] for b in server.bodies)
    assert [p.span.label for p in progress] == ["2026", "2025", "2024"]
    assert [p.request_number for p in progress] == [1, 2, 3]
    assert {p.span_count for p in progress} == {5}  # 2022 to 2026 by default
    assert result.requests == 3 and result.record.attempts == 3
    assert result.found_in.label == "2024"
    assert result.source == f"Reports API v3 (workspace {WORKSPACE})"
    assert result.workspace_id == WORKSPACE
    assert result.record.method == "POST"
    assert result.record.url == f"{API.root}{SEARCH_PATH}"


def test_the_result_shows_the_mapped_entry_and_keeps_the_page_verbatim():
    result = run_search(ReportsServer(default=lambda: rows_page(PAGE)))
    assert result.response.body_text == PAGE.decode()
    assert result.view.entry_id == FOUND_ID
    assert result.view.raw["duration"] == 3600
    assert result.view.anomalies == ()
    legacy = {
        node.label: node
        for group in result.view.groups
        if group.title == "Legacy ids"
        for node in group.fields
    }
    assert legacy["wid"].kind is ValueKind.UNAVAILABLE
    assert legacy["wid"].display == NOT_AVAILABLE
    assert result.requests == 1


def test_pages_are_followed_with_the_cursor_sent_back_until_the_hit_on_page_three():
    server = ReportsServer(
        {
            (2026, 1): rows_page(next_row=3),
            (2026, 3): rows_page(next_row=5),
            (2026, 5): rows_page(PAGE),
        }
    )
    result = run_search(server)
    assert isinstance(result, ReportsResult)
    assert [b.get("first_row_number") for b in server.bodies] == [None, 3, 5]
    assert [b.get("first_id") for b in server.bodies] == [None, 903, 905]
    assert result.requests == 3


def test_an_exhausted_year_moves_on_to_the_next_and_nothing_found_is_not_found():
    server = ReportsServer({(2026, 1): rows_page(next_row=3)})
    request = ReportsRequest(FOUND_ID, WORKSPACE, since=date(2024, 6, 1))
    outcome = run_search(server, request)
    assert isinstance(outcome, errors.NotFoundInReports)
    assert isinstance(outcome, errors.NotFound)
    assert [(b["start_date"], b.get("first_row_number")) for b in server.bodies] == [
        ("2026-01-01", None),
        ("2026-01-01", 3),
        ("2025-01-01", None),
        ("2024-06-01", None),
    ]
    assert "from 2024-06-01 to 2026-11-30 (4 requests" in outcome.message
    assert outcome.record.attempts == 4


def test_a_search_further_back_covers_only_its_older_years():
    server = ReportsServer({})
    request = ReportsRequest(FOUND_ID, WORKSPACE, since=date(2017, 1, 1), until=date(2021, 12, 31))
    outcome = run_search(server, request)
    assert isinstance(outcome, errors.NotFoundInReports)
    assert [(b["start_date"], b["end_date"]) for b in server.bodies] == [
        (f"{year}-01-01", f"{year}-12-31") for year in range(2021, 2016, -1)
    ]
    assert "from 2017-01-01 to 2021-12-31" in outcome.message


def test_rows_of_other_entries_are_never_shown_as_the_entry():
    other = json.dumps([{"time_entries": [{"id": 1, "seconds": 5}]}]).encode()
    outcome = run_search(
        ReportsServer(default=lambda: rows_page(other)),
        ReportsRequest(FOUND_ID, WORKSPACE, since=date(2026, 1, 1)),
    )
    assert isinstance(outcome, errors.NotFoundInReports)


def test_a_server_that_repeats_its_cursor_is_not_followed_forever():
    outcome = run_search(ReportsServer(default=lambda: rows_page(next_row=3)))
    assert isinstance(outcome, errors.InvalidResponse)
    assert "same next-page cursor twice" in outcome.message
    assert outcome.record.attempts == 2


def test_the_number_of_requests_is_bounded():
    counter = iter(range(3, 10_000, 2))
    outcome = run_search(ReportsServer(default=lambda: rows_page(next_row=next(counter))))
    assert isinstance(outcome, errors.InvalidResponse)
    assert outcome.record.attempts == MAX_SEARCH_REQUESTS


def test_half_a_cursor_is_an_invalid_response():
    outcome = run_search(ReportsServer(default=lambda: rows_page(**{"X-Next-ID": "12"})))
    assert isinstance(outcome, errors.InvalidResponse)
    assert "unreadable next-page cursor" in outcome.message


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'{"rows": []}', "a JSON object instead of a list of report rows"),
        (b"not json", "not valid JSON"),
    ],
)
def test_a_body_that_is_not_a_list_of_rows_is_an_invalid_response(body, words):
    outcome = run_search(ReportsServer(default=lambda: rows_page(body)))
    assert isinstance(outcome, errors.InvalidResponse)
    assert words in outcome.message


def error_answer(status: int, said: str, **headers: str) -> Callable[[], httpx.Response]:
    return lambda: httpx.Response(status, json=said, headers=headers)


@pytest.mark.parametrize(
    ("status", "said", "headers", "error", "words"),
    [
        (
            400,
            "end_date must not be earlier than start_date",
            {},
            errors.BadRequest,
            "refused the search's parameters (HTTP 400). The server said: \"end_date must not",
        ),
        (
            402,
            "Workspace needs to have this feature enabled",
            {},
            errors.FeatureNotOnPlan,
            f"Workspace {WORKSPACE}'s plan does not include the Reports API",
        ),
        (
            402,
            "You have hit your hourly limit for API calls.",
            {"X-Toggl-Quota-Remaining": "0", "X-Toggl-Quota-Resets-In": "1200"},
            errors.QuotaExhausted,
            "hourly request quota is used up (HTTP 402). It resets in",
        ),
        (
            403,
            "Workspace not found/accessible",
            {},
            errors.WorkspaceNotAccessible,
            f"Workspace {WORKSPACE} is not accessible to this account (HTTP 403)",
        ),
        (401, "", {}, errors.Unauthorized, "did not accept the sign-in (HTTP 401)"),
        (404, "Not Found", {}, errors.UnexpectedStatus, "no search for workspace"),
    ],
)
def test_each_error_is_named_and_not_retried(status, said, headers, error, words):
    server = ReportsServer(default=error_answer(status, said, **headers))
    outcome = run_search(server)
    assert type(outcome) is error
    assert words in outcome.message
    assert len(server.requests) == 1
    assert TOKEN not in outcome.message


def test_an_account_without_a_default_workspace_needs_one_named():
    async def go():
        def me(request: httpx.Request) -> httpx.Response:
            return httpx.Response(
                200,
                json={
                    "id": 1,
                    "api_token": TOKEN,
                    "email": "a@example.com",
                    "default_workspace_id": None,
                },
            )

        async with httpx.AsyncClient(transport=httpx.MockTransport(me)) as client:
            lookup = EntryLookup(
                client, API, CredentialResolver(environ={}, fixed=Credential(TOKEN, "test"))
            )
            with pytest.raises(errors.WorkspaceNeeded) as raised:
                await ReportsSearch(lookup).default_workspace_id()
        return raised.value

    error = asyncio.run(go())
    assert "no default workspace" in error.message
    assert TOKEN not in error.message


def test_without_credentials_nothing_is_sent():
    server = ReportsServer()

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(server)) as client:
            lookup = EntryLookup(client, API, CredentialResolver(environ={}))
            try:
                await ReportsSearch(lookup).search(ReportsRequest(FOUND_ID, WORKSPACE))
            except errors.ApiError as error:
                return error

    outcome = asyncio.run(go())
    assert isinstance(outcome, errors.MissingCredentials)
    assert outcome.record is not None and outcome.record.attempts == 0
    assert server.requests == []


def test_a_403_counts_as_forbidden_and_a_plan_402_is_not_quota():
    assert issubclass(errors.WorkspaceNotAccessible, errors.Forbidden)
    assert not issubclass(errors.FeatureNotOnPlan, errors.QuotaExhausted)


def test_429_and_5xx_are_retried_like_a_lookup():
    answers = iter(
        [
            httpx.Response(429, headers={"Retry-After": "2"}),
            httpx.Response(503, text="<html><title>503</title></html>"),
            rows_page(PAGE),
        ]
    )
    waits: list[RetryWait] = []
    progress: list[SearchProgress] = []
    result = run_search(
        ReportsServer(default=lambda: next(answers)), waits=waits, progress=progress
    )
    assert isinstance(result, ReportsResult)
    assert [type(wait.error) for wait in waits] == [errors.RateLimited, errors.ServerError]
    assert waits[0].delay_s == 2
    assert result.requests == 3  # every request counts against the quota, retries too
    assert len(progress) == 1  # one page asked for


def test_retries_are_bounded_by_the_attempts_setting():
    server = ReportsServer(default=lambda: httpx.Response(500, json="Internal Server Error"))
    outcome = run_search(server, network=NetworkSettings(max_attempts=2))
    assert isinstance(outcome, errors.ServerError)
    assert len(server.requests) == 2


def test_a_token_echoed_back_is_redacted_in_every_form():
    encoded = base64.b64encode(f"{TOKEN}:api_token".encode()).decode()
    outcome = run_search(
        ReportsServer(default=error_answer(400, f"bad header Basic {encoded} for {TOKEN}"))
    )
    assert TOKEN not in outcome.message and encoded not in outcome.message
    assert "[redacted]" in outcome.message


def test_cancelling_the_search_sends_no_further_request():
    async def go() -> list[httpx.Request]:
        seen: list[httpx.Request] = []
        answered = asyncio.Event()

        async def slow(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            answered.set()
            await asyncio.sleep(30)
            return rows_page()

        async with httpx.AsyncClient(transport=httpx.MockTransport(slow)) as client:
            lookup = EntryLookup(
                client,
                API,
                CredentialResolver(environ={}, fixed=Credential(TOKEN, "test")),
                clock=lambda: NOW,
            )
            task = asyncio.ensure_future(
                ReportsSearch(lookup).search(ReportsRequest(FOUND_ID, WORKSPACE))
            )
            await answered.wait()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await asyncio.sleep(0.05)
        return seen

    assert len(asyncio.run(go())) == 1


# --- against the demo API over loopback ---------------------------------------------------
@pytest.fixture(scope="module")
def demo():
    with DemoServer() as server:
        yield server


def demo_search(server: DemoServer, request: ReportsRequest):
    async def go():
        async with create_http_client() as http:
            lookup = EntryLookup(
                http, ApiUrl(server.url), CredentialResolver(fixed=Credential(server.token, "demo"))
            )
            search = ReportsSearch(lookup)
            try:
                return await search.search(request)
            except errors.ApiError as error:
                return error

    return asyncio.run(go())


def searches(server: DemoServer) -> int:
    return sum(1 for served in server.served if "/search/time_entries" in served.path)


def test_the_demo_entry_on_page_three_of_its_year_is_found(demo):
    before = searches(demo)
    result = demo_search(demo, ReportsRequest(demo_reports.OLD_LATER_PAGE_ID, WORKSPACE))
    assert isinstance(result, ReportsResult), result
    assert result.found_in.label == str(datetime.now(UTC).year - 3)
    # the newer years (one request each) then three pages of that year
    assert result.requests == 3 + 3
    assert searches(demo) - before == result.requests
    rows = json.loads(result.response.body_text)
    assert rows[0]["time_entries"][0]["id"] == demo_reports.OLD_LATER_PAGE_ID
    assert result.view.raw["project_id"] is None
    assert result.view.raw["billable"] is False


def test_the_demo_group_of_two_maps_the_second_entry(demo):
    result = demo_search(demo, ReportsRequest(demo_reports.OLD_GROUP_PARTNER_ID, WORKSPACE))
    assert isinstance(result, ReportsResult), result
    assert result.view.raw["id"] == demo_reports.OLD_GROUP_PARTNER_ID
    assert result.view.raw["description"] == "Onboarding a new customer"
    assert result.view.raw["tags"] == []


def test_the_ancient_demo_entry_needs_an_earlier_since(demo):
    outcome = demo_search(demo, ReportsRequest(demo_reports.ANCIENT_ID, WORKSPACE))
    assert isinstance(outcome, errors.NotFoundInReports)
    found = demo_search(
        demo, ReportsRequest(demo_reports.ANCIENT_ID, WORKSPACE, since=date(NOW.year - 12, 1, 1))
    )
    assert isinstance(found, ReportsResult), found


@pytest.mark.parametrize(
    ("workspace_id", "error"),
    [
        (demo_reports.PLAN_WORKSPACE_ID, errors.FeatureNotOnPlan),
        (demo_reports.FORBIDDEN_WORKSPACE_EXAMPLE, errors.WorkspaceNotAccessible),
    ],
)
def test_the_demo_workspaces_that_refuse(demo, workspace_id, error):
    outcome = demo_search(demo, ReportsRequest(demo_reports.OLD_RECENT_ID, workspace_id))
    assert type(outcome) is error
    assert outcome.record.attempts == 1


def test_the_demo_quota_runs_out_with_a_quota_402():
    with DemoServer(reports_quota=2) as server:
        outcome = demo_search(server, ReportsRequest(demo_reports.ANCIENT_ID, WORKSPACE))
    assert isinstance(outcome, errors.QuotaExhausted)
    assert outcome.record.attempts == 3


def test_the_default_workspace_and_the_workspaces_come_from_the_account(demo):
    async def go():
        async with create_http_client() as http:
            lookup = EntryLookup(
                http, ApiUrl(demo.url), CredentialResolver(fixed=Credential(demo.token, "demo"))
            )
            search = ReportsSearch(lookup)
            return await search.default_workspace_id(), await search.workspaces()

    default, workspaces = asyncio.run(go())
    assert default == WORKSPACE
    assert [(w.workspace_id, w.name) for w in workspaces] == [
        (8_200_001, "Demo Support Team"),
        (8_200_002, "Demo Sandbox"),
        (8_200_005, "Demo Partner Agency"),
    ]
