"""How requests reach the API: certificates checked against the operating system's trust
store (where a company's TLS-inspection CA is installed), never turned off."""

from __future__ import annotations

import ssl

import httpx


def trust_store_context() -> ssl.SSLContext:
    """TLS client context that trusts what this computer trusts (Windows' and macOS'
    certificate stores, the system CA bundle on Linux), as pip does through truststore;
    Python's own bundled list would ignore a CA the IT department installed."""
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class ApiTransport(httpx.AsyncBaseTransport):
    """The app's one transport: every connection verified with ``ssl_context``."""

    def __init__(self) -> None:
        self.ssl_context = trust_store_context()
        self._direct = httpx.AsyncHTTPTransport(verify=self.ssl_context)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._direct.handle_async_request(request)

    async def aclose(self) -> None:
        await self._direct.aclose()
