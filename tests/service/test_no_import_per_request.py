"""A lookup after the first one searches no directory for a module: an import that fails
inside the HTTP stack on every request (httpcore asks for `sniffio`) scans every entry of
sys.path again, on the window's thread, for every entry of a several-IDs run."""

from __future__ import annotations

import asyncio
import importlib.machinery

from inspector.api.base_url import ApiUrl
from inspector.credentials import Credential, CredentialResolver
from inspector.demo.server import DemoServer
from inspector.services import LookupRequest, LookupResult
from inspector.services.lookup import EntryLookup, create_http_client


def test_lookups_after_the_first_search_sys_path_for_nothing(monkeypatch):
    searched: list[str] = []
    find_spec = importlib.machinery.PathFinder.find_spec

    def noting(name, path=None, target=None):
        searched.append(name)
        return find_spec(name, path, target)

    async def go(url: str, token: str) -> list[object]:
        async with create_http_client() as http:
            lookup = EntryLookup(
                http, ApiUrl(url), CredentialResolver(fixed=Credential(token, "t"))
            )
            first = await lookup.lookup(LookupRequest(5000000001))
            monkeypatch.setattr(importlib.machinery.PathFinder, "find_spec", noting)
            later = [await lookup.lookup(LookupRequest(5000000001 + n)) for n in range(1, 4)]
            monkeypatch.undo()
            return [first, *later]

    with DemoServer() as server:
        outcomes = asyncio.run(go(server.url, server.token))
    assert all(isinstance(outcome, LookupResult) for outcome in outcomes)
    assert searched == []
