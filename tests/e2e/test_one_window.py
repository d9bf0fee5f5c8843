"""One window per user: a later start of `toggl-inspector` (an ID, or a link) hands its entry
to the window open already and ends. Two real processes, offscreen, on the demo API; each
test has its own runtime directory (see e2e_process.command_env)."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest
from e2e_process import read_until, run, start, terminate

KNOWN_OFFSCREEN_NOTES = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",  # a real display raises the window
)


def _problems(stderr: str, *expected: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip()
        and " INFO " not in line
        and not any(note in line for note in (*KNOWN_OFFSCREEN_NOTES, *expected))
    ]


def open_window(tmp_path: Path, *args: str) -> tuple[subprocess.Popen, list[str]]:
    """The first window, once later starts can hand over to it; and what it logged so far."""
    window = start(["--demo", "-v", *args], tmp_path)
    return window, read_until(window, "Later starts hand their entries to this window")


def socket_of(tmp_path: Path) -> Path:
    (path,) = (item for item in (tmp_path / "run").iterdir() if item.is_socket())
    return path


def test_a_second_start_hands_its_entry_to_the_open_window_and_ends(tmp_path):
    window, shown = open_window(tmp_path)
    first_paint = next(i for i, line in enumerate(shown) if "First paint" in line)
    assert first_paint < len(shown) - 1, "the window listens only after its first paint"

    started = time.monotonic()
    second = run(["--demo", "5000000006", "--meta", "-v"], tmp_path, timeout=30)
    took = time.monotonic() - started
    said = second.stderr.decode()
    assert second.returncode == 0, said
    assert "Handed over to the window open already" in said
    assert "First paint" not in said and "Window shown" not in said  # no window of its own
    assert took < 10, f"the second start took {took:.1f} s"
    seen = read_until(window, "Loaded entry 5000000006")
    logged = "".join(seen)
    assert "Asked from outside the window to look up entry 5000000006" in logged
    assert "Looking up entry 5000000006 (meta=True, include_sharing=False)" in logged

    link = "toggl-inspector://entry/5000000001?meta=0&include_sharing=1"
    assert run(["--demo", link], tmp_path, timeout=30).returncode == 0
    seen += read_until(window, "Looking up entry 5000000001 (meta=False, include_sharing=True)")

    _, rest = terminate(window)
    assert window.returncode == 0
    assert _problems("".join(shown + seen) + rest) == []
    assert not list((tmp_path / "run").iterdir()), "the socket went with the window"


def test_a_malformed_message_and_a_bad_link_are_refused_and_said(tmp_path):
    window, shown = open_window(tmp_path)
    with socket.socket(socket.AF_UNIX) as stranger:
        stranger.connect(str(socket_of(tmp_path)))
        stranger.sendall(b"GET / HTTP/1.1\r\n\r\n")
        assert stranger.recv(16) == b""  # dropped without an answer
    seen = read_until(window, "Ignored a malformed message on")
    assert seen[-1].rstrip().endswith(": not a line of JSON")

    bad = run(["--demo", "toggl-inspector://entry/12x"], tmp_path, timeout=30)
    assert bad.returncode == 0  # handed over: the window says what is wrong with it
    assert "The link's entry ID is not valid: 'x' at position 3" in bad.stderr.decode()
    seen += read_until(window, "Refused a link: The link's entry ID is not valid")
    assert not any("Looking up entry" in line for line in seen)

    _, rest = terminate(window)
    assert window.returncode == 0
    expected = ("Ignored a malformed message", "Refused a link")
    assert _problems("".join(shown + seen) + rest, *expected) == []


def test_a_socket_left_by_a_killed_window_is_replaced_by_the_next(tmp_path):
    crashed, _ = open_window(tmp_path)
    crashed.kill()  # no chance to clean up: the socket file stays
    crashed.communicate(timeout=15)
    left = socket_of(tmp_path)
    with socket.socket(socket.AF_UNIX) as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(str(left))

    window, shown = open_window(tmp_path)
    assert any(f"Removed the socket a window left behind: {left}" in line for line in shown)
    assert run(["--demo", "5000000006"], tmp_path, timeout=30).returncode == 0
    read_until(window, "Loaded entry 5000000006")
    terminate(window)
    assert window.returncode == 0


@pytest.mark.parametrize(
    "args",
    [["--demo", "--new-window"], ["--api-url", "http://127.0.0.1:9"]],
    ids=["--new-window", "another API"],
)
def test_a_start_for_a_window_of_its_own_or_another_api_opens_one(tmp_path, args):
    window, _ = open_window(tmp_path)
    other = start([*args, "-v"], tmp_path)
    read_until(other, "Window shown")
    for process in (other, window):
        terminate(process)
        assert process.returncode == 0


def test_a_link_as_the_first_start_s_argument_opens_its_entry(tmp_path):
    link = "toggl-inspector://entry/5000000006?meta=1&include_sharing=true"
    done = run(["--demo", link, "--screenshot", str(tmp_path / "w.png"), "-v"], tmp_path)
    said = done.stderr.decode()
    assert done.returncode == 0, said
    assert "Looking up entry 5000000006 (meta=True, include_sharing=True)" in said


def test_a_link_that_cannot_be_opened_looks_nothing_up(tmp_path):
    link = "toggl-inspector://entry/5000000006?meta=yes"
    done = run(["--demo", link, "--screenshot", str(tmp_path / "w.png"), "-v"], tmp_path)
    said = done.stderr.decode()
    assert done.returncode == 0, said  # the window opened, saying why (in its banner)
    assert "toggl-inspector: The link has meta=yes: write meta=1 or meta=0" in said
    assert "Looking up entry" not in said
