"""The demo Toggl API server: stdlib HTTP on a loopback socket, in a background thread."""

from __future__ import annotations

import base64
import json
import logging
import re
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from inspector.demo.dataset import (
    DEMO_API_TOKEN,
    FAULT_STATUS_BY_ID,
    META_FIELDS,
    SHARING_FIELDS,
    SLOW_ENTRY_DELAY_S,
    SLOW_ENTRY_ID,
    DemoEntry,
    build_dataset,
)

log = logging.getLogger("inspector.demo")

_ENTRY_PATH = re.compile(r"/api/v9/me/time_entries/([0-9]+)", re.ASCII)
# Go's strconv.ParseBool, which the real API uses for query booleans.
_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_FALSE = {"0", "f", "F", "FALSE", "false", "False"}
_FAULT_BODIES = {
    403: "User does not have access to this resource",
    404: "Resource can not be found",
    500: "Internal Server Error",
}
QUOTA_PER_HOUR = 600


@dataclass(frozen=True)
class ServedRequest:
    path: str
    status: int


class DemoServer:
    """Start with ``start()`` (or as a context manager); ``url`` is then its base URL."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0,
                 delays: dict[int, float] | None = None) -> None:
        self.entries, self.catalogue = build_dataset()
        self.delays = {SLOW_ENTRY_ID: SLOW_ENTRY_DELAY_S, **(delays or {})}
        self.token = DEMO_API_TOKEN
        self.stopping = threading.Event()
        self._received: list[str] = []
        self._served: list[ServedRequest] = []
        self._served_lock = threading.Lock()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.demo = self
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
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

    def start(self) -> DemoServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        name="demo-api", daemon=True)
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

    def _record(self, path: str, status: int) -> None:
        with self._served_lock:
            self._served.append(ServedRequest(path, status))


@contextmanager
def running_demo_server(**options: object) -> Iterator[DemoServer]:
    server = DemoServer(**options)  # type: ignore[arg-type]
    with server:
        yield server


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    demo: DemoServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects from a real API
    # Headers and body go out in two writes; with Nagle's algorithm the second waits for
    # the client's delayed ACK (~40 ms per request on a reused connection).
    disable_nagle_algorithm = True
    server_version = "TogglDemoAPI/1"

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's naming)
        demo = self.server.demo
        parts = urlsplit(self.path)
        with demo._served_lock:
            demo._received.append(parts.path)
        match = _ENTRY_PATH.fullmatch(parts.path)
        if not match:
            self._answer(404, "Resource can not be found")
            return
        if not self._authorised(demo.token):
            self._answer(401, None)  # the real API answers 401 with an empty body
            return
        entry_id = int(match.group(1))
        if entry_id in FAULT_STATUS_BY_ID:
            status = FAULT_STATUS_BY_ID[entry_id]
            self._answer(status, _FAULT_BODIES.get(status))
            return
        query = parse_qs(parts.query, keep_blank_values=True)
        flags = {}
        for name in ("meta", "include_sharing"):
            value = query.get(name, ["false"])[-1]
            if value not in _TRUE | _FALSE:
                self._answer(400, f"Invalid value for '{name}': {value}")
                return
            flags[name] = value in _TRUE
        entry = demo.entries.get(entry_id)
        if entry is None:
            self._answer(404, "Resource can not be found")
            return
        if demo.stopping.wait(demo.delays.get(entry_id, 0.0)):
            self.close_connection = True
            return  # shutting down: drop the delayed answer
        shown = {
            key: value for key, value in entry.items()
            if (flags["meta"] or key not in META_FIELDS)
            and (flags["include_sharing"] or key not in SHARING_FIELDS)
        }
        self._answer(200, shown)

    def _authorised(self, token: str) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            decoded = base64.b64decode(header[6:], validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return False
        return decoded == f"{token}:api_token"

    def _answer(self, status: int, payload: object) -> None:
        body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        demo = self.server.demo
        remaining = max(0, QUOTA_PER_HOUR - len(demo.served) - 1)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Toggl-Request-Id", uuid.uuid4().hex)
            self.send_header("X-Toggl-Quota-Remaining", str(remaining))
            self.send_header("X-Toggl-Quota-Resets-In", "3600")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a cancelled lookup): nothing to answer
        demo._record(urlsplit(self.path).path, status)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        # The request line only: the Authorization header is never logged.
        log.info("%s %s", self.address_string(), format % args)
