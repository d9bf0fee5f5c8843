"""The demo's hourly quota resets after a period of its own (issue #14's quota pause is
tested against it): a clock of the test's, so nobody sleeps."""

from __future__ import annotations

import concurrent.futures

import httpx

from inspector.demo.dataset import DEMO_API_TOKEN
from inspector.demo.server import DemoServer

AUTH = (DEMO_API_TOKEN, "api_token")
ENTRY = "/api/v9/me/time_entries/5000000001"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def quota(response: httpx.Response) -> tuple[int, str, str]:
    return (
        response.status_code,
        response.headers["X-Toggl-Quota-Remaining"],
        response.headers["X-Toggl-Quota-Resets-In"],
    )


def test_the_quota_counts_down_to_its_reset_then_comes_back_whole():
    clock = Clock()
    with (
        DemoServer(hourly_quota=2, quota_resets_in_s=60, clock=clock) as demo,
        httpx.Client(base_url=demo.url, auth=AUTH, timeout=10.0) as http,
    ):
        first = quota(http.get(ENTRY))
        clock.now += 10.5
        second = quota(http.get(ENTRY))
        refused = quota(http.get(ENTRY))
        clock.now += 49.5  # the window's end
        again = quota(http.get(ENTRY))
        clock.now += 125  # two more windows later
        later = quota(http.get(ENTRY))
    assert first == (200, "1", "60")
    assert second == (200, "0", "50")
    assert refused == (402, "0", "50")
    assert again == (200, "1", "60")
    assert later == (200, "1", "55")


def test_without_a_period_the_headers_are_as_before():
    with (
        DemoServer(hourly_quota=1) as demo,
        httpx.Client(base_url=demo.url, auth=AUTH, timeout=10.0) as http,
    ):
        answers = [quota(http.get(ENTRY)) for _ in range(2)]
    assert answers == [(200, "0", "3600"), (402, "0", "1234")]


def test_concurrent_requests_never_get_more_than_the_quota():
    with DemoServer(hourly_quota=5) as demo:

        def ask(_: int) -> int:
            with httpx.Client(base_url=demo.url, auth=AUTH, timeout=10.0) as http:
                return http.get(ENTRY).status_code

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(ask, range(12)))
    assert statuses.count(200) == 5 and statuses.count(402) == 7
