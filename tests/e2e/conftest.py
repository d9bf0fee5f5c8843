"""End-to-end: the installed `toggl-inspector` command in its own process, over loopback."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator

import pytest
from e2e_process import BIN, command_env


@pytest.fixture
def demo_server_process(tmp_path) -> Iterator[tuple[str, str]]:
    """`toggl-inspector demo-server` in its own process; yields (url, token)."""
    process = subprocess.Popen(
        [str(BIN), "demo-server", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=command_env(tmp_path),
        stdin=subprocess.DEVNULL,
    )
    try:
        url_line = process.stdout.readline()
        token_line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", url_line).group(0)
        token = re.search(r"API token: ([0-9a-f]{32})", token_line).group(1)
        yield url, token
    finally:
        process.terminate()
        process.communicate(timeout=10)
