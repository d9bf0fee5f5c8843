"""Which API URLs the inspector accepts, how it normalises them, and where it finds one."""

from __future__ import annotations

import pytest

from inspector.api.base_url import (
    API_URL_ENV,
    DEFAULT_API_URL,
    ApiUrl,
    InvalidApiUrl,
    is_loopback,
    parse_api_url,
    resolve_api_url,
)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("https://api.track.toggl.com", "https://api.track.toggl.com"),
        ("https://api.track.toggl.com/", "https://api.track.toggl.com"),
        ("  https://api.track.toggl.com/  ", "https://api.track.toggl.com"),
        ("https://proxy.example.com/toggl", "https://proxy.example.com/toggl"),
        ("https://proxy.example.com/toggl/", "https://proxy.example.com/toggl"),
        ("https://proxy.example.com:8443/a/b/", "https://proxy.example.com:8443/a/b"),
        ("HTTPS://API.Example.COM/", "https://api.example.com"),
        ("https://10.0.0.1", "https://10.0.0.1"),
    ],
)
def test_https_urls_are_accepted_and_normalised(text: str, root: str) -> None:
    parsed = parse_api_url(text)
    assert parsed == ApiUrl(root)
    assert not parsed.root.endswith("/")


def test_join_appends_the_path_after_the_prefix() -> None:
    api = parse_api_url("https://proxy.example.com/toggl/")
    assert api.join("/api/v9/me") == "https://proxy.example.com/toggl/api/v9/me"


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("http://127.5.6.7", "http://127.5.6.7"),
        ("http://localhost", "http://localhost"),
        ("http://LocalHost:3000/api/", "http://localhost:3000/api"),
        ("http://[::1]:9", "http://[::1]:9"),
        ("http://[::1]", "http://[::1]"),
    ],
)
def test_plain_http_is_accepted_on_loopback(text: str, root: str) -> None:
    assert parse_api_url(text) == ApiUrl(root)


def test_ipv6_https_keeps_brackets() -> None:
    assert parse_api_url("https://[2001:db8::1]:8443/x/").root == "https://[2001:db8::1]:8443/x"


@pytest.mark.parametrize(
    "text",
    [
        "http://example.com",
        "http://api.track.toggl.com/",
        "http://10.0.0.1",
        "http://192.168.1.10:8080",
        "http://[2001:db8::1]:80",
        "http://localhost.example.com",
        "http://127.0.0.1.nip.io",
    ],
)
def test_plain_http_elsewhere_is_refused_pointing_at_https(text: str) -> None:
    with pytest.raises(InvalidApiUrl) as caught:
        parse_api_url(text)
    assert "https" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "https://alice:hunter2secret@api.track.toggl.com",
        "https://:hunter2secret@api.track.toggl.com/",
        "http://alice:hunter2secret@127.0.0.1:8080",
        "https://alice:hunter2secret@proxy.example.com/toggl?x=1",
        "ftp://alice:hunter2secret@example.com",  # refused for the credential before the scheme
        "https://alice:hunter2secret@example.com:abc",
        "https://alice:hunter2secret@example.com:99999",
        "https://:hunter2secret@",
    ],
)
def test_credentials_in_the_url_are_refused_without_echoing_them(text: str) -> None:
    with pytest.raises(InvalidApiUrl) as caught:
        parse_api_url(text)
    message = str(caught.value)
    assert "hunter2secret" not in message
    assert "password" in message


def test_user_name_alone_is_refused() -> None:
    with pytest.raises(InvalidApiUrl, match="user name"):
        parse_api_url("https://alice@api.track.toggl.com")


@pytest.mark.parametrize(
    "text",
    [
        "ftp://api.track.toggl.com",
        "file:///etc/passwd",
        "api.track.toggl.com",
        "ws://127.0.0.1:8080",
        "",
    ],
)
def test_other_schemes_are_refused(text: str) -> None:
    with pytest.raises(InvalidApiUrl, match="https://"):
        parse_api_url(text)


@pytest.mark.parametrize(
    "text",
    [
        "https://api.track.toggl.com/?debug=1",
        "https://api.track.toggl.com/#frag",
        "http://127.0.0.1:8080/api?x=y",
    ],
)
def test_query_or_fragment_is_refused(text: str) -> None:
    with pytest.raises(InvalidApiUrl, match="query or fragment"):
        parse_api_url(text)


@pytest.mark.parametrize("text", ["https://", "https:///path", "http://:8080"])
def test_missing_host_is_refused(text: str) -> None:
    with pytest.raises(InvalidApiUrl, match="host"):
        parse_api_url(text)


@pytest.mark.parametrize("text", ["https://api.example.com:abc", "https://api.example.com:99999"])
def test_malformed_port_is_refused(text: str) -> None:
    with pytest.raises(InvalidApiUrl, match="malformed"):
        parse_api_url(text)


def test_invalid_api_url_is_a_value_error() -> None:
    assert issubclass(InvalidApiUrl, ValueError)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("LOCALHOST", True),
        ("127.0.0.1", True),
        ("127.255.0.1", True),
        ("::1", True),
        ("10.0.0.1", False),
        ("example.com", False),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


# --- resolve_api_url --------------------------------------------------------------------


def test_default_is_toggls_own_api() -> None:
    assert DEFAULT_API_URL == "https://api.track.toggl.com"
    assert resolve_api_url(None, {}) == ApiUrl("https://api.track.toggl.com")


def test_environment_beats_the_default() -> None:
    env = {API_URL_ENV: "https://env.example.com/"}
    assert API_URL_ENV == "TOGGL_INSPECTOR_API_URL"
    assert resolve_api_url(None, env) == ApiUrl("https://env.example.com")


def test_flag_beats_the_environment() -> None:
    env = {API_URL_ENV: "https://env.example.com"}
    assert resolve_api_url("http://127.0.0.1:9999", env) == ApiUrl("http://127.0.0.1:9999")


def test_blank_environment_value_falls_back_to_the_default() -> None:
    assert resolve_api_url(None, {API_URL_ENV: "   "}) == ApiUrl(DEFAULT_API_URL)
    assert resolve_api_url("", {API_URL_ENV: ""}) == ApiUrl(DEFAULT_API_URL)


def test_invalid_flag_is_refused_even_with_a_valid_environment() -> None:
    with pytest.raises(InvalidApiUrl, match="https"):
        resolve_api_url("http://example.com", {API_URL_ENV: "https://env.example.com"})


def test_invalid_environment_value_is_refused() -> None:
    with pytest.raises(InvalidApiUrl, match="https"):
        resolve_api_url(None, {API_URL_ENV: "http://example.com"})
