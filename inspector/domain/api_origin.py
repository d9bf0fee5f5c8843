"""Where an API lives, as far as a credential is concerned: scheme://host[:port].

A saved account is tied to the origin that verified it; its secret is sent there only.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Toggl's own API: accounts saved before origins were recorded belong here.
DEFAULT_ORIGIN = "https://api.track.toggl.com"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def url_origin(url: str) -> str:
    """``url``'s scheme://host[:port], lower case, without the scheme's default port."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or port == _DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"
