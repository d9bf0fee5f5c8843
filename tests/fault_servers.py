"""Loopback endpoints that fail below HTTP (refused, full backlog: connect timeout), and a
scripted HTTP server for sequences the demo API does not play (a 503, then silence)."""

from __future__ import annotations

import itertools
import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def refusing_port() -> Iterator[int]:
    """A port nothing listens on (bound then closed, so no one else has taken it yet)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    yield port


@contextmanager
def full_backlog_port() -> Iterator[int]:
    """A listener whose accept queue is full: new connections hang until they time out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port))
    try:
        yield port
    finally:
        filler.close()
        listener.close()


def fail_dns_for(monkeypatch, host: str) -> None:  # type: ignore[no-untyped-def]
    """Make ``host`` fail to resolve, in this process, without asking any name server
    (a test may send no traffic off this machine)."""
    real = socket.getaddrinfo

    def resolve(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == host:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


@contextmanager
def scripted_server(*answers: bytes | None) -> Iterator[str]:
    """A loopback HTTP server answering its n-th request with ``answers[n]`` (raw HTTP
    bytes, sent as they are) or, for None and past the end, with silence until it stops.
    Yields its base URL."""
    import socketserver
    import threading

    stopping = threading.Event()
    count = itertools.count()

    class Handler(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            while not stopping.is_set():
                head = b""
                while not head.endswith(b"\r\n\r\n"):
                    byte = self.rfile.read(1)
                    if not byte:
                        return
                    head += byte
                number = next(count)
                answer = answers[number] if number < len(answers) else None
                if answer is None:
                    stopping.wait(30)
                    return
                self.wfile.write(answer)

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def http_answer(status: int, body: bytes, *headers: tuple[str, str]) -> bytes:
    """Raw HTTP/1.1 answer bytes for scripted_server."""
    lines = [
        f"HTTP/1.1 {status} X",
        f"Content-Length: {len(body)}",
        *(f"{k}: {v}" for k, v in headers),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
