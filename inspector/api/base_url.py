"""Which Toggl API the inspector talks to, and refusing ones it must not talk to."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from inspector.domain.api_origin import url_origin

DEFAULT_API_URL = "https://api.track.toggl.com"
API_URL_ENV = "TOGGL_INSPECTOR_API_URL"


class InvalidApiUrl(ValueError):
    """The API URL cannot be used; ``str(error)`` says why."""


@dataclass(frozen=True)
class ApiUrl:
    """A validated base URL: https anywhere, plain http only on this machine (loopback)."""

    root: str  # scheme://host[:port][/prefix] without a trailing slash

    def join(self, path: str) -> str:
        return self.root + path

    @property
    def origin(self) -> str:
        """scheme://host[:port] of the API: the place a saved account was verified against,
        and the only one its secret is ever sent to."""
        return url_origin(self.root)


def parse_api_url(text: str) -> ApiUrl:
    candidate = text.strip()
    try:
        parts = urlsplit(candidate)
    except ValueError as error:
        raise InvalidApiUrl(f"API URL is malformed: {error}.") from None
    if "@" in parts.netloc:
        # A credential in a URL ends up in logs and error messages: refuse it, never echo it.
        raise InvalidApiUrl(
            "API URL must not contain a user name or password; use TOGGL_API_TOKEN or the keyring."
        )
    try:
        port = parts.port  # raises on a malformed port
    except ValueError as error:
        raise InvalidApiUrl(f"API URL {candidate!r} is malformed: {error}.") from None
    if parts.scheme not in ("http", "https"):
        raise InvalidApiUrl(
            f"API URL {candidate!r} must start with https:// (or http:// for "
            "a server on this machine)."
        )
    if not parts.hostname:
        raise InvalidApiUrl(f"API URL {candidate!r} has no host name.")
    if parts.query or parts.fragment:
        # Not echoed: a query string is where people paste tokens.
        raise InvalidApiUrl("API URL must not have a query or fragment (the part after ? or #).")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InvalidApiUrl(
            f"Plain http:// is refused for {parts.hostname}: the API token "
            "would cross the network unencrypted. Use https://."
        )
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host if port is None else f"{host}:{port}"
    return ApiUrl(f"{parts.scheme}://{netloc}{parts.path.rstrip('/')}")


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    import ipaddress  # ~14 ms to import: only when a plain-http host must be judged

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_api_url(flag: str | None, environ: dict[str, str] | None = None) -> ApiUrl:
    """Command-line flag, then TOGGL_INSPECTOR_API_URL, then Toggl's own API."""
    if flag:
        return parse_api_url(flag)
    from_env = (environ or {}).get(API_URL_ENV, "").strip()
    return parse_api_url(from_env or DEFAULT_API_URL)
