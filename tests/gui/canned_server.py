"""A loopback HTTP server that answers each path with whatever the test put there: the
server behind a broken proxy, or a hostile one, that the demo API never pretends to be."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from inspector.demo.dataset import DEMO_API_TOKEN


@dataclass(frozen=True)
class Canned:
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default=())


class CannedServer:
    """``answer(path, status, value)`` sets what GET or POST ``path`` answers (the value as
    JSON); anything else answers 404. Every request is accepted, whatever its credential."""

    def __init__(self) -> None:
        self.token = DEMO_API_TOKEN
        self.answers: dict[str, Canned] = {}
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.canned = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.1,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def answer(
        self, path: str, status: int, value: object, headers: tuple[tuple[str, str], ...] = ()
    ) -> None:
        body = json.dumps(value, ensure_ascii=False).encode()
        self.answers[path] = Canned(status, body, headers)

    def demo_ids(self) -> list[object]:
        return []

    def __enter__(self) -> CannedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._httpd.shutdown()
        self._thread.join(timeout=5)
        self._httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        canned: CannedServer = self.server.canned  # type: ignore[attr-defined]
        answer = canned.answers.get(urlsplit(self.path).path)
        if answer is None:
            answer = Canned(404, b'"Resource can not be found"')
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass
