"""`toggl-inspector get`: the same lookup as the window, for scripts. Never imports Qt."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from inspector.api.base_url import ApiUrl
from inspector.api.retry import RetryWait
from inspector.api.errors import (
    ApiError,
    Forbidden,
    MissingCredentials,
    NotFound,
    Unauthorized,
)
from inspector.credentials import Credential, CredentialResolver
from inspector.domain.entry_view import EntryView, RunState
from inspector.domain.field_tree import FieldNode, ValueKind
from inspector.domain.timestamps import format_local, format_utc
from inspector.entry_lookup import EntryLookup, create_http_client
from inspector.services import LookupRequest, LookupResult, NetworkSettings, failure_text, utc_now

log = logging.getLogger("inspector.cli")

EXIT_OK = 0
EXIT_OTHER = 1
EXIT_INVALID_INPUT = 2
EXIT_NOT_FOUND = 3
EXIT_AUTH = 4


def exit_code_for(error: ApiError) -> int:
    if isinstance(error, NotFound):
        return EXIT_NOT_FOUND
    if isinstance(error, (Unauthorized, Forbidden, MissingCredentials)):
        return EXIT_AUTH
    return EXIT_OTHER


def run_get(request: LookupRequest, api_url: ApiUrl | None, *, as_json: bool, demo: bool,
            network: NetworkSettings = NetworkSettings(),
            stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    try:
        result = asyncio.run(_look_up(request, api_url, demo, network))
    except ApiError as error:
        print(f"toggl-inspector: error: {failure_text(error)}", file=stderr)
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
            print(line, file=stdout)
        stdout.flush()


async def _look_up(request: LookupRequest, api_url: ApiUrl | None, demo: bool,
                   network: NetworkSettings) -> LookupResult:
    if demo:
        from inspector.demo.server import DemoServer  # only when asked: keeps `get` light

        with DemoServer() as server:
            resolver = CredentialResolver(fixed=Credential(server.token, "demo"))
            return await _with_client(request, ApiUrl(server.url), resolver, network)
    assert api_url is not None
    from inspector.accounts import AccountFile

    active = AccountFile.default().load().active  # the account the window signed in last
    resolver = CredentialResolver(active=active.active_account if active else None)
    return await _with_client(request, api_url, resolver, network)


async def _with_client(request: LookupRequest, api_url: ApiUrl,
                       credentials: CredentialResolver, network: NetworkSettings
                       ) -> LookupResult:
    async with create_http_client() as http:
        lookup = EntryLookup(http, api_url, credentials, network=network)
        return await lookup.lookup(request, on_wait=_report_wait)


def _report_wait(wait: RetryWait) -> None:
    """A script's stderr hears of each retry (one line each) only when logging is on."""
    log.info("%s Retrying in %.1f s (attempt %d of %d).", wait.error.message, wait.delay_s,
             wait.failed_attempt + 1, wait.max_attempts)


def summary_lines(result: LookupResult) -> Iterator[str]:
    view = result.view
    now = utc_now()
    state = view.run_state.value
    duration = view.shown_duration(now)
    state += f", {duration} elapsed" if view.run_state is RunState.RUNNING else f", {duration}"
    quota = result.response.quota.remaining
    attempts = result.record.attempts
    yield f"Entry {result.request.entry_id}: {state}"
    yield (f"Source: {result.source} ({result.response.url}), "
           f"{result.response.elapsed_ms:.0f} ms"
           + (f", after {attempts} attempts" if attempts > 1 else "")
           + (f", quota left {quota}" if quota is not None else ""))
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
            derived = " (derived: start + duration)" if name == "Stop" and view.stop_is_derived else ""
            yield f"{name}: {format_utc(moment)} / {format_local(moment, None)}{derived}"


def _node_lines(node: FieldNode, depth: int) -> Iterator[str]:
    indent = "  " * depth
    kind = "" if node.kind is ValueKind.DERIVED else f" ({node.type_name})"
    yield f"{indent}{node.label}: {node.display}{kind}"
    for child in node.children:
        yield from _node_lines(child, depth + 1)
