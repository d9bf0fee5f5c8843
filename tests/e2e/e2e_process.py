"""Running the installed `toggl-inspector` command in its own process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).with_name("toggl-inspector")
# The checkout these tests belong to: its package is the one the command runs, even when
# the venv's editable install points at another checkout (a git worktree, say).
CHECKOUT = Path(__file__).resolve().parents[2]


def command_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A clean environment: its own home and config, offscreen Qt, no inherited token.

    A PYTHONPATH in ``extra`` comes first, then this checkout, then the inherited one."""
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("TOGGL_", "PYTEST_"))
    }
    env.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),  # the lookup history
        # Where the window listens for later starts: one per test, not the person's.
        XDG_RUNTIME_DIR=_private_directory(tmp_path / "run"),
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    paths = [extra.pop("PYTHONPATH", ""), str(CHECKOUT), os.environ.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
    env.update(extra)
    return env


def _private_directory(path: Path) -> str:
    path.mkdir(mode=0o700, exist_ok=True)
    return str(path)


def run(args: list[str], tmp_path: Path, timeout: float = 60, **env: str):
    return subprocess.run(
        [str(BIN), *args],
        capture_output=True,
        timeout=timeout,
        env=command_env(tmp_path, **env),
        stdin=subprocess.DEVNULL,
    )


def start(args: list[str], tmp_path: Path, **env: str) -> subprocess.Popen:
    """The app in the background, its stderr readable line by line."""
    return subprocess.Popen(
        [str(BIN), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=command_env(tmp_path, **env),
        stdin=subprocess.DEVNULL,
    )


def read_until(process: subprocess.Popen, marker: str) -> list[str]:
    """Read stderr until a line holds ``marker`` (or the stream ends); fail if it never came."""
    lines = []
    for line in process.stderr:
        lines.append(line)
        if marker in line:
            return lines
    raise AssertionError(f"{marker!r} never appeared:\n" + "".join(lines))


def terminate(process: subprocess.Popen, timeout_s: float = 15) -> tuple[float, str]:
    """SIGTERM, as a desktop session ending or Ctrl+C would: (seconds to exit, rest of stderr)."""
    import signal
    import time

    signalled = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=timeout_s)
    return time.monotonic() - signalled, rest
