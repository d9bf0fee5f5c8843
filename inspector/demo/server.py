"""The demo Toggl API server: stdlib HTTP on a loopback socket, in a background thread."""

from __future__ import annotations

import base64
import json
import logging
import math
import re
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from inspector.demo.account import (
    ACCOUNT_PATHS,
    DemoUser,
    demo_users,
    user_for_basic_auth,
)
from inspector.demo.catalogue import demo_catalogue  # noqa: F401  (re-exported)
from inspector.demo.dataset import (
    DEMO_API_TOKEN,
    SLOW_ENTRY_DELAY_S,
    SLOW_ENTRY_ID,
    DemoEntry,
    build_dataset,
)
from inspector.demo.entry_lists import list_entries
from inspector.demo.explain_data import build_explain_entries
from inspector.demo.faults import (
    DRIP_INTERVAL_S,
    JSON,
    OVERSIZED_BODY_BYTES,
    Behaviour,
    Fault,
    build_faults,
    fault_catalogue,
)
from inspector.demo.reports import build_reports
from inspector.demo.reports import search as search_reports
from inspector.demo.workspaces import (
    DemoAnswer,
    project_answer,
    workspace_answer,
    workspace_users_answer,
)
from inspector.domain.field_catalogue import META_FIELDS, SHARING_FIELDS

log = logging.getLogger("inspector.demo")

_ENTRY_PATH = re.compile(r"/api/v9/me/time_entries/([0-9]+)", re.ASCII)
_LIST_PATH = "/api/v9/me/time_entries"
_WORKSPACE_PATH = re.compile(
    r"/api/v9/workspaces/([0-9]{1,18})(?:/(workspace_users)|/projects/([0-9]{1,18}))?", re.ASCII
)
_REPORTS_SEARCH_PATH = re.compile(
    r"/reports/api/v3/workspace/([0-9]{1,18})/search/time_entries", re.ASCII
)
MAX_POST_BODY_BYTES = 64 * 1024
# Go's strconv.ParseBool, which the real API uses for query booleans.
_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_FALSE = {"0", "f", "F", "FALSE", "false", "False"}
QUOTA_PER_HOUR = 600
QUOTA_RESETS_IN_S = 3600  # what the headers say when no reset period is set
QUOTA_402_RESETS_IN_S = 1234


@dataclass(frozen=True)
class ServedRequest:
    path: str
    status: int


class DemoServer:
    """Start with ``start()`` (or as a context manager); ``url`` is then its base URL."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        delays: dict[int, float] | None = None,
        extra_entries: dict[int, dict[str, object]] | None = None,
        token: str = DEMO_API_TOKEN,
        reports_delay_s: float = 0.0,
        reports_quota: int | None = None,
        account_delay_s: float = 0.0,
        hourly_quota: int | None = None,
        quota_resets_in_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        now: datetime | None = None,
    ) -> None:
        # A fixed ``now`` serves the same dataset whenever it runs (the screenshots').
        self.fixed_now = now
        now = now or datetime.now(UTC)
        self.entries, catalogue = build_dataset(now)
        explaining, self.recently_deleted, explain_catalogue = build_explain_entries(now)
        self.entries.update(explaining)
        self.entries.update(extra_entries or {})  # e.g. a benchmark's outsized entry
        self.faults = build_faults(now)
        self.reports = build_reports(now)
        self.catalogue = (
            catalogue + explain_catalogue + self.reports.catalogue + fault_catalogue(self.faults)
        )
        # Reports searches: a wait before each answer (to cancel mid-search without sleeping
        # in tests), and how many are answered before the hourly quota "runs out" (None:
        # never; then 402 with the quota headers at 0).
        self.reports_delay_s = reports_delay_s
        self.account_delay_s = account_delay_s  # before /me answers: to cancel a sign-in
        self.reports_quota = reports_quota
        # The hourly quota of every signed-in request (None: QUOTA_PER_HOUR in the headers,
        # never used up): the remaining count falls with each answer, and once it is used
        # up every request answers a quota 402, as Toggl does.
        self.hourly_quota = hourly_quota
        # With a period (seconds), the quota is counted in windows of that length from the
        # server's start: X-Toggl-Quota-Resets-In counts down to the window's end, and the
        # next window starts with the whole quota again (short in tests; ``clock`` may be a
        # test's own, so a wait for the reset needs no sleeping). Without one the headers
        # say 3600 s (a 402 1234 s) and the quota never comes back.
        self.quota_resets_in_s = quota_resets_in_s
        self.clock = clock
        self._quota_window_start = clock()
        self._quota_admitted = 0  # requests counted in the current window
        self._requests_by_id: dict[int, int] = {}
        self.delays = {SLOW_ENTRY_ID: SLOW_ENTRY_DELAY_S, **(delays or {})}
        self.token = token  # the demo user's; tests may choose their own marker
        self.users = demo_users(token)
        self.stopping = threading.Event()
        self._received: list[str] = []
        self._targets: list[str] = []
        self._posted: list[tuple[str, bytes]] = []
        self._served: list[ServedRequest] = []
        self._served_lock = threading.Lock()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.demo = self
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        assert isinstance(host, str)  # an AF_INET address (bytes only in other families')
        return f"http://{host}:{port}"

    @property
    def served(self) -> list[ServedRequest]:
        """Requests answered so far, oldest first (a copy)."""
        with self._served_lock:
            return list(self._served)

    @property
    def received(self) -> list[str]:
        """Paths of the requests that reached the server so far, answered or not (a copy)."""
        with self._served_lock:
            return list(self._received)

    @property
    def received_targets(self) -> list[str]:
        """Like ``received``, with the query string: "/api/v9/me/time_entries?since=..."."""
        with self._served_lock:
            return list(self._targets)

    @property
    def posted(self) -> list[tuple[str, bytes]]:
        """(path, body) of every POST received so far (a copy)."""
        with self._served_lock:
            return list(self._posted)

    def own_entries(self) -> list[dict[str, object]]:
        """The demo user's entries as lists show them: deleted ones too."""
        return [*self.entries.values(), *self.recently_deleted.values()]

    def start(self) -> DemoServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.1,), name="demo-api", daemon=True
        )
        self._thread.start()
        log.info("Demo Toggl API listening on %s", self.url)
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes handlers that are delaying an answer
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def demo_ids(self) -> list[DemoEntry]:
        return list(self.catalogue)

    def admit_to_quota(self) -> tuple[bool, int, int | None]:
        """Count one request against the quota, if any is left: (admitted, remaining after
        it, seconds until the window resets or None without a period)."""
        with self._served_lock:
            resets_in = self._roll_quota_window()
            per_hour = QUOTA_PER_HOUR if self.hourly_quota is None else self.hourly_quota
            if self.hourly_quota is not None and self._quota_admitted >= per_hour:
                return False, 0, resets_in
            self._quota_admitted += 1
            return True, max(0, per_hour - self._quota_admitted), resets_in

    def quota_left(self) -> tuple[int, int | None]:
        """(remaining, seconds until the reset or None), without counting a request."""
        with self._served_lock:
            resets_in = self._roll_quota_window()
            per_hour = QUOTA_PER_HOUR if self.hourly_quota is None else self.hourly_quota
            return max(0, per_hour - self._quota_admitted), resets_in

    def _roll_quota_window(self) -> int | None:
        period = self.quota_resets_in_s
        if period is None:
            return None
        now = self.clock()
        if now >= self._quota_window_start + period:
            self._quota_window_start += (now - self._quota_window_start) // period * period
            self._quota_admitted = 0
        return max(1, math.ceil(self._quota_window_start + period - now))

    def _record(self, path: str, status: int) -> None:
        with self._served_lock:
            self._served.append(ServedRequest(path, status))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    demo: DemoServer

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        # A client hanging up (a cancelled lookup, a closed keep-alive connection) is normal.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects from a real API
    # Headers and body go out in two writes; with Nagle's algorithm the second waits for
    # the client's delayed ACK (~40 ms per request on a reused connection).
    disable_nagle_algorithm = True
    server_version = "TogglDemoAPI/1"
    # The quota headers of the request being answered, once it is counted against the quota
    # (one handler answers every request of a keep-alive connection: reset for each).
    _quota_headers: tuple[tuple[str, str], ...] | None = None

    def do_GET(self) -> None:
        demo = self.server.demo
        self._quota_headers = None
        parts = urlsplit(self.path)
        with demo._served_lock:
            demo._received.append(parts.path)
            demo._targets.append(self.path)
        match = _ENTRY_PATH.fullmatch(parts.path)
        workspace_match = _WORKSPACE_PATH.fullmatch(parts.path)
        account_path = parts.path.rstrip("/")
        listed = parts.path == _LIST_PATH
        if not (match or workspace_match or listed or account_path in ACCOUNT_PATHS):
            self._answer(404, "Resource can not be found")
            return
        user = self._signed_in_user()
        if user is None:
            self._answer(401, None)  # the real API answers 401 with an empty body
            return
        if self._quota_used_up():
            return
        query = parse_qs(parts.query, keep_blank_values=True)
        if workspace_match:
            self._workspace_answer(user, workspace_match)
            return
        if listed:
            flags = self._flags(query)
            if flags is not None:
                own = demo.own_entries() if user.owns_demo_entries else []
                answer = list_entries(own, query, demo.fixed_now or datetime.now(UTC))
                payload = answer.payload
                if answer.status == 200 and isinstance(payload, list):
                    payload = [self._shown(entry, flags) for entry in payload]
                self._answer(answer.status, payload)
            return
        if account_path in ACCOUNT_PATHS:
            if demo.stopping.wait(demo.account_delay_s):
                self.close_connection = True
                return  # shutting down: drop the delayed answer
            body = user.answer(account_path)
            if body is None:
                self._send(200, b"", JSON)
            else:
                self._answer(200, body)
            return
        assert match is not None
        entry_id = int(match.group(1))
        if not user.owns_demo_entries:  # /me/time_entries: only one's own entries
            self._answer(404, "Resource can not be found")
            return
        if entry_id in demo.faults:
            self._fault(entry_id, demo.faults[entry_id])
            return
        flags = self._flags(query)
        if flags is None:
            return
        entry = demo.entries.get(entry_id)
        if entry is None:
            self._answer(404, "Resource can not be found")
            return
        if demo.stopping.wait(demo.delays.get(entry_id, 0.0)):
            self.close_connection = True
            return  # shutting down: drop the delayed answer
        self._answer(200, self._shown(entry, flags))

    def _flags(self, query: dict[str, list[str]]) -> dict[str, bool] | None:
        """meta and include_sharing as Toggl reads them; None when answered 400."""
        flags = {}
        for name in ("meta", "include_sharing"):
            value = query.get(name, ["false"])[-1]
            if value not in _TRUE | _FALSE:
                self._answer(400, f"Invalid value for '{name}': {value}")
                return None
            flags[name] = value in _TRUE
        return flags

    @staticmethod
    def _shown(entry: dict[str, object], flags: dict[str, bool]) -> dict[str, object]:
        return {  # what each option adds: the field catalogue says
            key: value
            for key, value in entry.items()
            if (flags["meta"] or key not in META_FIELDS)
            and (flags["include_sharing"] or key not in SHARING_FIELDS)
        }

    def _workspace_answer(self, user: DemoUser, match: re.Match[str]) -> None:
        workspace_id = int(match.group(1))
        answer: DemoAnswer
        if match.group(2):
            answer = workspace_users_answer(user, workspace_id)
        elif match.group(3):
            answer = project_answer(user, workspace_id, int(match.group(3)))
        else:
            answer = workspace_answer(user, workspace_id)
        self._answer(answer.status, answer.payload)

    def do_POST(self) -> None:
        demo = self.server.demo
        self._quota_headers = None
        parts = urlsplit(self.path)
        with demo._served_lock:
            demo._received.append(parts.path)
            demo._targets.append(self.path)
        length = self.headers.get("Content-Length", "0")
        size = int(length) if length.isascii() and length.isdigit() else -1
        if not 0 <= size <= MAX_POST_BODY_BYTES:
            self.close_connection = True  # the body is not read: the connection is spoilt
            self._answer(400, "Invalid request body")
            return
        body = self.rfile.read(size)
        with demo._served_lock:
            demo._posted.append((parts.path, body))
        match = _REPORTS_SEARCH_PATH.fullmatch(parts.path)
        if not match:
            self._answer(404, "Resource can not be found")
            return
        user = self._signed_in_user()
        if user is None:
            self._answer(401, None)
            return
        if self._quota_used_up():
            return
        if demo.stopping.wait(demo.reports_delay_s):
            self.close_connection = True
            return  # shutting down: drop the delayed answer
        with demo._served_lock:
            searches = sum(1 for served in demo._served if served.path == parts.path)
        if demo.reports_quota is not None and searches >= demo.reports_quota:
            self._send(
                402,
                b'"You have hit your hourly limit for API calls. Try again later."',
                JSON,
                (("X-Toggl-Quota-Remaining", "0"), ("X-Toggl-Quota-Resets-In", "1234")),
            )
            return
        member_of = {workspace["id"] for workspace in user.workspaces}
        answer = search_reports(demo.reports, int(match.group(1)), body, member_of)
        self._send(
            answer.status,
            json.dumps(answer.payload, ensure_ascii=False).encode(),
            JSON,
            answer.headers,
        )

    def _quota_used_up(self) -> bool:
        """Count this request against the hourly quota, or answer a quota 402 (and say so)
        once DemoServer(hourly_quota=N) has let N through in this window."""
        admitted, remaining, resets_in = self.server.demo.admit_to_quota()
        if admitted:
            self._quota_headers = (
                ("X-Toggl-Quota-Remaining", str(remaining)),
                ("X-Toggl-Quota-Resets-In", str(resets_in or QUOTA_RESETS_IN_S)),
            )
            return False
        self._send(
            402,
            b'"You have hit your hourly limit for API calls. Try again later."',
            JSON,
            (
                ("X-Toggl-Quota-Remaining", "0"),
                ("X-Toggl-Quota-Resets-In", str(resets_in or QUOTA_402_RESETS_IN_S)),
            ),
        )
        return True

    def _fault(self, entry_id: int, fault: Fault) -> None:
        demo = self.server.demo
        with demo._served_lock:
            count = demo._requests_by_id[entry_id] = demo._requests_by_id.get(entry_id, 0) + 1
        behaviour = fault.behaviour
        if behaviour is Behaviour.EVERY_OTHER and count % 2 == 1:
            self._send(503, b'"Service Unavailable"', JSON)
        elif behaviour in (Behaviour.ANSWER, Behaviour.EVERY_OTHER):
            self._send(
                fault.status,
                fault.body_now(),
                fault.content_type,
                fault.headers_at(datetime.now(UTC)),
            )
        elif behaviour is Behaviour.SILENT:
            demo.stopping.wait(300)
            self.close_connection = True
        else:
            self._stream_fault(behaviour, fault)

    def _stream_fault(self, behaviour: Behaviour, fault: Fault) -> None:
        """Bodies that go wrong on the wire: cut short, dripped, or far too large."""
        demo = self.server.demo
        length = {
            Behaviour.OVERSIZED: OVERSIZED_BODY_BYTES,
            Behaviour.CLOSE_MID_BODY: len(fault.body),
        }.get(behaviour, 10**9)
        self.close_connection = True
        try:
            self._send_head(200, JSON, length, fault.headers)
            if behaviour is Behaviour.CLOSE_MID_BODY:
                self.wfile.write(fault.body[: len(fault.body) // 2])
            elif behaviour is Behaviour.OVERSIZED:
                chunk = b" " * 65536
                for _ in range(length // len(chunk)):
                    self.wfile.write(chunk)
            else:  # DRIP: the read timeout never fires, only the lookup's deadline can
                while not demo.stopping.wait(DRIP_INTERVAL_S):
                    self.wfile.write(b" ")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should
        demo._record(urlsplit(self.path).path, 200)

    def _signed_in_user(self) -> DemoUser | None:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return None
        try:
            decoded = base64.b64decode(header[6:], validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return None
        user, _, password = decoded.partition(":")
        return user_for_basic_auth(self.server.demo.users, user, password)

    def _answer(self, status: int, payload: object) -> None:
        body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        self._send(status, body, JSON)

    def _send(
        self, status: int, body: bytes, content_type: str, headers: tuple[tuple[str, str], ...] = ()
    ) -> None:
        try:
            self._send_head(status, content_type, len(body), headers)
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a cancelled lookup): nothing to answer
        self.server.demo._record(urlsplit(self.path).path, status)

    def _send_head(
        self, status: int, content_type: str, length: int, headers: tuple[tuple[str, str], ...]
    ) -> None:
        demo = self.server.demo
        names = {name.lower() for name, _ in headers}
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("X-Toggl-Request-Id", uuid.uuid4().hex)
        if "x-toggl-quota-remaining" not in names:
            counted = self._quota_headers
            if counted is None:  # not counted (refused before the quota is): as it stands
                remaining, resets_in = demo.quota_left()
                counted = (
                    ("X-Toggl-Quota-Remaining", str(remaining)),
                    ("X-Toggl-Quota-Resets-In", str(resets_in or QUOTA_RESETS_IN_S)),
                )
            for name, value in counted:
                self.send_header(name, value)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        # The request line only: the Authorization header is never logged.
        log.info("%s %s", self.address_string(), format % args)
