"""`toggl-inspector get`: the same lookup as the window, for scripts. Never imports Qt."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TextIO

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
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    # The streams as they are when called (None: sys.stdout/stderr now, not at import).
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        result = asyncio.run(_look_up(request, api_url, demo, network, reports))
    except ApiError as error:
        # Toggl's words are quoted in it: shown, never obeyed by the terminal, on one line.
        print(f"toggl-inspector: error: {show_controls(failure_text(error))}", file=stderr)
        return exit_code_for(error)
    try:
        _write_result(result, as_json, stdout)
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return EXIT_OTHER
    return EXIT_OK


def _write_result(result: LookupResult, as_json: bool, stdout: TextIO) -> None:
    if as_json:
        # The body exactly as received, byte for byte (it was valid UTF-8 JSON to get here).
        stdout.flush()
        stdout.buffer.write(result.response.body_text.encode("utf-8"))
        stdout.buffer.write(b"\n")
        stdout.flush()
    else:
        for line in summary_lines(result):
            print(show_controls(line), file=stdout)  # an entry's text never steers the terminal
        stdout.flush()


async def _look_up(
    request: LookupRequest,
    api_url: ApiUrl | None,
    demo: bool,
    network: NetworkSettings,
    reports: ReportsOptions | None,
) -> LookupResult:
    if demo:
        from inspector.demo.server import DemoServer  # only when asked: keeps `get` light

        with DemoServer() as server:
            resolver = CredentialResolver(fixed=Credential(server.token, "demo"))
            return await _with_client(request, ApiUrl(server.url), resolver, network, reports)
    assert api_url is not None
    from inspector.accounts import AccountFile

    # The account the window signed in last for this API; those of other APIs never.
    accounts = AccountFile.default().load(api_url.origin)
    active = accounts.active
    resolver = CredentialResolver(
        active=active.active_account if active else None, elsewhere=accounts.other_origins
    )
    saved_workspace = (
        active.identity.default_workspace_id if active and resolver.overriding is None else None
    )
    return await _with_client(request, api_url, resolver, network, reports, saved_workspace)


async def _with_client(
    request: LookupRequest,
    api_url: ApiUrl,
    credentials: CredentialResolver,
    network: NetworkSettings,
    reports: ReportsOptions | None,
    saved_workspace: int | None = None,
) -> LookupResult:
    """``saved_workspace``: the signed-in account's default workspace as saved, which spares
    a request to /me when searching the Reports API without --workspace."""
    async with create_http_client() as http:
        lookup = EntryLookup(http, api_url, credentials, network=network)
        try:
            return await lookup.lookup(request, on_wait=_report_wait)
        except NotFound:
            if reports is None:
                raise
        log.info("Entry %s: not found by v9; searching the Reports API", request.entry_id)
        search = ReportsSearch(lookup)
        workspace_id = (
            reports.workspace_id or saved_workspace or await search.default_workspace_id()
        )
        return await search.search(
            ReportsRequest(request.entry_id, workspace_id, since=reports.since),
            on_progress=_report_progress,
            on_wait=_report_wait,
        )


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


def summary_lines(result: LookupResult) -> Iterator[str]:
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
