"""`toggl-inspector get --json` against a bare httpx GET of the same URL (the budget) and
`curl -s` (for reference), and the CLI's import time."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import VENV_BIN, clean_env, median
from inspector.demo.server import DemoServer

RUNS = 9
ENTRY = "5000000006"


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return (time.perf_counter() - started) * 1000


def measure_cli() -> dict[str, float]:
    results: dict[str, float] = {}
    with DemoServer() as server, tempfile.TemporaryDirectory() as home:
        env = clean_env(Path(home), TOGGL_API_TOKEN=server.token)
        get = [
            str(VENV_BIN / "toggl-inspector"),
            "get",
            ENTRY,
            "--json",
            "--meta",
            "--include-sharing",
            "--api-url",
            server.url,
        ]
        url = f"{server.url}/api/v9/me/time_entries/{ENTRY}?meta=true&include_sharing=true"
        curl = ["curl", "-s", "-f", "-u", f"{server.token}:api_token", url]
        # The least a Python script can do for the same answer, with the same interpreter.
        bare_httpx = [
            sys.executable,
            "-c",
            "import httpx; "
            f"httpx.get({url!r}, auth=({server.token!r}, 'api_token')).raise_for_status()",
        ]
        for command in (get, bare_httpx):  # warm the file cache (and bytecode) for both
            _timed(command, env)
        ours, bare, theirs = [], [], []
        for _ in range(RUNS):  # interleaved, so drift on a noisy machine hits all alike
            ours.append(_timed(get, env))
            bare.append(_timed(bare_httpx, env))
            if shutil.which("curl"):
                theirs.append(_timed(curl, env))
        results["cli_get_json_ms"] = median(ours)
        results["cli_bare_httpx_ms"] = median(bare)
        results["cli_vs_httpx_ratio"] = median(ours) / median(bare)
        if theirs:
            results["cli_curl_ms"] = median(theirs)
            results["cli_vs_curl_ratio"] = median(ours) / median(theirs)
    with tempfile.TemporaryDirectory() as home:
        probe = subprocess.run(
            [
                sys.executable,
                "-X",
                "importtime",
                "-c",
                "import sys, inspector.cli; "
                "sys.exit(3 if any(m.startswith(('PySide6', 'qasync')) for m in sys.modules) "
                "else 0)",
            ],
            capture_output=True,
            text=True,
            env=clean_env(Path(home)),
        )
    cumulative = [
        int(match.group(1))
        for match in re.finditer(
            r"import time:\s+\d+ \|\s+(\d+) \| inspector\.cli$", probe.stderr, flags=re.M
        )
    ]
    results["cli_import_ms"] = cumulative[-1] / 1000 if cumulative else float("nan")
    results["cli_imports_qt"] = float(probe.returncode == 3)
    return results
