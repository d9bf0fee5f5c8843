"""`toggl-inspector get`: the same lookup as the window, for scripts. Never imports Qt."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TextIO

import httpx

from inspector.api.base_url import ApiUrl
from inspector.api.errors import (
    ApiError,
    Forbidden,
    MissingCredentials,
    NotFound,
    Unauthorized,
    WorkspaceNeeded,
)
from inspector.api.retry import RetryWait
from inspector.credentials import Credential, CredentialResolver
from inspector.domain.entry_view import EntryView, RunState
from inspector.domain.field_tree import FieldNode, ValueKind
from inspector.domain.identity import Identity
from inspector.domain.plain_text import show_controls
from inspector.domain.timestamps import format_local, format_utc
from inspector.services import (
    LookupRequest,
    LookupResult,
    NetworkSettings,
    ReportsRequest,
    ReportsResult,
    SearchProgress,
    failure_text,
    utc_now,
)
from inspector.services.context import ContextService
from inspector.services.context_types import ContextProgress, EntryContext
from inspector.services.lookup import EntryLookup, create_http_client
from inspector.services.reports import ReportsSearch

log = logging.getLogger("inspector.cli")

EXIT_OK = 0
EXIT_OTHER = 1
EXIT_INVALID_INPUT = 2
EXIT_NOT_FOUND = 3
EXIT_AUTH = 4


@dataclass(frozen=True)
class ReportsOptions:
    """`get --reports`: when v9 answers 404, search the Reports API of this workspace
    (None: the account's default) from ``since`` (None: the default years)."""

    workspace_id: int | None = None
    since: date | None = None


FORMAT_TEXT = "text"
FORMAT_REPORT = "report"
_STATES = {
    RunState.RUNNING: "running",
    RunState.STOPPED: "stopped",
    RunState.DURATION_ONLY: "duration_only",
}


@dataclass(frozen=True)
class Outcome:
    """What `get` found: the entry, its context when asked for, and every request sent."""

    result: LookupResult
    context: EntryContext | None
    requests: int


def exit_code_for(error: ApiError) -> int:
    if isinstance(error, WorkspaceNeeded):
        return EXIT_INVALID_INPUT
    if isinstance(error, NotFound):
        return EXIT_NOT_FOUND
    if isinstance(error, (Unauthorized, Forbidden, MissingCredentials)):
        return EXIT_AUTH
    return EXIT_OTHER


def run_get(
    request: LookupRequest,
    api_url: ApiUrl | None,
    *,
    as_json: bool,
    demo: bool,
    network: NetworkSettings = NetworkSettings(),
    reports: ReportsOptions | None = None,
    context: bool = False,
    output: str = FORMAT_TEXT,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Look the entry up (and explain it, with ``context``) and print it: Toggl's body
    (``as_json``), a summary (``output`` "text") or the inspector's view as one JSON object
    ("report"). Explaining never changes the exit code: the entry was found."""
    # The streams as they are when called (None: sys.stdout/stderr now, not at import).
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        outcome = asyncio.run(_look_up(request, api_url, demo, network, reports, context))
    except ApiError as error:
        # Toggl's words are quoted in it: shown, never obeyed by the terminal, on one line.
        print(f"toggl-inspector: error: {show_controls(failure_text(error))}", file=stderr)
        return exit_code_for(error)
    try:
        _write_outcome(outcome, as_json, output, stdout)
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return EXIT_OTHER
    return EXIT_OK


def _write_outcome(outcome: Outcome, as_json: bool, output: str, stdout: TextIO) -> None:
    if as_json:
        # The body exactly as received, byte for byte (it was valid UTF-8 JSON to get here).
        stdout.flush()
        stdout.buffer.write(outcome.result.response.body_text.encode("utf-8"))
        stdout.buffer.write(b"\n")
        stdout.flush()
    elif output == FORMAT_REPORT:
        report = report_object(outcome, utc_now())
        print(json.dumps(report, ensure_ascii=False, indent=2), file=stdout)
        stdout.flush()
    else:
        for line in summary_lines(outcome.result, outcome.context):
            print(show_controls(line), file=stdout)  # an entry's text never steers the terminal
        stdout.flush()


async def _look_up(
    request: LookupRequest,
    api_url: ApiUrl | None,
    demo: bool,
    network: NetworkSettings,
    reports: ReportsOptions | None,
    context: bool,
) -> Outcome:
    if demo:
        from inspector.demo.server import DemoServer  # only when asked: keeps `get` light

        with DemoServer() as server:
            resolver = CredentialResolver(fixed=Credential(server.token, "demo"))
            # The demo signs in as its demo user, as the window does.
            return await _with_client(
                request,
                ApiUrl(server.url),
                resolver,
                network,
                reports,
                context,
                server.users[0].identity(),
            )
    assert api_url is not None
    from inspector.accounts import AccountFile

    # The account the window signed in last for this API; those of other APIs never.
    accounts = AccountFile.default().load(api_url.origin)
    active = accounts.active
    resolver = CredentialResolver(
        active=active.active_account if active else None, elsewhere=accounts.other_origins
    )
    # The saved account speaks for the credential only when nothing overrides it.
    identity = active.identity if active and resolver.overriding is None else None
    return await _with_client(request, api_url, resolver, network, reports, context, identity)


async def _with_client(
    request: LookupRequest,
    api_url: ApiUrl,
    credentials: CredentialResolver,
    network: NetworkSettings,
    reports: ReportsOptions | None,
    context: bool = False,
    identity: Identity | None = None,
) -> Outcome:
    """``identity``: the signed-in account as saved (its default workspace spares a request
    to /me when searching the Reports API without --workspace; its profile's time zone one
    when explaining)."""
    sent = 0

    async def count(_request: httpx.Request) -> None:
        nonlocal sent
        sent += 1

    async with create_http_client() as http:
        http.event_hooks = {"request": [count], "response": []}
        lookup = EntryLookup(http, api_url, credentials, network=network)
        result = await _find(lookup, request, reports, identity)
        found_context = None
        if context:
            found_context = await _explain(ContextService(lookup, lambda: identity), result)
    return Outcome(result, found_context, sent)


async def _find(
    lookup: EntryLookup,
    request: LookupRequest,
    reports: ReportsOptions | None,
    identity: Identity | None,
) -> LookupResult:
    try:
        return await lookup.lookup(request, on_wait=_report_wait)
    except NotFound:
        if reports is None:
            raise
    log.info("Entry %s: not found by v9; searching the Reports API", request.entry_id)
    search = ReportsSearch(lookup)
    saved_workspace = identity.default_workspace_id if identity else None
    workspace_id = reports.workspace_id or saved_workspace or await search.default_workspace_id()
    return await search.search(
        ReportsRequest(request.entry_id, workspace_id, since=reports.since),
        on_progress=_report_progress,
        on_wait=_report_wait,
    )


async def _explain(service: ContextService, result: LookupResult) -> EntryContext:
    """Explain within the quota: a command cannot ask first, so a price that would leave
    less than the reserve is not spent (what is cached and the entry itself still speak)."""
    plan = service.plan(result)
    log.info("Entry %s: %s", result.request.entry_id, plan.offer_text())
    if plan.below_reserve:
        plan = plan.decline(
            f"{_requests(plan.cost)} would leave fewer than {plan.reserve} of the hourly "
            f"quota ({plan.quota_left} left)"
        )
    return await service.explain(
        result, plan, on_progress=_report_context_progress, on_wait=_report_wait
    )


def _report_context_progress(progress: ContextProgress) -> None:
    log.info("%s", progress.text)


def _report_progress(progress: SearchProgress) -> None:
    log.info("%s", progress.text)


def _report_wait(wait: RetryWait) -> None:
    """A script's stderr hears of each retry (one line each) only when logging is on."""
    log.info(
        "%s Retrying in %.1f s (attempt %d of %d).",
        wait.error.message,
        wait.delay_s,
        wait.failed_attempt + 1,
        wait.max_attempts,
    )


def summary_lines(result: LookupResult, context: EntryContext | None = None) -> Iterator[str]:
    view = result.view
    now = utc_now()
    state = view.run_state.value
    duration = view.shown_duration(now)
    state += f", {duration} elapsed" if view.run_state is RunState.RUNNING else f", {duration}"
    quota = result.response.quota.remaining
    # A search's requests are counted on their own line.
    attempts = 1 if isinstance(result, ReportsResult) else result.record.attempts
    yield f"Entry {result.request.entry_id}: {state}"
    yield (
        f"Source: {result.source} ({result.response.url}), "
        f"{result.response.elapsed_ms:.0f} ms"
        + (f", after {attempts} attempts" if attempts > 1 else "")
        + (f", quota left {quota}" if quota is not None else "")
    )
    if isinstance(result, ReportsResult):
        yield (
            f"Found in {result.found_in.label} after {_requests(result.requests)} "
            f"({result.requests} counted against the quota)"
        )
    yield from _time_lines(view)
    if view.anomalies:
        yield "Anomalies:"
        yield from (f"  ! {anomaly.message}" for anomaly in view.anomalies)
    if context is not None:
        yield from context_lines(context)
    for group in view.groups:
        yield f"{group.title}:"
        for node in group.fields:
            yield from _node_lines(node, depth=1)


def _time_lines(view: EntryView) -> Iterator[str]:
    for name, moment in (("Start", view.start), ("Stop", view.stop)):
        if moment is None:
            note = " (running)" if name == "Stop" and view.run_state is RunState.RUNNING else ""
            yield f"{name}: -{note}"
        else:
            derived = (
                " (derived: start + duration)" if name == "Stop" and view.stop_is_derived else ""
            )
            yield f"{name}: {format_utc(moment)} / {format_local(moment, None)}{derived}"


def _node_lines(node: FieldNode, depth: int) -> Iterator[str]:
    indent = "  " * depth
    kind = "" if node.kind is ValueKind.DERIVED else f" ({node.type_name})"
    yield f"{indent}{node.label}: {node.display}{kind}"
    for child in node.children:
        yield from _node_lines(child, depth + 1)


def _requests(count: int) -> str:
    return f"{count} request" if count == 1 else f"{count} requests"


def context_lines(context: EntryContext) -> Iterator[str]:
    """Why it may look wrong, most telling first, then what that cost."""
    if context.explanations:
        yield "Explanations:"
        yield from (f"  - {item.sentence}" for item in context.explanations)
    else:
        yield "Explanations: none found"
    left = f", quota left {context.quota_left}" if context.quota_left is not None else ""
    yield f"Context: {_requests(context.requests_sent)}{left}"


def report_object(outcome: Outcome, now: datetime) -> dict[str, object]:
    """The inspector's view of the entry as one JSON object (not Toggl's body)."""
    result, view = outcome.result, outcome.result.view
    if view.run_state is RunState.RUNNING:
        elapsed = view.elapsed_seconds(now)
        duration = None if elapsed is None else int(elapsed)
    else:
        duration = view.recorded_duration
    report: dict[str, object] = {
        "id": view.entry_id if view.entry_id is not None else result.request.entry_id,
        "source": "reports" if isinstance(result, ReportsResult) else "v9",
        "state": _STATES[view.run_state],
        "deleted": view.raw.get("server_deleted_at") is not None,
        "start": _utc_iso(view.start),
        "stop": _utc_iso(view.stop),
        "stop_derived": view.stop_is_derived,
        "duration_seconds": duration,
        "anomalies": [{"code": a.code, "message": a.message} for a in view.anomalies],
        "requests": outcome.requests,
    }
    if isinstance(result, ReportsResult):
        report["workspace_id"] = result.workspace_id
    context = outcome.context
    if context is None:
        return report
    day = context.context.owner_day
    project = context.context.project
    report.update(
        owner_time_zone=context.owner_time_zone,
        owner_start=day.owner_start.isoformat() if day and day.owner_start else None,
        day_differs=bool(day and day.day_differs),
        neighbours=[
            {
                "id": n.span.entry_id,
                "start": _utc_iso(n.span.start),
                "stop": _utc_iso(n.span.stop),
                "relation": n.relation.value,
                "overlap_seconds": n.overlap_seconds,
            }
            for n in context.context.neighbours or ()
            if n.relation is not None
        ],
        project=None
        if project is None
        else {"id": project.project_id, "name": project.name, "status": project.state},
        explanations=[item.sentence for item in context.explanations],
        explanation_codes=[item.code for item in context.explanations],
        unchecked=[{"what": u.what, "why": u.why} for u in context.context.unchecked],
        context_requests=context.requests_sent,
    )
    return report


def _utc_iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, e.g. 2026-11-30T09:00:00Z."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
