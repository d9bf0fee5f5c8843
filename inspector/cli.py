"""`toggl-inspector get`: the same lookup as the window, for scripts. Never imports Qt.

One ID, or several (issue #14: one after another within the hourly quota, through the same
BatchLookup the window uses); printed as text, Toggl's body, the inspector's report, JSON
Lines, CSV or a ticket summary; each lookup recorded in the history (never a secret).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, TextIO

from inspector.api.base_url import ApiUrl
from inspector.api.errors import (
    ApiError,
    Forbidden,
    MissingCredentials,
    NotFound,
    Unauthorized,
    WorkspaceNeeded,
)
from inspector.credentials import Credential, CredentialResolver
from inspector.domain.entry_view import EntryView, RunState
from inspector.domain.field_tree import FieldNode, ValueKind
from inspector.domain.lookup_facts import LookupFacts, LookupOutcome
from inspector.domain.plain_text import show_controls
from inspector.domain.timestamps import format_local, format_utc
from inspector.logs import SECRETS
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
from inspector.services.findings import Finding
from inspector.services.lookup import EntryLookup, create_http_client

# What one lookup printed as text or JSON does not need is imported where it is used:
# explaining (--context), the Reports search (--reports), the row formats and summaries.
# `get ID --json` should cost little more than a bare httpx GET (issue #16).
if TYPE_CHECKING:
    import httpx

    from inspector.api.retry import RetryWait
    from inspector.domain.identity import Identity
    from inspector.services.batch_types import BatchOutcome, QuotaPause
    from inspector.services.context import ContextService
    from inspector.services.context_types import ContextProgress, EntryContext
    from inspector.services.lookup_history import HistoryRecorder

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
FORMAT_JSON = "json"
FORMAT_JSONL = "jsonl"
FORMAT_CSV = "csv"
FORMAT_SUMMARY = "summary"
FORMATS = (FORMAT_TEXT, FORMAT_JSON, FORMAT_JSONL, FORMAT_CSV, FORMAT_SUMMARY, FORMAT_REPORT)
ROW_FORMATS = (FORMAT_JSONL, FORMAT_CSV, FORMAT_SUMMARY)  # a row for every ID, found or not
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


@dataclass(frozen=True)
class Target:
    """Where `get` sends its requests and as whom: the API, the credential, the saved
    identity (None with a token from the environment), and who that is for the history
    and the summary (an email, or where the token comes from)."""

    api_url: ApiUrl
    credentials: CredentialResolver
    identity: Identity | None
    account: str


@contextlib.contextmanager
def _target(api_url: ApiUrl | None, demo: bool) -> Iterator[Target]:
    if demo:
        from inspector.demo.server import DemoServer  # only when asked: keeps `get` light

        with DemoServer() as server:
            # The demo signs in as its demo user, as the window does.
            identity = server.users[0].identity()
            yield Target(
                ApiUrl(server.url),
                CredentialResolver(fixed=Credential(server.token, "demo")),
                identity,
                identity.email,
            )
        return
    assert api_url is not None
    token_resolver = CredentialResolver()
    if token_resolver.environment_token:
        # TOGGL_API_TOKEN wins over every saved account: none is read, nor the keyring.
        yield Target(api_url, token_resolver, None, "API token from TOGGL_API_TOKEN")
        return
    from inspector.accounts import AccountFile

    # The account the window signed in last for this API; those of other APIs never.
    accounts = AccountFile.default().load(api_url.origin)
    active = accounts.active
    resolver = CredentialResolver(
        active=active.active_account if active else None, elsewhere=accounts.other_origins
    )
    saved = active.identity if active else None
    yield Target(api_url, resolver, saved, saved.email if saved else "not signed in")


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
    record_history: bool = True,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Look the entry up (and explain it, with ``context``) and print it: Toggl's body
    (``as_json``), a summary (``output`` "text"), the inspector's view as one JSON object
    ("report"), or its row ("jsonl", "csv") or ticket summary ("summary"), which are
    printed for an entry not found too. Explaining never changes the exit code: the entry
    was found. The lookup is recorded in the history unless ``record_history`` is off."""
    # The streams as they are when called (None: sys.stdout/stderr now, not at import).
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    outcome: Outcome | None = None
    failure: ApiError | None = None
    with _target(api_url, demo) as target:
        try:
            outcome = asyncio.run(_look_up(request, target, network, reports, context))
            finding = Finding.of_result(outcome.result)
        except ApiError as error:
            failure = error
            finding = Finding.of_error(request.entry_id, error)
    options = {
        "meta": request.meta,
        "include_sharing": request.include_sharing,
        "reports": reports is not None,
        "context": context,
        "face": "get",
    }
    _record(_recorder(record_history), [finding], target, options, stderr)
    facts = finding.facts(target.account, target.api_url.origin, _owner_zone(target, outcome))
    try:
        if failure is not None or outcome is None:
            assert failure is not None
            if output in ROW_FORMATS:
                _write_rows(output, [facts], {}, stdout)
            # Toggl's words are quoted in it: shown, never obeyed by the terminal, on one line.
            print(f"toggl-inspector: error: {show_controls(failure_text(failure))}", file=stderr)
            return exit_code_for(failure)
        if output in ROW_FORMATS:
            _write_rows(output, [facts], {request.entry_id: outcome}, stdout)
        else:
            _write_outcome(outcome, as_json, output, stdout)
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return EXIT_OTHER
    return EXIT_OK


def run_get_many(
    ids: Sequence[int],
    api_url: ApiUrl | None,
    *,
    demo: bool,
    meta: bool = False,
    include_sharing: bool = False,
    network: NetworkSettings = NetworkSettings(),
    output: str = FORMAT_TEXT,
    wait_for_quota: bool = False,
    record_history: bool = True,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Look several entries up, one after another (at most two at a time) within the
    hourly quota, and print a line or row for every ID. At the quota reserve the run stops
    (the IDs not looked up are named on stderr) or, with ``wait_for_quota``, counts down on
    stderr until the quota resets and goes on. Each lookup is recorded as it finishes.

    Exit code: 0 when every ID was found, else the worst of 4 (authentication or
    permission), 1 (any other error, or the quota reserve reached) and 3 (not found)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    recorder = _recorder(record_history)
    options = {"meta": meta, "include_sharing": include_sharing, "face": "get"}
    with _target(api_url, demo) as target:
        try:
            batch = asyncio.run(
                _look_up_many(
                    ids,
                    target,
                    network,
                    meta,
                    include_sharing,
                    wait_for_quota,
                    recorder,
                    options,
                    stderr,
                )
            )
        finally:
            if recorder is not None:
                recorder.close()
    if batch.stop_reason and batch.not_looked_up:
        named = ", ".join(str(entry_id) for entry_id in batch.not_looked_up)
        reason = show_controls(batch.stop_reason).rstrip(".")
        print(f"toggl-inspector: {reason}. Not looked up: {named}", file=stderr)
    now = utc_now()
    origin = target.api_url.origin
    results = [
        finding.facts(target.account, origin, _own_zone(target, finding.result))
        for finding in batch.findings
    ]
    results += [
        LookupFacts(
            entry_id,
            LookupOutcome.ERROR,
            message=f"Not looked up: {batch.stop_reason or 'stopped'}",
            account=target.account,
            api_origin=origin,
            fetched_at=now,
        )
        for entry_id in batch.not_looked_up
    ]
    order = {entry_id: index for index, entry_id in enumerate(batch.plan.ids)}
    results.sort(key=lambda facts: order[facts.entry_id])
    found = {
        finding.entry_id: Outcome(finding.result, None, finding.requests)
        for finding in batch.findings
        if finding.result is not None
    }
    try:
        if output in ROW_FORMATS:
            _write_rows(output, results, found, stdout)
        else:
            from inspector.domain.ticket_summary import results_summary

            stdout.write(results_summary(results, now, markdown=False, redact=SECRETS.redact))
            stdout.write(show_controls(batch.text) + "\n")
            stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return EXIT_OTHER
    return _worst_exit_code(batch)


async def _look_up_many(
    ids: Sequence[int],
    target: Target,
    network: NetworkSettings,
    meta: bool,
    include_sharing: bool,
    wait_for_quota: bool,
    recorder: HistoryRecorder | None,
    options: Mapping[str, object],
    stderr: TextIO,
) -> BatchOutcome:
    from inspector.services.batch import BatchLookup
    from inspector.services.batch_types import AtReserve, BatchProgress

    def progress(step: BatchProgress) -> None:
        log.info("%s", step.text)
        if recorder is not None:  # as each finishes: Ctrl+C keeps what was recorded
            _record_one(recorder, step.finding, target, options, stderr)

    countdown = _Countdown(stderr)
    async with create_http_client() as http:
        lookup = EntryLookup(http, target.api_url, target.credentials, network=network)
        batch = BatchLookup(lookup)
        plan = batch.plan(ids)
        log.info("%s", plan.text)
        run = batch.start(
            plan,
            meta=meta,
            include_sharing=include_sharing,
            at_reserve=AtReserve.WAIT if wait_for_quota else AtReserve.STOP,
            on_progress=progress,
            on_pause=countdown.show if wait_for_quota else _log_pause,
            on_wait=_report_wait,
        )
        return await run.run()


def _record_one(
    recorder: HistoryRecorder,
    finding: Finding,
    target: Target,
    options: Mapping[str, object],
    stderr: TextIO,
) -> None:
    problem = recorder.record(finding, target.account, target.api_url.origin, options)
    if problem:
        print(f"toggl-inspector: note: {show_controls(problem)}", file=stderr)
        recorder.enabled = False  # said once; the lookups go on without history


def _log_pause(pause: QuotaPause) -> None:
    log.info("%s", pause.text)


class _Countdown:
    """`get --wait-for-quota` on stderr: on a terminal one line counting down in place;
    otherwise a line when the pause starts, each whole minute, each of the last ten
    seconds, and when the run goes on."""

    def __init__(self, stderr: TextIO) -> None:
        self.stderr = stderr
        self.in_place = stderr.isatty()
        self.shown: set[int] = set()

    def show(self, pause: QuotaPause) -> None:
        text = f"toggl-inspector: {show_controls(pause.text)}"
        if pause.over:
            print(("\r\033[K" if self.in_place else "") + text, file=self.stderr, flush=True)
            self.shown.clear()
            return
        seconds = int(pause.seconds_left or 0)
        if self.in_place:
            print(f"\r\033[K{text}", end="", file=self.stderr, flush=True)
            return
        due = not self.shown or seconds % 60 == 0 or seconds <= 10
        if due and seconds not in self.shown:
            self.shown.add(seconds)
            print(text, file=self.stderr, flush=True)


def _own_zone(target: Target, result: LookupResult | None) -> str | None:
    """The signed-in user's profile zone (as saved at sign-in), for their own entry."""
    identity = target.identity
    if result is None or identity is None or not identity.timezone:
        return None
    return identity.timezone if result.view.raw.get("user_id") == identity.user_id else None


def _worst_exit_code(batch: BatchOutcome) -> int:
    """0 when every ID was found; else 4 (sign-in or permission) over 1 (other errors, the
    quota reserve) over 3 (not found)."""
    codes = {exit_code_for(f.error) for f in batch.findings if f.error is not None}
    if batch.not_looked_up:
        codes.add(EXIT_OTHER)
    for code in (EXIT_AUTH, EXIT_OTHER, EXIT_INVALID_INPUT, EXIT_NOT_FOUND):
        if code in codes:
            return EXIT_OTHER if code == EXIT_INVALID_INPUT else code
    return EXIT_OK


def _owner_zone(target: Target, outcome: Outcome | None) -> str | None:
    """The owner's time zone where known: as explaining found it, or the signed-in user's
    own profile zone for their own entry."""
    if outcome is None:
        return None
    if outcome.context is not None and outcome.context.owner_time_zone:
        return outcome.context.owner_time_zone
    return _own_zone(target, outcome.result)


def _recorder(record_history: bool) -> HistoryRecorder | None:
    """The history, only when recording: sqlite3 and the history module are imported
    then, not at `get`'s start."""
    if not record_history:
        return None
    from inspector.services.lookup_history import HistoryRecorder

    return HistoryRecorder()


def _record(
    recorder: HistoryRecorder | None,
    findings: Sequence[Finding],
    target: Target,
    options: Mapping[str, object],
    stderr: TextIO,
) -> None:
    """Record each finding; a history that cannot be used is said once, on stderr, and
    changes nothing else (never the exit code)."""
    if recorder is None:
        return
    problems = []
    try:
        for finding in findings:
            problem = recorder.record(finding, target.account, target.api_url.origin, options)
            if problem and problem not in problems:
                problems.append(problem)
    finally:
        recorder.close()
    for problem in problems:
        print(f"toggl-inspector: note: {show_controls(problem)}", file=stderr)


def _write_rows(
    output: str,
    results: Sequence[LookupFacts],
    found: Mapping[int, Outcome],
    stdout: TextIO,
) -> None:
    """One row per ID (JSON Lines, CSV) or the ticket summary in Markdown."""
    from inspector.domain.exports import csv_text, export_row, json_line
    from inspector.domain.ticket_summary import entry_summary, results_summary

    now = utc_now()
    redact = SECRETS.redact
    if output == FORMAT_CSV:
        text = csv_text(results, now, redact)
    elif output == FORMAT_SUMMARY:
        text = (
            entry_summary(results[0], now, markdown=True, redact=redact)
            if len(results) == 1
            else results_summary(results, now, markdown=True, redact=redact)
        )
    else:
        lines = []
        for facts in results:
            row = export_row(facts, now, redact)
            outcome = found.get(facts.entry_id)
            if outcome is not None and facts.outcome is LookupOutcome.FOUND:
                row = {**row, **report_object(outcome, facts.fetched_at or now)}
            lines.append(json_line(row) + "\n")
        text = "".join(lines)
    stdout.write(text)
    stdout.flush()


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
    target: Target,
    network: NetworkSettings,
    reports: ReportsOptions | None,
    context: bool,
) -> Outcome:
    return await _with_client(
        request, target.api_url, target.credentials, network, reports, context, target.identity
    )


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
            from inspector.services.context import ContextService

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
    from inspector.services.reports import ReportsSearch

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
