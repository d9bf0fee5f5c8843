"""Loopback endpoints that fail below HTTP (refused, full backlog: connect timeout), and a
scripted HTTP server for sequences the demo API does not play (a 503, then silence)."""

from __future__ import annotations

import contextlib
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


HOSTILE_TEXT = "\x1b]0;PWNED\x07\x1b[2J\nforged line"
HOSTILE_ENTRY = {
    "id": 1,
    "workspace_id": 1,
    "project_id": None,
    "description": HOSTILE_TEXT,
    "start": "2026-11-01T09:00:00+00:00",
    "stop": "2026-11-01T10:00:00+00:00",
    "duration": 3600,
    "tags": [],
    "tag_ids": [],
    "billable": False,
    "at": "2026-11-01T10:00:00Z",
    "user_id": 1,
}


@contextmanager
def hostile_text_server() -> Iterator[str]:
    """A Toggl-shaped API on loopback whose words try to steer a terminal and forge log
    lines: entry 1's description and entry 2's error body (HTTP 400) carry HOSTILE_TEXT.
    Any credential is accepted. Yields the base URL."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            if self.path.startswith("/api/v9/me/time_entries/1"):
                self._send(200, json.dumps(HOSTILE_ENTRY).encode())
            else:
                self._send(400, json.dumps(HOSTILE_TEXT).encode())

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Toggl-Request-Id", "hostile-1")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class SilentServer:
    """Accepts connections and never answers; ``accepted`` is set once a client is in."""

    def __init__(self) -> None:
        import threading

        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.accepted = threading.Event()
        self.connections: list[socket.socket] = []
        self._stopping = False
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # closed
            if self._stopping:
                connection.close()
                return
            self.connections.append(connection)
            self.accepted.set()

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        _wake_and_close(self, self.port)
        for connection in self.connections:
            connection.close()


def self_signed_certificate(directory: object, host: str = "127.0.0.1") -> tuple[str, str]:
    """A key and a self-signed certificate for ``host`` (an IP address or a name), written
    as PEM files into ``directory``; returns (certificate path, key path)."""
    import datetime
    import ipaddress
    from pathlib import Path

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    try:
        alternative: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        alternative = x509.DNSName(host)
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([alternative]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = Path(str(directory))
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_path), str(key_path)


@contextmanager
def self_signed_https_server(directory: object) -> Iterator[tuple[str, list[str]]]:
    """HTTPS on loopback with a self-signed certificate (what TLS inspection looks like to
    a program that does not trust its CA); yields (base URL, paths of requests that got
    through the handshake)."""
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    cert, key = self_signed_certificate(directory)
    reached: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            reached.append(self.path)
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    class TlsServer(ThreadingHTTPServer):
        daemon_threads = True

        def get_request(self):  # type: ignore[no-untyped-def]
            connection, address = super().get_request()
            return context.wrap_socket(connection, server_side=True), address

        def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
            pass  # the client refusing our certificate is the point

    server = TlsServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", reached
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class RecordingProxy:
    """A "proxy" on loopback that only notes the request line of whoever contacts it (a
    CONNECT for HTTPS, a full URL for plain HTTP) and answers 502: to see whether a
    request went through a proxy, and that its token did not."""

    def __init__(self) -> None:
        import threading

        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.requests: list[bytes] = []  # everything received before the blank line
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # closed
            if self._stopping:
                connection.close()
                return
            with connection:
                connection.settimeout(5)
                received = b""
                try:
                    while b"\r\n\r\n" not in received:
                        chunk = connection.recv(4096)
                        if not chunk:
                            break
                        received += chunk
                    self.requests.append(received)
                    connection.sendall(
                        b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
                        b"Connection: close\r\n\r\n"
                    )
                except OSError:
                    self.requests.append(received)

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        _wake_and_close(self, self.listener.getsockname()[1])


def _wake_and_close(server: SilentServer | RecordingProxy, port: int) -> None:
    """Stop a server thread blocked in accept(): closing the socket alone does not wake
    it on Linux, a last connection does."""
    server._stopping = True
    with contextlib.suppress(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    server._thread.join(5)
    server.listener.close()
