"""Loopback endpoints that fail below HTTP: refused, full backlog (connect timeout)."""

from __future__ import annotations

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
