"""`toggl-inspector get` against the demo server in another process: output and exit codes."""

from __future__ import annotations

import base64
import json

import httpx
import pytest
from e2e_process import run
from fault_servers import fail_dns_for, full_backlog_port
from fault_table import FAULT_ROWS, HEADERS_UNREAD, QUICK


def test_get_prints_a_readable_summary(demo_server_process, tmp_path):
    url, token = demo_server_process
    done = run(["get", "5000000002", "--api-url", url, "--meta"], tmp_path, TOGGL_API_TOKEN=token)
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr
    assert out.startswith("Entry 5000000002: Running, 1:23:")
    assert "elapsed" in out.splitlines()[0]
    assert "  project_name: Support (string)" in out
    assert "Stop: - (running)" in out
    assert done.stderr == b""


def test_get_json_prints_the_body_exactly_as_received(demo_server_process, tmp_path):
    url, token = demo_server_process
    entry_url = f"{url}/api/v9/me/time_entries/5000000011?meta=true&include_sharing=true"
    expected = httpx.get(entry_url, auth=(token, "api_token")).content
    done = run(
        ["get", "5000000011", "--api-url", url, "--meta", "--include-sharing", "--json"],
        tmp_path,
        TOGGL_API_TOKEN=token,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected + b"\n"
    assert "مراجعة" in json.loads(done.stdout)["description"]


@pytest.mark.parametrize(
    "entry_id, code, fragment",
    [
        ("5000000404", 3, "was not found (HTTP 404)"),
        ("5000000401", 4, "did not accept the sign-in (HTTP 401)"),
        ("5000000403", 4, "do not have access"),
        ("5000000500", 1, "server failed (HTTP 500)"),
        ("abc", 2, "not allowed"),
        ("0", 2, "IDs start at 1"),
    ],
)
def test_get_exit_codes_and_one_line_errors(
    demo_server_process, tmp_path, entry_id, code, fragment
):
    url, token = demo_server_process
    done = run(["get", entry_id, "--api-url", url], tmp_path, TOGGL_API_TOKEN=token)
    assert done.returncode == code
    assert fragment in done.stderr.decode()
    assert done.stdout == b""
    assert token not in done.stderr.decode()
    if code != 2:  # argparse prints its usage first; our own errors are one line
        assert len(done.stderr.decode().strip().splitlines()) == 1


def test_get_without_a_token_exits_4_and_says_how_to_provide_one(demo_server_process, tmp_path):
    url, _ = demo_server_process
    done = run(["get", "5000000001", "--api-url", url], tmp_path)
    assert done.returncode == 4
    assert "TOGGL_API_TOKEN" in done.stderr.decode()


def test_the_api_url_comes_from_the_environment(demo_server_process, tmp_path):
    url, token = demo_server_process
    done = run(["get", "5000000001"], tmp_path, TOGGL_API_TOKEN=token, TOGGL_INSPECTOR_API_URL=url)
    assert done.returncode == 0, done.stderr


def test_the_flag_wins_over_the_environment(demo_server_process, tmp_path):
    url, token = demo_server_process
    done = run(
        ["get", "5000000001", "--api-url", url],
        tmp_path,
        TOGGL_API_TOKEN=token,
        TOGGL_INSPECTOR_API_URL="http://127.0.0.1:9",
    )
    assert done.returncode == 0, done.stderr


def test_plain_http_to_another_host_is_refused_before_sending(tmp_path):
    done = run(["get", "1", "--api-url", "http://example.com"], tmp_path, TOGGL_API_TOKEN="0" * 32)
    assert done.returncode == 2
    assert "Plain http:// is refused for example.com" in done.stderr.decode()


def test_connection_refused_exits_1_with_a_clear_message(tmp_path):
    done = run(["get", "1", "--api-url", "http://127.0.0.1:9"], tmp_path, TOGGL_API_TOKEN="0" * 32)
    assert done.returncode == 1
    assert "http://127.0.0.1:9 refused the connection" in done.stderr.decode()


def test_get_with_the_embedded_demo(tmp_path):
    done = run(["get", "5000000005", "--demo"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("Entry 5000000005: Stopped, 0:00:00")


def test_the_get_command_does_not_import_qt(tmp_path):
    import subprocess
    import sys

    probe = (
        "import sys; from inspector.app import main; "
        "code = main(['get', '5000000001', '--demo']); "
        "sys.exit(3 if any(m.startswith(('PySide6', 'qasync')) for m in sys.modules) "
        "else code)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_each_lookup_is_logged_to_the_log_file_without_the_token(demo_server_process, tmp_path):
    url, token = demo_server_process
    log_dir = tmp_path / "logs"
    for entry_id in ("5000000001", "5000000404"):
        run(
            ["get", entry_id, "--api-url", url],
            tmp_path,
            TOGGL_API_TOKEN=token,
            TOGGL_INSPECTOR_LOG_DIR=str(log_dir),
        )
    text = (log_dir / "inspector.log").read_text(encoding="utf-8")
    assert "Entry 5000000001: 200 OK" in text
    assert "Entry 5000000404: Not found (404): Time entry 5000000404 was not found" in text
    assert text.count("request id ") >= 2 and "request id -" not in text
    assert token not in text


QUICK_FLAGS = [
    "--attempts",
    "1",
    "--connect-timeout",
    str(QUICK["connect_timeout_s"]),
    "--read-timeout",
    str(QUICK["read_timeout_s"]),
    "--deadline",
    str(QUICK["deadline_s"]),
]


@pytest.mark.parametrize(
    ("entry_id", "error_name", "fragment"), FAULT_ROWS, ids=[str(row[0]) for row in FAULT_ROWS]
)
def test_get_names_each_fault_in_one_line(
    demo_server_process, tmp_path, entry_id, error_name, fragment
):
    url, token = demo_server_process
    done = run(
        ["get", str(entry_id), "--api-url", url, *QUICK_FLAGS], tmp_path, TOGGL_API_TOKEN=token
    )
    stderr = done.stderr.decode()
    expected_code = {"NotFound": 3, "Unauthorized": 4, "Forbidden": 4}.get(error_name, 1)
    assert done.returncode == expected_code
    assert fragment in stderr
    assert len(stderr.strip().splitlines()) == 1
    answered = entry_id not in HEADERS_UNREAD  # a drip sent its headers (and request id)
    assert ("Request id: " in stderr) is answered
    assert done.stdout == b""


def test_get_retries_and_says_how_often(demo_server_process, tmp_path):
    url, token = demo_server_process
    done = run(
        ["get", "5000000500", "--api-url", url, "--attempts", "2"], tmp_path, TOGGL_API_TOKEN=token
    )
    assert done.returncode == 1
    assert "Tried 2 times. Request id: " in done.stderr.decode()


@pytest.mark.parametrize(
    "flag, value", [("--deadline", "0"), ("--attempts", "9"), ("--read-timeout", "soon")]
)
def test_get_refuses_bad_network_flags(tmp_path, flag, value):
    done = run(["get", "1", "--demo", flag, value], tmp_path)
    assert done.returncode == 2
    assert flag in done.stderr.decode()


def test_get_names_a_tls_failure(demo_server_process, tmp_path):
    url, token = demo_server_process
    done = run(
        ["get", "1", "--api-url", url.replace("http://", "https://"), *QUICK_FLAGS],
        tmp_path,
        TOGGL_API_TOKEN=token,
    )
    assert done.returncode == 1
    assert "secure (TLS) connection" in done.stderr.decode()


def test_get_names_a_connect_timeout(tmp_path):
    with full_backlog_port() as port:
        done = run(
            ["get", "1", "--api-url", f"http://127.0.0.1:{port}", *QUICK_FLAGS],
            tmp_path,
            TOGGL_API_TOKEN="0" * 32,
        )
    assert done.returncode == 1
    assert "within 0.5 s (connect timeout)" in done.stderr.decode()


def test_get_names_a_dns_failure(monkeypatch, capsys, restore_root_logging):
    """In-process: a subprocess could only fail DNS by asking a real name server."""
    from inspector.app import main

    fail_dns_for(monkeypatch, "entries.toggl.invalid")
    monkeypatch.setenv("TOGGL_API_TOKEN", "0" * 32)
    code = main(["get", "1", "--api-url", "https://entries.toggl.invalid", *QUICK_FLAGS])
    assert code == 1
    assert "could not be found (DNS)" in capsys.readouterr().err


def test_get_never_prints_or_writes_the_token(tmp_path):
    from inspector.demo.server import DemoServer

    marker = "c0ffee11c0ffee11c0ffee11c0ffee11"
    outputs = []
    with DemoServer(token=marker) as server:
        for args, token in (
            (["5000000001", "--json"], marker),
            (["5000000001", "--meta"], marker),
            (["5000000401"], marker),
            (["5000000001"], "0" * 32),
        ):
            done = run(
                ["get", *args, "--api-url", server.url, "-v"], tmp_path, TOGGL_API_TOKEN=token
            )
            outputs.append(done.stdout.decode() + done.stderr.decode())
    assert "Looking up entry" in outputs[0]  # -v: the log reached stderr
    forms = (marker, base64.b64encode(f"{marker}:api_token".encode()).decode())
    for form in forms:
        assert all(form not in output for output in outputs)
        for path in tmp_path.rglob("*"):
            if path.is_file():
                assert form not in path.read_text(encoding="utf-8", errors="replace"), path


def test_get_uses_the_account_the_window_signed_in_with(tmp_path):
    """The saved active account's secret is read from the keyring; here (no keyring in the
    child) the error says whose secret and why, with the auth exit code."""
    from inspector.accounts import Account, AccountFile, Accounts
    from inspector.api.base_url import ApiUrl
    from inspector.demo.server import DemoServer

    with DemoServer() as server:
        origin = ApiUrl(server.url).origin  # signed in against this API
        accounts = Accounts(origin=origin)
        accounts.put(
            Account(server.users[0].identity(), False, "2026-11-01T10:00:00+00:00", origin)
        )
        AccountFile(tmp_path / "config" / "toggl-inspector" / "accounts.json").save(accounts)
        done = run(["get", "5000000001", "--api-url", server.url], tmp_path)
    assert done.returncode == 4
    error = done.stderr.decode()
    assert "No usable OS keyring" in error and "this session only" in error
    assert server.received == []


def test_loopback_never_goes_through_a_proxy_whatever_the_environment(
    demo_server_process, tmp_path
):
    """The token would cross to the proxy in clear text: plain http:// is for loopback
    only, and loopback is never proxied."""
    from fault_servers import RecordingProxy

    url, token = demo_server_process
    with RecordingProxy() as proxy:
        proxies = dict.fromkeys(
            ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"), proxy.url
        )
        done = run(
            ["get", "5000000001", "--api-url", url], tmp_path, TOGGL_API_TOKEN=token, **proxies
        )
        localhost = run(
            ["get", "5000000001", "--api-url", url.replace("127.0.0.1", "localhost")],
            tmp_path,
            TOGGL_API_TOKEN=token,
            **proxies,
        )
    assert done.returncode == 0, done.stderr
    assert localhost.returncode == 0, localhost.stderr
    assert proxy.requests == []
