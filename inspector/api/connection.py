"""How requests reach the API: certificates checked against the operating system's trust
store (where a company's TLS-inspection CA is installed), never turned off; HTTPS through
the proxy the environment names, loopback never through any.

Plain http:// is allowed for loopback only (inspector.api.base_url), and loopback never
goes through a proxy, so a credential never crosses to a proxy in clear text.
"""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from inspector.api.base_url import is_loopback

# Set on each request by ApiTransport: the proxy it went through (no credentials), or None.
PROXY_EXTENSION = "toggl_inspector.proxy"


def trust_store_context() -> ssl.SSLContext:
    """TLS client context that trusts what this computer trusts (Windows' and macOS'
    certificate stores, the system CA bundle on Linux), as pip does through truststore;
    Python's own bundled list would ignore a CA the IT department installed."""
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


@dataclass(frozen=True)
class ProxySettings:
    """The proxy for HTTPS (HTTPS_PROXY, else ALL_PROXY; lower-case names win, as in
    urllib) and the hosts that bypass it (NO_PROXY: names and their subdomains, ``*``,
    IP addresses and networks, ``host:port``)."""

    https_proxy: str | None = None
    no_proxy: tuple[str, ...] = ()

    @classmethod
    def from_environment(cls, proxies: Mapping[str, str] | None = None) -> ProxySettings:
        """``proxies`` as urllib.request.getproxies() gives them (the environment; on
        Windows and macOS also the system's settings), read once."""
        if proxies is None:
            import urllib.request

            proxies = urllib.request.getproxies()
        proxy = (proxies.get("https") or proxies.get("all") or "").strip()
        if proxy and "://" not in proxy:
            proxy = "http://" + proxy
        no_proxy = tuple(
            entry.strip().lower()
            for entry in proxies.get("no", "").replace(" ", ",").split(",")
            if entry.strip()
        )
        return cls(proxy or None, no_proxy)

    def proxy_for(self, url: httpx.URL) -> str | None:
        """The proxy a request to ``url`` goes through, or None for a direct connection."""
        host = url.host.lower().rstrip(".")
        if is_loopback(host) or host.endswith(".localhost"):
            return None  # this machine: never through a proxy, whatever the environment says
        if url.scheme != "https" or self.https_proxy is None:
            return None  # plain http is loopback only; only HTTPS may be proxied
        if any(_bypasses(entry, host, url.port or 443) for entry in self.no_proxy):
            return None
        return self.https_proxy


def _bypasses(entry: str, host: str, port: int) -> bool:
    """Whether one NO_PROXY entry covers ``host``:``port`` (curl's reading of it)."""
    if entry == "*":
        return True
    name, _, entry_port = entry.rpartition(":") if entry.count(":") == 1 else ("", "", "")
    if name and entry_port.isdigit():
        if int(entry_port) != port:
            return False
        entry = name
    entry = entry.strip("[]")
    try:
        network = ipaddress.ip_network(entry, strict=False)
    except ValueError:
        network = None
    if network is not None:
        try:
            return ipaddress.ip_address(host.strip("[]")) in network
        except ValueError:
            return False
    domain = entry.lstrip("*").lstrip(".")
    return bool(domain) and (host == domain or host.endswith("." + domain))


def shown_proxy(proxy: str) -> str:
    """A proxy URL as it may be shown and logged: scheme://host:port, never a password."""
    url = httpx.URL(proxy)
    port = f":{url.port}" if url.port else ""
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{url.scheme}://{host}{port}"


class ApiTransport(httpx.AsyncBaseTransport):
    """The app's one transport: every connection verified with ``ssl_context``; HTTPS
    through ``proxies``' proxy unless NO_PROXY exempts the host; loopback always direct.
    Each request is marked with the proxy it used (PROXY_EXTENSION).

    The trust store is loaded at the first HTTPS request: plain http (loopback only, the
    demo API) never needs it, and `get` against it starts that much sooner."""

    def __init__(self, proxies: ProxySettings | None = None) -> None:
        self.proxies = ProxySettings.from_environment() if proxies is None else proxies
        self._ssl_context: ssl.SSLContext | None = None
        self._direct: httpx.AsyncHTTPTransport | None = None
        self._plain: httpx.AsyncHTTPTransport | None = None
        self._proxied: dict[str, httpx.AsyncHTTPTransport] = {}

    @property
    def ssl_context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            self._ssl_context = trust_store_context()
        return self._ssl_context

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        proxy = self.proxies.proxy_for(request.url)
        request.extensions[PROXY_EXTENSION] = None if proxy is None else shown_proxy(proxy)
        if proxy is not None:
            return await self._through(proxy).handle_async_request(request)
        if request.url.scheme == "http":
            return await self._plain_http().handle_async_request(request)
        if self._direct is None:
            self._direct = httpx.AsyncHTTPTransport(verify=self.ssl_context)
        return await self._direct.handle_async_request(request)

    def _plain_http(self) -> httpx.AsyncHTTPTransport:
        """For http:// (loopback only, see inspector.api.base_url): no TLS is spoken, so
        its context trusts no certificate at all rather than load the trust store."""
        if self._plain is None:
            self._plain = httpx.AsyncHTTPTransport(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
        return self._plain

    def _through(self, proxy: str) -> httpx.AsyncHTTPTransport:
        transport = self._proxied.get(proxy)
        if transport is None:
            try:
                transport = httpx.AsyncHTTPTransport(
                    verify=self.ssl_context, proxy=httpx.Proxy(proxy)
                )
            except (ImportError, ValueError) as error:  # socks5:// without socksio, say
                raise httpx.ProxyError(
                    f"the proxy {shown_proxy(proxy)} cannot be used ({error})"
                ) from None
            self._proxied[proxy] = transport
        return transport

    async def aclose(self) -> None:
        for transport in (self._direct, self._plain, *self._proxied.values()):
            if transport is not None:
                await transport.aclose()
