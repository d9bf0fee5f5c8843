"""What `get` prints and logs is shown, never obeyed: a server's words cannot steer the
terminal or forge a log line; Ctrl+C ends it quietly."""

from __future__ import annotations

import json
import signal
import subprocess

from e2e_process import BIN, command_env, run
from fault_servers import HOSTILE_ENTRY, SilentServer, hostile_text_server

TOKEN = "0123456789abcdef0123456789abcdef"


def test_a_servers_control_characters_reach_neither_terminal_nor_log(tmp_path):
    log_dir = tmp_path / "logs"
    with hostile_text_server() as url:
        found = run(
            ["get", "1", "--api-url", url, "-v"],
            tmp_path,
            TOGGL_API_TOKEN=TOKEN,
            TOGGL_INSPECTOR_LOG_DIR=str(log_dir),
        )
        refused = run(
            ["get", "2", "--api-url", url, "-v"],
            tmp_path,
            TOGGL_API_TOKEN=TOKEN,
            TOGGL_INSPECTOR_LOG_DIR=str(log_dir),
        )
        as_json = run(["get", "1", "--api-url", url, "--json"], tmp_path, TOGGL_API_TOKEN=TOKEN)
    assert found.returncode == 0, found.stderr
    assert refused.returncode == 1
    for output in (found.stdout, found.stderr, refused.stdout, refused.stderr):
        assert b"\x1b" not in output and b"\x07" not in output
        assert not any(line.startswith(b"forged line") for line in output.splitlines())
    # Shown for what it is: the description, written out on its own line of the summary.
    assert "  description: \\x1b]0;PWNED\\x07\\x1b[2J\\nforged line (string)" in (
        found.stdout.decode()
    )
    error = refused.stderr.decode().strip().splitlines()[-1]
    assert error.startswith("toggl-inspector: error: ")
    assert '"\\x1b]0;PWNED\\x07\\x1b[2J\\nforged line"' in error
    log = (log_dir / "inspector.log").read_bytes()
    assert b"\x1b" not in log and b"\x07" not in log
    assert not any(line.startswith(b"forged line") for line in log.splitlines())
    assert b"Entry 2: Bad request (400): Toggl refused the request as malformed" in log
    # --json stays the body exactly as received.
    assert as_json.stdout == json.dumps(HOSTILE_ENTRY).encode() + b"\n"


def test_ctrl_c_during_a_lookup_exits_130_without_a_traceback(tmp_path):
    with SilentServer() as server:
        process = subprocess.Popen(
            [str(BIN), "get", "1", "--api-url", f"http://127.0.0.1:{server.port}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=command_env(tmp_path, TOGGL_API_TOKEN=TOKEN),
            stdin=subprocess.DEVNULL,
        )
        try:
            assert server.accepted.wait(30), "get never connected"
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=15)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == 130
    assert out == b""
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert err.decode().strip().splitlines() == ["toggl-inspector: interrupted"]
