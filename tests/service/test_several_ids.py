"""Several IDs at once (issue #14) against the demo API over loopback: the plan, at most two
at a time, the quota pause at the reserve (never a 402, counted on the server's side), the
reset, stopping, cancelling. The demo's quota window and the run's countdown share a clock
of the test's: nobody sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest

from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential, CredentialResolver
from inspector.demo.server import DemoServer
from inspector.domain.lookup_facts import LookupOutcome
from inspector.services.batch import BatchLookup
from inspector.services.batch_types import AtReserve, BatchProgress, BatchStop, QuotaPause
from inspector.services.lookup import EntryLookup, create_http_client

T = TypeVar("T")
FOUND = [5000000001, 5000000002, 5000000004, 5000000005, 5000000006, 5000000007]
ENTRY_PATH = "/api/v9/me/time_entries/"


class Clock:
    """Seconds that pass only when the run sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def with_lookup(
    server: DemoServer, go: Callable[[EntryLookup], Awaitable[T]], token: str | None = None
) -> T:
    async def run() -> T:
        async with create_http_client() as http:
            lookup = EntryLookup(
                http,
                ApiUrl(server.url),
                CredentialResolver(fixed=Credential(token or server.token, "demo")),
            )
            return await go(lookup)

    return asyncio.run(run())


def statuses(server: DemoServer) -> list[int]:
    return [served.status for served in server.served]


def test_the_plan_is_priced_before_anything_is_sent():
    with DemoServer() as server:

        async def go(lookup: EntryLookup):
            batch = BatchLookup(lookup)
            before = batch.plan([5000000001, 5000000002, 5000000001, 5000000404])
            sent_before = len(server.received)
            outcome = await batch.start(before).run()
            return before, sent_before, batch.plan([1, 2]), outcome

        plan, sent_before, after, outcome = with_lookup(server, go)
    assert plan.ids == (5000000001, 5000000002, 5000000404)
    assert plan.text == "3 IDs = 3 requests; quota left unknown"
    assert sent_before == 0
    assert after.text == "2 IDs = 2 requests; quota left 597"
    assert [f.outcome for f in outcome.findings] == [
        LookupOutcome.FOUND,
        LookupOutcome.FOUND,
        LookupOutcome.NOT_FOUND,
    ]
    assert outcome.stopped is None and outcome.not_looked_up == ()
    assert outcome.requests == 3 == len(server.received)
    assert outcome.text == "3 IDs: 2 found, 1 not found · 3 requests · quota left 597"


def test_in_order_at_most_two_at_a_time_with_progress():
    in_flight = 0
    most = 0
    progress: list[BatchProgress] = []
    ids = [*FOUND, 5000000404, 5000000500, 5000000403]

    with DemoServer() as server:

        async def go(lookup: EntryLookup):
            original = lookup.lookup

            async def counted(request, on_wait=lambda wait: None, **options):
                nonlocal in_flight, most
                in_flight += 1
                most = max(most, in_flight)
                try:
                    return await original(request, on_wait, **options)
                finally:
                    in_flight -= 1

            lookup.lookup = counted  # type: ignore[method-assign]
            lookup.network = lookup.network.__class__(max_attempts=1)
            batch = BatchLookup(lookup)
            return await batch.start(batch.plan(ids), meta=True, on_progress=progress.append).run()

        outcome = with_lookup(server, go)
    assert most == 2
    assert [f.entry_id for f in outcome.findings] == ids
    by_outcome = {f.entry_id: f.outcome.value for f in outcome.findings}
    assert by_outcome[5000000404] == "not_found"
    assert by_outcome[5000000500] == "error" and by_outcome[5000000403] == "error"
    assert "HTTP 500" in next(f for f in outcome.findings if f.entry_id == 5000000500).message
    assert [p.done for p in progress] == list(range(1, len(ids) + 1))
    assert progress[-1].text.startswith(f"{len(ids)} of {len(ids)} looked up · quota left ")
    first = next(f for f in outcome.findings if f.entry_id == 5000000001)
    assert first.result is not None and first.result.request.meta
    assert sorted(server.received) == sorted(ENTRY_PATH + str(i) for i in ids)


def test_the_run_pauses_at_the_reserve_and_goes_on_after_the_reset_without_a_402():
    clock = Clock()
    pauses: list[QuotaPause] = []
    quota_at_pause: list[tuple[int, int | None]] = []
    with DemoServer(hourly_quota=5, quota_resets_in_s=30, clock=clock) as server:

        def on_pause(pause: QuotaPause) -> None:
            if not pauses:
                quota_at_pause.append(server.quota_left())
            pauses.append(pause)

        async def go(lookup: EntryLookup):
            batch = BatchLookup(lookup, clock=clock, sleep=clock.sleep)
            plan = batch.plan(FOUND)
            return await batch.start(plan, at_reserve=AtReserve.WAIT, on_pause=on_pause).run()

        outcome = with_lookup(server, go)
        served = statuses(server)
    assert 402 not in served and served == [200] * len(FOUND)
    assert [f.outcome for f in outcome.findings] == [LookupOutcome.FOUND] * len(FOUND)
    assert outcome.stopped is None and outcome.requests == len(FOUND)
    # 5 an hour, 2 kept in reserve: 3 lookups, then the pause, on the server's count too.
    assert quota_at_pause == [(2, 30)]
    first = pauses[0]
    assert (first.quota_left, first.reserve, first.waiting) == (2, 2, tuple(FOUND[3:]))
    assert (
        first.text
        == "Quota reserve reached (2 left, reserve 2): going on in 0:00:30 (3 IDs waiting)"
    )
    countdown = [p.seconds_left for p in pauses if not p.over]
    assert countdown[0] == 30 and countdown == sorted(countdown, reverse=True)
    assert len(countdown) == 30 and all(s == 1.0 for s in clock.slept[:30])
    assert pauses[len(countdown)].over
    assert pauses[len(countdown)].text == "The hourly quota has reset: going on with 3 IDs"
    assert outcome.quota_left == 2  # 3 more of the next window's 5


def test_by_default_the_run_stops_at_the_reserve_and_names_what_it_did_not_look_up():
    clock = Clock()
    pauses: list[QuotaPause] = []
    with DemoServer(hourly_quota=4, quota_resets_in_s=3600, clock=clock) as server:

        async def go(lookup: EntryLookup):
            batch = BatchLookup(lookup, clock=clock, sleep=clock.sleep)
            return await batch.start(batch.plan(FOUND), on_pause=pauses.append).run()

        outcome = with_lookup(server, go)
        served = statuses(server)
    assert served == [200, 200]
    assert [f.entry_id for f in outcome.findings] == FOUND[:2]
    assert outcome.not_looked_up == tuple(FOUND[2:])
    assert outcome.stopped is BatchStop.QUOTA_RESERVE
    assert (
        outcome.stop_reason
        == "Quota reserve reached (2 left, reserve 2): stopped, 4 IDs not looked up"
    )
    assert clock.slept == [] and len(pauses) == 1


def test_a_402_from_quota_spent_elsewhere_is_not_a_finding_and_stops_the_run():
    clock = Clock()
    with DemoServer(hourly_quota=3, quota_resets_in_s=600, clock=clock) as server:

        async def go(lookup: EntryLookup):
            batch = BatchLookup(lookup, reserve=0, at_once=1, clock=clock, sleep=clock.sleep)
            run = batch.start(batch.plan(FOUND[:3]))
            # Someone else spends the last request before the run's third lookup.
            original = lookup.lookup

            async def spend_then_look(request, on_wait=lambda wait: None, **options):
                if request.entry_id == FOUND[2]:
                    server.admit_to_quota()
                return await original(request, on_wait, **options)

            lookup.lookup = spend_then_look  # type: ignore[method-assign]
            return await run.run()

        outcome = with_lookup(server, go)
    assert [f.entry_id for f in outcome.findings] == FOUND[:2]
    assert outcome.not_looked_up == (FOUND[2],)
    assert outcome.stopped is BatchStop.QUOTA_RESERVE
    assert outcome.quota_left == 0


def test_cancel_keeps_what_was_found():
    with DemoServer(delays={5000000004: 30.0}) as server:

        async def go(lookup: EntryLookup):
            batch = BatchLookup(lookup)
            seen: list[int] = []

            def on_progress(progress: BatchProgress) -> None:
                seen.append(progress.finding.entry_id)

            run = batch.start(batch.plan(FOUND), on_progress=on_progress)
            task = asyncio.ensure_future(run.run())
            while ENTRY_PATH + "5000000004" not in server.received or len(seen) < 2:
                await asyncio.sleep(0.01)  # waits for a condition, not for time
            run.cancel()
            return await task

        outcome = with_lookup(server, go)
    assert outcome.stopped is BatchStop.CANCELLED
    found = [f.entry_id for f in outcome.findings]
    assert found[:2] == FOUND[:2] and 5000000004 not in found
    assert 5000000004 in outcome.not_looked_up
    assert set(found) | set(outcome.not_looked_up) == set(FOUND)


def test_cancelling_the_task_keeps_the_findings_on_the_run():
    with DemoServer(delays={5000000002: 30.0}) as server:

        async def go(lookup: EntryLookup):
            batch = BatchLookup(lookup, at_once=1)
            run = batch.start(batch.plan(FOUND))
            task = asyncio.ensure_future(run.run())
            while ENTRY_PATH + "5000000002" not in server.received:
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            return run.findings

        findings = with_lookup(server, go)
    assert [f.entry_id for f in findings] == [5000000001]


def test_a_refused_sign_in_stops_the_run_without_sending_the_rest():
    with DemoServer() as server:

        async def go(lookup: EntryLookup):
            batch = BatchLookup(lookup, at_once=1)
            return await batch.start(batch.plan(FOUND)).run()

        outcome = with_lookup(server, go, token="0" * 32)
    assert len(server.received) == 1
    assert outcome.stopped is BatchStop.SIGN_IN
    assert outcome.findings[0].outcome is LookupOutcome.ERROR
    assert outcome.not_looked_up == tuple(FOUND[1:])


def test_requests_of_a_lookup_cancelled_after_they_were_answered_are_counted():
    """5000000500 is waiting to be tried again (its first request answered 500) when
    5000000401 stops the run: that first request was spent, and the count says so."""
    ids = [5000000001, 5000000500, 5000000401, 5000000004]
    with DemoServer() as server:

        async def go(lookup: EntryLookup):
            retry_waiting = asyncio.Event()
            original = lookup.lookup

            async def refused_after_the_retry_wait(request, on_wait=lambda wait: None, **options):
                if request.entry_id == 5000000401:
                    await retry_waiting.wait()
                return await original(request, on_wait, **options)

            async def wait_forever(_seconds: float) -> None:
                retry_waiting.set()
                await asyncio.Event().wait()  # cancelled with the lookup

            lookup.lookup = refused_after_the_retry_wait  # type: ignore[method-assign]
            lookup.sleep = wait_forever
            batch = BatchLookup(lookup)
            return await batch.start(batch.plan(ids)).run()

        outcome = with_lookup(server, go)
        sent = [path for path in server.received if path.startswith(ENTRY_PATH)]
    assert outcome.stopped is BatchStop.SIGN_IN
    assert outcome.not_looked_up == (5000000500, 5000000004)
    assert len(sent) == 3
    assert outcome.requests == 3
    assert "· 3 requests" in outcome.text


def test_a_402_that_says_the_quota_is_back_already_still_waits_before_asking_again():
    """A 402 with X-Toggl-Quota-Resets-In: 0 (or a stale reset) must not make the run send
    the same ID again at once, 402 after 402: it waits at least a minute."""
    from inspector.api.errors import QuotaExhausted
    from inspector.services.batch import MIN_PAUSE_AFTER_402_S

    clock = Clock()
    with DemoServer() as server:

        async def go(lookup: EntryLookup):
            asked: list[int] = []
            original = lookup.lookup

            async def refuse_once(request, on_wait=lambda wait: None, **options):
                asked.append(request.entry_id)
                if len(asked) == 1:
                    raise QuotaExhausted("quota used up", resets_in_s=0, status=402)
                return await original(request, on_wait, **options)

            lookup.lookup = refuse_once  # type: ignore[method-assign]
            batch = BatchLookup(lookup, reserve=0, at_once=1, clock=clock, sleep=clock.sleep)
            outcome = await batch.start(batch.plan(FOUND[:1]), at_reserve=AtReserve.WAIT).run()
            return outcome, asked

        outcome, asked = with_lookup(server, go)
    assert asked == [FOUND[0], FOUND[0]]  # asked again, once, after the pause
    assert sum(clock.slept) >= MIN_PAUSE_AFTER_402_S
    assert [f.entry_id for f in outcome.findings] == [FOUND[0]]


def test_without_field_trees_each_finding_comes_without_its_tree_and_all_else():
    """The window's table shows no field tree (see ui.batch_controller)."""
    with DemoServer() as server:

        async def go(lookup: EntryLookup):
            batch = BatchLookup(lookup, field_trees=False)
            return await batch.start(batch.plan([5000000001, 5000000404]), meta=True).run()

        outcome = with_lookup(server, go)
    found, missing = outcome.findings
    assert found.result is not None and found.result.view.groups == ()
    assert found.result.view.raw["id"] == 5000000001
    assert found.result.view.run_state.value == "Stopped"
    assert found.result.view.start is not None and found.result.view.recorded_duration == 5025
    assert missing.outcome is LookupOutcome.NOT_FOUND
