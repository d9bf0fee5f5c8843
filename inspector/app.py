"""The entry point: `toggl-inspector [ID]` (the window), `get`, `history` and `demo-server`.

Qt is imported only when the window is opened, so `get` and `demo-server` start fast and run
where Qt cannot.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from inspector.api.base_url import (
    API_URL_ENV,
    ApiUrl,
    InvalidApiUrl,
    is_loopback,
    resolve_api_url,
)
from inspector.domain.link_scheme import LINK_SCHEME
from inspector.logs import configure_logging

if TYPE_CHECKING:  # IDs and links are parsed where given (a plain start has none)
    from inspector.domain.entry_link import EntryRequest

STARTED_AT = time.monotonic()  # as early as the entry point can know
PROG = "toggl-inspector"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl+C


class _VersionAction(argparse.Action):
    """--version, reading the package metadata only when asked (it is slow to import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from inspector import __version__

        parser.exit(message=f"{parser.prog} {__version__}\n")


def _entry_id(text: str) -> int:
    from inspector.domain.entry_id import InvalidEntryId, parse_entry_id

    try:
        return parse_entry_id(text).value
    except InvalidEntryId as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _entry_id_or_link(text: str) -> str:
    """An ID is checked here (exit 2); a link's fault is said in the window, where a person
    who clicked it sees it."""
    from inspector.domain.entry_link import is_entry_link

    if not is_entry_link(text):
        _entry_id(text)
    return text


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--api-url",
        metavar="URL",
        help=f"Toggl API base URL (default: ${API_URL_ENV} or "
        "https://api.track.toggl.com); http:// only for loopback",
    )
    parser.add_argument(
        "--demo", action="store_true", help="use the built-in demo API on 127.0.0.1 (signed in)"
    )
    parser.add_argument(
        "--meta",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="ask for related entities (meta=true)",
    )
    parser.add_argument(
        "--include-sharing",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="ask who the entry is shared with",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr")


def gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Inspect one Toggl Track time entry.",
        epilog=f"Commands: '{PROG} get ID [ID ...]' prints entries without a window; "
        f"'{PROG} history' lists the lookups recorded; "
        f"'{PROG} demo-server' runs the demo API alone.",
    )
    parser.add_argument(
        "entry",
        nargs="?",
        type=_entry_id_or_link,
        metavar="ID",
        help="look this entry up as soon as the window opens; also a link "
        f"{LINK_SCHEME}://entry/ID?meta=1&include_sharing=1. When a window of yours for the "
        "same API is open, it looks the entry up instead and this start ends",
    )
    _common(parser)
    parser.add_argument(
        "--new-window",
        action="store_true",
        help="open a window of its own, even when one is open for the same API",
    )
    parser.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="after the first lookup, save a picture of the window and quit",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation: a demo lookup through the window "
        "(offscreen), icon, fonts, keyring; exit 0 if all pass",
    )
    parser.add_argument("--version", action=_VersionAction)
    return parser


def get_parser() -> argparse.ArgumentParser:
    from inspector.services import DEFAULT_REPORT_YEARS, NetworkSettings  # not the window's

    parser = argparse.ArgumentParser(
        prog=f"{PROG} get",
        description="Print time entries. Exit codes: 0 found (several IDs: all found), "
        "2 invalid input, 3 not found (with --reports: found nowhere), 4 authentication or "
        "permission (also a workspace not accessible), 1 anything else (also a plan "
        "without the Reports API, or its quota used up, or the quota reserve reached). "
        "Several IDs: the worst of 4, 1 and 3, and every ID still gets its line or row. "
        "With --context, what could not be "
        "checked is said in the output and never changes the exit code: the entry was found.",
    )
    parser.add_argument(
        "ids",
        nargs="+",
        metavar="ID",
        help="a time entry ID (also #123 or a Toggl API URL ending in /time_entries/123); "
        "'-' reads text from standard input and finds the IDs in it (#N, /time_entries/N, "
        "whole-word numbers of 5 to 19 digits); each ID is looked up once",
    )
    _common(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="(one ID) the same as --format json: print the entry's JSON exactly as "
        "received (found by --reports: the page of report rows that holds it)",
    )
    parser.add_argument(
        "--context",
        action="store_true",
        help="explain why the entry may look wrong: the owner's time zone and calendar day, "
        "overlapping, duplicate or running entries around it, its project and workspace "
        "(at most 4 requests, fewer when cached; not spent when fewer than 3 of the hourly "
        "quota would be left); adds the explanations and a 'Context: N requests' line",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "jsonl", "csv", "summary", "report"),
        default=None,
        help="text: the summary (several IDs: a table; default); json: (one ID) Toggl's body "
        "as received; jsonl: one JSON object per ID (found: the report object, with "
        "outcome, description, user_name, project_name; else id, outcome, message and the "
        "same keys, null); csv: id,outcome,state,start,stop,duration_seconds,user_name,"
        "project_name,description,anomalies; summary: the ticket summary in Markdown; "
        "report: (one ID) the inspector's view as one JSON object "
        "(id, source, state, deleted, start, stop, duration_seconds, anomalies, requests; "
        "with --context also owner_time_zone, owner_start, day_differs, neighbours, "
        "project, explanations)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print the IDs found and what looking them up would cost; send nothing",
    )
    parser.add_argument(
        "--wait-for-quota",
        action="store_true",
        help="(several IDs) when the hourly quota left reaches the reserve (2), wait until "
        "it resets and go on, counting down on stderr (default: stop there, exit 1, and "
        "name the IDs not looked up)",
    )
    parser.add_argument(
        "--no-history",
        action="store_true",
        help="record nothing in the lookup history (also: TOGGL_INSPECTOR_HISTORY=off)",
    )
    parser.add_argument(
        "--reports",
        action="store_true",
        help="when v9 answers 404 (e.g. older than about three months), "
        "search the Reports API v3, newest year first; every request "
        "counts against the hourly quota",
    )
    parser.add_argument(
        "--workspace",
        type=_workspace_id,
        metavar="W",
        help="(with --reports) the workspace to search (default: the "
        "account's default workspace, asked from /me)",
    )
    parser.add_argument(
        "--since",
        type=_since_date,
        metavar="YYYY-MM-DD",
        help="(with --reports) search back to this date (default: the "
        f"first day of {DEFAULT_REPORT_YEARS} calendar years ago, "
        "this year counted)",
    )
    defaults = NetworkSettings()
    parser.add_argument(
        "--connect-timeout",
        type=_positive_seconds,
        metavar="S",
        default=defaults.connect_timeout_s,
        help=f"seconds to connect (default {defaults.connect_timeout_s:g})",
    )
    parser.add_argument(
        "--read-timeout",
        type=_positive_seconds,
        metavar="S",
        default=defaults.read_timeout_s,
        help=f"seconds without data (default {defaults.read_timeout_s:g})",
    )
    parser.add_argument(
        "--deadline",
        type=_positive_seconds,
        metavar="S",
        default=defaults.deadline_s,
        help=f"seconds for the whole lookup, retries included (default {defaults.deadline_s:g})",
    )
    parser.add_argument(
        "--attempts",
        type=_attempts,
        metavar="N",
        default=defaults.max_attempts,
        help=f"at most N requests, 1 to 5 (default {defaults.max_attempts})",
    )
    return parser


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds in (0, 3600]")
    return value


def _workspace_id(text: str) -> int:
    value = text.strip()
    if not (value.isascii() and value.isdigit() and 1 <= int(value) < 2**63):
        raise argparse.ArgumentTypeError(f"{text!r} is not a workspace ID (a whole number from 1)")
    return int(value)


def _since_date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None
    if value > date.today():
        raise argparse.ArgumentTypeError(
            f"{text} is in the future: there is nothing to search there yet"
        )
    return value


def _attempts(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 5):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 to 5")
    return int(text)


def history_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} history",
        description="List the lookups recorded (by the window and by get), newest first. "
        "The history is in the platform's data directory (TOGGL_INSPECTOR_DATA_DIR "
        "overrides); it never holds a secret.",
    )
    parser.add_argument(
        "--limit",
        type=_limit,
        default=20,
        metavar="N",
        help="show the newest N (default 20)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "jsonl", "csv"),
        default="text",
        help="text: one line each (default); jsonl: one JSON object each; csv",
    )
    parser.add_argument(
        "--search",
        metavar="TEXT",
        help="only lookups whose ID, description, user or project holds TEXT",
    )
    parser.add_argument("--clear", action="store_true", help="erase every recorded lookup")
    return parser


def _limit(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 1_000_000):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1")
    return int(text)


def demo_server_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} demo-server", description="Run the demo Toggl API until interrupted."
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="loopback address to listen on (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    return parser


def _api_url(parser: argparse.ArgumentParser, args: argparse.Namespace) -> ApiUrl | None:
    if args.demo:
        if args.api_url:
            parser.error("--demo and --api-url cannot be combined")
        return None
    try:
        return resolve_api_url(args.api_url, dict(os.environ))
    except InvalidApiUrl as error:
        parser.error(str(error))


def _configure_logging(verbose: bool, log_file: bool = True) -> None:
    configure_logging(verbose, os.environ, log_file)


def _configure_console_logging(verbose: bool) -> None:
    configure_logging(verbose, os.environ, log_file=False)


@contextlib.contextmanager
def _start_up_imports(whole_process: bool) -> Iterator[None]:
    """The imports a command starts with make hundreds of thousands of objects that live as
    long as the process. They are made without the cycle collector and then frozen
    (gc.freeze): no later collection walks them again, nor the one at exit. That is about a
    fifth of `get`'s own time (issue #16). Only when this process is the command
    (``whole_process``), never for a caller of ``main`` such as a test."""
    if not whole_process or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; ``argv`` None: this process is the command (sys.argv)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = args_list[0] if args_list else None
    if command == "get":
        try:
            return _main_get(args_list[1:], whole_process=argv is None)
        except KeyboardInterrupt:
            # Ctrl+C: the person knows why it stopped; a traceback would only alarm them.
            print(f"{PROG}: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
    if command == "history":
        return _main_history(args_list[1:])
    if command == "demo-server":
        return _main_demo_server(args_list[1:])
    return _main_gui(args_list, whole_process=argv is None)


def _entry_ids(parser: argparse.ArgumentParser, tokens: list[str]) -> list[int]:
    """Each token an ID (refused with its reason otherwise); '-' the IDs in the text on
    standard input. Each ID once, in order."""
    ids: list[int] = []
    for token in tokens:
        if token == "-":
            from inspector.domain.pasted_ids import find_entry_ids

            stdin = getattr(sys.stdin, "buffer", None)
            text = stdin.read().decode("utf-8", "replace") if stdin else sys.stdin.read()
            found = find_entry_ids(text)
            if not found:
                parser.error("no time entry IDs found in standard input")
            ids += found
        else:
            ids.append(_checked(parser, token))
    return list(dict.fromkeys(ids))


def _checked(parser: argparse.ArgumentParser, token: str) -> int:
    from inspector.domain.entry_id import InvalidEntryId, parse_entry_id

    try:
        return parse_entry_id(token).value
    except InvalidEntryId as error:
        parser.error(f"argument ID: invalid value {token!r}: {error}")


def _main_get(argv: list[str], whole_process: bool = False) -> int:
    parser = get_parser()
    args = parser.parse_args(argv)
    if not args.reports and (args.workspace is not None or args.since is not None):
        parser.error("--workspace and --since only make sense with --reports")
    if args.json and args.format not in (None, "json"):
        parser.error(
            "--json prints Toggl's body exactly as received: use --format report "
            "(with --context) for the inspector's view"
        )
    output = "json" if args.json else (args.format or "text")
    if output == "json" and args.context:
        parser.error(
            "--json prints Toggl's body exactly as received: use --format report "
            "(with --context) for the inspector's view"
        )
    ids = _entry_ids(parser, args.ids)
    several = len(ids) > 1
    if several and output == "json":
        parser.error(
            f"--json prints one entry's body exactly as received, and {len(ids)} IDs were "
            "given: use --format jsonl (one JSON object per ID)"
        )
    if several and output == "report":
        parser.error(
            f"--format report describes one entry, and {len(ids)} IDs were given: use "
            "--format jsonl (one report object per ID)"
        )
    if several and (args.context or args.reports):
        parser.error(
            f"--context and --reports look one entry up at a time (each may cost several "
            f"requests), and {len(ids)} IDs were given"
        )
    if args.dry_run:
        from inspector.domain.pasted_ids import request_cost_text

        for entry_id in ids:
            print(entry_id)
        print(f"{request_cost_text(len(ids), None)} (nothing sent)")
        return 0
    with _start_up_imports(whole_process):
        _configure_logging(args.verbose)
        api_url = _api_url(parser, args)
        from inspector.cli import ReportsOptions, run_get, run_get_many  # httpx: `get` only
        from inspector.services import LookupRequest, NetworkSettings

        record = not args.no_history and _recording_wanted()
    network = NetworkSettings(args.connect_timeout, args.read_timeout, args.deadline, args.attempts)
    if several:
        return run_get_many(
            ids,
            api_url,
            demo=args.demo,
            meta=bool(args.meta),
            include_sharing=bool(args.include_sharing),
            network=network,
            output=output,
            wait_for_quota=args.wait_for_quota,
            record_history=record,
        )
    request = LookupRequest(ids[0], bool(args.meta), bool(args.include_sharing))
    reports = ReportsOptions(args.workspace, args.since) if args.reports else None
    return run_get(
        request,
        api_url,
        as_json=output == "json",
        demo=args.demo,
        network=network,
        reports=reports,
        context=args.context,
        output="text" if output == "json" else output,
        record_history=record,
    )


def _recording_wanted() -> bool:
    from inspector.services.lookup_history import recording_wanted

    return recording_wanted(os.environ)


def _main_history(argv: list[str]) -> int:
    parser = history_parser()
    args = parser.parse_args(argv)
    _configure_console_logging(False)
    from inspector.history_command import run_history

    return run_history(limit=args.limit, output=args.format, search=args.search, clear=args.clear)


def _main_demo_server(argv: list[str]) -> int:
    parser = demo_server_parser()
    args = parser.parse_args(argv)
    if not is_loopback(args.host):
        parser.error(
            f"--host {args.host} is not a loopback address; the demo API "
            "only listens on this machine"
        )
    _configure_logging(True, log_file=False)  # the demo's requests are not the user's
    from inspector.demo.server import DemoServer

    server = DemoServer(host=args.host, port=args.port)
    with server:
        print(f"Demo Toggl API on {server.url}", flush=True)
        print(
            f"API token: {server.token}   (try: curl -u {server.token}:api_token "
            f"{server.url}/api/v9/me/time_entries/{server.demo_ids()[0].entry_id})",
            flush=True,
        )
        for user in server.users:
            print(
                f"Sign in as {user.fullname}: token {user.token}, or {user.email} / "
                f"{user.password}",
                flush=True,
            )
        for entry in server.demo_ids():
            print(f"  {entry.entry_id}  {entry.label}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


def _main_gui(argv: list[str], whole_process: bool = False) -> int:
    parser = gui_parser()
    args = parser.parse_args(argv)
    _configure_console_logging(args.verbose)  # the log file is set up after first paint
    api_url = _api_url(parser, args)
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt starts
        with _start_up_imports(whole_process):
            from inspector.ui.launch import GuiOptions, run_gui  # Qt from here on
        from inspector.ui.self_test import SELF_TEST_ENTRY_ID

        return run_gui(
            GuiOptions(
                api_url=None,
                demo=True,
                entry_id=SELF_TEST_ENTRY_ID,
                meta=True,
                include_sharing=True,
                self_test=True,
                started_at=STARTED_AT,
                verbose=args.verbose,
                freeze_start_up=whole_process,
            )
        )
    request, link_problem = _request(args.entry, args.meta, args.include_sharing)
    claim = None
    # A scripted run (a picture) never hands its entry to a person's window.
    if not (args.new_window or args.screenshot):
        # Only QtCore so far: a start that hands over ends before the window's modules load.
        from inspector.ui.single_instance import WindowClaim

        claim = WindowClaim.take("demo" if api_url is None else api_url.root)
        handed = None
        if claim is not None and claim.window_may_listen:
            from inspector.domain.entry_link import Handover

            handed = claim.hand_over(Handover(args.entry, args.meta, args.include_sharing))
        if claim is not None and handed is not None:
            claim.release()
            return _after_hand_over(handed)
    with _start_up_imports(whole_process):
        from inspector.ui.launch import GuiOptions, run_gui  # the window's modules

    return run_gui(
        GuiOptions(
            api_url=api_url,
            demo=args.demo,
            entry_id=request.entry_id if request else None,
            meta=request.meta if request else args.meta,
            include_sharing=request.include_sharing if request else args.include_sharing,
            screenshot=args.screenshot,
            started_at=STARTED_AT,
            verbose=args.verbose,
            link_problem=link_problem,
            freeze_start_up=whole_process,
        ),
        claim,
    )


def _after_hand_over(accepted: bool) -> int:
    if accepted:
        logging.getLogger("inspector").info("Handed over to the window open already")
        return 0
    print(
        f"{PROG}: a window is open but did not answer; start with --new-window to open another",
        file=sys.stderr,
    )
    return 1


def _request(
    entry: str | None, meta: bool | None, include_sharing: bool | None
) -> tuple[EntryRequest | None, str | None]:
    """What the window looks up first, or why the link given cannot be opened."""
    if entry is None:
        return None, None
    from inspector.domain.entry_id import InvalidEntryId
    from inspector.domain.entry_link import InvalidEntryLink, entry_request

    try:
        return entry_request(entry, meta, include_sharing), None
    except (InvalidEntryLink, InvalidEntryId) as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return None, str(error)


if __name__ == "__main__":
    sys.exit(main())
