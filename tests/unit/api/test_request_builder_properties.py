"""Whatever a person types or pastes, the request's path is the entry endpoint and digits."""

from __future__ import annotations

import asyncio
import contextlib
import re

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.api.auth import ApiAuth
from inspector.api.base_url import parse_api_url
from inspector.api.errors import NotFound
from inspector.api.time_entries import fetch_time_entry
from inspector.domain.entry_id import InvalidEntryId, parse_entry_id

SAFE_PATH = re.compile(rb"/api/v9/me/time_entries/[0-9]+(\?(meta=true)?&?(include_sharing=true)?)?")

hostile_text = st.one_of(
    st.text(),
    st.from_regex(r"\s*[#]?[0-9]{1,25}[/?#%.&=a-z\\ ]{0,12}[0-9a-z./]{0,12}\s*", fullmatch=True),
    st.sampled_from(
        [
            "123/../me",
            "123?meta=true",
            "1 2",
            "%2e%2e/123",
            "123%2F..",
            "https://api.track.toggl.com/api/v9/me/time_entries/1/../../me",
            "https://api.track.toggl.com/api/v9/me/time_entries/77?x=/../",
            "#12/../3",
            "12\r\nHost: evil",
            "１２３",
        ]
    ),
)


def _requested_path(entry_id: int, meta: bool, sharing: bool) -> bytes:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(404)

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(record)) as http:
            with contextlib.suppress(NotFound):  # expected; only the request matters here
                await fetch_time_entry(
                    http,
                    parse_api_url("https://api.example.test"),
                    ApiAuth.for_token("t"),
                    entry_id,
                    meta=meta,
                    include_sharing=sharing,
                )

    asyncio.run(go())
    assert len(seen) == 1
    return seen[0].url.raw_path


@settings(max_examples=300, deadline=None, database=None)
@given(text=hostile_text, meta=st.booleans(), sharing=st.booleans())
def test_no_input_reaches_the_request_as_anything_but_digits(text, meta, sharing):
    try:
        entry_id = parse_entry_id(text).value
    except InvalidEntryId:
        return  # refused: nothing is sent at all
    path = _requested_path(entry_id, meta, sharing)
    assert SAFE_PATH.fullmatch(path), path
    assert path.split(b"?")[0] == f"/api/v9/me/time_entries/{entry_id}".encode()
