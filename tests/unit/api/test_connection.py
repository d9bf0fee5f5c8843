"""Which requests go through a proxy: HTTPS to other machines, as the environment says;
loopback never, whatever it says."""

from __future__ import annotations

import httpx
import pytest

from inspector.api.connection import ProxySettings, shown_proxy

EVERY_PROXY = {"http": "http://proxy:3128", "https": "proxy:3128", "all": "http://proxy:3128"}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765/api",
        "http://127.5.6.7/api",
        "http://[::1]:8765/api",
        "http://localhost:8765/api",
        "https://LOCALHOST/api",
        "https://127.0.0.1/api",
        "https://app.localhost/api",
    ],
)
def test_loopback_is_never_proxied(url: str) -> None:
    assert ProxySettings.from_environment(EVERY_PROXY).proxy_for(httpx.URL(url)) is None


def test_https_uses_https_proxy_else_all_proxy() -> None:
    url = httpx.URL("https://api.track.toggl.com/api/v9/me")
    assert ProxySettings.from_environment(EVERY_PROXY).proxy_for(url) == "http://proxy:3128"
    only_all = {"all": "socks5://corp:1080"}
    assert ProxySettings.from_environment(only_all).proxy_for(url) == "socks5://corp:1080"
    only_http = {"http": "http://proxy:3128"}
    assert ProxySettings.from_environment(only_http).proxy_for(url) is None


@pytest.mark.parametrize(
    ("no_proxy", "host", "bypassed"),
    [
        ("*", "api.track.toggl.com", True),
        ("toggl.com", "api.track.toggl.com", True),
        (".toggl.com", "api.track.toggl.com", True),
        ("*.toggl.com", "api.track.toggl.com", True),
        ("toggl.com", "nottoggl.com", False),
        ("api.track.toggl.com:443", "api.track.toggl.com", True),
        ("api.track.toggl.com:8443", "api.track.toggl.com", False),
        ("10.0.0.0/8", "10.1.2.3", True),
        ("10.0.0.0/8", "11.1.2.3", False),
        ("10.1.2.3", "10.1.2.3", True),
        ("other.example, toggl.com", "api.track.toggl.com", True),
        ("other.example", "api.track.toggl.com", False),
    ],
)
def test_no_proxy(no_proxy: str, host: str, bypassed: bool) -> None:
    settings = ProxySettings.from_environment({"https": "http://proxy:3128", "no": no_proxy})
    proxy = settings.proxy_for(httpx.URL(f"https://{host}/api"))
    assert (proxy is None) is bypassed


def test_a_proxy_is_shown_without_its_password() -> None:
    assert shown_proxy("http://user:s3cret@proxy.corp:3128") == "http://proxy.corp:3128"
