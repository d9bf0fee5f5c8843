"""Small helpers shared by the benchmarks: medians, RSS, spawning and timing processes."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def median(values: list[float]) -> float:
    return statistics.median(values)


def rss_mb(pid: int | None = None) -> float:
    """Resident set size from /proc (Linux)."""
    status = Path(f"/proc/{pid or 'self'}/status").read_text()
    kilobytes = next(
        int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
    )
    return kilobytes / 1024


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE (set in some shells and CI) would make every start compile
    # the app's sources afresh, which no installed app does: measure with bytecode caches.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TOGGL_") and key != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        # The checkout being measured, not the one the venv's editable install points at
        # (a worktree shares /work/main's venv, whose console script imports from there).
        PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        # A window measured never hands over to (or takes requests from) a person's window.
        XDG_RUNTIME_DIR=_private_directory(home / "run"),
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    env.update(extra)
    return env


def _private_directory(path: Path) -> str:
    path.mkdir(mode=0o700, exist_ok=True)
    return str(path)


def time_to_line(
    command: list[str], marker: str, env: dict[str, str], timeout_s: float = 60
) -> tuple[float, float]:
    """(ms from process start to the first stderr line containing marker, RSS MB then).

    The process is killed afterwards: it is a window that would otherwise stay open.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    try:
        assert process.stderr is not None
        deadline = started + timeout_s
        for line in process.stderr:
            if marker in line:
                elapsed = (time.perf_counter() - started) * 1000
                return elapsed, rss_mb(process.pid)
            if time.perf_counter() > deadline:
                break
        raise RuntimeError(f"{command[0]} never printed {marker!r}")
    finally:
        process.kill()
        process.communicate(timeout=10)


@contextmanager
def server_apart(server_pid: int) -> Iterator[None]:
    """The demo API on a core of its own, this process on the others, for as long as it
    lasts: Toggl's servers do not run on the person's computer, so their work should not
    stand in the window's way (on 2 cores the server's answers otherwise take the window's
    core, and a largest-gap figure reads 10 to 28 ms for the same code)."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(cores) < 2:
        yield
        return
    os.sched_setaffinity(server_pid, {cores[-1]})
    os.sched_setaffinity(0, set(cores[:-1]))
    try:
        yield
    finally:
        os.sched_setaffinity(0, set(cores))  # later rows' processes get every core again


@contextmanager
def demo_api(*module: str) -> Iterator[tuple[str, str, int]]:
    """The demo API in a process of its own, as Toggl's is: (url, token, pid) while it runs.
    ``module``: what runs it and prints its address as one line of JSON (default
    benchmarks.demo_process)."""
    import json

    server = subprocess.Popen(
        [sys.executable, "-m", *(module or ("benchmarks.demo_process",))],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert server.stdout is not None
        address = json.loads(server.stdout.readline())
        yield address["url"], address["token"], server.pid
    finally:
        server.kill()
        server.communicate(timeout=10)
