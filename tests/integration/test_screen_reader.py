"""The window as a screen reader gets it: the real app (its own process, on the built-in demo
API) on an Xvfb display with Qt's AT-SPI bridge on, in a private D-Bus session with the
AT-SPI bus; the reader (screen_reader_client.py, run by Debian's /usr/bin/python3 with
pyatspi) finds the ID field, Fetch, the field tree and the run state through the
accessibility tree, types an ID, presses Fetch and reads the state and the tree back.

Needs the Debian packages xvfb, dbus-daemon, at-spi2-core and python3-pyatspi (and the X11
libraries of Qt's xcb platform); `./dev test` installs them where it runs as root with
apt-get. Without them the test is skipped, saying what is missing.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SYSTEM_PYTHON = "/usr/bin/python3"
PROGRAMS = {
    "Xvfb": "xvfb",
    "dbus-run-session": "dbus-daemon",
    "/usr/libexec/at-spi-bus-launcher": "at-spi2-core",
}
CLIENT = Path(__file__).with_name("screen_reader_client.py")
CHECKOUT = Path(__file__).resolve().parents[2]
SESSION_TIMEOUT = 60.0  # the whole D-Bus session; the test itself asks for under 30 s
DELETED_ID = "5000000012"


def _missing() -> list[str]:
    missing = [package for program, package in PROGRAMS.items() if shutil.which(program) is None]
    reader = (
        subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
        if os.access(SYSTEM_PYTHON, os.X_OK)
        else None
    )
    if reader is None or reader.returncode != 0:
        missing.append("python3-pyatspi")
    return missing


@pytest.fixture
def xvfb_display(tmp_path: Path) -> Iterator[str]:
    """A fresh Xvfb; the display number it chose itself (-displayfd), once it accepts
    connections."""
    read_end, write_end = os.pipe()
    log = open(tmp_path / "xvfb.log", "wb")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    os.close(write_end)
    try:
        number = b""
        deadline = time.monotonic() + 10
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                pytest.fail(f"Xvfb gave no display: {(tmp_path / 'xvfb.log').read_text()}")
            number += chunk
        yield f":{int(number)}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A short XDG_RUNTIME_DIR (socket paths are limited to 108 bytes), mode 0700."""
    path = Path(tempfile.mkdtemp(prefix="tik-a11y-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _session_env(home: Path, runtime: Path, display: str, app_log: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "LANG": "C.UTF-8",
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "QT_ACCESSIBILITY": "1",
        # Qt joins the AT-SPI bus only when org.a11y.Status says a reader runs, which it
        # does not in a fresh session; setting that would be saved in dconf for good.
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        # No Secret Service in this session: the demo needs none, and none is asked.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(CHECKOUT),  # this checkout, whatever the venv's editable install
        "INSPECTOR_APP_PYTHON": sys.executable,
        "INSPECTOR_APP_LOG": str(app_log),
    }


def _processes_with_home(home: Path, wait: float = 5.0) -> list[int]:
    """Pids still running with this HOME (the session's bus and AT-SPI daemons, the app)."""
    needle = b"HOME=" + str(home).encode() + b"\0"
    deadline = time.monotonic() + wait
    while True:
        left = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if needle in (entry / "environ").read_bytes():
                        left.append(int(entry.name))
                except OSError:
                    pass
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def test_a_screen_reader_finds_the_controls_types_an_id_and_hears_the_state(
    tmp_path: Path, runtime_dir: Path, request: pytest.FixtureRequest
) -> None:
    missing = _missing()
    if missing:
        pytest.skip(
            "screen reader test skipped: needs the Debian packages "
            + " ".join(missing)
            + " (`./dev test` installs them where it runs as root with apt-get)"
        )
    display = request.getfixturevalue("xvfb_display")
    home = tmp_path / "home"
    home.mkdir()
    app_log = tmp_path / "app.log"
    started = time.monotonic()
    session = subprocess.Popen(
        ["dbus-run-session", "--", SYSTEM_PYTHON, str(CLIENT)],
        env=_session_env(home, runtime_dir, display, app_log),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = session.communicate(timeout=SESSION_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(session.pid, signal.SIGKILL)
        out, err = session.communicate()
        pytest.fail(f"the D-Bus session hung for {SESSION_TIMEOUT} s:\n{out}\n{err}")
    seconds = time.monotonic() - started
    app_output = app_log.read_text(errors="replace") if app_log.exists() else ""
    assert session.returncode == 0, f"{out}\n{err}\napp:\n{app_output}"
    facts = json.loads(out.strip().splitlines()[-1])
    print(f"{seconds:.2f} s: {facts}")
    assert "error" not in facts, f"{facts['error']}\nsession:\n{err}\napp:\n{app_output}"

    assert facts["roles"] == {
        "id_field": "text",
        "fetch": "push button",
        "tree": "tree",
        "state": "label",
    }
    assert facts["descriptions"]["id_field"].startswith("The ID of the time entry")
    assert facts["descriptions"]["fetch"] and facts["descriptions"]["tree"]
    assert facts["state_before"] == "Run state"  # nothing looked up yet
    assert facts["typed"] == DELETED_ID
    assert facts["state"] == "Run state: Deleted · was stopped · 0:25:00"
    rows = facts["tree"]
    assert rows[0][0] == "Anomalies"
    assert [rows[1][0], rows[1][2]] == ["deleted", "anomaly"]
    assert any(row[:2] == ["id", DELETED_ID] for row in rows), rows
    assert facts["app_exit"] == 0, app_output
    assert _processes_with_home(home) == [], "a daemon of the session outlived it"
    assert seconds < 30
