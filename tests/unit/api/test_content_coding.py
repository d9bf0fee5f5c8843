"""Compressed answers: unpacked within the body cap, a piece at a time; stacked or unknown
codings refused with a sentence (issue #12, "Bounded in memory and time")."""

from __future__ import annotations

import asyncio
import gzip
import json
import tracemalloc
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest
from test_time_entries import (
    JSON_TYPE,
    Handler,
    Recorder,
    entry_json,
    fetch,
    fetch_error,
)

from inspector.api import transport
from inspector.api.content_coding import PIECE_BYTES, codings_of
from inspector.api.errors import InvalidResponse, ServerError
from inspector.demo.bombs import MIB, gzip_of_gzip_of_zeros, gzip_of_zeros

ENTRY = json.dumps(entry_json()).encode()


def encoded(body: bytes, coding: str, status: int = 200, size: int = 64 * 1024) -> Handler:
    """An answer with this Content-Encoding that arrives in pieces, as over a socket (a
    body given whole would be read, and unpacked, by httpx.Response itself)."""

    async def pieces() -> AsyncIterator[bytes]:
        for start in range(0, len(body), size):
            yield body[start : start + size]

    def respond(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": JSON_TYPE, "Content-Encoding": coding}
        return httpx.Response(status, headers=headers, content=pieces())

    return respond


def test_only_gzip_and_deflate_are_asked_for() -> None:
    recorder = Recorder(encoded(gzip.compress(ENTRY), "gzip"))
    fetch(recorder)
    assert recorder.requests[0].headers["Accept-Encoding"] == "gzip, deflate"


@pytest.mark.parametrize(
    ("coding", "pack"),
    [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("GZIP", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some send
        ("identity", lambda data: data),
        ("identity, gzip", gzip.compress),
        ("gzip, identity", gzip.compress),
    ],
)
def test_what_was_asked_for_is_unpacked(coding, pack) -> None:
    response = fetch(encoded(pack(ENTRY), coding))
    assert response.body_text == ENTRY.decode()


def test_a_gzip_body_of_several_members_is_read_whole() -> None:
    half = len(ENTRY) // 2
    response = fetch(encoded(gzip.compress(ENTRY[:half]) + gzip.compress(ENTRY[half:]), "gzip"))
    assert response.body_text == ENTRY.decode()


def test_gzip_inside_gzip_is_refused_without_unpacking_it() -> None:
    error = fetch_error(encoded(gzip_of_gzip_of_zeros(64), "gzip, gzip"), InvalidResponse)
    assert "compressed its answer 2 times over (Content-Encoding: gzip, gzip)" in error.message
    assert "Nothing was unpacked" in error.message
    assert error.status == 200


def test_an_error_answer_compressed_twice_is_refused_too() -> None:
    error = fetch_error(encoded(gzip_of_gzip_of_zeros(64), "gzip, gzip", 503), InvalidResponse)
    assert error.status == 503


@pytest.mark.parametrize("coding", ["br", "zstd", "compress", "gzip, br", "rot13"])
def test_a_coding_not_asked_for_is_refused_by_name(coding: str) -> None:
    error = fetch_error(encoded(ENTRY, coding), InvalidResponse)
    assert "which the inspector did not ask for" in error.message or "times over" in error.message
    assert codings_of(coding)[-1] in error.message


def test_a_gzip_bomb_stops_once_ten_megabytes_are_unpacked() -> None:
    bomb = gzip_of_zeros(1024)  # 1 KB per MiB: 1 MB that unpacks to 1 GiB
    tracemalloc.start()
    try:
        error = fetch_error(encoded(bomb, "gzip"), InvalidResponse)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "larger than 10 MB once unpacked (it came compressed)" in error.message
    # The body (10 MB) and one piece: not the 64 MB one 64 KB chunk of this unpacks to.
    assert peak < transport.MAX_BODY_BYTES * 2.5


def test_the_cap_on_what_is_unpacked_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "MAX_BODY_BYTES", 4096)
    head, tail = b'{"id": 5000000001, "pad": "', b'"}'
    exact = head + b"x" * (4096 - len(head) - len(tail)) + tail
    assert fetch(encoded(gzip.compress(exact), "gzip")).body_text == exact.decode()
    over = exact[:-2] + b'x"}'
    error = fetch_error(encoded(gzip.compress(over), "gzip"), InvalidResponse)
    assert "once unpacked" in error.message


def test_an_error_body_is_unpacked_within_the_cap_too() -> None:
    error = fetch_error(encoded(gzip.compress(b'"Internal Server Error"'), "gzip", 500))
    assert isinstance(error, ServerError)
    assert "Internal Server Error" in error.message
    bomb = fetch_error(encoded(gzip_of_zeros(64), "gzip", 500), InvalidResponse)
    assert bomb.status == 500 and "once unpacked" in bomb.message


def test_unpacking_lets_the_event_loop_run_between_pieces() -> None:
    """While ten megabytes unpack, other tasks (the window's painting) get their turns."""
    turns = 0

    async def other_task() -> None:
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    async def go() -> None:
        ticker = asyncio.ensure_future(other_task())
        async with httpx.AsyncClient(
            transport=httpx.MockTransport(encoded(gzip_of_zeros(64), "gzip"))
        ) as client:
            with pytest.raises(InvalidResponse):
                await transport.send_capped(
                    client,
                    transport.ApiUrl("https://api.example.test"),
                    "GET",
                    "https://api.example.test/api/v9/me/time_entries/1",
                    auth=transport.ApiAuth.for_token("0" * 32),
                    timeouts=transport.Timeouts(),
                    record=transport.ExchangeRecord(),
                )
        ticker.cancel()

    asyncio.run(go())
    assert turns >= transport.MAX_BODY_BYTES // PIECE_BYTES


def test_bytes_that_are_not_what_their_coding_says_are_named() -> None:
    error = fetch_error(encoded(gzip.compress(ENTRY)[:-30] + b"garbage" * 9, "gzip"))
    assert isinstance(error, InvalidResponse)
    assert "could not be decoded" in error.message


def test_the_demo_bombs_are_what_they_claim() -> None:
    small = gzip_of_zeros(3)
    assert gzip.decompress(small) == bytes(3 * MIB)
    assert gzip.decompress(gzip.decompress(gzip_of_gzip_of_zeros(3))) == bytes(3 * MIB)
    assert len(gzip_of_gzip_of_zeros(4096)) < 16 * 1024  # gzip of gzip of 4 GiB of zeros
